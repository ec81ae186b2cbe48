"""Today: my sessions in program time, who is expected and arrived, notes to write, clients
short of hours on my caseload, follow-ups, my caseload; it replaces the dashboard Today."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from iop.accounts.models import Role
from scheduling.models import Attendance, FollowUpStatus, FollowUpTask
from tests.factories import member
from tests.page_text import parse
from tests.scheduling.views_helpers import WED, at, episode, group_session

pytestmark = pytest.mark.django_db
TODAY = reverse("scheduling:today")


def test_clinicians_land_on_today(staff, login_as):
    response = login_as(staff[Role.CLINICIAN]).get(reverse("home"))
    assert response.url == TODAY


def test_navigation_offers_today_schedule_and_groups(staff, login_as):
    page = login_as(staff[Role.CLINICIAN]).get(TODAY).content.decode()
    for name in ("scheduling:today", "scheduling:week", "groups:list"):
        assert f'href="{reverse(name)}"' in page


def test_my_sessions_today_with_counts_and_the_next_action(program, staff, login_as):
    me = staff[Role.CLINICIAN]
    session = group_session(program, me, hour=9, clients=4, name="DBT skills")
    group_session(program, member(Role.CLINICIAN, program), hour=11, name="Someone else's")
    group_session(program, me, on=WED + datetime.timedelta(days=1), name="Tomorrow's")
    first = session.attendees.get(client=session.attendees.first().client)  # type: ignore[union-attr]
    first.arrived_at = session.starts_at
    first.save()
    with at(program, WED, 9, 40):
        page = login_as(me).get(TODAY).content.decode()
    assert "DBT skills" in page
    assert "Someone else" not in page and "Tomorrow" not in page
    (counts,) = [p.text for p in parse(page).find_all("p", cls="today-counts")]
    assert counts == "4 expected · 1 checked in · Attendance not taken"
    assert "Next: take attendance for DBT skills" in page
    assert reverse("scheduling:session", args=[session.pk]) in page


def test_check_in_buttons_before_the_session(program, staff, login_as):
    me = staff[Role.CLINICIAN]
    session = group_session(program, me, hour=9, clients=2)
    with at(program, WED, 8, 45):
        page = login_as(me).get(TODAY).content.decode()
    assert page.count("Check in<span") == 2
    assert "Next: " in page and "at 09:00" in page
    for attendee in session.attendees.all():
        assert reverse("scheduling:attendee_arrive", args=[attendee.pk]) in page


def test_clients_short_of_hours_on_my_caseload_are_flagged(program, staff, login_as):
    me = staff[Role.CLINICIAN]
    mine = episode(program, "Robin", clinician=me)
    episode(program, "Sasha", clinician=member(Role.CLINICIAN, program))
    with at(program, WED, 12):
        page = login_as(me).get(TODAY).content.decode()
    assert "Short of weekly hours" in page
    assert mine.client.display_name in page
    assert "0 of 9 hours attended; 9 hours short even if they attend the rest of the week." in page
    assert "Sasha Rivera" not in page.split("Short of weekly hours")[1].split("</section>")[0]


def _task(program, session, user):
    attendee = session.attendees.select_related("client", "episode").first()
    attendee.attendance, attendee.minutes_attended = Attendance.ABSENT_UNEXCUSED, 0
    attendee.save()
    return FollowUpTask.objects.create(
        program=program,
        client=attendee.client,
        episode=attendee.episode,
        attendee=attendee,
        assigned_to=user,
        summary="Call after an unexcused absence",
        due_on=WED,
    )


def test_follow_up_marked_done_with_an_outcome(program, staff, login_as):
    me = staff[Role.CLINICIAN]
    task = _task(program, group_session(program, me), me)
    client = login_as(me)
    with at(program, WED, 12):
        assert "Call after an unexcused absence" in client.get(TODAY).content.decode()
        url = reverse("scheduling:followup_done", args=[task.pk])
        refused = client.post(url, {f"{task.pk}-outcome": ""})
        assert refused.status_code == 400
        task.refresh_from_db()
        assert task.status == FollowUpStatus.OPEN
        done = client.post(
            url, {f"{task.pk}-outcome": "Reached; back Thursday"}, HTTP_HX_REQUEST="true"
        )
    assert done.status_code == 200
    assert "done." in done.content.decode()
    task.refresh_from_db()
    assert task.status == FollowUpStatus.DONE and task.outcome == "Reached; back Thursday"


def test_follow_up_of_another_program_is_404(program, other_program, staff, login_as):
    me = staff[Role.CLINICIAN]
    task = _task(program, group_session(program, me), me)
    outsider = member(Role.CLINICIAN, other_program)
    url = reverse("scheduling:followup_done", args=[task.pk])
    assert login_as(outsider).post(url, {f"{task.pk}-outcome": "x"}).status_code == 404


def test_caseload_still_listed(program, staff, login_as):
    me = staff[Role.CLINICIAN]
    episode(program, "Kai", clinician=me)
    page = login_as(me).get(TODAY).content.decode()
    assert "My caseload" in page and "Kai Rivera" in page


@pytest.mark.parametrize("role", [Role.INTAKE, Role.PROBATION, Role.ADMINISTRATOR])
def test_today_refused_to_roles_that_do_not_chart(role, staff, login_as):
    assert login_as(staff[role]).get(TODAY).status_code == 403


def test_the_dashboard_today_is_gone():
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        reverse("dashboard:today")


def _today_queries(client, program) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with at(program, WED, 8, 30), CaptureQueriesContext(connection) as captured:
        assert client.get(TODAY).status_code == 200
    return len(captured)


def test_today_queries_do_not_grow_with_sessions_or_clients(program, staff, login_as):
    me = staff[Role.CLINICIAN]
    client = login_as(me)
    group_session(program, me, hour=9, clients=2)
    episode(program, "Caseload", clinician=me)
    few = _today_queries(client, program)
    for hour in (11, 13, 15, 18):
        group_session(program, me, hour=hour, clients=10, name=f"Group {hour}")
    for n in range(5):
        episode(program, f"Caseload{n}", clinician=me)
    assert _today_queries(client, program) == few
