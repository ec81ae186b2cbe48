"""Discharge from the chart takes the client off future sessions; the past stays."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from groups.models import RosterEntry
from iop.accounts.models import Role
from scheduling.models import TrackEnrolment
from scheduling.services.attendance import attendance_record
from scheduling.services.calendar import sessions_generate
from scheduling.services.enrolment import track_enrol
from tests.scheduling.core_helpers import (
    MON,
    admit,
    at,
    day,
    place,
    sessions_of,
    track_with_group,
)

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
        response = client.post(
            reverse("clients:episode_discharge", args=[ada.pk]),
            {"discharged_on": day(1).isoformat(), "discharge_reason": "completed"},
            follow=True,
        )
    assert "Future sessions and group places are released" in response.text
    places = [place(s, ada) for s in sessions_of(group)]
    assert (places[0].status, places[0].attendance) == ("expected", "present")
    assert {p.status for p in places[1:]} == {"removed"}
    assert places[-1].removed_reason == "Discharged (completed treatment)"
    assert TrackEnrolment.objects.get(episode=ada).ended_on == day(1)
    assert not RosterEntry.objects.current().filter(episode=ada).exists()
