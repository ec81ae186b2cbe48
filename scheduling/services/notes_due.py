"""What is left to chart: notes still unsigned (and late), sessions with notes still to
write, and signed notes waiting for a co-signature.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from iop.accounts.models import Membership, Program, User
from scheduling.access import cosigning_program_ids
from scheduling.models import ATTENDED, ProgressNote, Session, SessionAttendee, SessionStaff


@dataclass(frozen=True)
class UnsignedNote:
    note: ProgressNote
    age: datetime.timedelta  # since the session ended
    late: bool

    @property
    def age_text(self) -> str:
        hours = int(self.age.total_seconds() // 3600)
        if hours < 1:
            return "under an hour"
        if hours < 48:
            return f"{hours} hour{'s' if hours != 1 else ''}"
        return f"{hours // 24} days"


def notes_unsigned(
    *, program_ids: Iterable[Any], author: User | None = None, now: datetime.datetime | None = None
) -> list[UnsignedNote]:
    """Unsigned notes, oldest first; late once ``note_late_hours`` have passed since the session."""
    now = now or timezone.now()
    notes = ProgressNote.objects.unsigned().filter(program_id__in=list(program_ids))
    if author is not None:
        notes = notes.filter(author=author)
    notes = notes.select_related("client", "program", "author", "session__group").order_by(
        "session__ends_at", "client__legal_last_name"
    )
    return [
        UnsignedNote(
            note=note,
            age=max(now - note.session.ends_at, datetime.timedelta(0)),
            late=now
            > note.session.ends_at + datetime.timedelta(hours=note.program.note_late_hours),
        )
        for note in notes
    ]


def notes_unsigned_count(
    *, program: Program, late: bool = False, now: datetime.datetime | None = None
) -> int:
    """How many notes ``notes_unsigned`` lists for one program (only the late ones with
    ``late``), counted in the database: one query, without loading the notes."""
    notes = ProgressNote.objects.unsigned().filter(program=program)
    if late:
        now = now or timezone.now()
        limit = now - datetime.timedelta(hours=program.note_late_hours)
        notes = notes.filter(session__ends_at__lt=limit)
    return notes.count()


def notes_awaiting_cosign(*, user: User, program_ids: Iterable[Any]) -> list[ProgressNote]:
    """Signed notes waiting for this user's co-signature (director, or named supervisor)."""
    director_of = cosigning_program_ids(user)
    supervised = Membership.objects.active().filter(supervisor=user).values("user_id")
    notes = ProgressNote.objects.awaiting_cosign().filter(program_id__in=list(program_ids))
    notes = notes.filter(Q(program_id__in=director_of) | Q(author_id__in=supervised)).exclude(
        author=user
    )
    return list(notes.select_related("client", "author", "session__group").order_by("signed_at"))


@dataclass(frozen=True)
class NoteToWrite:
    session: Session
    missing: int  # attendees present with no note yet


def notes_to_write(
    *, user: User, program_ids: Iterable[Any], now: datetime.datetime | None = None
) -> list[NoteToWrite]:
    """Sessions the user ran that have started, with attendees present but no note yet."""
    now = now or timezone.now()
    has_note = ProgressNote.objects.filter(
        session_id=OuterRef("session_id"), client_id=OuterRef("client_id")
    )
    missing = (
        SessionAttendee.objects.expected()
        .filter(
            attendance__in=ATTENDED,
            session__program_id__in=list(program_ids),
            session__starts_at__lte=now,
            session__status="scheduled",
            session__in=SessionStaff.objects.filter(user=user).values("session_id"),
        )
        .exclude(Exists(has_note))
        .values("session_id")
        .annotate(n=Count("id"))
    )
    counts = {row["session_id"]: row["n"] for row in missing}
    sessions = Session.objects.filter(pk__in=counts).select_related("group").order_by("starts_at")
    return [NoteToWrite(session=s, missing=counts[s.pk]) for s in sessions]
