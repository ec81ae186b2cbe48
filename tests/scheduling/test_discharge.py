"""Discharge from the chart takes the client off future sessions; the past stays."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from groups.models import RosterEntry
from iop.accounts.models import Role
from iop.audit.models import AuditEvent
from iop.clients.models import Episode
from iop.clients.tasks import planned_discharges_apply
from scheduling.models import TrackEnrolment
from scheduling.services.attendance import attendance_record
from scheduling.services.calendar import sessions_generate
from scheduling.services.enrolment import track_enrol
from tests.dashboard.helpers import figure_url, figure_value
from tests.discharge_helpers import discharge_steps_complete
from tests.scheduling.charting_helpers import active_objectives
from tests.scheduling.core_helpers import (
    MON,
    admit,
    at,
    day,
    place,
    sessions_of,
    track_with_group,
)
from treatment_plans.models import PlanStatus, TreatmentPlan

pytestmark = pytest.mark.django_db


def test_discharge_page_releases_future_sessions_and_keeps_attendance(program, staff, client):
    clinician, director = staff[Role.CLINICIAN], staff[Role.DIRECTOR]
    morning, _ = track_with_group(program, block=(datetime.time(9), datetime.time(12)))
    ada = admit(program, first="Ada", clinician=clinician)
    with at(program, datetime.date(2026, 3, 1), 12):
        sessions_generate(program=program, today=MON, until=day(13))
        track_enrol(episode=ada, track=morning, starts_on=MON, actor=clinician)
    group = morning.blocks.get().group
    monday = sessions_of(group)[0]
    with at(program, day(0), 12, 30):
        attendance_record(
            session=monday, marks={place(monday, ada).pk: ("present", None)}, actor=clinician
        )
    client.force_login(director)
    with at(program, day(1), 10):
        discharge_steps_complete(ada, kind="completed", clinician=clinician)
        response = client.post(
            reverse("clients:episode_discharge", args=[ada.pk]),
            {"discharged_on": day(1).isoformat(), "discharge_reason": "completed"},
            follow=True,
        )
    assert "Future sessions and group places are released" in response.text
    places = [place(s, ada) for s in sessions_of(group)]
    assert (places[0].status, places[0].attendance) == ("expected", "present")
    assert {p.status for p in places[1:]} == {"removed"}
    assert places[-1].removed_reason == "Discharged (planned completion)"
    assert TrackEnrolment.objects.get(episode=ada).ended_on == day(1)
    assert not RosterEntry.objects.current().filter(episode=ada).exists()


# ---------------------------------------------------------------- a discharge dated ahead


def _planned_setup(program, staff, client):
    """Ada in the morning track (Mon, Wed, Thu) with an active plan; on Tuesday 3 March the
    director plans her discharge for Wednesday 11 March."""
    clinician, director = staff[Role.CLINICIAN], staff[Role.DIRECTOR]
    morning, _ = track_with_group(program, block=(datetime.time(9), datetime.time(12)))
    ada = admit(program, first="Ada", clinician=clinician)
    with at(program, datetime.date(2026, 3, 1), 12):
        sessions_generate(program=program, today=MON, until=day(13))
        track_enrol(episode=ada, track=morning, starts_on=MON, actor=clinician)
        active_objectives(ada, clinician, "Practice urge surfing")
    client.force_login(director)
    with at(program, day(1), 10):
        discharge_steps_complete(ada, kind="completed", clinician=clinician, on=day(9))
        response = client.post(
            reverse("clients:episode_discharge", args=[ada.pk]),
            {"discharged_on": day(9).isoformat(), "discharge_reason": "completed"},
            follow=True,
        )
    return ada, morning.blocks.get().group, response


def test_a_discharge_dated_ahead_leaves_the_client_in_care_until_the_date(program, staff, client):
    ada, group, response = _planned_setup(program, staff, client)
    page = response.content.decode()
    assert "Discharge recorded for March 11, 2026" in page
    assert "Discharge planned for Mar 11, 2026" in page  # the chart header
    assert "Not in care" not in page
    ada.refresh_from_db()
    assert ada.is_open and ada.discharge_planned_on == day(9)
    with at(program, day(1), 10):
        census = client.get(reverse("dashboard:census")).content.decode()
        planned = client.get(figure_url(program, "discharges_planned")).content.decode()
    assert figure_value(census, "active") == "1"  # still in care until the date
    assert figure_value(census, "discharges_planned") == "1"
    assert "Discharge planned for Mar 11, 2026" in planned
    assert {place(s, ada).status for s in sessions_of(group)} == {"expected"}
    assert TreatmentPlan.objects.get(episode=ada).status == PlanStatus.ACTIVE


def test_the_beat_task_makes_it_take_effect_on_the_date_in_the_programs_zone(
    program, staff, client
):
    ada, group, _ = _planned_setup(program, staff, client)
    with at(program, day(8), 23, 50):  # the evening before, program time (04:50 UTC on the day)
        assert planned_discharges_apply() == 0
    ada.refresh_from_db()
    assert ada.is_open
    with at(program, day(9), 0, 15):
        assert planned_discharges_apply() == 1
        assert planned_discharges_apply() == 0  # a second sweep changes nothing
    ada.refresh_from_db()
    assert (ada.discharged_on, ada.discharge_reason, ada.discharge_planned_on) == (
        day(9),
        "completed",
        None,
    )
    places = {s.occurs_on: place(s, ada) for s in sessions_of(group)}
    assert {places[d].status for d in places if d < day(9)} == {"expected"}
    assert {places[d].status for d in places if d >= day(9)} == {"removed"}
    assert TrackEnrolment.objects.get(episode=ada).ended_on == day(9)
    assert not RosterEntry.objects.current().filter(episode=ada).exists()
    plan = TreatmentPlan.objects.get(episode=ada)
    assert plan.status == PlanStatus.SUPERSEDED and plan.superseded_at is not None
    summaries = set(AuditEvent.objects.filter(client=ada.client).values_list("summary", flat=True))
    assert "Discharged as planned on 2026-03-11: Planned completion" in summaries
    assert "Treatment plan version 1 closed at discharge (2026-03-11)" in summaries


def test_a_director_cancels_a_planned_discharge(program, staff, client):
    ada, group, _ = _planned_setup(program, staff, client)
    client.force_login(staff[Role.CLINICIAN])
    cancel = reverse("clients:episode_discharge_plan_cancel", args=[ada.pk])
    assert client.post(cancel).status_code == 403
    client.force_login(staff[Role.DIRECTOR])
    with at(program, day(2), 10):
        response = client.post(cancel, follow=True)
    assert "Planned discharge cancelled: the client stays in care." in response.content.decode()
    with at(program, day(9), 0, 15):
        assert planned_discharges_apply() == 0
    ada.refresh_from_db()
    assert ada.is_open and ada.discharge_planned_on is None
    assert {place(s, ada).status for s in sessions_of(group)} == {"expected"}


def test_the_task_is_on_the_beat_schedule():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert planned_discharges_apply.name == "iop.clients.tasks.planned_discharges_apply"
    assert planned_discharges_apply.name in scheduled


def test_the_closed_plan_says_it_was_closed_at_discharge(program, staff, client):
    ada, _group, _ = _planned_setup(program, staff, client)
    with at(program, day(9), 0, 15):
        planned_discharges_apply()
    plan = TreatmentPlan.objects.get(episode=ada)
    with at(program, day(9), 10):
        client.force_login(staff[Role.CLINICIAN])  # a week later: a new sign-in
        page = client.get(reverse("treatment_plans:plan_detail", args=[plan.pk])).content.decode()
    assert "Closed at discharge on Mar 11, 2026" in page
    assert "by a newer version" not in page


def _census_queries(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("dashboard:census")).status_code == 200
    return len(captured)


def test_census_queries_do_not_grow_with_planned_discharges(program, staff, client):
    client.force_login(staff[Role.DIRECTOR])
    ahead = datetime.date.today() + datetime.timedelta(days=20)
    first = admit(program, first="Ada", admitted_on=datetime.date.today())
    Episode.objects.filter(pk=first.pk).update(discharge_planned_on=ahead)
    few = _census_queries(client)
    for name in ("Bea", "Cal", "Dee", "Eve"):
        other = admit(program, first=name, admitted_on=datetime.date.today())
        Episode.objects.filter(pk=other.pk).update(discharge_planned_on=ahead)
    assert _census_queries(client) == few
    planned = client.get(figure_url(program, "discharges_planned")).content.decode()
    assert planned.count("Discharge planned for") == 5
