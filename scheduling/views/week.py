"""The program's week, Monday to Sunday in the program's time zone, or one clinician's week.

The page reads every session of the week in one query (with its counts), and their staff and
booked clients in one query each, so its cost does not grow with the number of sessions.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.accounts.models import User
from iop.audit.services import record_views_log
from iop.http import AuthedRequest
from scheduling.access import session_staff_choices
from scheduling.models import Session, SessionAttendee, SessionKind, SessionStaff
from scheduling.services.hours import week_start_of as week_start
from scheduling.views.helpers import with_counts


@dataclass
class Day:
    date: datetime.date
    is_today: bool
    sessions: list[Session] = field(default_factory=list)


def _week_of(value: str, today: datetime.date) -> datetime.date:
    try:
        return week_start(datetime.date.fromisoformat(value))
    except ValueError:
        return week_start(today)


def week_sessions(program_id: Any, monday: datetime.date, staff: User | None) -> list[Session]:
    sessions = Session.objects.filter(
        program_id=program_id,
        occurs_on__gte=monday,
        occurs_on__lte=monday + datetime.timedelta(days=6),
    )
    if staff is not None:
        sessions = sessions.filter(staff_links__user=staff)
    booked = SessionAttendee.objects.expected().exclude(session__kind=SessionKind.GROUP)
    return list(
        with_counts(sessions)
        .select_related("group", "group__kind", "room")
        .prefetch_related(
            Prefetch("staff_links", queryset=SessionStaff.objects.select_related("user")),
            Prefetch("attendees", queryset=booked.select_related("client"), to_attr="booked"),
        )
        .order_by("starts_at")
    )


def _days(
    sessions: list[Session], monday: datetime.date, today: datetime.date, zone: Any
) -> list[Day]:
    days = [
        Day(monday + datetime.timedelta(days=i), monday + datetime.timedelta(days=i) == today)
        for i in range(7)
    ]
    for session in sessions:
        session.local_start = session.starts_at.astimezone(zone)  # type: ignore[attr-defined]
        session.local_end = session.ends_at.astimezone(zone)  # type: ignore[attr-defined]
        days[(session.occurs_on - monday).days].sessions.append(session)
    # The weekend shows only when something is on it.
    return [d for d in days if d.date.isoweekday() <= 5 or d.sessions]


@require_GET
@capability_required(permissions.VIEW_SCHEDULE)
def week(request: AuthedRequest) -> HttpResponse:
    program = permissions.chosen_program(request, permissions.VIEW_SCHEDULE)
    today = program.today()
    monday = _week_of(request.GET.get("week", ""), today)
    staff_choices = list(session_staff_choices(program))
    staff = next((u for u in staff_choices if str(u.pk) == request.GET.get("staff")), None)
    sessions = week_sessions(program.pk, monday, staff)
    # Group sessions show their name only; individual ones name their booked client.
    booked = [attendee.client for session in sessions for attendee in session.booked]  # type: ignore[attr-defined]
    record_views_log(request=request, clients=booked, page="Week")
    context = {
        "program": program,
        "monday": monday,
        "sunday": monday + datetime.timedelta(days=6),
        "previous": monday - datetime.timedelta(days=7),
        "next": monday + datetime.timedelta(days=7),
        "this_week": week_start(today),
        "days": _days(sessions, monday, today, program.zone),
        "session_count": len(sessions),
        "staff": staff,
        "staff_choices": staff_choices,
        "is_staff_member": any(u.pk == request.user.pk for u in staff_choices),
        "can_book": permissions.can(request.user, permissions.BOOK_SESSIONS, program),
        "can_manage": permissions.can(request.user, permissions.MANAGE_SCHEDULE, program),
    }
    return render(request, "scheduling/week.html", context)


urlpatterns: list[URLPattern] = [path("week/", week, name="week")]
