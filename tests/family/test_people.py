"""The client's people pages: the list, adding and linking, one person, editing, and a
consent to share with them; who may open each, and what each shows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from family.models import ClientPerson, Person, PersonConsent
from family.services.people import do_not_contact_mark
from intake.models import Consent
from iop.accounts.models import Role
from iop.audit.models import RecordView
from iop.reports.clinical.terms import ConsentInformation
from tests.factories import ClientFactory, EpisodeFactory, member
from tests.family.people_helpers import add_person, family_consent

pytestmark = pytest.mark.django_db


def _as(client, user):
    client.force_login(user)
    return client


def new_person_post(**overrides):
    data = {
        "action": "new",
        "person-first_name": "Walter",
        "person-last_name": "Briggs",
        "person-phone": "(202) 555-0188",
        "person-email": "walter@example.com",
        "person-preferred_channel": "sms",
        "person-preferred_language": "English",
        "new-relationship": "spouse",
        "new-relationship_detail": "",
        "new-lives_with_client": "on",
        "new-safety_notes": "",
    }
    return {**data, **overrides}


# ---------------------------------------------------------------- the list


def test_people_page_shows_each_person_with_consent_state_and_do_not_contact(
    client, staff, client_record
):
    signed = add_person(client_record, staff, first_name="Rosa", safety_notes="Never at work")
    family_consent(signed, staff)
    unwanted = add_person(client_record, staff, first_name="Kevin", relationship="sibling")
    do_not_contact_mark(link=unwanted, actor=staff[Role.CLINICIAN], reason="Client's wish")
    add_person(client_record, staff, first_name="Irene", relationship="friend")

    response = _as(client, staff[Role.CLINICIAN]).get(
        reverse("family:people", args=[client_record.pk])
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Rosa Delgado" in text and "Kevin Delgado" in text and "Irene Delgado" in text
    assert "Consent in force until" in text
    assert "Covers: Appointment times (invitations and reminders), Attendance" in text
    assert "Do not contact since" in text
    assert "No consent on file" in text
    assert "Never at work" in text  # safety notes: staff see them here
    assert "(202) 555-0143" in text
    assert RecordView.objects.filter(client=client_record, page="The client's people").exists()


def test_people_page_query_count_does_not_grow_with_the_people(client, staff, client_record):
    http = _as(client, staff[Role.CLINICIAN])
    url = reverse("family:people", args=[client_record.pk])
    first = add_person(client_record, staff, first_name="One")
    family_consent(first, staff)
    http.get(url)  # warm the session
    with CaptureQueriesContext(connection) as one:
        assert http.get(url).status_code == 200
    for index in range(4):
        link = add_person(client_record, staff, first_name=f"More{index}")
        family_consent(link, staff)
    with CaptureQueriesContext(connection) as five:
        assert http.get(url).status_code == 200
    assert len(five) == len(one)


def test_probation_officer_is_refused_the_people_pages(client, staff, client_record):
    link = add_person(client_record, staff)
    http = _as(client, staff[Role.PROBATION])
    for url in (
        reverse("family:people", args=[client_record.pk]),
        reverse("family:person_add", args=[client_record.pk]),
        reverse("family:person", args=[link.pk]),
        reverse("family:person_edit", args=[link.pk]),
        reverse("family:person_consent_new", args=[link.pk]),
    ):
        assert http.get(url).status_code == 403, url


def test_prescriber_reads_but_cannot_change(client, staff, client_record):
    link = add_person(client_record, staff)
    http = _as(client, staff[Role.PRESCRIBER])
    page = http.get(reverse("family:person", args=[link.pk]))
    assert page.status_code == 200
    assert "Mark do not contact" not in page.content.decode()
    assert http.get(reverse("family:person_add", args=[client_record.pk])).status_code == 403
    assert http.get(reverse("family:person_edit", args=[link.pk])).status_code == 403
    marked = http.post(reverse("family:person_dnc_mark", args=[link.pk]), {"dnc-confirm": "on"})
    assert marked.status_code == 403
    link.refresh_from_db()
    assert not link.do_not_contact


def test_another_programs_client_and_people_are_not_found(client, staff, other_program):
    elsewhere = EpisodeFactory(client=ClientFactory(program=other_program)).client
    their_staff = {Role.INTAKE: member(Role.INTAKE, other_program, email="in@else.test")}
    link = add_person(elsewhere, their_staff)
    http = _as(client, staff[Role.CLINICIAN])
    assert http.get(reverse("family:people", args=[elsewhere.pk])).status_code == 404
    assert http.get(reverse("family:person_add", args=[elsewhere.pk])).status_code == 404
    assert http.get(reverse("family:person", args=[link.pk])).status_code == 404
    assert http.get(reverse("family:person_edit", args=[link.pk])).status_code == 404
    intake = _as(client, staff[Role.INTAKE])
    assert intake.get(reverse("family:person_consent_new", args=[link.pk])).status_code == 404


# ---------------------------------------------------------------- adding and linking


def test_adding_a_person_parses_the_phone_and_opens_their_page(client, staff, client_record):
    http = _as(client, staff[Role.INTAKE])
    response = http.post(reverse("family:person_add", args=[client_record.pk]), new_person_post())
    link = ClientPerson.objects.get(client=client_record)
    assert response.status_code == 302
    assert response["Location"] == reverse("family:person", args=[link.pk])
    assert link.person.phone == "+12025550188"
    assert link.lives_with_client


def test_adding_a_person_with_a_bad_phone_saves_nothing(client, staff, client_record):
    http = _as(client, staff[Role.INTAKE])
    response = http.post(
        reverse("family:person_add", args=[client_record.pk]),
        new_person_post(**{"person-phone": "12"}),
    )
    assert response.status_code == 400
    assert "area code" in response.content.decode()
    assert not Person.objects.exists()


def test_adding_text_messages_without_a_phone_is_refused_clearly(client, staff, client_record):
    http = _as(client, staff[Role.INTAKE])
    response = http.post(
        reverse("family:person_add", args=[client_record.pk]),
        new_person_post(**{"person-phone": ""}),
    )
    assert response.status_code == 400
    assert "Give a phone number" in response.content.decode()
    assert not Person.objects.exists()


def test_a_person_of_another_client_is_linked_once(client, staff, client_record):
    sibling = EpisodeFactory(client=ClientFactory(program=client_record.program)).client
    aunt = add_person(sibling, staff, first_name="Bernadette", relationship="other_relative")
    http = _as(client, staff[Role.CLINICIAN])
    url = reverse("family:person_add", args=[client_record.pk])
    offered = http.get(url, {"q": "Bernadette"})
    assert str(aunt.person.pk) in offered.content.decode()
    post = {
        "action": "link",
        "existing-person": str(aunt.person.pk),
        "existing-link-relationship": "other_relative",
        "existing-link-relationship_detail": "Aunt",
    }
    response = http.post(url, post)
    assert response.status_code == 302
    linked = ClientPerson.objects.get(client=client_record)
    assert linked.person == aunt.person
    # The same person may not be linked to the same client twice: nothing saved, said why.
    before = ClientPerson.objects.count()
    again = http.post(url, post)
    assert again.status_code == 400
    assert "is already among this client" in again.content.decode()
    assert ClientPerson.objects.count() == before
    # Once linked, they are no longer offered.
    assert str(aunt.person.pk) not in http.get(url).content.decode()


def test_a_person_of_another_program_cannot_be_linked(client, staff, client_record, other_program):
    elsewhere = EpisodeFactory(client=ClientFactory(program=other_program)).client
    their_staff = {Role.INTAKE: member(Role.INTAKE, other_program, email="in@else.test")}
    theirs = add_person(elsewhere, their_staff)
    response = _as(client, staff[Role.CLINICIAN]).post(
        reverse("family:person_add", args=[client_record.pk]),
        {
            "action": "link",
            "existing-person": str(theirs.person.pk),
            "existing-link-relationship": "parent",
        },
    )
    assert response.status_code == 400
    assert not ClientPerson.objects.filter(client=client_record).exists()


# ---------------------------------------------------------------- one person


def test_person_page_shows_consent_history_and_messages(client, staff, client_record):
    link = add_person(client_record, staff)
    consent = family_consent(link, staff)
    response = _as(client, staff[Role.CLINICIAN]).get(reverse("family:person", args=[link.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert reverse("intake:consent_detail", args=[consent.pk]) in text
    assert "Consent in force until" in text
    assert "No messages to them yet" in text
    assert RecordView.objects.filter(client=client_record).exists()


def test_editing_a_person_changes_their_details(client, staff, client_record):
    link = add_person(client_record, staff)
    response = _as(client, staff[Role.CLINICIAN]).post(
        reverse("family:person_edit", args=[link.pk]),
        {
            "person-first_name": "Rosa",
            "person-last_name": "Delgado-Ruiz",
            "person-phone": "202 555 0199",
            "person-email": "",
            "person-preferred_channel": "sms",
            "person-preferred_language": "Spanish",
            "link-relationship": "parent",
            "link-safety_notes": "Call after 6 pm",
        },
    )
    assert response.status_code == 302
    link.refresh_from_db()
    link.person.refresh_from_db()
    assert link.person.last_name == "Delgado-Ruiz"
    assert link.person.phone == "+12025550199"
    assert link.safety_notes == "Call after 6 pm"


def test_marking_do_not_contact_from_the_page_says_how_many_were_withheld(
    client, staff, client_record
):
    from family.services.people import hold_key
    from iop.notifications.models import Channel, OutboxMessage, OutboxStatus
    from iop.notifications.services import outbox_enqueue

    link = add_person(client_record, staff)
    family_consent(link, staff)
    for day in (1, 2):
        outbox_enqueue(
            channel=Channel.EMAIL,
            recipient=link.person.email,
            subject="Family session",
            body="A reminder of the family session.",
            dedupe_key=f"family-{link.pk}-{day}",
            hold_key=hold_key(link),
        )
    http = _as(client, staff[Role.CLINICIAN])
    page = http.get(reverse("family:person", args=[link.pk])).content.decode()
    assert "2 messages queued to them will be withheld" in page
    refused = http.post(reverse("family:person_dnc_mark", args=[link.pk]), {"dnc-reason": "x"})
    assert refused.status_code == 400  # the confirmation was not ticked
    response = http.post(
        reverse("family:person_dnc_mark", args=[link.pk]),
        {"dnc-reason": "The client asked", "dnc-confirm": "on"},
        follow=True,
    )
    text = response.content.decode()
    assert "2 queued messages withheld" in text
    assert "Withheld" in text
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.WITHHELD}
    link.refresh_from_db()
    assert link.do_not_contact and link.do_not_contact_reason == "The client asked"
    lifted = http.post(reverse("family:person_dnc_lift", args=[link.pk]), follow=True)
    assert "may be contacted again" in lifted.content.decode()
    link.refresh_from_db()
    assert not link.do_not_contact


# ---------------------------------------------------------------- consents


def test_intake_writes_a_consent_and_goes_to_signing(client, staff, client_record):
    link = add_person(client_record, staff)
    http = _as(client, staff[Role.INTAKE])
    url = reverse("family:person_consent_new", args=[link.pk])
    form = http.get(url).content.decode()
    assert "To involve Rosa Delgado in my treatment" in form
    assert "Appointment times" in form
    response = http.post(
        url,
        {
            "information": [ConsentInformation.APPOINTMENTS, ConsentInformation.WARNING_SIGNS],
            "purpose": "Family sessions.",
            "expires_on": (client_record.program.today().replace(year=2030)).isoformat(),
        },
    )
    consent = PersonConsent.objects.get(client_person=link).consent
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:consent_sign", args=[consent.pk])
    assert consent.information == [
        ConsentInformation.APPOINTMENTS,
        ConsentInformation.WARNING_SIGNS,
    ]


def test_a_consent_without_information_is_refused(client, staff, client_record):
    link = add_person(client_record, staff)
    response = _as(client, staff[Role.INTAKE]).post(
        reverse("family:person_consent_new", args=[link.pk]),
        {"purpose": "Family sessions.", "expires_on": ""},
    )
    assert response.status_code == 400
    assert not Consent.objects.exists()


def test_clinicians_do_not_write_consents(client, staff, client_record):
    link = add_person(client_record, staff)
    http = _as(client, staff[Role.CLINICIAN])
    assert http.get(reverse("family:person_consent_new", args=[link.pk])).status_code == 403


def test_a_consent_for_a_do_not_contact_person_is_refused_with_the_reason(
    client, staff, client_record
):
    link = add_person(client_record, staff)
    do_not_contact_mark(link=link, actor=staff[Role.CLINICIAN])
    http = _as(client, staff[Role.INTAKE])
    url = reverse("family:person_consent_new", args=[link.pk])
    page = http.get(url).content.decode()
    assert "is marked do not contact" in page
    assert "Save and go to signing" not in page
    response = http.post(
        url,
        {
            "information": [ConsentInformation.APPOINTMENTS],
            "purpose": "Family sessions.",
            "expires_on": "",
        },
    )
    assert response.status_code == 400
    assert "is marked do not contact" in response.content.decode()
    assert not Consent.objects.exists()


# ---------------------------------------------------------------- the chart, and escaping


def test_chart_section_lists_the_people_with_consent_and_do_not_contact(
    client, staff, client_record
):
    signed = add_person(client_record, staff, first_name="Rosa", safety_notes="SECRET NOTE")
    family_consent(signed, staff)
    unwanted = add_person(client_record, staff, first_name="Kevin")
    do_not_contact_mark(link=unwanted, actor=staff[Role.CLINICIAN])
    response = _as(client, staff[Role.CLINICIAN]).get(
        reverse("clients:chart", args=[client_record.pk])
    )
    text = response.content.decode()
    assert "Family and support" in text
    assert "Rosa Delgado" in text and "Consent in force until" in text
    assert "Do not contact since" in text
    assert reverse("family:people", args=[client_record.pk]) in text
    assert "SECRET NOTE" not in text


def test_chart_section_query_count_is_fixed(staff, client_record):
    from family.chart import people_context

    family_consent(add_person(client_record, staff, first_name="One"), staff)
    with CaptureQueriesContext(connection) as one:
        people_context(client_record, staff[Role.CLINICIAN])
    for index in range(5):
        family_consent(add_person(client_record, staff, first_name=f"P{index}"), staff)
    with CaptureQueriesContext(connection) as six:
        context = people_context(client_record, staff[Role.CLINICIAN])
    assert len(six) == len(one) <= 3
    assert len(context["rows"]) == 6


def test_a_person_named_script_is_escaped_everywhere(client, staff, client_record):
    link = add_person(
        client_record, staff, first_name="<script>alert(1)</script>", last_name="<b>x</b>"
    )
    http = _as(client, staff[Role.CLINICIAN])
    for url in (
        reverse("family:people", args=[client_record.pk]),
        reverse("family:person", args=[link.pk]),
        reverse("family:person_edit", args=[link.pk]),
        reverse("clients:chart", args=[client_record.pk]),
    ):
        text = http.get(url).content.decode()
        assert "<script>alert(1)</script>" not in text, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, url
