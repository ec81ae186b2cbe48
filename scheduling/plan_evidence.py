"""What scheduling adds to plan reviews (treatment_plans/evidence.py): attendance counts."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q

from scheduling.models import ATTENDED, Attendance, AttendeeStatus, SessionAttendee, SessionStatus
from treatment_plans.evidence import register_attendance_counter


def attendance_counts(
    episode_id: Any, since: datetime.date, until: datetime.date
) -> tuple[int, int]:
    """(sessions attended, sessions with attendance recorded) from ``since`` to ``until``;
    sessions the program cancelled count for neither."""
    counts = (
        SessionAttendee.objects.filter(
            episode_id=episode_id,
            status=AttendeeStatus.EXPECTED,
            session__status=SessionStatus.SCHEDULED,
            session__occurs_on__range=(since, until),
        )
        .exclude(attendance__in=["", Attendance.CANCELLED_BY_PROGRAM])
        .aggregate(held=Count("pk"), attended=Count("pk", filter=Q(attendance__in=ATTENDED)))
    )
    return counts["attended"], counts["held"]


def register() -> None:
    register_attendance_counter(attendance_counts)
