"""Charting group sessions: the shared part (written once for the session), each attendee's
individual part, and "Sign all" for the parts a facilitator may sign.

Group charting stays in scheduling, which owns group sessions (docs/architecture.md); the
note rules every kind shares (revisions, locks, signing one note) are in ``notes``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from iop.accounts.models import User
from scheduling.access import note_sign_refusal, session_facilitator_ids
from scheduling.models import (
    GroupNote,
    NoteFormat,
    ProgressNote,
    Session,
    SessionAttendee,
    SessionKind,
)
from scheduling.services.note_signing import note_shown_hash, notes_for_signing, sign_one
from scheduling.services.note_warnings import NoteWarning, note_warnings, open_warnings
from scheduling.services.notes import (
    SHARED_LOCKED,
    NoteEditConflict,
    attendance_refusal,
    check_session_chartable,
    missing_sections,
    require_charter,
    write_note,
)


def group_note_initial(session: Session) -> dict[str, Any]:
    """What the shared part starts with: the curriculum topic and the session's length."""
    return {
        "topic": session.topic_title or (session.topic.title if session.topic else ""),
        "interventions": "",
        "duration_minutes": session.duration_minutes,
    }


@transaction.atomic
def group_note_save(
    *,
    session: Session,
    topic: str,
    interventions: str,
    duration_minutes: int,
    actor: User,
    revision: int,
) -> GroupNote:
    """The shared part (topic, interventions, duration), written once for the session."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    require_charter(actor, session.program)
    if session.kind != SessionKind.GROUP:
        raise ValidationError("Only group sessions have a shared part.")
    check_session_chartable(session)
    fields = _shared_fields(session, topic, interventions, duration_minutes)
    shared = GroupNote.objects.filter(session=session).first()
    if shared is None:
        if revision != 0:
            raise NoteEditConflict(0)
        shared = GroupNote.objects.create(session=session, author=actor, created_by=actor, **fields)
        # Parts written before the shared part now quote it.
        ProgressNote.objects.filter(
            session=session, group_note__isnull=True, signed_at__isnull=True
        ).update(group_note=shared)
        return shared
    if ProgressNote.objects.filter(group_note=shared, signed_at__isnull=False).exists():
        raise ValidationError(SHARED_LOCKED)
    if shared.revision != revision:
        raise NoteEditConflict(shared.revision)
    for name, value in fields.items():
        setattr(shared, name, value)
    shared.author, shared.revision = actor, revision + 1
    shared.save()
    return shared


def _shared_fields(
    session: Session, topic: str, interventions: str, duration_minutes: int | None
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    topic, interventions = topic.strip(), interventions.strip()
    if not topic:
        errors["topic"] = "Give the session's topic."
    if not interventions:
        errors["interventions"] = "Say which interventions the group used."
    length = session.duration_minutes
    if duration_minutes is None or not 1 <= duration_minutes <= length:
        errors["duration_minutes"] = f"Give the minutes the group ran, 1 to {length}."
    if errors:
        raise ValidationError(errors)
    return {"topic": topic, "interventions": interventions, "duration_minutes": duration_minutes}


@transaction.atomic
def group_part_save(
    *,
    attendee: SessionAttendee,
    body: dict[str, Any],
    objective_ids: Iterable[Any],
    actor: User,
    revision: int,
) -> ProgressNote:
    """One attendee's individual part: participation, response, progress, safety."""
    attendee = SessionAttendee.objects.select_related("session__program", "client", "episode").get(
        pk=attendee.pk
    )
    session = attendee.session
    require_charter(actor, session.program)
    if session.kind != SessionKind.GROUP:
        raise ValidationError("This is not a group session: write the note in its own format.")
    check_session_chartable(session)
    refusal = attendance_refusal(attendee)
    if refusal:
        raise ValidationError(refusal)
    return write_note(
        session=session,
        episode=attendee.episode,
        client=attendee.client,
        note_format=NoteFormat.GROUP,
        body=body,
        objective_ids=objective_ids,
        actor=actor,
        revision=revision,
        group_note=GroupNote.objects.filter(session=session).first(),
    )


def group_shown_hashes(session: Session) -> dict[str, str]:
    """Each unsigned part's hash as the group notes page shows it (the shared part quoted),
    for callers signing without the page: the demo seed and tests."""
    shared = GroupNote.objects.filter(session=session).first()
    hashes = {}
    for note in (
        ProgressNote.objects.unsigned()
        .filter(session=session)
        .select_related("client", "session__program", "session__group")
    ):
        note.group_note = shared
        hashes[str(note.pk)] = note_shown_hash(note)
    return hashes


@dataclass(frozen=True)
class HeldNote:
    note: ProgressNote
    warnings: list[NoteWarning]


@dataclass(frozen=True)
class GroupSigning:
    """What "Sign all" did: the notes signed, those held back with their warnings, and
    those left for the clinician who wrote them."""

    signed: list[ProgressNote] = field(default_factory=list)
    held: list[HeldNote] = field(default_factory=list)
    not_theirs: list[ProgressNote] = field(default_factory=list)


@transaction.atomic
def group_notes_sign(*, session: Session, actor: User, shown: Mapping[str, str]) -> GroupSigning:
    """Sign every written, unsigned part of a group session that ``actor`` may sign (see
    ``note_sign_refusal``) together; each is its own record. Parts others must sign are
    listed as not theirs.

    ``shown`` maps each note's id to the hash of its text on the signer's screen: if any
    part to sign changed since (or was written after the page was opened), none is signed.
    A missing shared part or an empty section signs none. A part with an open warning
    (names another member, near-identical to another part) is held back and listed."""
    session = Session.objects.select_for_update().select_related("program").get(pk=session.pk)
    require_charter(actor, session.program)
    shared = GroupNote.objects.filter(session=session).first()
    if shared is None:
        raise ValidationError("Write the shared part (topic, interventions, duration) first.")
    unsigned = list(
        notes_for_signing(session=session, signed_at__isnull=True).order_by(
            "client__legal_last_name"
        )
    )
    if not unsigned:
        raise ValidationError("There are no unsigned notes for this session.")
    facilitators = session_facilitator_ids(session.pk)
    notes = [n for n in unsigned if note_sign_refusal(actor, n, facilitators) is None]
    result = GroupSigning(not_theirs=[n for n in unsigned if n not in notes])
    empty = [
        f"{n.client.display_name} ({', '.join(missing_sections(n))})"
        for n in notes
        if missing_sections(n)
    ]
    if empty:
        raise ValidationError(
            "Nothing was signed. Finish these parts first, every section written: "
            + "; ".join(empty)
            + "."
        )
    warnings = note_warnings(session=session)
    to_sign = []
    for note in notes:
        found = open_warnings(warnings, note)
        if found:
            result.held.append(HeldNote(note, found))
        else:
            note.group_note = shared
            to_sign.append(note)
    _check_shown(to_sign, shown)
    now = timezone.now()
    for note in to_sign:
        result.signed.append(sign_one(note, actor, now, [], shown[str(note.pk)]))
    return result


def _check_shown(notes: list[ProgressNote], shown: Mapping[str, str]) -> None:
    changed = [n.client.display_name for n in notes if shown.get(str(n.pk)) != note_shown_hash(n)]
    if changed:
        raise ValidationError(
            "Nothing was signed. These parts were written or changed since this page was "
            f"opened: {', '.join(changed)}. Read them again, then sign."
        )
