"""Adding the client's people, changing their details, and the client's do-not-contact choice.

Each write is one transaction. Do-not-contact takes effect at once: the mark is saved and
every message to that person not yet sent is withheld in the same transaction, and the
outbox asks again when it sends (family/apps.py registers the check).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from family.access import check_can
from family.consents import forget_sharing
from family.models import ClientPerson, Person
from iop.accounts import permissions
from iop.accounts.models import User
from iop.clients.models import Client
from iop.notifications.services import outbox_withhold

PERSON_FIELDS = (
    "first_name",
    "last_name",
    "phone",
    "email",
    "preferred_channel",
    "preferred_language",
)
LINK_FIELDS = (
    "relationship",
    "relationship_detail",
    "lives_with_client",
    "emergency_contact",
    "safety_notes",
)
HOLD_PREFIX = "family-person"


def hold_key(link: ClientPerson) -> str:
    """The outbox's name for messages to this person about this client."""
    return f"{HOLD_PREFIX}:{link.pk}"


def _check_person(person: Person) -> None:
    if not person.first_name.strip() or not person.last_name.strip():
        raise ValidationError("Give the person's first and last name.")
    if person.preferred_channel == "email" and not person.email:
        raise ValidationError(
            {"email": "Give an email address, or choose another way to reach them."}
        )
    if person.preferred_channel == "sms" and not person.phone:
        raise ValidationError(
            {"phone": "Give a phone number, or choose another way to reach them."}
        )


@transaction.atomic
def client_person_add(
    *,
    client: Client,
    actor: User,
    person: Person | None = None,
    person_details: dict[str, Any] | None = None,
    link_details: dict[str, Any],
) -> ClientPerson:
    """Link a person to the client: an existing person of the program (``person``, e.g. the
    parent of two clients) or a new one (``person_details``). Linking the same person to the
    same client twice is refused; nothing is saved then."""
    check_can(actor, permissions.EDIT_FAMILY, client)
    if person is None:
        person = Person(program=client.program, created_by=actor, **(person_details or {}))
        _check_person(person)
        person.save()
    elif person.program_id != client.program_id:
        raise ValidationError("That person belongs to another program.")
    elif ClientPerson.objects.filter(client=client, person=person).exists():
        raise ValidationError(f"{person.full_name} is already among this client's people.")
    link = ClientPerson(client=client, person=person, created_by=actor, **link_details)
    try:
        with transaction.atomic():
            link.save()
    except IntegrityError as error:  # two requests at once: the constraint decides
        raise ValidationError(
            f"{person.full_name} is already among this client's people."
        ) from error
    return link


@transaction.atomic
def client_person_update(
    *, link: ClientPerson, actor: User, person_details: dict[str, Any], link_details: dict[str, Any]
) -> ClientPerson:
    """Change the person's contact details (shared by every client they are linked to) and
    this link's relationship and notes."""
    check_can(actor, permissions.EDIT_FAMILY, link.client)
    person = Person.objects.select_for_update().get(pk=link.person_id)
    for name, value in person_details.items():
        if name in PERSON_FIELDS:
            setattr(person, name, value)
    _check_person(person)
    person.save()
    link.person = person
    for name, value in link_details.items():
        if name in LINK_FIELDS:
            setattr(link, name, value)
    link.save()
    return link


@transaction.atomic
def do_not_contact_mark(*, link: ClientPerson, actor: User, reason: str = "") -> int:
    """The client asks that the program not contact this person: in force at once. Returns
    how many queued messages to them were withheld."""
    check_can(actor, permissions.EDIT_FAMILY, link.client)
    locked = ClientPerson.objects.select_for_update().get(pk=link.pk)
    if locked.do_not_contact:
        raise ValidationError(f"{link.person.full_name} is already marked do not contact.")
    now = timezone.now()
    ClientPerson.objects.filter(pk=link.pk).update(
        do_not_contact=True,
        do_not_contact_since=now,
        do_not_contact_recorded_by=actor,
        do_not_contact_reason=reason.strip()[:200],
        updated_at=now,
    )
    link.refresh_from_db()
    forget_sharing(link)
    return outbox_withhold(
        hold_key=hold_key(link),
        reason=f"{link.person.full_name} was marked do not contact on {now:%b %-d, %Y}.",
    )


@transaction.atomic
def do_not_contact_lift(*, link: ClientPerson, actor: User) -> None:
    """The client allows contact again. Messages withheld stay withheld (never sent late);
    a consent is still needed before anything is shared."""
    check_can(actor, permissions.EDIT_FAMILY, link.client)
    locked = ClientPerson.objects.select_for_update().get(pk=link.pk)
    if not locked.do_not_contact:
        raise ValidationError(f"{link.person.full_name} is not marked do not contact.")
    ClientPerson.objects.filter(pk=link.pk).update(
        do_not_contact=False,
        do_not_contact_since=None,
        do_not_contact_recorded_by=None,
        do_not_contact_reason="",
        updated_at=timezone.now(),
    )
    link.refresh_from_db()
    forget_sharing(link)


def hold_check(rest: str) -> str | None:
    """The outbox's question at sending: may this person still be sent appointment times?"""
    from family.consents import refusal, with_consents
    from iop.reports.clinical.terms import ConsentInformation

    link = with_consents(ClientPerson.objects.select_related("person")).filter(pk=rest).first()
    if link is None:
        return "the recipient is no longer among the client's people"
    return refusal(link, ConsentInformation.APPOINTMENTS)
