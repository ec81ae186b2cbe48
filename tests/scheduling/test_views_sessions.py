"""The session page: roster, attendance for the whole session in one submission, check-in,
moving and cancelling; role and program scoping."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from iop.accounts.models import Role
from iop.audit.models import RecordView
from scheduling.models import Attendance, SessionAttendee, SessionStatus
from tests.factories import member
from tests.scheduling.views_helpers import WED, at, group_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(program, staff):
    return group_session(program, staff[Role.CLINICIAN], clients=3, name="DBT skills")


def url(name, obj):
    return reverse(f"scheduling:{name}", args=[obj.pk])


def marks(session, status=Attendance.PRESENT, **overrides):
    data = {}
    for attendee in session.attendees.all():
        data[f"status_{attendee.pk}"] = status
        data[f"minutes_{attendee.pk}"] = ""
    data.update(overrides)
    return data


def test_clinician_sees_roster_and_attendance_form_once_started(session, staff, login_as):
    with at(session.program, WED, 9, 30):
        response = login_as(staff[Role.CLINICIAN]).get(url("session", session))
    page = response.content.decode()
    assert response.status_code == 200
    assert "DBT skills" in page and "Coping with cravings" in page
    assert "Next: take attendance" in page
    assert "Save attendance for 3 clients" in page
    for attendee in session.attendees.select_related("client"):
        assert attendee.client.display_name in page
    assert RecordView.objects.filter(page="Session roster").count() == 3


def test_attendance_waits_until_the_session_starts(session, staff, login_as):
    with at(session.program, WED, 8, 30):
        page = login_as(staff[Role.CLINICIAN]).get(url("session", session)).content.decode()
    assert "Attendance opens when the session starts, at 09:00" in page
    assert "Save attendance" not in page


def test_intake_sees_the_roster_without_the_attendance_form(session, staff, login_as):
    with at(session.program, WED, 9, 30):
        response = login_as(staff[Role.INTAKE]).get(url("session", session))
    assert response.status_code == 200
    assert "Save attendance" not in response.content.decode()


@pytest.mark.parametrize("role", [Role.PROBATION, Role.ADMINISTRATOR])
def test_roles_without_the_schedule_are_refused(role, session, staff, login_as):
    assert login_as(staff[role]).get(url("session", session)).status_code == 403


def test_same_role_in_another_program_gets_404(session, other_program, login_as):
    outsider = member(Role.CLINICIAN, other_program)
    client = login_as(outsider)
    assert client.get(url("session", session)).status_code == 404
    assert client.post(url("attendance_take", session), marks(session)).status_code == 404


def test_whole_session_recorded_in_one_submission(session, staff, login_as):
    with at(session.program, WED, 10, 45):
        response = login_as(staff[Role.CLINICIAN]).post(
            url("attendance_take", session), marks(session)
        )
    assert response.status_code == 302
    rows = list(session.attendees.all())
    assert {(a.attendance, a.minutes_attended) for a in rows} == {(Attendance.PRESENT, 90)}


def test_a_missing_mark_is_answered_beside_the_row_and_nothing_is_saved(session, staff, login_as):
    first = session.attendees.select_related("client").first()
    data = marks(session, **{f"status_{first.pk}": ""})
    with at(session.program, WED, 10, 45):
        response = login_as(staff[Role.CLINICIAN]).post(url("attendance_take", session), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert f"Choose whether {first.client.display_name} attended." in page
    assert "Nothing was saved" in page
    assert not SessionAttendee.objects.filter(session=session).exclude(attendance="").exists()


def test_minutes_beyond_the_session_are_refused(session, staff, login_as):
    first = session.attendees.first()
    data = marks(session, **{f"minutes_{first.pk}": "120"})
    with at(session.program, WED, 10, 45):
        response = login_as(staff[Role.CLINICIAN]).post(url("attendance_take", session), data)
    assert response.status_code == 400
    assert "At most 90 minutes" in response.content.decode()
    assert not SessionAttendee.objects.filter(session=session).exclude(attendance="").exists()


def test_attendance_on_a_future_session_is_refused_with_a_message(session, staff, login_as):
    with at(session.program, WED, 8, 0):
        response = login_as(staff[Role.CLINICIAN]).post(
            url("attendance_take", session), marks(session)
        )
    assert response.status_code == 400
    assert "form-errors" in response.content.decode()
    assert not SessionAttendee.objects.filter(session=session).exclude(attendance="").exists()


def test_intake_cannot_take_attendance(session, staff, login_as):
    with at(session.program, WED, 10, 45):
        response = login_as(staff[Role.INTAKE]).post(
            url("attendance_take", session), marks(session)
        )
    assert response.status_code == 403


def test_mark_all_present_without_javascript_keeps_the_marks_already_chosen(
    session, staff, login_as
):
    first, second, third = session.attendees.select_related("client").order_by("pk")
    data = {
        f"status_{first.pk}": Attendance.ABSENT_EXCUSED,
        f"minutes_{first.pk}": "",
        f"status_{second.pk}": Attendance.LATE,
        f"minutes_{second.pk}": "60",
        f"status_{third.pk}": "",
        f"minutes_{third.pk}": "",
        "fill": "present",
    }
    with at(session.program, WED, 10, 45):
        response = login_as(staff[Role.CLINICIAN]).post(url("attendance_take", session), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('<option value="present" selected>') == 1
    assert page.count('<option value="absent_excused" selected>') == 1
    assert page.count('<option value="late" selected>') == 1
    assert 'value="60"' in page
    assert "marks already chosen are kept" in page
    assert not SessionAttendee.objects.filter(session=session).exclude(attendance="").exists()


def test_mark_all_present_is_a_button_the_page_script_handles(session, staff, login_as):
    """No link that reloads the page: a button the script fills rows with (see e2e)."""
    with at(session.program, WED, 10, 45):
        page = login_as(staff[Role.CLINICIAN]).get(url("session", session)).content.decode()
    assert "?all=present" not in page
    assert 'name="fill" value="present" data-fill-present="fill-done"' in page
    assert "js/forms.js" in page


def test_check_in_with_htmx_answers_the_fragment(session, staff, login_as):
    attendee = session.attendees.select_related("client").first()
    with at(session.program, WED, 8, 55):
        response = login_as(staff[Role.CLINICIAN]).post(
            url("attendee_arrive", attendee), HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 200
    assert "Checked in 08:55" in response.content.decode()
    attendee.refresh_from_db()
    assert attendee.arrived_at is not None


def test_director_moves_a_session(session, staff, login_as):
    data = {"day": "2026-03-05", "starts_at": "13:00", "ends_at": "14:30", "room": ""}
    with at(session.program, WED, 7, 0):
        response = login_as(staff[Role.DIRECTOR]).post(url("session_move", session), data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.occurs_on == datetime.date(2026, 3, 5)


def test_move_with_end_before_start_is_refused(session, staff, login_as):
    data = {"day": "2026-03-05", "starts_at": "13:00", "ends_at": "12:00", "room": ""}
    with at(session.program, WED, 7, 0):
        response = login_as(staff[Role.DIRECTOR]).post(url("session_move", session), data)
    assert response.status_code == 400
    assert "must end after it starts" in response.content.decode()
    session.refresh_from_db()
    assert session.occurs_on == WED


def test_a_clinician_who_does_not_lead_cannot_move_or_cancel(session, program, login_as):
    colleague = member(Role.CLINICIAN, program)
    client = login_as(colleague)
    assert client.get(url("session_move", session)).status_code == 403
    assert client.post(url("session_cancel", session), {"reason": "x"}).status_code == 403


def test_lead_cancels_with_a_reason_shown_on_the_week(session, staff, login_as):
    client = login_as(staff[Role.CLINICIAN])
    with at(session.program, WED, 7, 0):
        refused = client.post(url("session_cancel", session), {"reason": ""})
        assert refused.status_code == 400
        session.refresh_from_db()
        assert session.status == SessionStatus.SCHEDULED
        client.post(url("session_cancel", session), {"reason": "Facilitator ill"})
        week = client.get(reverse("scheduling:week")).content.decode()
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    assert "Cancelled: Facilitator ill" in week
    assert "<del>DBT skills" in week


def _session_queries(client, session) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with at(session.program, WED, 10, 45), CaptureQueriesContext(connection) as captured:
        assert client.get(url("session", session)).status_code == 200
    return len(captured)


def test_session_page_queries_do_not_grow_with_the_roster(program, staff, login_as):
    client = login_as(staff[Role.CLINICIAN])
    small = group_session(program, staff[Role.CLINICIAN], clients=2, name="Small")
    large = group_session(program, staff[Role.CLINICIAN], clients=14, name="Large")
    assert _session_queries(client, large) == _session_queries(client, small)
