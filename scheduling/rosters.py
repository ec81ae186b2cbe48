"""What scheduling plugs into groups (groups/hooks.py): a roster change moves the member onto or
off the group's future sessions, and the group page lists the group's upcoming sessions.

Registered from SchedulingConfig.ready; groups never imports scheduling (docs/architecture.md).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from groups.hooks import RosterListener, register_group_page_context, register_roster_listener
from groups.models import Group, RosterEntry
from iop.accounts.models import User
from iop.clients.models import Episode
from scheduling.models import Session, SessionAttendee, SessionStaff, TrackEnrolment
from scheduling.services.calendar import (
    attendees_add,
    attendees_remove,
    future_sessions,
    session_over_capacity,
)
from scheduling.views.helpers import with_counts

UPCOMING = 8


def _sessions_for(group: Group, episode: Episode, on: datetime.date) -> QuerySet[Session]:
    """The group's future sessions from ``on`` this episode belongs at: every one for a closed
    group; for an open group, those of a track the episode is enrolled in on that day."""
    sessions = future_sessions().filter(group=group, occurs_on__gte=on)
    if group.is_open:
        enrolled = TrackEnrolment.objects.filter(
            episode=episode,
            track=OuterRef("track_block__track"),
            starts_on__lte=OuterRef("occurs_on"),
        ).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=OuterRef("occurs_on")))
        sessions = sessions.filter(Exists(enrolled))
    return sessions


def member_joined(entry: RosterEntry, on: datetime.date, actor: User) -> None:
    sessions = _sessions_for(entry.group, entry.episode, on)
    if full := session_over_capacity(sessions, entry.group):
        raise ValidationError(full)
    attendees_add(sessions=sessions, episode=entry.episode, actor=actor)


def member_left(entry: RosterEntry, left_on: datetime.date, reason: str) -> None:
    attendees_remove(
        attendees=SessionAttendee.objects.filter(
            episode=entry.episode,
            session__in=future_sessions().filter(group=entry.group, occurs_on__gte=left_on),
        ),
        reason=reason,
    )


def upcoming_sessions(group: Group) -> dict[str, Any]:
    """The group page's "Upcoming sessions": the next ones not yet over, in the program's zone."""
    zone = group.program.zone
    upcoming = list(
        with_counts(Session.objects.filter(group=group, ends_at__gte=timezone.now()))
        .select_related("room")
        .prefetch_related(
            Prefetch("staff_links", queryset=SessionStaff.objects.select_related("user"))
        )
        .order_by("starts_at")[:UPCOMING]
    )
    for session in upcoming:
        session.local_start = session.starts_at.astimezone(zone)  # type: ignore[attr-defined]
        session.local_end = session.ends_at.astimezone(zone)  # type: ignore[attr-defined]
    return {"upcoming": upcoming}


def register() -> None:
    register_roster_listener(
        RosterListener(key="scheduling-sessions", joined=member_joined, left=member_left)
    )
    register_group_page_context("scheduling-upcoming", upcoming_sessions)
