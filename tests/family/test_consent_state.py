"""What the program may share with a client's person, and the outbox withholding at once.

The answer every family page, message and PDF uses (family.consents), and the do-not-contact
mark's effect on messages already queued (iop.notifications holds).
"""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction

from family.consents import refusal, sharing, with_consents
from family.models import ClientPerson, Person
from family.services.consents import DEFAULT_PURPOSE, family_consent_draft
from family.services.people import (
    client_person_add,
    do_not_contact_lift,
    do_not_contact_mark,
    hold_key,
)
from intake.models.consent import SignerRelationship
from intake.services.consents import consent_revoke, consent_shown_hash, consent_sign
from iop.accounts.models import Role
from iop.notifications.holds import hold_reason
from iop.notifications.models import OutboxMessage, OutboxStatus
from iop.notifications.services import outbox_enqueue, outbox_send_one
from iop.reports.clinical.terms import ConsentInformation as Info
from tests.factories import EpisodeFactory, ProgramFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def program():
    return ProgramFactory()


@pytest.fixture
def intake(program):
    return member(Role.INTAKE, program)


@pytest.fixture
def client_record(program):
    return EpisodeFactory(client__program=program).client


def _add(client, actor, first="Rosa", last="Marin", **link):
    return client_person_add(
        client=client,
        actor=actor,
        person_details={
            "first_name": first,
            "last_name": last,
            "email": f"{first.lower()}@example.com",
            "preferred_channel": "email",
        },
        link_details={"relationship": "parent", **link},
    )


def _consented(link, intake, information=(Info.APPOINTMENTS, Info.AFTERCARE_PLAN), sign=True):
    consent = family_consent_draft(
        link=link,
        actor=intake,
        information=information,
        purpose=DEFAULT_PURPOSE.format(name=link.person.full_name),
        expires_on=link.client.program.today() + datetime.timedelta(days=365),
    )
    if sign:
        consent_sign(
            consent=consent,
            typed_name=link.client.legal_name,
            relationship=SignerRelationship.CLIENT,
            witness=intake,
            ip_address=None,
            shown_sha256=consent_shown_hash(consent),
        )
    return consent


def _fresh(link):
    return with_consents(ClientPerson.objects.select_related("person")).get(pk=link.pk)


def _why(link, information) -> str:
    reason = refusal(_fresh(link), information)
    assert reason is not None, "expected a refusal"
    return reason


def test_with_no_consent_nothing_is_shared_and_the_reason_says_what_to_do(client_record, intake):
    link = _add(client_record, intake)
    assert sharing(link).label == "No consent on file"
    assert refusal(_fresh(link), Info.APPOINTMENTS) == (
        "No consent on file for Rosa Marin: record a consent with them as the recipient first."
    )


def test_a_draft_consent_shares_nothing_until_it_is_signed(client_record, intake):
    link = _add(client_record, intake)
    _consented(link, intake, sign=False)
    link = _fresh(link)
    assert sharing(link).label == "Consent awaiting signature"
    assert "awaiting signature" in _why(link, Info.APPOINTMENTS)


def test_a_signed_consent_covers_only_what_it_names(client_record, intake):
    link = _add(client_record, intake)
    _consented(link, intake, information=[Info.APPOINTMENTS])
    link = _fresh(link)
    assert sharing(link).label.startswith("Consent in force until ")
    assert refusal(link, Info.APPOINTMENTS) is None
    assert refusal(link, Info.WARNING_SIGNS) == (
        "Rosa Marin's consent does not cover warning signs and what to do."
    )


def test_a_revoked_consent_shares_nothing(client_record, intake):
    link = _add(client_record, intake)
    consent = _consented(link, intake)
    consent_revoke(consent=consent, by=intake, revoked_on=client_record.program.today(), note="")
    link = _fresh(link)
    assert sharing(link).label.startswith("Consent revoked on ")
    assert "no longer in force" in _why(link, Info.APPOINTMENTS)


def test_do_not_contact_wins_over_a_consent_in_force(client_record, intake):
    link = _add(client_record, intake)
    _consented(link, intake)
    do_not_contact_mark(link=link, actor=intake, reason="Asked in session")
    link = _fresh(link)
    assert "is marked do not contact since" in _why(link, Info.APPOINTMENTS)
    assert not sharing(link).in_force


def test_one_person_linked_to_two_clients_has_a_consent_per_link(program, intake):
    first = EpisodeFactory.create(client__program=program).client
    second = EpisodeFactory.create(client__program=program).client
    link = _add(first, intake)
    other = client_person_add(
        client=second, actor=intake, person=link.person, link_details={"relationship": "other"}
    )
    _consented(link, intake)
    assert refusal(_fresh(link), Info.APPOINTMENTS) is None
    assert _why(other, Info.APPOINTMENTS).startswith("No consent on file")
    assert Person.objects.count() == 1


def test_linking_the_same_person_twice_is_refused_and_nothing_is_saved(client_record, intake):
    link = _add(client_record, intake)
    with pytest.raises(ValidationError, match="already among this client's people"):
        client_person_add(
            client=client_record,
            actor=intake,
            person=link.person,
            link_details={"relationship": "sibling"},
        )
    assert ClientPerson.objects.count() == 1
    # And the database says the same to a second request racing the first.
    with pytest.raises(IntegrityError), transaction.atomic():
        ClientPerson.objects.create(client=client_record, person=link.person, relationship="other")


def test_a_person_with_email_as_channel_needs_an_address(client_record, intake):
    with pytest.raises(ValidationError, match="Give an email address"):
        client_person_add(
            client=client_record,
            actor=intake,
            person_details={"first_name": "A", "last_name": "B", "preferred_channel": "email"},
            link_details={"relationship": "friend"},
        )
    assert not Person.objects.exists()


def test_a_prescriber_cannot_add_or_mark_people(program, client_record, intake):
    prescriber = member(Role.PRESCRIBER, program)
    with pytest.raises(PermissionDenied):
        _add(client_record, prescriber)
    link = _add(client_record, intake)
    with pytest.raises(PermissionDenied):
        do_not_contact_mark(link=link, actor=prescriber)
    assert not ClientPerson.objects.get(pk=link.pk).do_not_contact


def test_no_consent_is_written_for_a_person_marked_do_not_contact(client_record, intake):
    link = _add(client_record, intake)
    do_not_contact_mark(link=link, actor=intake)
    with pytest.raises(ValidationError, match="is marked do not contact"):
        _consented(link, intake, sign=False)
    assert not link.consent_links.exists()


def _queued(link, key="invite-1"):
    return outbox_enqueue(
        channel="email",
        recipient=link.person.email,
        subject="Appointment reminder",
        body="Reminder: your appointment.",
        dedupe_key=key,
        send_after=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC),
        hold_key=hold_key(link),
    )


def test_do_not_contact_withholds_a_queued_message_at_once_and_it_is_never_sent(
    client_record, intake
):
    link = _add(client_record, intake)
    _consented(link, intake)
    message = _queued(link)
    withheld = do_not_contact_mark(link=link, actor=intake, reason="")
    assert withheld == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.WITHHELD
    assert "was marked do not contact on" in message.last_error
    # Even if something handed it back to pending, the check at sending still refuses.
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxStatus.PENDING)
    assert outbox_send_one(message_id=message.pk) is False
    assert mail.outbox == []
    message.refresh_from_db()
    assert message.status == OutboxStatus.WITHHELD


def test_a_message_queued_before_the_consent_was_revoked_is_withheld_at_sending(
    client_record, intake
):
    link = _add(client_record, intake)
    consent = _consented(link, intake)
    message = _queued(link)
    consent_revoke(consent=consent, by=intake, revoked_on=client_record.program.today(), note="")
    assert outbox_send_one(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.status == OutboxStatus.WITHHELD
    assert "no longer in force" in message.last_error
    assert mail.outbox == []


def test_a_message_to_a_consenting_person_is_sent(client_record, intake):
    link = _add(client_record, intake)
    _consented(link, intake)
    message = _queued(link)
    assert outbox_send_one(message_id=message.pk) is True
    assert [m.to for m in mail.outbox] == [["rosa@example.com"]]


def test_lifting_do_not_contact_does_not_send_what_was_withheld(client_record, intake):
    link = _add(client_record, intake)
    _consented(link, intake)
    message = _queued(link)
    do_not_contact_mark(link=link, actor=intake)
    do_not_contact_lift(link=link, actor=intake)
    assert refusal(_fresh(link), Info.APPOINTMENTS) is None
    message.refresh_from_db()
    assert message.status == OutboxStatus.WITHHELD


def test_a_hold_key_no_app_can_check_is_withheld():
    assert hold_reason("") is None
    assert hold_reason("unknown-kind:1") == "no check for recipients of kind 'unknown-kind'"


def test_a_client_person_row_is_never_deleted(client_record, intake):
    link = _add(client_record, intake)
    with pytest.raises(DatabaseError, match="never deleted"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM family_clientperson WHERE id = %s", [link.pk])
    assert ClientPerson.objects.filter(pk=link.pk).exists()
