"""Do not contact, everywhere: the outbox withholds at once and again at sending (a consent
revoked since a message was queued too), and the relapse prevention plan flags a safe
contact who is one of the client's people marked do not contact (staff pages only).

Clinical reports (iop.reports.clinical) go to probation officers and courts under their own
consents, never to the client's people: nothing there to withhold."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from family.services.people import do_not_contact_lift, do_not_contact_mark, hold_key
from intake.services.consents import consent_revoke
from iop.accounts.models import Role
from iop.notifications.models import Channel, OutboxMessage, OutboxStatus
from iop.notifications.services import outbox_enqueue, outbox_send_one
from relapse_prevention.documents import client_copy_context
from relapse_prevention.models import PlanSafeContact, RelapsePreventionPlan
from relapse_prevention.services.plans import rp_plan_start
from tests.factories import ClientFactory, EpisodeFactory
from tests.family.people_helpers import add_person, family_consent
from tests.relapse_prevention.rp_plan_helpers import add, sign_both, skill

pytestmark = pytest.mark.django_db


class RecordingSMSBackend:
    sent: list[tuple[str, str]] = []

    def send(self, *, to: str, body: str) -> None:
        self.sent.append((to, body))


def reminder(link, *, channel=Channel.EMAIL, key="family-reminder-1") -> OutboxMessage:
    message = outbox_enqueue(
        channel=channel,
        recipient=link.person.email if channel == Channel.EMAIL else link.person.phone,
        subject="Family session on Thursday",
        body="A reminder: the family session is on Thursday at 6 pm.",
        dedupe_key=key,
        hold_key=hold_key(link),
    )
    assert message is not None
    return message


@pytest.fixture
def consented(client_record, staff):
    link = add_person(client_record, staff)
    consent = family_consent(link, staff)
    return link, consent


# ---------------------------------------------------------------- the outbox


def test_a_reminder_to_a_consented_person_is_sent(consented):
    link, _ = consented
    message = reminder(link)
    assert outbox_send_one(message_id=message.pk) is True
    assert [m.to for m in mail.outbox] == [[link.person.email]]


def test_marking_do_not_contact_withholds_a_queued_reminder_at_once(consented, staff):
    link, _ = consented
    message = reminder(link)
    withheld = do_not_contact_mark(link=link, actor=staff[Role.CLINICIAN])
    assert withheld == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.WITHHELD
    assert "do not contact" in message.last_error
    assert outbox_send_one(message_id=message.pk) is False
    assert mail.outbox == []
    # Lifting the mark does not send it late.
    do_not_contact_lift(link=link, actor=staff[Role.CLINICIAN])
    assert outbox_send_one(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.status == OutboxStatus.WITHHELD
    assert mail.outbox == []


def test_a_text_to_a_do_not_contact_person_is_never_delivered(consented, staff, settings):
    settings.IOP_SMS_BACKEND = f"{__name__}.RecordingSMSBackend"
    RecordingSMSBackend.sent.clear()
    link, _ = consented
    message = reminder(link, channel=Channel.SMS, key="family-text-1")
    do_not_contact_mark(link=link, actor=staff[Role.CLINICIAN])
    assert outbox_send_one(message_id=message.pk) is False
    assert RecordingSMSBackend.sent == []


def test_marked_between_queueing_and_sending_is_caught_at_sending(consented, staff):
    """The mark written by another path than the service (no withholding run): the outbox
    still asks at sending."""
    from django.utils import timezone

    from family.models import ClientPerson

    link, _ = consented
    message = reminder(link)
    ClientPerson.objects.filter(pk=link.pk).update(
        do_not_contact=True, do_not_contact_since=timezone.now()
    )
    assert outbox_send_one(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.status == OutboxStatus.WITHHELD
    assert mail.outbox == []


def test_a_consent_revoked_after_queueing_withholds_at_sending(consented, staff, client_record):
    link, consent = consented
    message = reminder(link)
    consent_revoke(
        consent=consent,
        by=staff[Role.INTAKE],
        revoked_on=client_record.program.today(),
        note="The client withdrew it.",
    )
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING  # revoking does not reach the outbox...
    assert outbox_send_one(message_id=message.pk) is False  # ...the check at sending does
    message.refresh_from_db()
    assert message.status == OutboxStatus.WITHHELD
    assert "no longer in force" in message.last_error
    assert mail.outbox == []


# ---------------------------------------------------------------- relapse prevention


def _plan_with_person(client, staff, link) -> RelapsePreventionPlan:
    clinician = staff[Role.CLINICIAN]
    plan = rp_plan_start(client=client, by=clinician)
    add(plan, "triggers", clinician, category="places", description="The bar on 5th Street")
    add(
        plan, "coping", clinician, description="Name five things I see", skill=skill(client.program)
    )
    add(
        plan,
        "contacts",
        clinician,
        client_person_id=link.pk,
        name="",
        relationship="",
        phone="",
        when_to_call="When I want to drink",
    )
    return sign_both(plan, clinician)


def test_a_safe_contact_picked_from_the_clients_people_is_filled_from_them(client_record, staff):
    link = add_person(client_record, staff, first_name="Ana")
    plan = _plan_with_person(client_record, staff, link)
    contact = PlanSafeContact.objects.get(plan=plan)
    assert contact.client_person_id == link.pk
    assert (contact.name, contact.relationship, contact.phone) == (
        "Ana Delgado",
        "Parent",
        "+12025550143",
    )
    # A new version carries the link forward.
    draft = rp_plan_start(client=client_record, by=staff[Role.CLINICIAN])
    assert draft.safe_contacts.get().client_person_id == link.pk


def test_another_clients_person_is_not_a_safe_contact(client_record, staff):
    other = EpisodeFactory(client=ClientFactory(program=client_record.program)).client
    theirs = add_person(other, staff)
    clinician = staff[Role.CLINICIAN]
    plan = rp_plan_start(client=client_record, by=clinician)
    with pytest.raises(ValidationError) as refused:
        add(
            plan,
            "contacts",
            clinician,
            client_person_id=theirs.pk,
            name="X",
            phone="(202) 555-0143",
            when_to_call="Any time",
        )
    assert "one of the client's people" in str(refused.value)
    assert not PlanSafeContact.objects.filter(plan=plan).exists()


def test_plan_page_flags_a_do_not_contact_safe_contact_for_staff_only(client, client_record, staff):
    link = add_person(client_record, staff, first_name="Ana")
    plan = _plan_with_person(client_record, staff, link)
    http = client
    http.force_login(staff[Role.CLINICIAN])
    url = reverse("relapse_prevention:plan", args=[client_record.pk])
    assert "Do not contact" not in http.get(url).content.decode()

    do_not_contact_mark(link=link, actor=staff[Role.CLINICIAN])
    link.refresh_from_db()
    assert link.do_not_contact_since is not None
    since = link.do_not_contact_since.astimezone(client_record.program.zone)
    text = http.get(url).content.decode()
    assert f"Do not contact (since {since:%b %-d, %Y})" in text
    assert "Ana Delgado" in text

    # The client's own copy keeps the contact (their own list), without the program's flag.
    context = client_copy_context(
        RelapsePreventionPlan.objects.select_related("client", "program").get(pk=plan.pk)
    )
    context["printed_at"] = client_record.program.now()
    copy = render_to_string("reports/rp_plan_client.html", context)
    assert "Ana Delgado" in copy
    assert "Do not contact" not in copy


def test_plan_form_offers_the_clients_people_with_their_flag(client, client_record, staff):
    ana = add_person(client_record, staff, first_name="Ana")
    kevin = add_person(client_record, staff, first_name="Kevin")
    do_not_contact_mark(link=kevin, actor=staff[Role.CLINICIAN])
    rp_plan_start(client=client_record, by=staff[Role.CLINICIAN])
    client.force_login(staff[Role.CLINICIAN])
    text = client.get(reverse("relapse_prevention:plan", args=[client_record.pk])).content.decode()
    assert f'value="{ana.pk}"' in text
    assert "Ana Delgado (Parent)" in text
    assert "Kevin Delgado (Parent) — Do not contact (since" in text


def test_plan_page_query_count_does_not_grow_with_linked_contacts(client, client_record, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clinician = staff[Role.CLINICIAN]
    people = [add_person(client_record, staff, first_name=f"P{i}") for i in range(4)]
    plan = rp_plan_start(client=client_record, by=clinician)
    add(plan, "contacts", clinician, client_person_id=people[0].pk, when_to_call="Any time")
    client.force_login(clinician)
    url = reverse("relapse_prevention:plan", args=[client_record.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for person in people[1:]:
        add(plan, "contacts", clinician, client_person_id=person.pk, when_to_call="Any time")
    for person in people:
        do_not_contact_mark(link=person, actor=clinician)
    with CaptureQueriesContext(connection) as four:
        text = client.get(url).content.decode()
    assert text.count("Do not contact (since") >= 4
    assert len(four) == len(one)
