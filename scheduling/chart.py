"""What scheduling adds to the client chart: the client's own schedule, recent attendance,
and this week's hours against the minimum of their level of care, in words."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from iop.accounts import permissions
from iop.clients.chart import ChartSection, register_chart_section
from iop.clients.models import Client

UPCOMING = 8
RECENT = 10


def schedule_context(client: Client, user: Any) -> dict[str, Any]:
    from scheduling.models import SessionAttendee, SessionStatus, TrackEnrolment
    from scheduling.services.hours import week_start_of as week_start
    from scheduling.services.hours import weekly_hours
    from scheduling.views.helpers import hours_in_words

    episode = next(iter(getattr(client, "open_episodes", [])), None)
    zone = client.program.zone
    places = SessionAttendee.objects.filter(client=client).select_related(
        "session", "session__group", "session__room"
    )
    upcoming = list(
        places.expected()
        .filter(session__ends_at__gte=timezone.now(), session__status=SessionStatus.SCHEDULED)
        .order_by("session__starts_at")[:UPCOMING]
    )
    recent = list(places.exclude(attendance="").order_by("-session__starts_at")[:RECENT])
    for place in upcoming + recent:
        place.local_start = place.session.starts_at.astimezone(zone)  # type: ignore[attr-defined]
    hours = None
    if episode is not None:
        monday = week_start(client.program.today())
        found = weekly_hours(episodes=[episode.pk], week_start=monday).get(episode.pk)
        hours = {"data": found, "text": hours_in_words(found)} if found else None
    enrolment = (
        TrackEnrolment.objects.current().filter(episode=episode).select_related("track").first()
        if episode
        else None
    )
    return {
        "episode": episode,
        "enrolment": enrolment,
        "upcoming": upcoming,
        "recent": recent,
        "hours": hours,
        "can_book": episode is not None
        and permissions.can(user, permissions.BOOK_SESSIONS, client.program),
    }


def register() -> None:
    register_chart_section(
        ChartSection(
            "schedule",
            15,
            "scheduling/chart/_schedule.html",
            schedule_context,
            permissions.VIEW_SCHEDULE,
        )
    )
