"""A client who was not expected joins a started group session (a walk-in or a make-up),
with the reason: shown on the session page, and charted like everyone else. Every refusal
says why and adds nobody."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from iop.accounts.models import Role
from iop.clients.models import Episode
from scheduling.models import AddedReason, Attendance, SessionAttendee, SessionKind
from scheduling.services import group_notes
from scheduling.services.attendance import attendance_record, attendee_walk_in_add
from tests.factories import member
from tests.scheduling.charting_helpers import PART
from tests.scheduling.views_helpers import WED, at, episode, group_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(program, staff):
    return group_session(program, staff[Role.CLINICIAN], clients=2, name="Seeking Safety")


@pytest.fixture
def walker(program):
    return episode(program, "Winnie")


def url(session):
    return reverse("scheduling:walk_in_add", args=[session.pk])


def form(walker, reason=AddedReason.WALK_IN, note="Missed Tuesday's group (court date)"):
    return {"walk-in-episode": str(walker.pk), "walk-in-reason": reason, "walk-in-note": note}


def added(session):
    return SessionAttendee.objects.filter(session=session).exclude(added_reason="")


def test_a_walk_in_is_added_with_the_reason_and_shown_on_the_session(
    session, walker, staff, login_as
):
    http = login_as(staff[Role.CLINICIAN])
    with at(session.program, WED, 9, 20):
        page = http.get(reverse("scheduling:session", args=[session.pk])).content.decode()
        assert "Add a client who was not expected" in page
        response = http.post(url(session), form(walker), follow=True)
    page = response.content.decode()
    assert "Winnie Rivera added as a walk-in: Missed Tuesday" in page
    assert "Walk-in: Missed Tuesday&#x27;s group (court date)" in page
    assert "Save attendance for 3 clients" in page
    row = added(session).get()
    assert (row.episode, row.added_reason, row.status) == (walker, "walk_in", "expected")
    assert row.created_by == staff[Role.CLINICIAN]


def test_a_walk_in_then_gets_a_note_like_everyone_else(session, walker, staff):
    clinician = staff[Role.CLINICIAN]
    with at(session.program, WED, 10, 40):
        row = attendee_walk_in_add(
            session=session, episode=walker, reason="make_up", note="Missed Monday", actor=clinician
        )
        marks = {a.pk: (Attendance.PRESENT, None) for a in session.attendees.all()}
        attendance_record(session=session, marks=marks, actor=clinician)
        note = group_notes.group_part_save(
            attendee=row, body=PART, objective_ids=[], actor=clinician, revision=0
        )
    assert note.client == walker.client and note.session == session


def test_without_a_reason_nobody_is_added(session, walker, staff, login_as):
    with at(session.program, WED, 9, 20):
        response = login_as(staff[Role.CLINICIAN]).post(url(session), form(walker, note=" "))
    assert response.status_code == 400
    assert "Nobody was added" in response.content.decode()
    assert "Say why they joined this session" in response.content.decode()
    assert not added(session).exists()


def refused(session, episode, actor, **kwargs) -> str:
    with at(session.program, WED, 9, 20), pytest.raises(ValidationError) as refusal:
        attendee_walk_in_add(
            session=session,
            episode=episode,
            reason=kwargs.get("reason", "walk_in"),
            note=kwargs.get("note", "Came with her sponsor"),
            actor=actor,
        )
    assert not added(session).exists()
    return " ".join(refusal.value.messages)


def test_a_client_of_another_program_is_refused(session, staff, other_program, login_as):
    outsider = episode(other_program, "Olive")
    message = refused(session, outsider, staff[Role.CLINICIAN])
    assert "Only a client of this program" in message
    with at(session.program, WED, 9, 20):
        response = login_as(staff[Role.CLINICIAN]).post(url(session), form(outsider))
    assert response.status_code == 400
    assert "Choose a client in care in this program" in response.content.decode()
    assert not added(session).exists()


def test_a_discharged_client_is_refused(session, walker, staff):
    Episode.objects.filter(pk=walker.pk).update(discharged_on=datetime.date(2026, 3, 1))
    walker.refresh_from_db()
    message = refused(session, walker, staff[Role.CLINICIAN])
    assert "Winnie Rivera has been discharged" in message


def test_someone_already_on_the_session_is_refused(session, staff):
    already = session.attendees.select_related("episode").first().episode
    assert "is already on this session" in refused(session, already, staff[Role.CLINICIAN])


def test_without_a_reason_the_service_refuses_too(session, walker, staff):
    message = refused(session, walker, staff[Role.CLINICIAN], note="", reason="")
    assert "Choose walk-in or make-up." in message
    assert "Say why they joined" in message


def test_a_client_booked_elsewhere_at_that_time_is_refused(session, walker, staff):
    group_session(session.program, None, hour=9, episodes=[walker], name="Anger management")
    message = refused(session, walker, staff[Role.CLINICIAN])
    assert "Winnie Rivera is already booked at that time: Anger management" in message


def test_a_full_group_is_refused(session, walker, staff):
    session.group.capacity = 2
    session.group.save()
    assert "Seeking Safety is full (2 of 2" in refused(session, walker, staff[Role.CLINICIAN])


def test_a_session_not_started_is_refused(session, walker, staff):
    with at(session.program, WED, 8, 30), pytest.raises(ValidationError) as refusal:
        attendee_walk_in_add(
            session=session, episode=walker, reason="walk_in", note="x", actor=staff["clinician"]
        )
    assert "once the session has started" in " ".join(refusal.value.messages)
    assert not added(session).exists()


def test_only_group_sessions_take_walk_ins(session, walker, staff):
    session.kind, session.group = SessionKind.INDIVIDUAL, None
    session.save()
    assert "join group sessions" in refused(session, walker, staff[Role.CLINICIAN])


def test_intake_cannot_add_and_another_programs_clinician_gets_404(
    session, walker, staff, other_program, login_as
):
    with at(session.program, WED, 9, 20):
        assert login_as(staff[Role.INTAKE]).post(url(session), form(walker)).status_code == 403
        outsider = member(Role.CLINICIAN, other_program)
        assert login_as(outsider).post(url(session), form(walker)).status_code == 404
    assert not added(session).exists()
