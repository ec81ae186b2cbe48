"""The multi-family group: a roster of the clients' people with attendance per person, where
each client's chart (and anything printed) shows that their own family came, never who else."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from family.models import FamilyGroupAttendance, FamilyGroupMember
from family.services.group_reminders import family_group_reminders_enqueue
from family.services.groups import (
    family_group_attendance_record,
    family_group_member_add,
    family_group_participation,
)
from family.services.people import do_not_contact_mark, hold_key
from iop.accounts.models import Role
from iop.notifications.models import OutboxMessage
from iop.reports.clinical.terms import ConsentInformation
from tests.factories import ClientFactory, EpisodeFactory, member
from tests.family.group_helpers import family_group, group_session, join, person
from tests.scheduling.factories import GroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(program):
    return family_group(program)


@pytest.fixture
def client_b(program):
    return EpisodeFactory(
        client=ClientFactory(program=program, legal_first_name="Bianca", legal_last_name="Vale")
    ).client


@pytest.fixture
def two_families(group, client_record, client_b, staff):
    """Client A's mother and brother, client B's father, all on the roster two weeks."""
    a1 = person(client_record, staff, "Marisol", "Ashgrove")
    a2 = person(client_record, staff, "Teodor", "Ashgrove")
    b1 = person(client_b, staff, "Quentin", "Brightwater")
    for link in (a1, a2, b1):
        join(group, link, staff)
    return a1, a2, b1


def _page(http, group):
    return http.get(reverse("family:group", args=[group.pk]))


# ---------------------------------------------------------------- the roster


def test_adding_a_person_marked_do_not_contact_is_refused_and_nothing_saved(
    group, client_record, staff, login_as
):
    link = person(client_record, staff, "Dora", "Nocall")
    do_not_contact_mark(link=link, actor=staff[Role.CLINICIAN], reason="Client asked.")
    http = login_as(staff[Role.CLINICIAN])
    response = http.post(reverse("family:group_add", args=[group.pk]), {"link": str(link.pk)})
    assert response.status_code == 400
    assert "Dora Nocall is marked do not contact" in response.content.decode()
    assert "cannot be added" in response.content.decode()
    assert not FamilyGroupMember.objects.exists()


@pytest.mark.parametrize(
    ("information", "sign", "reason"),
    [
        (None, True, "No consent on file for Ned Noconsent"),
        ([ConsentInformation.ATTENDANCE], True, "consent does not cover appointment"),
        ([ConsentInformation.APPOINTMENTS], False, "awaiting signature"),
    ],
)
def test_adding_someone_whose_consent_does_not_cover_appointments_is_refused(
    group, client_record, staff, information, sign, reason
):
    link = person(client_record, staff, "Ned", "Noconsent", information=information, sign=sign)
    with pytest.raises(ValidationError) as refused:
        family_group_member_add(group=group, link=link, actor=staff[Role.INTAKE])
    assert reason.lower() in " ".join(refused.value.messages).lower()
    assert not FamilyGroupMember.objects.exists()


def test_the_roster_names_each_members_client_and_consent_state(
    group, two_families, client_record, client_b, staff, login_as
):
    html = _page(login_as(staff[Role.INTAKE]), group).content.decode()
    assert "Marisol Ashgrove" in html and "Quentin Brightwater" in html
    assert f'family of <a href="{reverse("clients:chart", args=[client_b.pk])}">' in html
    assert client_b.display_name in html
    assert "Consent in force until" in html


def test_a_person_linked_to_two_clients_is_on_the_roster_once_per_client(
    group, client_record, client_b, staff, login_as
):
    aunt = person(client_record, staff, "Bernie", "Twolinks")
    join(group, aunt, staff)
    from family.services.people import client_person_add

    second = client_person_add(
        client=client_b,
        actor=staff[Role.INTAKE],
        person=aunt.person,
        link_details={"relationship": "other_relative"},
    )
    with pytest.raises(ValidationError, match="No consent on file"):
        join(group, second, staff)  # the second client has not consented: refused
    assert FamilyGroupMember.objects.count() == 1
    with pytest.raises(ValidationError, match="already on this group's roster"):
        join(group, aunt, staff)


def test_removing_a_member_keeps_their_row_and_their_attendance(
    group, two_families, staff, login_as
):
    a1, _, _ = two_families
    session = group_session(group)
    marks = {str(link.pk): "attended" for link in two_families}
    family_group_attendance_record(session=session, marks=marks, actor=staff[Role.CLINICIAN])
    row = FamilyGroupMember.objects.get(client_person=a1)
    http = login_as(staff[Role.CLINICIAN])
    response = http.post(reverse("family:group_remove", args=[group.pk, row.pk]))
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.left_on is not None
    assert '<th scope="row">Marisol Ashgrove' not in _page(http, group).content.decode()
    assert FamilyGroupAttendance.objects.filter(client_person=a1).exists()


def test_do_not_contact_after_joining_keeps_them_on_the_roster_marked(
    group, two_families, staff, login_as
):
    a1, _, _ = two_families
    do_not_contact_mark(link=a1, actor=staff[Role.CLINICIAN])
    html = _page(login_as(staff[Role.CLINICIAN]), group).content.decode()
    assert "Marisol Ashgrove" in html
    assert "Do not contact" in html and "No messages are sent" in html


# ---------------------------------------------------------------- attendance


def test_attendance_is_recorded_per_person(group, two_families, staff, login_as):
    a1, a2, b1 = two_families
    session = group_session(group)
    http = login_as(staff[Role.CLINICIAN])
    url = reverse("family:group_attendance", args=[session.pk])
    page = http.get(url).content.decode()
    assert "Marisol Ashgrove" in page and "Quentin Brightwater" in page
    response = http.post(
        url,
        {f"mark-{a1.pk}": "attended", f"mark-{a2.pk}": "absent", f"mark-{b1.pk}": "attended"},
    )
    assert response.status_code == 302
    rows = dict(FamilyGroupAttendance.objects.values_list("client_person_id", "attendance"))
    assert rows == {a1.pk: "attended", a2.pk: "absent", b1.pk: "attended"}
    # A correction changes the row in place.
    http.post(
        url, {f"mark-{a1.pk}": "absent", f"mark-{a2.pk}": "absent", f"mark-{b1.pk}": "attended"}
    )
    assert FamilyGroupAttendance.objects.get(client_person=a1).attendance == "absent"
    assert FamilyGroupAttendance.objects.count() == 3


def test_attendance_with_someone_unmarked_saves_nothing(group, two_families, staff, login_as):
    a1, a2, _ = two_families
    session = group_session(group)
    http = login_as(staff[Role.CLINICIAN])
    response = http.post(
        reverse("family:group_attendance", args=[session.pk]),
        {f"mark-{a1.pk}": "attended", f"mark-{a2.pk}": "absent"},
    )
    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    assert "Quentin Brightwater not marked" in response.content.decode()
    assert not FamilyGroupAttendance.objects.exists()


def test_attendance_of_a_session_not_yet_started_is_refused(group, two_families, staff):
    session = group_session(group, hours_from_now=5)
    marks = {str(link.pk): "attended" for link in two_families}
    with pytest.raises(ValidationError, match="once the session has started"):
        family_group_attendance_record(session=session, marks=marks, actor=staff[Role.CLINICIAN])
    assert not FamilyGroupAttendance.objects.exists()


def test_intake_staff_see_attendance_but_cannot_record_it(group, two_families, staff, login_as):
    session = group_session(group)
    http = login_as(staff[Role.INTAKE])
    url = reverse("family:group_attendance", args=[session.pk])
    assert http.get(url).status_code == 200
    marks = {f"mark-{link.pk}": "attended" for link in two_families}
    assert http.post(url, marks).status_code == 403
    with pytest.raises(PermissionDenied):
        family_group_attendance_record(
            session=session,
            marks={k[5:]: v for k, v in marks.items()},
            actor=staff[Role.INTAKE],
        )
    assert not FamilyGroupAttendance.objects.exists()


# ---------------------------------------------------------------- privacy: chart and print


def _attend_all(group, staff, links, days_ago=7):
    """A session ``days_ago`` days back where ``links`` came and the rest of the roster not."""
    session = group_session(group, hours_from_now=-24 * days_ago)
    came = {str(link.pk) for link in links}
    roster = FamilyGroupMember.objects.filter(group=group).values_list(
        "client_person_id", flat=True
    )
    family_group_attendance_record(
        session=session,
        marks={str(pk): "attended" if str(pk) in came else "absent" for pk in roster},
        actor=staff[Role.CLINICIAN],
    )
    return session


def test_a_clients_chart_shows_their_own_family_attended_never_anyone_else(
    group, two_families, client_record, client_b, staff, login_as
):
    a1, a2, b1 = two_families
    _attend_all(group, staff, [a1, b1], days_ago=7)
    _attend_all(group, staff, [b1, a1, a2], days_ago=1)
    html = login_as(staff[Role.CLINICIAN]).get(reverse("clients:chart", args=[client_record.pk]))
    page = html.content.decode()
    assert "Family education group" in page
    assert "Family attended: Marisol Ashgrove, Teodor Ashgrove" in page
    assert "Family attended: Marisol Ashgrove" in page
    assert "2 of 2 sessions" in page
    # Nothing of the other family, nor of the other client.
    for other in ("Quentin", "Brightwater", client_b.display_name, client_b.legal_last_name):
        assert other not in page


def test_a_session_the_family_missed_says_no_one_attended(
    group, two_families, client_record, staff, login_as
):
    _, _, b1 = two_families
    session = group_session(group, hours_from_now=-30)
    marks = {str(link.pk): "absent" for link in two_families} | {str(b1.pk): "attended"}
    family_group_attendance_record(session=session, marks=marks, actor=staff[Role.CLINICIAN])
    page = login_as(staff[Role.DIRECTOR]).get(reverse("clients:chart", args=[client_record.pk]))
    assert "No one from the family attended" in page.content.decode()
    assert "Brightwater" not in page.content.decode()


def test_the_participation_for_printing_holds_only_the_clients_own_people(
    group, two_families, client_record, client_b, staff
):
    a1, a2, b1 = two_families
    first = _attend_all(group, staff, [a1, b1], days_ago=7)
    second = _attend_all(group, staff, [b1, a2], days_ago=1)
    assert family_group_participation(client_record) == [
        (first.occurs_on, ["Marisol Ashgrove"]),
        (second.occurs_on, ["Teodor Ashgrove"]),
    ]
    assert family_group_participation(client_b) == [
        (first.occurs_on, ["Quentin Brightwater"]),
        (second.occurs_on, ["Quentin Brightwater"]),
    ]
    printed = repr(family_group_participation(client_record))
    assert "Quentin" not in printed and "Brightwater" not in printed


# ---------------------------------------------------------------- reminders


def _evening_session(group, days_ahead=2):
    program = group.program
    day = program.today() + datetime.timedelta(days=days_ahead)
    session = group_session(group)
    session.occurs_on = day
    session.starts_at = program.at(day, datetime.time(18))
    session.ends_at = program.at(day, datetime.time(19, 30))
    session.save()
    # The sweep's moment: the program's reminder time before the start (not in quiet hours).
    now = session.starts_at - datetime.timedelta(hours=program.reminder_hours_before)
    return session, now + datetime.timedelta(minutes=5)


def test_reminders_go_to_the_roster_with_the_hold_key_and_none_to_do_not_contact(
    group, two_families, staff
):
    a1, a2, b1 = two_families
    do_not_contact_mark(link=a2, actor=staff[Role.CLINICIAN])
    session, now = _evening_session(group)
    assert family_group_reminders_enqueue(now=now) == 2
    messages = {m.hold_key: m for m in OutboxMessage.objects.all()}
    assert set(messages) == {hold_key(a1), hold_key(b1)}
    assert messages[hold_key(a1)].recipient == "marisol.ashgrove@example.com"
    # Discreet by default: no group name, no program name, no kind of group.
    body = messages[hold_key(a1)].body + messages[hold_key(a1)].subject
    assert group.name not in body and group.program.name not in body
    assert "education" not in body.lower()
    assert "appointment" in body
    # Run again: nothing queued twice.
    assert family_group_reminders_enqueue(now=now) == 0


def test_a_reminder_queued_before_a_do_not_contact_mark_is_withheld(group, two_families, staff):
    a1, _, _ = two_families
    _, now = _evening_session(group)
    family_group_reminders_enqueue(now=now)
    do_not_contact_mark(link=a1, actor=staff[Role.CLINICIAN])
    message = OutboxMessage.objects.get(hold_key=hold_key(a1))
    assert message.status == "withheld"


def test_reminders_name_the_program_only_when_the_client_chose_so(
    group, two_families, client_record, staff
):
    client_record.reminder_discreet = False
    client_record.save()
    a1, _, _ = two_families
    _, now = _evening_session(group)
    family_group_reminders_enqueue(now=now)
    message = OutboxMessage.objects.get(hold_key=hold_key(a1))
    assert group.program.name in message.body and "family session" in message.body
    assert group.name not in message.body


# ---------------------------------------------------------------- access


@pytest.mark.parametrize("role", [Role.PROBATION, Role.ADMINISTRATOR])
def test_roles_without_family_access_are_refused(group, two_families, staff, login_as, role):
    http = login_as(staff[role])
    session = group_session(group)
    assert _page(http, group).status_code == 403
    assert http.get(reverse("family:group_attendance", args=[session.pk])).status_code == 403


def test_a_prescriber_reads_the_roster_but_cannot_change_it(group, client_record, staff, login_as):
    link = person(client_record, staff, "Petra", "Readonly")
    http = login_as(staff[Role.PRESCRIBER])
    assert _page(http, group).status_code == 200
    response = http.post(reverse("family:group_add", args=[group.pk]), {"link": str(link.pk)})
    assert response.status_code == 403
    assert not FamilyGroupMember.objects.exists()


def test_another_programs_group_session_and_member_are_not_found(
    group, two_families, other_program, login_as
):
    outsider = member(Role.DIRECTOR, other_program)
    http = login_as(outsider)
    session = group_session(group)
    row = FamilyGroupMember.objects.get(client_person=two_families[0])
    assert _page(http, group).status_code == 404
    assert http.get(reverse("family:group_attendance", args=[session.pk])).status_code == 404
    assert http.post(reverse("family:group_add", args=[group.pk]), {}).status_code == 404
    remove = reverse("family:group_remove", args=[group.pk, row.pk])
    assert http.post(remove).status_code == 404
    row.refresh_from_db()
    assert row.left_on is None


def test_another_programs_person_cannot_be_added(group, staff, other_client, other_program):
    other_staff: dict[str, Any] = {Role.INTAKE: member(Role.INTAKE, other_program)}
    link = person(other_client, other_staff, "Far", "Away")
    with pytest.raises(ValidationError, match="another program"):
        family_group_member_add(group=group, link=link, actor=staff[Role.INTAKE])


def test_a_group_that_is_not_a_family_group_has_no_family_page(program, staff, login_as):
    plain = GroupFactory(program=program)
    assert _page(login_as(staff[Role.CLINICIAN]), plain).status_code == 404


def test_the_group_and_session_pages_link_to_the_family_pages(group, staff, login_as):
    session = group_session(group)
    http = login_as(staff[Role.CLINICIAN])
    group_page = http.get(reverse("groups:detail", args=[group.pk])).content.decode()
    assert reverse("family:group", args=[group.pk]) in group_page
    session_page = http.get(reverse("scheduling:session", args=[session.pk])).content.decode()
    assert reverse("family:group_attendance", args=[session.pk]) in session_page
    # Family members are not clients: no client roster, attendance list or walk-in form.
    assert "Add a client who was not expected" not in session_page
    assert "Expected clients" not in session_page
    assert 'id="members-title"' not in group_page
    plain = group_session(GroupFactory(program=group.program))  # type: ignore[arg-type]
    other = http.get(reverse("scheduling:session", args=[plain.pk])).content.decode()
    assert "Family attendance" not in other and "Expected clients" in other


# ---------------------------------------------------------------- query counts


def _queries(http, url):
    with CaptureQueriesContext(connection) as captured:
        assert http.get(url).status_code == 200
    return len(captured)


def _grow(group, program, staff, count, start):
    links = []
    for index in range(start, start + count):
        client = EpisodeFactory(client=ClientFactory(program=program)).client
        link = person(client, staff, f"Kin{index}", f"Family{index}")
        join(group, link, staff)
        links.append(link)
    return links


def test_pages_cost_the_same_queries_with_many_members(group, program, staff, login_as):
    http = login_as(staff[Role.CLINICIAN])
    first = _grow(group, program, staff, 2, 0)
    session = group_session(group)
    family_group_attendance_record(
        session=session, marks={str(x.pk): "attended" for x in first}, actor=staff[Role.CLINICIAN]
    )
    chart_client = first[0].client
    urls = [
        reverse("family:group", args=[group.pk]),
        reverse("family:group_attendance", args=[session.pk]),
    ]
    few = [_queries(http, url) for url in urls]
    chart_few = _queries(http, reverse("clients:chart", args=[chart_client.pk]))
    more = _grow(group, program, staff, 12, 2)
    later = group_session(group, hours_from_now=-1)
    family_group_attendance_record(
        session=later,
        marks={str(x.pk): "attended" for x in first + more},
        actor=staff[Role.CLINICIAN],
    )
    many = [_queries(http, url) for url in urls]
    assert many == few
    assert _queries(http, reverse("clients:chart", args=[chart_client.pk])) == chart_few


def test_the_reminder_sweep_is_a_beat_task(group, two_families, staff):
    from django.conf import settings

    from family.tasks import family_group_reminders_send
    from iop.celery import app

    name = "family.tasks.family_group_reminders_send"
    assert family_group_reminders_send.name == name
    assert name in {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert name in app.tasks


def test_reminders_skip_quiet_hours_and_a_person_on_two_rosters_gets_one(
    group, two_families, client_b, staff
):
    from family.services.people import client_person_add

    a1, _, _ = two_families
    second = client_person_add(
        client=client_b,
        actor=staff[Role.INTAKE],
        person=a1.person,
        link_details={"relationship": "other_relative"},
    )
    from family.services.consents import family_consent_draft
    from intake.services.consents import consent_shown_hash, consent_sign

    consent = family_consent_draft(
        link=second,
        actor=staff[Role.INTAKE],
        information=[ConsentInformation.APPOINTMENTS],
        purpose="Appointment times.",
        expires_on=datetime.date.today() + datetime.timedelta(days=200),
    )
    consent_sign(
        consent=consent,
        typed_name=client_b.legal_name,
        relationship="client",
        witness=staff[Role.INTAKE],
        ip_address=None,
        shown_sha256=consent_shown_hash(consent),
    )
    join(group, second, staff)
    session, now = _evening_session(group)
    program = group.program
    quiet = program.at(program.local_date(now), program.quiet_hours_start) + datetime.timedelta(
        minutes=10
    )
    assert family_group_reminders_enqueue(now=quiet) == 0
    assert family_group_reminders_enqueue(now=now) == 3  # Marisol once, Teodor, Quentin
    assert OutboxMessage.objects.filter(recipient="marisol.ashgrove@example.com").count() == 1
