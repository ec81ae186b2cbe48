"""The client's own schedule on the chart: coming sessions, recent attendance, and this
week's hours against the minimum, in words."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from iop.accounts.models import Role
from scheduling.models import Attendance
from tests.scheduling.views_helpers import WED, at, episode, group_session

pytestmark = pytest.mark.django_db


def test_chart_shows_schedule_attendance_and_the_hours_flag_in_words(program, staff, login_as):
    ep = episode(program, "Jordan", clinician=staff[Role.CLINICIAN])
    monday = group_session(
        program,
        staff[Role.CLINICIAN],
        on=WED - datetime.timedelta(days=2),
        episodes=[ep],
        name="Monday process",
    )
    place = monday.attendees.get()
    place.attendance, place.minutes_attended = Attendance.LATE, 60
    place.save()
    group_session(
        program,
        staff[Role.CLINICIAN],
        on=WED + datetime.timedelta(days=1),
        episodes=[ep],
        name="Thursday skills",
    )
    with at(program, WED, 12):
        page = (
            login_as(staff[Role.CLINICIAN])
            .get(reverse("clients:chart", args=[ep.client_id]))
            .content.decode()
        )
    assert "Schedule and attendance" in page
    assert "Thursday skills" in page
    assert "Monday process: <strong>Late</strong>" in page
    assert (
        "1 hour of 9 hours attended, 1.5 hours still scheduled: "
        "cannot reach this week&#x27;s minimum (short by 6.5 hours)." in page
    )
    assert "Book a session" in page and "Enrol in a track" in page


def test_chart_hours_reached_said_in_words(program, staff, login_as):
    ep = episode(program, "Jordan")
    for day in range(3):
        session = group_session(
            program,
            None,
            on=WED - datetime.timedelta(days=2 - day),
            minutes=180,
            episodes=[ep],
            hour=9,
        )
        session.attendees.update(attendance=Attendance.PRESENT, minutes_attended=180)
    with at(program, WED, 18):
        page = (
            login_as(staff[Role.DIRECTOR])
            .get(reverse("clients:chart", args=[ep.client_id]))
            .content.decode()
        )
    assert "9 hours of 9 hours attended: this week&#x27;s minimum is reached." in page
