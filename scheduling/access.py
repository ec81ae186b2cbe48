"""Who may see and change scheduling records, in one place for the views and the services.

Scoped querysets are ``Model.objects.visible_to(user, capability)``; each protected object
has one fetch-and-check helper here: a session, track, attendee or note outside the user's
programs is a 404, a capability the user lacks anywhere is a 403 (the view decorators).
The predicates (who may lead, prescribe at, change or sign) are asked by the booking and
note services too, so a rule is written once.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from iop.accounts import permissions
from iop.accounts.models import Membership, Program, User
from scheduling.models import (
    FollowUpTask,
    LevelChangeCandidate,
    LevelChangeProposal,
    ProgressNote,
    ServiceCode,
    Session,
    SessionAttendee,
    SessionKind,
    SessionStaff,
    SessionStaffRole,
    Track,
    TrackBlock,
)

# ---------------------------------------------------------------- fetch and check


def get_session_for(user: Any, session_id: UUID, capability: str) -> Session:
    sessions = Session.objects.visible_to(user, capability).select_related(
        "program", "group", "group__kind", "room", "topic", "cancelled_by"
    )
    return get_object_or_404(sessions, pk=session_id)


def get_attendee_for(user: Any, attendee_id: UUID, capability: str) -> SessionAttendee:
    attendees = SessionAttendee.objects.filter(
        session__program_id__in=permissions.program_ids_with(user, capability)
    ).select_related(
        "session", "session__program", "session__group", "session__room", "client", "episode"
    )
    return get_object_or_404(attendees, pk=attendee_id)


def get_track_for(user: Any, track_id: UUID, capability: str) -> Track:
    tracks = Track.objects.visible_to(user, capability).select_related("program")
    return get_object_or_404(tracks, pk=track_id)


def get_service_code_for(user: Any, code_id: UUID, capability: str) -> ServiceCode:
    codes = ServiceCode.objects.visible_to(user, capability).select_related("program")
    return get_object_or_404(codes, pk=code_id)


def get_followup_for(user: Any, task_id: UUID, capability: str) -> FollowUpTask:
    tasks = FollowUpTask.objects.filter(
        program_id__in=permissions.program_ids_with(user, capability)
    ).select_related("program", "client")
    return get_object_or_404(tasks, pk=task_id)


def get_track_block_for(track: Track, block_id: UUID) -> TrackBlock:
    """A block of this track (the track was fetched and checked already)."""
    return get_object_or_404(TrackBlock, track=track, pk=block_id)


def get_level_change_candidate_for(
    user: Any, candidate_id: UUID, capability: str
) -> LevelChangeCandidate:
    candidates = LevelChangeCandidate.objects.visible_to(user, capability)
    return get_object_or_404(candidates, pk=candidate_id)


def get_level_change_proposal_for(
    user: Any, proposal_id: UUID, capability: str
) -> LevelChangeProposal:
    proposals = LevelChangeProposal.objects.visible_to(user, capability).select_related(
        "client",
        "client__program",
        "episode",
        "from_level",
        "to_level",
        "track",
        "proposed_by",
        "decided_by",
    )
    return get_object_or_404(proposals, pk=proposal_id)


# ---------------------------------------------------------------- the programs of a list


def charting_program_ids(user: Any) -> set[Any]:
    """The programs where the user charts sessions (clinicians, prescribers, directors)."""
    return permissions.program_ids_with(user, permissions.CHART_SESSIONS)


def cosigning_program_ids(user: Any) -> set[Any]:
    """The programs whose notes the user co-signs as a director (COSIGN_NOTES)."""
    return permissions.program_ids_with(user, permissions.COSIGN_NOTES)


def schedule_managing_program_ids(user: Any) -> set[Any]:
    """The programs whose schedule the user manages (directors)."""
    return permissions.program_ids_with(user, permissions.MANAGE_SCHEDULE)


# ---------------------------------------------------------------- who decides a change of level


def can_approve_level_change(user: Any, program: Program) -> bool:
    """A director approves or returns a proposal, and dismisses a candidate flag."""
    return permissions.can(user, permissions.APPROVE_LEVEL_CHANGE, program)


# ---------------------------------------------------------------- who leads and books


def session_staff_choices(program: Program) -> QuerySet[User]:
    """Staff of the program who may lead a session (clinicians, prescribers, directors)."""
    return permissions.users_with(program, permissions.LEAD_SESSIONS).order_by(
        "last_name", "first_name"
    )


def can_lead_session(user: User, program: Program) -> bool:
    return permissions.can(user, permissions.LEAD_SESSIONS, program)


def can_lead_medication_visit(user: User, program: Program) -> bool:
    """A medication-management visit is with a prescriber of the program (PRESCRIBE).

    Anyone who books sessions (BOOK_SESSIONS: intake, clinicians, prescribers, directors)
    may book one, but the staff member named for it must prescribe: a director who is not
    also a prescriber in the program cannot be that visit's staff member.
    """
    return permissions.can(user, permissions.PRESCRIBE, program)


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


def can_cosign_note(user: User, note: ProgressNote) -> bool:
    """A director of the program, or the supervisor named on the author's membership."""
    if note.signed_by_id == user.pk or note.author_id == user.pk:
        return False
    if permissions.can(user, permissions.COSIGN_NOTES, note.program):
        return True
    return Membership.objects.active().filter(
        user_id=note.author_id, program_id=note.program_id, supervisor=user
    ).exists() and permissions.can(user, permissions.CHART_SESSIONS, note.program)


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


def get_note_for(user: Any, note_id: UUID, capability: str) -> ProgressNote:
    notes = ProgressNote.objects.visible_to(user, capability).select_related(
        "program",
        "client",
        "session__group",
        "session__program",
        "group_note",
        "service_code",
        "author",
        "signed_by",
        "cosigned_by",
    )
    return get_object_or_404(notes, pk=note_id)
