"""Charting sessions: individual/family/medication notes in the program's format and the rules
every note shares (revisions, locks, the checks of every write). The signed text is in
``note_text``, signing, co-signing and addenda in ``note_signing``, the lists of notes still to
write or sign in ``notes_due``. Group notes (the shared part, the parts, "Sign all") are in
``group_notes``, built on these.

Every edit names the ``revision`` its editor started from (0 for a note not written yet);
if someone saved meanwhile, ``NoteEditConflict`` is raised and nothing is written. A signed
note is refused here with a clear message, and the database refuses it too (triggers on
``ProgressNote``, ``NoteObjective`` and ``GroupNote``). Corrections are signed addenda.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from iop.accounts import permissions
from iop.accounts.models import Program, User
from iop.clients.models import Client, Episode
from scheduling.access import note_edit_refusal
from scheduling.models import (
    ABSENT,
    FORMAT_SECTIONS,
    AttendeeStatus,
    GroupNote,
    NoteObjective,
    ProgressNote,
    Session,
    SessionAttendee,
    SessionKind,
)
from scheduling.note_parts import note_parts
from scheduling.services.note_processing import (
    PROCESSING_COLUMNS,
    NoteProcessing,
    processing_fields,
)
from scheduling.services.note_visit import VISIT_COLUMNS, NoteVisit, visit_fields
from scheduling.services.note_warnings import NoteWarning, note_warnings, warnings_for
from treatment_plans.models import PlanObjective, PlanStatus

__all__ = ["NoteVisit", "NoteWarning", "note_warnings", "warnings_for"]

NOTE_LOCKED = "This note is signed and locked. Correct it with an addendum."
SHARED_LOCKED = (
    "The shared part is locked: notes quoting it are already signed. "
    "Correct those notes with an addendum."
)
CONFLICT = (
    "Someone else saved this note while you were writing. Nothing you typed was saved: "
    "your text is still in the form. Compare it with what is saved now, then save again."
)


class NoteEditConflict(Exception):
    """The note (or shared part) was saved by someone else after the editor opened it."""

    def __init__(self, current_revision: int) -> None:
        super().__init__(CONFLICT)
        self.current_revision = current_revision


# ---------------------------------------------------------------- reads


def plan_objectives(*, episode_ids: Iterable[Any]) -> dict[Any, list[PlanObjective]]:
    """Each episode's active-plan objectives, in plan order, in one query."""
    objectives = (
        PlanObjective.objects.filter(
            goal__problem__plan__episode_id__in=list(episode_ids),
            goal__problem__plan__status=PlanStatus.ACTIVE,
        )
        .annotate(episode_key=F("goal__problem__plan__episode_id"))
        .select_related("goal")
        .order_by("goal__problem__order", "goal__created_at", "target_date", "created_at")
    )
    found: dict[Any, list[PlanObjective]] = {}
    for objective in objectives:
        found.setdefault(objective.episode_key, []).append(objective)  # type: ignore[attr-defined]
    return found


def session_started(session: Session, now: datetime.datetime | None = None) -> bool:
    return session.starts_at <= (now or timezone.now())


def section_keys(note_format: str) -> list[str]:
    return [key for key, _label, _prompt in FORMAT_SECTIONS[note_format]]


def missing_sections(note: ProgressNote) -> list[str]:
    return [label for _key, label, _prompt, text in note.sections if not text.strip()]


# ---------------------------------------------------------------- checks shared by the writes


def require_charter(actor: User, program: Program) -> None:
    """Refuse anyone who does not chart sessions in the program."""
    if not permissions.can(actor, permissions.CHART_SESSIONS, program):
        raise PermissionDenied("Only clinicians, prescribers and directors of the program chart.")


def check_session_chartable(session: Session, now: datetime.datetime | None = None) -> None:
    """Refuse a cancelled session, or one that has not started yet."""
    if session.is_cancelled:
        raise ValidationError("This session was cancelled: there is nothing to chart.")
    if not session_started(session, now):
        raise ValidationError("This session has not started yet: notes are written after it.")


def attendance_refusal(attendee: SessionAttendee) -> str | None:
    name = attendee.client.display_name
    if attendee.status != AttendeeStatus.EXPECTED:
        return f"{name} was removed from this session: there is no note to write."
    if attendee.attendance in ABSENT:
        return (
            f"{name} was recorded {attendee.get_attendance_display().lower()}: "
            "absent clients get no note."
        )
    return None


def _clean_body(note_format: str, body: dict[str, Any]) -> dict[str, str]:
    return {key: str(body.get(key) or "").strip() for key in section_keys(note_format)}


def _check_objectives(episode_id: Any, objective_ids: Iterable[Any]) -> list[Any]:
    wanted = {str(pk) for pk in objective_ids}
    allowed = {
        str(o.pk): o.pk for o in plan_objectives(episode_ids=[episode_id]).get(episode_id, [])
    }
    unknown = wanted - set(allowed)
    if unknown:
        raise ValidationError(
            {"objectives": "Choose objectives from this client's active treatment plan only."}
        )
    return [allowed[pk] for pk in sorted(wanted)]


def _link_objectives(note: ProgressNote, objective_ids: list[Any]) -> None:
    current = set(note.objective_links.values_list("objective_id", flat=True))
    wanted = set(objective_ids)
    if current - wanted:
        note.objective_links.filter(objective_id__in=current - wanted).delete()
    NoteObjective.objects.bulk_create(
        [NoteObjective(note=note, objective_id=pk) for pk in wanted - current]
    )


def write_note(
    *,
    session: Session,
    episode: Episode,
    client: Client,
    note_format: str,
    body: dict[str, Any],
    objective_ids: Iterable[Any],
    actor: User,
    revision: int,
    group_note: GroupNote | None = None,
    visit: dict[str, Any] | None = None,
    processing: dict[str, Any] | None = None,
) -> ProgressNote:
    """Create the note (revision 0) or update it from the revision its editor saw."""
    cleaned = _clean_body(note_format, body)
    objectives = _check_objectives(episode.pk, objective_ids)
    existing = (
        ProgressNote.objects.select_for_update().filter(session=session, client=client).first()
    )
    if existing is not None and existing.is_signed:
        raise ValidationError(NOTE_LOCKED)
    refusal = note_edit_refusal(actor, existing)
    if refusal:
        raise ValidationError(refusal)
    if existing is None:
        if revision != 0:
            raise NoteEditConflict(0)
        note = _create_note(
            session,
            episode,
            client,
            note_format,
            cleaned,
            actor,
            group_note,
            {**(visit or {}), **(processing or {})},
        )
    else:
        note = _update_note(existing, cleaned, actor, revision, group_note, visit, processing)
    _link_objectives(note, objectives)
    return note


def _create_note(
    session: Session,
    episode: Episode,
    client: Client,
    note_format: str,
    body: dict[str, str],
    actor: User,
    group_note: GroupNote | None,
    visit: dict[str, Any],
) -> ProgressNote:
    try:
        with transaction.atomic():
            return ProgressNote.objects.create(
                program_id=session.program_id,
                client=client,
                episode=episode,
                session=session,
                kind=session.kind,
                format=note_format,
                group_note=group_note,
                body=body,
                author=actor,
                created_by=actor,
                **visit,
            )
    except IntegrityError as clash:
        # Someone wrote this client's note between our check and our insert.
        raise NoteEditConflict(1) from clash


def _update_note(
    note: ProgressNote,
    body: dict[str, str],
    actor: User,
    revision: int,
    group_note: GroupNote | None,
    visit: dict[str, Any] | None,
    processing: dict[str, Any] | None = None,
) -> ProgressNote:
    if note.revision != revision:
        raise NoteEditConflict(note.revision)
    for name, value in {**(visit or {}), **(processing or {})}.items():
        setattr(note, name, value)
    note.body = body
    note.revision = revision + 1
    note.group_note = group_note or note.group_note
    changed = ["body", "revision", "group_note", "updated_at"]
    changed += VISIT_COLUMNS if visit is not None else []
    changed += PROCESSING_COLUMNS if processing is not None else []
    note.save(update_fields=changed)
    return note


# ---------------------------------------------------------------- individual, family, medication


@transaction.atomic
def note_save(
    *,
    session: Session,
    episode: Episode,
    body: dict[str, Any],
    objective_ids: Iterable[Any],
    actor: User,
    revision: int,
    visit: NoteVisit | None = None,
    processing: NoteProcessing | None = None,
    parts: dict[str, dict[str, Any]] | None = None,
) -> ProgressNote:
    """An individual, family or medication-management note in the program's format, with its
    visit facts (``visit``) and trauma processing measures (``processing``, individual notes
    only); each left as it was when not given. Every problem of both is raised at once.
    ``parts`` holds the cleaned fields of each registered note part (scheduling.note_parts),
    by part key; a part refusing its fields refuses the whole save."""
    session = Session.objects.select_related("program").get(pk=session.pk)
    require_charter(actor, session.program)
    if session.kind == SessionKind.GROUP:
        raise ValidationError("Group sessions are charted on the group notes page.")
    check_session_chartable(session)
    attendee = (
        SessionAttendee.objects.filter(session=session, episode=episode)
        .select_related("client", "episode")
        .first()
    )
    if attendee is None:
        raise ValidationError("This client was not booked for this session.")
    refusal = attendance_refusal(attendee)
    if refusal:
        raise ValidationError(refusal)
    existing = ProgressNote.objects.filter(session=session, client=attendee.client).first()
    note_format = existing.format if existing else session.program.note_format
    visit_columns, processing_columns = _checked_extras(session, attendee, visit, processing)
    note = write_note(
        session=session,
        episode=attendee.episode,
        client=attendee.client,
        note_format=note_format,
        body=body,
        objective_ids=objective_ids,
        actor=actor,
        revision=revision,
        visit=visit_columns,
        processing=processing_columns,
    )
    for part in note_parts(session.kind):
        if parts is not None and part.key in parts:
            part.save(note, parts[part.key], actor)
    return note


def _checked_extras(
    session: Session,
    attendee: SessionAttendee,
    visit: NoteVisit | None,
    processing: NoteProcessing | None,
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The visit and processing columns, or one ValidationError naming every problem."""
    errors: dict[str, list[str]] = {}
    visit_columns = processing_columns = None
    try:
        visit_columns = visit_fields(session, visit) if visit is not None else None
    except ValidationError as error:
        errors.update(error.message_dict)
    if processing is not None and session.kind != SessionKind.INDIVIDUAL:
        errors["processing_modality"] = ["Processing measures go on individual notes."]
    elif processing is not None:
        try:
            processing_columns = processing_fields(attendee.episode_id, processing)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return visit_columns, processing_columns
