"""Charting sessions: individual/family/medication notes in the program's format, the rules
every note shares (revisions, locks, signing one note), co-signing, addenda, and the lists of
notes still to write or sign. Group notes (the shared part, the parts, "Sign all") are in
``group_notes``, built on these.

Every edit names the ``revision`` its editor started from (0 for a note not written yet);
if someone saved meanwhile, ``NoteEditConflict`` is raised and nothing is written. A signed
note is refused here with a clear message, and the database refuses it too (triggers on
``ProgressNote``, ``NoteObjective`` and ``GroupNote``). Corrections are signed addenda.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from iop.accounts import permissions
from iop.accounts.models import Membership, Program, User
from iop.audit.models import AuditAction
from iop.audit.services import audit_event_record
from iop.clients.models import Client, Episode
from iop.signatures.models import SignerRole, content_hash
from iop.signatures.services import signature_record
from iop.signatures.text import addendum_text, labelled_block, lines_text, refuse_if_changed
from scheduling.access import (
    can_cosign_note,
    cosigning_program_ids,
    note_edit_refusal,
    note_sign_refusal,
)
from scheduling.models import (
    ABSENT,
    ATTENDED,
    FORMAT_SECTIONS,
    Addendum,
    AttendeeStatus,
    GroupNote,
    NoteObjective,
    ProgressNote,
    Session,
    SessionAttendee,
    SessionKind,
    SessionStaff,
)
from scheduling.note_parts import note_parts
from scheduling.services.note_processing import (
    PROCESSING_COLUMNS,
    NoteProcessing,
    processing_fields,
    processing_lines,
)
from scheduling.services.note_visit import (
    VISIT_COLUMNS,
    NoteVisit,
    missing_visit,
    visit_fields,
    visit_lines,
)
from scheduling.services.note_warnings import (
    NoteWarning,
    note_warnings,
    open_warnings,
    warnings_for,
)
from treatment_plans.models import PlanObjective, PlanStatus
from treatment_plans.wording import measure_text

__all__ = ["NoteVisit", "NoteWarning", "note_warnings", "warnings_for"]

NOTE_LOCKED = "This note is signed and locked. Correct it with an addendum."
SHARED_LOCKED = (
    "The shared part is locked: notes quoting it are already signed. "
    "Correct those notes with an addendum."
)
CHANGED = "This note changed since this page was opened. Read it again, then sign."
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


def _require_charter(actor: User, program: Program) -> None:
    if not permissions.can(actor, permissions.CHART_SESSIONS, program):
        raise PermissionDenied("Only clinicians, prescribers and directors of the program chart.")


def _check_session_chartable(session: Session, now: datetime.datetime | None = None) -> None:
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


def _write_note(
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
    _require_charter(actor, session.program)
    if session.kind == SessionKind.GROUP:
        raise ValidationError("Group sessions are charted on the group notes page.")
    _check_session_chartable(session)
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
    note = _write_note(
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


# ---------------------------------------------------------------- the signed text


def _when(session: Session) -> str:
    program = session.program
    start, end = program.local(session.starts_at), program.local(session.ends_at)
    return (
        f"{start:%A} {start:%B} {start.day}, {start.year}, {start:%H:%M}-{end:%H:%M} "
        f"({program.zone.key})"
    )


def note_text(
    note: ProgressNote,
    *,
    attendee: SessionAttendee | None = None,
    objectives: list[PlanObjective] | None = None,
) -> str:
    """The complete note as signed: the shared part for a group, the client's own part, and
    the objectives it addressed. Its SHA-256 goes on the signature. A page listing many
    notes passes each one's ``attendee`` and linked ``objectives`` it already has."""
    session, client = note.session, note.client
    title = f"{session.get_kind_display()} note"
    if session.group_id and session.group:
        title += f": {session.group.name}"
    lines = [
        title,
        f"Client: {client.legal_name}, record number {client.record_number}",
        f"Session: {_when(session)}",
    ]
    if attendee is None:
        attendee = SessionAttendee.objects.filter(session=session, client=client).first()
    if attendee and attendee.attendance:
        lines.append(
            f"Attendance: {attendee.get_attendance_display()}, {attendee.minutes_attended} minutes"
        )
    lines += visit_lines(note)
    lines += processing_lines(note)
    for part in note_parts(note.kind):
        lines += part.lines(note)
    shared = note.group_note
    if shared is not None:
        lines += [
            "",
            *labelled_block("Topic", shared.topic),
            *labelled_block("Interventions", shared.interventions),
        ]
        lines.append(f"Duration: {shared.duration_minutes} minutes")
    lines.append("")
    for _key, label, _prompt, text in note.sections:
        lines += labelled_block(label, text)
    if objectives is None:
        objectives = [link.objective for link in note.objective_links.select_related("objective")]
    lines += ["", "Plan objectives addressed:" if objectives else "Plan objectives addressed: none"]
    lines += [f"  - {o.description.strip()} ({measure_text(o)})" for o in objectives]
    return lines_text(lines)


# ---------------------------------------------------------------- signing


def _label(note: ProgressNote) -> str:
    return f"{note.get_kind_display()} note for the session of {note.session.occurs_on}"


def note_shown_hash(note: ProgressNote, **known: Any) -> str:
    """The SHA-256 of the note's text as a signing page shows it; the page posts it back."""
    return content_hash(note_text(note, **known))


def _needs_cosign(author_id: Any, program_id: Any) -> bool:
    """Read from the author's membership: a trainee's note needs a co-signature whoever
    signs it."""
    return (
        Membership.objects.active()
        .filter(user_id=author_id, program_id=program_id, notes_need_cosign=True)
        .exists()
    )


def held_reason(note: ProgressNote, warnings: list[NoteWarning]) -> str:
    """Why a note with open warnings is not signed: the warnings, and what to do."""
    return (
        f"{note.client.display_name}'s note was not signed: "
        + " ".join(str(w) for w in warnings)
        + " Change the text, or confirm the warning on the group notes page."
    )


def _sign_one(
    note: ProgressNote,
    actor: User,
    now: datetime.datetime,
    warnings: list[NoteWarning],
    shown_sha256: str,
) -> ProgressNote:
    """Sign one note whose open warnings (``warnings``) the caller computed, if its text is
    still the text whose hash (``shown_sha256``) was on the signer's screen."""
    if note.is_signed:
        raise ValidationError(NOTE_LOCKED)
    missing = missing_sections(note)
    if missing:
        raise ValidationError(
            f"Write every section before signing {note.client.display_name}'s note: "
            f"{', '.join(missing)} is empty."
        )
    missing = missing_visit(note)
    if missing:
        raise ValidationError(
            f"Give these before signing {note.client.display_name}'s note: "
            f"{', '.join(missing).lower()}."
        )
    if note.service_ended_at and note.service_ended_at > timezone.now():
        raise ValidationError(
            f"The stop time on {note.client.display_name}'s note is still ahead: give the time "
            "the session ended, then sign."
        )
    for part in note_parts(note.kind):
        if refusal := part.sign_refusal(note):
            raise ValidationError(refusal)
    if warnings:
        raise ValidationError(held_reason(note, warnings))
    if note.kind == SessionKind.GROUP and note.group_note is None:
        raise ValidationError("Write the shared part (topic, interventions, duration) first.")
    text = note_text(note)
    refuse_if_changed(text, shown_sha256, refusal=CHANGED)
    # The author stays the author of record; the signature names who signed.
    signature_record(
        obj=note, role=SignerRole.CLINICIAN, signed_text=text, signer=actor, signed_at=now
    )
    note.signed_at, note.signed_by, note.signed_text = now, actor, text
    note.content_sha256 = content_hash(text)
    note.cosign_required = _needs_cosign(note.author_id, note.program_id)
    note.save(
        update_fields=[
            "signed_at",
            "signed_by",
            "signed_text",
            "content_sha256",
            "cosign_required",
            "group_note",
            "updated_at",
        ]
    )
    audit_event_record(
        action=AuditAction.NOTE_SIGNED,
        actor=actor,
        obj=note,
        client=note.client,
        summary=f"{_label(note)} signed",
    )
    return note


def _notes_for_signing(**filters: Any) -> QuerySet[ProgressNote]:
    return (
        ProgressNote.objects.select_for_update(of=("self",))
        .select_related(
            "client", "session__program", "session__group", "group_note", "service_code", "author"
        )
        .filter(**filters)
    )


@transaction.atomic
def note_sign(*, note: ProgressNote, actor: User, shown_sha256: str) -> ProgressNote:
    """Sign one note: its full text is stored, hashed and locked. Only its author signs (or,
    for a group part, a facilitator of the session; see ``note_sign_refusal``), and only the
    text they were shown (``shown_sha256``). A note with an open warning is refused, as
    "Sign all" holds it back."""
    note = _notes_for_signing(pk=note.pk).get()
    _require_charter(actor, note.session.program)
    if note.is_signed:
        raise ValidationError(NOTE_LOCKED)
    refusal = note_sign_refusal(actor, note)
    if refusal:
        raise PermissionDenied(refusal)
    if note.kind == SessionKind.GROUP and note.group_note is None:
        note.group_note = GroupNote.objects.filter(session_id=note.session_id).first()
    warnings = open_warnings(note_warnings(session=note.session), note)
    return _sign_one(note, actor, timezone.now(), warnings, shown_sha256)


@transaction.atomic
def note_cosign(*, note: ProgressNote, actor: User) -> ProgressNote:
    note = _notes_for_signing(pk=note.pk).select_related("program").get()
    if not note.is_signed:
        raise ValidationError("The author signs first; the co-signature endorses it.")
    if not note.cosign_required:
        raise ValidationError("This note does not need a co-signature.")
    if note.cosigned_at is not None:
        raise ValidationError("This note is already co-signed.")
    if note.author_id == actor.pk:
        raise ValidationError("The co-signer must be someone other than the author.")
    if not can_cosign_note(actor, note):
        raise PermissionDenied(
            "Only a director of the program or the author's supervisor co-signs."
        )
    signature = signature_record(
        obj=note, role=SignerRole.COSIGNER, signed_text=note.signed_text, signer=actor
    )
    note.cosigned_at, note.cosigned_by = signature.signed_at, actor
    note.save(update_fields=["cosigned_at", "cosigned_by", "updated_at"])
    audit_event_record(
        action=AuditAction.NOTE_COSIGNED,
        actor=actor,
        obj=note,
        client=note.client,
        summary=f"{_label(note)} co-signed",
    )
    return note


@transaction.atomic
def addendum_add(*, note: ProgressNote, text: str, actor: User) -> Addendum:
    """A correction or addition to a signed note, signed as it is written."""
    note = ProgressNote.objects.select_related("program", "client", "session").get(pk=note.pk)
    _require_charter(actor, note.program)
    if not note.is_signed:
        raise ValidationError("Edit the note itself: addenda are for signed notes.")
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Write the addendum."})
    now = timezone.now()
    signed_text = addendum_text(f"the note of {note.session.occurs_on}", note.content_sha256, text)
    addendum = Addendum.objects.create(
        note=note,
        author=actor,
        text=text,
        signed_at=now,
        content_sha256=content_hash(signed_text),
        created_by=actor,
    )
    signature_record(
        obj=addendum,
        role=SignerRole.CLINICIAN,
        signed_text=signed_text,
        signer=actor,
        signed_at=now,
    )
    audit_event_record(
        action=AuditAction.NOTE_ADDENDUM,
        actor=actor,
        obj=note,
        client=note.client,
        summary=f"Addendum signed on the {_label(note).lower()}",
    )
    return addendum


# ---------------------------------------------------------------- what is left to do


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
