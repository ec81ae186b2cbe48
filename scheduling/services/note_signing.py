"""Signing session notes: one note by its author (or a group part by a facilitator), the
co-signature a trainee's note needs, and addenda, the signed corrections of a signed note.
Each signs only the text whose hash was on the signer's screen.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from iop.accounts.models import Membership, User
from iop.audit.models import AuditAction
from iop.audit.services import audit_event_record
from iop.signatures.models import SignerRole, content_hash
from iop.signatures.services import signature_record
from iop.signatures.text import addendum_text, refuse_if_changed
from scheduling.access import can_cosign_note, note_sign_refusal
from scheduling.models import Addendum, GroupNote, ProgressNote, SessionKind
from scheduling.note_parts import note_parts
from scheduling.services.note_text import note_text
from scheduling.services.note_visit import missing_visit
from scheduling.services.note_warnings import NoteWarning, note_warnings, open_warnings
from scheduling.services.notes import NOTE_LOCKED, missing_sections, require_charter

CHANGED = "This note changed since this page was opened. Read it again, then sign."


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


def sign_one(
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


def notes_for_signing(**filters: Any) -> QuerySet[ProgressNote]:
    """The notes matching ``filters``, locked, with what signing them reads."""
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
    note = notes_for_signing(pk=note.pk).get()
    require_charter(actor, note.session.program)
    if note.is_signed:
        raise ValidationError(NOTE_LOCKED)
    refusal = note_sign_refusal(actor, note)
    if refusal:
        raise PermissionDenied(refusal)
    if note.kind == SessionKind.GROUP and note.group_note is None:
        note.group_note = GroupNote.objects.filter(session_id=note.session_id).first()
    warnings = open_warnings(note_warnings(session=note.session), note)
    return sign_one(note, actor, timezone.now(), warnings, shown_sha256)


@transaction.atomic
def note_cosign(*, note: ProgressNote, actor: User) -> ProgressNote:
    note = notes_for_signing(pk=note.pk).select_related("program").get()
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
    require_charter(actor, note.program)
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
