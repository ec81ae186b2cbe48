from __future__ import annotations

import datetime
import time

import factory
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.utils import timezone

from iop.accounts.models import Membership, Program, Role, User
from iop.clients.models import Client, Episode, LevelOfCare, SafetyFlag

PASSWORD = "correct-horse-battery-staple"


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    name = factory.Sequence(lambda n: f"Program {n}")
    time_zone = "America/New_York"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@clinic.test")
    first_name = factory.Sequence(lambda n: f"Staff{n}")
    last_name = "Member"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


def member(role: str, program: Program, **kwargs) -> User:
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, program=program, role=role)
    return user


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    program = factory.SubFactory(ProgramFactory)
    record_number = factory.Sequence(lambda n: f"T-{10000 + n}")
    legal_first_name = factory.Sequence(lambda n: f"Client{n}")
    legal_last_name = "Testperson"
    pronouns = "they/them"
    date_of_birth = datetime.date(1990, 5, 17)


def level(code: str = "2.1", edition: str = "3") -> LevelOfCare:
    return LevelOfCare.objects.get(edition=edition, code=code)


class EpisodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Episode

    client = factory.SubFactory(ClientFactory)
    program = factory.SelfAttribute("client.program")
    admitted_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    level_of_care = factory.LazyFunction(level)


class SafetyFlagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SafetyFlag

    client = factory.SubFactory(ClientFactory)
    kind = "suicide_risk"
    note = "Safety plan reviewed"


def totp_enrol(user: User) -> str:
    """Give the user an authenticator app, as allauth's enrolment does; returns the secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str) -> str:
    """The code the authenticator app shows right now (freeze time around sign-in steps)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


__all__ = [
    "PASSWORD",
    "ClientFactory",
    "EpisodeFactory",
    "ProgramFactory",
    "Role",
    "SafetyFlagFactory",
    "UserFactory",
    "level",
    "member",
    "totp_code",
    "totp_enrol",
]
