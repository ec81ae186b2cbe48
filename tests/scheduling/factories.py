"""Factories for tracks, groups and sessions. Plain model rows: the services under test
make the rosters and attendees, so tests that need those call the services."""

from __future__ import annotations

import datetime
import zoneinfo

import factory

from groups.models import CurriculumTopic, Facilitator, Group, GroupKind
from scheduling.models import Room, Session, SessionKind, SessionStaff, Track, TrackBlock
from tests.factories import ProgramFactory


def kind(code: str = "process") -> GroupKind:
    return GroupKind.objects.get(program=None, code=code)


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Room {n}")
    capacity = 16


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Group {n}")
    kind = factory.LazyFunction(kind)
    capacity = 12


def topics(group: Group, *titles: str) -> list[CurriculumTopic]:
    return [
        CurriculumTopic.objects.create(group=group, position=i, title=title)
        for i, title in enumerate(titles, start=1)
    ]


def facilitate(group: Group, user, role: str = "lead") -> Facilitator:
    return Facilitator.objects.create(group=group, user=user, role=role)


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Track {n}")
    days = [1, 3, 4]
    starts_at = datetime.time(9, 0)
    ends_at = datetime.time(12, 0)
    starts_on = datetime.date(2026, 1, 5)


class TrackBlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrackBlock

    track = factory.SubFactory(TrackFactory)
    group = factory.SubFactory(GroupFactory, program=factory.SelfAttribute("..track.program"))
    starts_at = datetime.time(9, 0)
    ends_at = datetime.time(10, 30)


def local(program, day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """An aware datetime at a program-local wall-clock time."""
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(program.time_zone)
    )


class SessionFactory(factory.django.DjangoModelFactory):
    """A booked (non-group) session by default; pass kind="group", group=… for a group one."""

    class Meta:
        model = Session

    program = factory.SubFactory(ProgramFactory)
    kind = SessionKind.INDIVIDUAL
    occurs_on = datetime.date(2026, 3, 4)
    starts_at = factory.LazyAttribute(lambda o: local(o.program, o.occurs_on, 13))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(minutes=50))


def staff_session(session: Session, user, role: str = "lead") -> SessionStaff:
    return SessionStaff.objects.create(session=session, user=user, role=role)
