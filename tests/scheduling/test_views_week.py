"""The week view: the program's week or one clinician's, in program time, with a query
count that does not grow with the number of sessions."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from iop.accounts.models import Membership, Role
from scheduling.models import Session, SessionKind
from tests.factories import member
from tests.scheduling.factories import RoomFactory, SessionFactory, local, staff_session
from tests.scheduling.views_helpers import WED, at, episode, group_session

pytestmark = pytest.mark.django_db
WEEK = reverse("scheduling:week")


def test_week_lists_sessions_by_day_in_program_time(program, staff, login_as):
    group_session(program, staff[Role.CLINICIAN], hour=9, name="DBT skills")
    group_session(
        program,
        staff[Role.CLINICIAN],
        on=WED + datetime.timedelta(days=1),
        hour=18,
        name="Evening process",
    )
    with at(program, WED, 8):
        page = login_as(staff[Role.INTAKE]).get(WEEK).content.decode()
    assert "Mar 2 – Mar 8, 2026" in page
    assert "09:00–10:30" in page and "DBT skills" in page
    assert "18:00–19:30" in page and "Evening process" in page
    assert page.index("DBT skills") < page.index("Evening process")
    assert "3 expected" in page


def test_booked_sessions_name_the_client_and_staff(program, staff, login_as):
    prescriber = staff[Role.PRESCRIBER]
    ep = episode(program, "Jordan")
    starts = local(program, WED, 14)
    session: Session = SessionFactory(  # type: ignore[assignment]
        program=program,
        kind=SessionKind.MEDICATION,
        occurs_on=WED,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=30),
        room=RoomFactory(program=program, name="Room B"),
    )
    staff_session(session, prescriber)
    session.attendees.create(episode=ep, client=ep.client)
    with at(program, WED, 8):
        page = login_as(staff[Role.CLINICIAN]).get(WEEK).content.decode()
    assert "Medication management: Jordan Rivera" in page
    assert prescriber.display_name in page and "Room B" in page


def test_my_week_shows_only_my_sessions(program, staff, login_as):
    me, colleague = staff[Role.CLINICIAN], member(Role.CLINICIAN, program)
    group_session(program, me, name="Mine")
    group_session(program, colleague, hour=13, name="Theirs")
    with at(program, WED, 8):
        page = login_as(me).get(WEEK, {"staff": me.pk}).content.decode()
    assert "Mine" in page and "Theirs" not in page


def test_previous_and_next_weeks(program, staff, login_as):
    group_session(
        program, staff[Role.CLINICIAN], on=WED + datetime.timedelta(days=7), name="Next week group"
    )
    client = login_as(staff[Role.CLINICIAN])
    with at(program, WED, 8):
        assert "Next week group" not in client.get(WEEK).content.decode()
        page = client.get(WEEK, {"week": "2026-03-11"}).content.decode()
    assert "Next week group" in page and "Mar 9 – Mar 15, 2026" in page
    assert "week=2026-03-02" in page  # previous week link


def test_bad_week_parameter_falls_back_to_this_week(program, staff, login_as):
    with at(program, WED, 8):
        response = login_as(staff[Role.CLINICIAN]).get(WEEK, {"week": "not-a-date"})
    assert response.status_code == 200
    assert "Mar 2 – Mar 8, 2026" in response.content.decode()


@pytest.mark.parametrize("role", [Role.PROBATION, Role.ADMINISTRATOR])
def test_week_refused_to_roles_without_the_schedule(role, staff, login_as):
    assert login_as(staff[role]).get(WEEK).status_code == 403


def test_other_programs_sessions_never_show(program, other_program, staff, login_as):
    group_session(other_program, None, name="Hillside group")
    with at(program, WED, 8):
        page = login_as(staff[Role.CLINICIAN]).get(WEEK).content.decode()
    assert "Hillside group" not in page


def _queries(client, program) -> int:
    with at(program, WED, 8), CaptureQueriesContext(connection) as captured:
        assert client.get(WEEK).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_sessions(program, staff, login_as):
    client = login_as(staff[Role.DIRECTOR])
    group_session(program, staff[Role.CLINICIAN], clients=2)
    few = _queries(client, program)
    for day in range(5):
        for hour in (9, 11, 13, 18):
            group_session(
                program,
                staff[Role.CLINICIAN],
                on=WED + datetime.timedelta(days=day - 2),
                hour=hour,
                clients=4,
                name=f"G{day}{hour}",
            )
    many = _queries(client, program)
    assert many == few


def test_moving_between_weeks_stays_in_the_chosen_program(program, other_program, staff, login_as):
    user = staff[Role.CLINICIAN]
    Membership.objects.create(user=user, program=other_program, role=Role.CLINICIAN)
    group_session(other_program, user, hour=9, name="Second program group")
    with at(program, WED, 8):
        page = login_as(user).get(WEEK, {"program": other_program.pk}).content.decode()
    assert "Second program group" in page
    assert f"program={other_program.pk}" in page.split("Next week")[0].rsplit("href=", 1)[1]
