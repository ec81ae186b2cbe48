"""Fetch-and-check helpers and program-time helpers shared by the schedule pages, and who may
change or sign a note (used by the note pages and the note services alike).

A session, track or attendee outside the user's programs is a 404; a capability the user
lacks anywhere is a 403 (the view decorators). Times are shown in the program's zone.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from iop.accounts import permissions
from iop.accounts.models import Program, Role, User
from iop.http import AuthedRequest
from scheduling.models import (
    ProgressNote,
    Session,
    SessionAttendee,
    SessionKind,
    SessionStaff,
    SessionStaffRole,
    Track,
)

# Roles that can lead a session: named clinician or prescriber (directors often run groups).
SESSION_STAFF_ROLES = (Role.CLINICIAN, Role.PRESCRIBER, Role.DIRECTOR)


def chosen_program(request: AuthedRequest, capability: str) -> Program:
    """The program a page is about: ?program=<id> among the user's, else their first one."""
    programs = list(permissions.programs_with(request.user, capability).order_by("name"))
    if not programs:
        raise PermissionDenied
    wanted = request.GET.get("program", "")
    return next((p for p in programs if str(p.pk) == wanted), programs[0])


def sessions_for(user: Any, capability: str) -> QuerySet[Session]:
    return Session.objects.in_programs(permissions.program_ids_with(user, capability))


def with_counts(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Expected, arrived and recorded counts per session, in the same query."""
    expected = Q(attendees__status="expected")
    return sessions.annotate(
        expected_count=Count("attendees", filter=expected),
        arrived_count=Count("attendees", filter=expected & Q(attendees__arrived_at__isnull=False)),
        recorded_count=Count("attendees", filter=expected & ~Q(attendees__attendance="")),
    )


def get_session_for(user: Any, session_id: UUID, capability: str) -> Session:
    sessions = sessions_for(user, capability).select_related(
        "program", "group", "group__kind", "room", "topic", "cancelled_by"
    )
    return get_object_or_404(sessions, pk=session_id)


def get_attendee_for(user: Any, attendee_id: UUID, capability: str) -> SessionAttendee:
    attendees = SessionAttendee.objects.filter(
        session__program_id__in=permissions.program_ids_with(user, capability)
    ).select_related("session", "session__program", "session__group", "client", "episode")
    return get_object_or_404(attendees, pk=attendee_id)


def get_track_for(user: Any, track_id: UUID, capability: str) -> Track:
    tracks = Track.objects.filter(
        program_id__in=permissions.program_ids_with(user, capability)
    ).select_related("program")
    return get_object_or_404(tracks, pk=track_id)


def can_change_session(user: User, session: Session) -> bool:
    """Directors (MANAGE_SCHEDULE) move or cancel any session; the lead staff their own."""
    if permissions.can(user, permissions.MANAGE_SCHEDULE, session.program):
        return True
    if not permissions.can(user, permissions.BOOK_SESSIONS, session.program):
        return False
    return session.staff_links.filter(user=user, role=SessionStaffRole.LEAD).exists()


# ---------------------------------------------------------------- who writes and signs a note


def session_facilitator_ids(session_id: Any) -> set[Any]:
    """The session's named staff: its lead and co-facilitators."""
    return set(SessionStaff.objects.filter(session_id=session_id).values_list("user_id", flat=True))


def note_edit_refusal(user: User, note: ProgressNote | None) -> str | None:
    """Why ``user`` may not save this draft: only its author writes it. None if they may."""
    if note is None or note.author_id == user.pk:
        return None
    return (
        f"Only {note.author.display_name}, who wrote this note, can change it. Nothing was saved."
    )


def note_sign_refusal(
    user: User, note: ProgressNote, facilitators: set[Any] | None = None
) -> str | None:
    """Why ``user`` may not sign this note. None if they may.

    The author signs their own note. A group part written by one of the session's
    facilitators (lead or co-facilitator) may also be signed by another of them: they ran
    the group together. ``facilitators`` is the session's staff, when the caller has it.
    """
    if note.author_id == user.pk:
        return None
    if note.kind == SessionKind.GROUP:
        if facilitators is None:
            facilitators = session_facilitator_ids(note.session_id)
        if user.pk in facilitators and note.author_id in facilitators:
            return None
    return f"Only {note.author.display_name}, who wrote this note, can sign it."


def session_staff_choices(program: Program) -> QuerySet[User]:
    """Staff of the program who may lead a session (clinicians, prescribers, directors)."""
    return (
        User.objects.filter(
            memberships__program=program,
            memberships__active=True,
            memberships__role__in=SESSION_STAFF_ROLES,
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name")
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
