"""Taking attendance: a whole session in one submission, check-in on arrival, and clients
added on the day (walk-ins and make-ups) with the reason.

An unexcused absence creates a follow-up task for the client's primary clinician, due the
day it is recorded, once per missed session; correcting the mark later closes that task.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from groups.models import Group
from iop.accounts.models import User
from iop.clients.models import Episode
from scheduling.models import (
    ABSENT,
    AddedReason,
    Attendance,
    AttendeeStatus,
    FollowUpStatus,
    FollowUpTask,
    Session,
    SessionAttendee,
    SessionKind,
)
from scheduling.services.calendar import session_label

NOT_MARKED = "Mark every client expected at the session: {names} not marked."
UNKNOWN = "Some marks are for clients who are not expected at this session."


def _mark_error(
    attendee: SessionAttendee, choice: str, minutes: int | None, length: int
) -> tuple[str, int] | str:
    """The (attendance, minutes) to store, or what is wrong with the mark."""
    name = attendee.client.display_name
    if choice not in Attendance.values:
        return f"Choose how {name} attended."
    if minutes is not None and minutes < 0:
        return f"{name}: minutes attended cannot be negative."
    if choice in ABSENT:
        if minutes:
            return f"{name} is marked absent, so 0 minutes attended."
        return choice, 0
    if minutes is None:
        if choice != Attendance.PRESENT:
            return f"Say how many minutes {name} attended ({Attendance(choice).label.lower()})."
        return choice, length
    if minutes > length:
        return f"{name}: {minutes} minutes is longer than the session ({length} minutes)."
    if minutes == 0:
        return f"{name} is marked as attending, so more than 0 minutes."
    return choice, minutes


def _check(
    session: Session, attendees: list[SessionAttendee], marks: dict[str, tuple[str, int | None]]
) -> tuple[dict[str, tuple[str, int]], dict[str, list[str]]]:
    by_pk = {str(a.pk): a for a in attendees}
    errors: dict[str, list[str]] = {}
    if set(marks) - set(by_pk):
        errors["__all__"] = [UNKNOWN]
    missing = [a.client.display_name for pk, a in by_pk.items() if pk not in marks]
    if missing:
        errors.setdefault("__all__", []).append(NOT_MARKED.format(names=", ".join(missing)))
    clean: dict[str, tuple[str, int]] = {}
    for pk, (choice, minutes) in marks.items():
        if pk not in by_pk:
            continue
        result = _mark_error(by_pk[pk], choice, minutes, session.duration_minutes)
        if isinstance(result, str):
            errors[pk] = [result]
        else:
            clean[pk] = result
    return clean, errors


def _locked_session(session: Session, now: datetime.datetime) -> Session:
    session = (
        Session.objects.select_for_update(of=("self",))
        .select_related("program", "group")
        .get(pk=session.pk)
    )
    if session.is_cancelled:
        reason = f" ({session.cancel_reason})" if session.cancel_reason else ""
        raise ValidationError(f"This session was cancelled{reason}; there is no attendance.")
    if now < session.starts_at:
        raise ValidationError(
            f"Attendance can be taken once the session has started: {session_label(session)}."
        )
    return session


def attendance_record(
    *,
    session: Session,
    marks: Mapping[Any, tuple[str, int | None]],
    actor: User,
    now: datetime.datetime | None = None,
) -> list[SessionAttendee]:
    """Record the attendance of every client expected at a session in one submission.

    ``marks`` maps each expected attendee's pk to (attendance, minutes or None). Minutes
    default to the whole session for present and are 0 for absences; late and left early
    need them. All or nothing: errors are keyed by attendee pk (as text) or ``__all__``.
    Refused for a session that has not started or was cancelled. Recording again corrects
    the marks."""
    now = now or timezone.now()
    wanted = {str(pk): value for pk, value in marks.items()}
    with transaction.atomic():
        session = _locked_session(session, now)
        attendees = list(
            session.attendees.expected()
            .select_for_update(of=("self",))
            .select_related("client", "episode")
        )
        clean, errors = _check(session, attendees, wanted)
        if errors:
            raise ValidationError(errors)
        for attendee in attendees:
            attendee.attendance, attendee.minutes_attended = clean[str(attendee.pk)]
            attendee.recorded_at, attendee.recorded_by = now, actor
            attendee.updated_at = now  # bulk_update does not apply auto_now
        SessionAttendee.objects.bulk_update(
            attendees,
            ["attendance", "minutes_attended", "recorded_at", "recorded_by", "updated_at"],
        )
        _follow_ups(session, attendees, actor, now)
    return attendees


def _follow_ups(
    session: Session, attendees: list[SessionAttendee], actor: User, now: datetime.datetime
) -> None:
    tasks = {t.attendee_id: t for t in FollowUpTask.objects.filter(attendee__in=attendees)}
    missed = [a for a in attendees if a.attendance == Attendance.ABSENT_UNEXCUSED]
    FollowUpTask.objects.bulk_create(
        FollowUpTask(
            program=session.program,
            client=a.client,
            episode=a.episode,
            attendee=a,
            assigned_to=a.episode.primary_clinician,
            summary=f"Reach out to {a.client.display_name}: absent without notice from "
            f"{session_label(session)}"[:200],
            due_on=session.program.local_date(now),
            created_by=actor,
        )
        for a in missed
        if a.pk not in tasks
    )
    corrected = [
        t
        for a in attendees
        if a.attendance != Attendance.ABSENT_UNEXCUSED
        and (t := tasks.get(a.pk)) is not None
        and t.status == FollowUpStatus.OPEN
    ]
    for task in corrected:
        task.status, task.completed_at, task.completed_by = FollowUpStatus.DONE, now, actor
        task.outcome = "Attendance corrected: no longer an unexcused absence."
        task.updated_at = now
    FollowUpTask.objects.bulk_update(
        corrected, ["status", "completed_at", "completed_by", "outcome", "updated_at"]
    )


@transaction.atomic
def attendee_arrive(
    *, attendee: SessionAttendee, actor: User, now: datetime.datetime | None = None
) -> SessionAttendee:
    """Check a client in at today's session (the first arrival time is kept)."""
    now = now or timezone.now()
    attendee = (
        SessionAttendee.objects.select_for_update(of=("self",))
        .select_related("session__program", "session__group", "client")
        .get(pk=attendee.pk)
    )
    session = attendee.session
    if attendee.status != "expected":
        raise ValidationError(f"{attendee.client.display_name} is not expected at this session.")
    if session.is_cancelled:
        raise ValidationError("This session was cancelled.")
    if session.program.local_date(now) != session.occurs_on:
        raise ValidationError("Check-in is for today's sessions only.")
    if now >= session.ends_at:
        raise ValidationError("This session has ended: record its attendance instead.")
    if attendee.arrived_at is None:
        attendee.arrived_at = now
        attendee.save(update_fields=["arrived_at", "updated_at"])
    return attendee


# ---------------------------------------------------------------- walk-ins and make-ups

WALK_IN_GROUPS_ONLY = (
    "Walk-ins and make-ups join group sessions; book an individual, family or "
    "medication-management session for one client instead."
)


def _walk_in_reason(reason: str, note: str) -> dict[str, str]:
    errors = {}
    if reason not in AddedReason.values:
        errors["reason"] = "Choose walk-in or make-up."
    if not note.strip():
        errors["note"] = "Say why they joined this session, e.g. “Missed Tuesday's group”."
    return errors


def _walk_in_problem(session: Session, episode: Episode) -> str | None:
    """Why this client cannot be added to the session, or None."""
    name = episode.client.display_name
    if episode.program_id != session.program_id:
        return "Only a client of this program can be added to its sessions."
    if not episode.is_open:
        return f"{name} has been discharged: only a client in care can be added."
    on_session = SessionAttendee.objects.expected().filter(
        session=session, client_id=episode.client_id
    )
    if on_session.exists():
        return f"{name} is already on this session."
    overlapping = (
        Session.objects.scheduled()
        .overlapping(session.starts_at, session.ends_at)
        .exclude(pk=session.pk)
    )
    elsewhere = (
        SessionAttendee.objects.expected()
        .filter(client_id=episode.client_id, session__in=overlapping)
        .exclude(attendance__in=ABSENT)
        .select_related("session__program", "session__group")
        .first()
    )
    if elsewhere is not None:
        return f"{name} is already booked at that time: {session_label(elsewhere.session)}."
    return None


def _group_full(session: Session) -> str | None:
    group = Group.objects.select_for_update().get(sessions=session)
    taken = session.attendees.expected().count()
    if taken >= group.capacity:
        return (
            f"{group.name} is full ({taken} of {group.capacity} places taken at this session); "
            "raise the group's capacity first."
        )
    return None


@transaction.atomic
def attendee_walk_in_add(
    *,
    session: Session,
    episode: Episode,
    reason: str,
    note: str,
    actor: User,
    now: datetime.datetime | None = None,
) -> SessionAttendee:
    """Add a client who was not expected (a walk-in, or a make-up for a missed group) to a
    started group session's attendance, with the reason; they then take attendance and get a
    note like everyone else. Refused with a message, nothing saved: a session not started or
    cancelled, not a group, no reason, a client not in care in this program, someone already
    on the session, a client booked elsewhere at that time, or a full group."""
    now = now or timezone.now()
    session = _locked_session(session, now)
    if session.kind != SessionKind.GROUP:
        raise ValidationError(WALK_IN_GROUPS_ONLY)
    if errors := _walk_in_reason(reason, note):
        raise ValidationError(errors)
    episode = (
        Episode.objects.select_for_update(no_key=True, of=("self",))
        .select_related("client")
        .get(pk=episode.pk)
    )
    problem = _walk_in_problem(session, episode) or _group_full(session)
    if problem:
        raise ValidationError({"episode": problem})
    fields = {"added_reason": reason, "added_note": note.strip()[:200]}
    attendee = SessionAttendee.objects.filter(session=session, episode=episode).first()
    if attendee is None:
        return SessionAttendee.objects.create(
            session=session, episode=episode, client=episode.client, created_by=actor, **fields
        )
    # Taken off before the session (e.g. a track change) and here after all.
    attendee.status, attendee.removed_reason = AttendeeStatus.EXPECTED, ""
    attendee.added_reason, attendee.added_note = fields["added_reason"], fields["added_note"]
    attendee.save(
        update_fields=["status", "removed_reason", "added_reason", "added_note", "updated_at"]
    )
    return attendee
