"""Helpers shared by the schedule pages: the program a page is about, counts
and hours in words. Who may see or change what is in ``scheduling.access``.

Times are shown in the program's zone.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from scheduling.models import Session


def with_counts(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Expected, arrived and recorded counts per session, in the same query."""
    expected = Q(attendees__status="expected")
    return sessions.annotate(
        expected_count=Count("attendees", filter=expected),
        arrived_count=Count("attendees", filter=expected & Q(attendees__arrived_at__isnull=False)),
        recorded_count=Count("attendees", filter=expected & ~Q(attendees__attendance="")),
    )


def _hours(minutes: int) -> str:
    value = round(minutes / 60, 1)
    return f"{value:g} hour{'' if value == 1 else 's'}"


def hours_in_words(hours: Any) -> str:
    """A week's hours against the minimum, in words (never color alone)."""
    if not hours.minimum_minutes:
        return f"{_hours(hours.attended_minutes)} attended; no weekly minimum at this level."
    attended = f"{_hours(hours.attended_minutes)} of {_hours(hours.minimum_minutes)} attended"
    scheduled = f"{_hours(hours.remaining_scheduled_minutes)} still scheduled"
    if not hours.short:
        return f"{attended}: this week's minimum is reached."
    if getattr(hours, "partial_week", False):
        return (
            f"{attended}, {scheduled}. A partial week (admitted or discharged during it), "
            "so it is not flagged."
        )
    if hours.can_reach:
        return f"{attended}, {scheduled}: can still reach the minimum if they attend."
    missing = hours.minimum_minutes - hours.attended_minutes - hours.remaining_scheduled_minutes
    short_by = _hours(missing)
    return f"{attended}, {scheduled}: cannot reach this week's minimum (short by {short_by})."


def shortfall_in_words(hours: Any) -> str:
    """The short form Today lists: how far from the minimum a client can no longer reach."""
    missing = hours.minimum_minutes - hours.attended_minutes - hours.remaining_scheduled_minutes
    attended = round(hours.attended_minutes / 60, 1)
    return (
        f"{attended:g} of {_hours(hours.minimum_minutes)} attended; "
        f"{_hours(max(missing, 0))} short even if they attend the rest of the week."
    )
