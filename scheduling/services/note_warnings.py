"""Warnings on a session's notes, and clinicians' confirmations that one does not apply.

Two warnings: a part names another member of the group (a client's record must never name
another client), and a part is identical or nearly identical to another client's (cloned
notes are refused by payers and courts). A note with an open warning is not signed, by
"Sign all" or on its own. A clinician may confirm that a flagged word is not a member's
name, or, with a reason, that near-identical text really was written for this client. A
confirmation holds for the text it was given on only: the warnings are recomputed on the
current text and any change brings them back.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from iop.accounts import permissions
from iop.accounts.models import User
from iop.clients.models import Client
from iop.signatures.models import content_hash
from scheduling.models import (
    ProgressNote,
    Session,
    SessionAttendee,
    WarningConfirmation,
    WarningKind,
)

# Parts shorter than this are not compared for cloning ("None observed." is fine everywhere).
CLONE_MIN_CHARS = 40
CLONE_RATIO = 0.9
GONE = "This warning no longer applies to the note as it is now: nothing was recorded."
REASON_NEEDED = (
    "Say why this client's part is so close to another's, e.g. both said the same thing."
)


@dataclass
class NoteWarning:
    """One open or confirmed warning on one note."""

    kind: str
    message: str
    text_sha256: str  # of the text it was computed on
    word: str = ""
    other_note_id: Any = None
    ratio: int | None = None
    confirmation: WarningConfirmation | None = None
    error: str = ""  # a refused confirmation, shown beside it

    def __str__(self) -> str:
        return self.message

    @property
    def key(self) -> str:
        """Names the warning in a form: the word, or the other note."""
        if self.kind == WarningKind.NAMES_MEMBER:
            return f"name:{self.word.casefold()}"
        return f"near:{self.other_note_id}"

    @property
    def is_open(self) -> bool:
        return self.confirmation is None

    @property
    def needs_reason(self) -> bool:
        return self.kind == WarningKind.NEAR_IDENTICAL


def _key_of(confirmation: WarningConfirmation) -> str:
    if confirmation.kind == WarningKind.NAMES_MEMBER:
        return f"name:{confirmation.word.casefold()}"
    return f"near:{confirmation.other_note_id}"


def _name_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)


def _names(client: Client) -> set[str]:
    names = {client.legal_first_name, client.preferred_name, client.legal_last_name}
    return {n.strip() for n in names if len(n.strip()) >= 2}


def _normalised(note: ProgressNote) -> str:
    return " ".join(" ".join(str(v) for v in note.body.values()).split()).casefold()


def _text_hash(*notes: ProgressNote) -> str:
    """The exact section texts the warning was computed on (any edit changes it)."""
    parts = [f"{note.pk}:{key}={note.body[key]}" for note in notes for key in sorted(note.body)]
    return content_hash("\n".join(parts))


def warnings_for(
    notes: Sequence[ProgressNote],
    attendees: Sequence[SessionAttendee],
    confirmations: Iterable[WarningConfirmation] = (),
) -> dict[Any, list[NoteWarning]]:
    """Every note's warnings from rows already loaded (no queries), each with the
    confirmation that still holds for it, if any."""
    warnings: dict[Any, list[NoteWarning]] = {note.pk: [] for note in notes}
    _name_warnings(notes, attendees, warnings)
    _clone_warnings(notes, warnings)
    held = {(c.note_id, _key_of(c), c.text_sha256): c for c in confirmations}
    for note_id, found in warnings.items():
        for warning in found:
            warning.confirmation = held.get((note_id, warning.key, warning.text_sha256))
    return warnings


def _name_warnings(
    notes: Sequence[ProgressNote],
    attendees: Sequence[SessionAttendee],
    warnings: dict[Any, list[NoteWarning]],
) -> None:
    roster = [(a.client, _names(a.client)) for a in attendees]
    for note in notes:
        text = " ".join(str(v) for v in note.body.values())
        own = {n.casefold() for n in _names(note.client)}
        named: dict[str, tuple[str, list[str]]] = {}  # casefolded word -> (word, members)
        for client, names in roster:
            if client.pk == note.client_id:
                continue
            for name in sorted(names):
                if name.casefold() not in own and _name_pattern(name).search(text):
                    word, members = named.setdefault(name.casefold(), (name, []))
                    members.append(client.display_name)
        digest = _text_hash(note) if named else ""
        for word, members in named.values():
            warnings[note.pk].append(
                NoteWarning(
                    kind=WarningKind.NAMES_MEMBER,
                    message=f"Names another group member (“{word}”, {', '.join(members)}). "
                    "A client's note never names other members.",
                    text_sha256=digest,
                    word=word,
                )
            )


def _clone_warnings(notes: Sequence[ProgressNote], warnings: dict[Any, list[NoteWarning]]) -> None:
    texts = [(note, _normalised(note)) for note in notes]
    texts = [(note, text) for note, text in texts if len(text) >= CLONE_MIN_CHARS]
    for index, (note, text) in enumerate(texts):
        for other, other_text in texts[index + 1 :]:
            matcher = difflib.SequenceMatcher(None, text, other_text, autojunk=False)
            if matcher.real_quick_ratio() < CLONE_RATIO or matcher.quick_ratio() < CLONE_RATIO:
                continue
            ratio = matcher.ratio()
            if ratio < CLONE_RATIO:
                continue
            how = "Identical" if text == other_text else f"Nearly identical ({ratio:.0%} the same)"
            for this, that in ((note, other), (other, note)):
                warnings[this.pk].append(
                    NoteWarning(
                        kind=WarningKind.NEAR_IDENTICAL,
                        message=f"{how} to the part written for {that.client.display_name}. "
                        "Write what this client said and did.",
                        text_sha256=_text_hash(this, that),
                        other_note_id=that.pk,
                        ratio=round(ratio * 100),
                    )
                )


def note_warnings(*, session: Session) -> dict[Any, list[NoteWarning]]:
    """Per note of the session: its warnings on the current text, confirmed or open."""
    notes = list(ProgressNote.objects.filter(session=session).select_related("client"))
    attendees = list(
        SessionAttendee.objects.expected().filter(session=session).select_related("client")
    )
    confirmations = WarningConfirmation.objects.filter(note__session=session)
    return warnings_for(notes, attendees, confirmations)


def open_warnings(warnings: dict[Any, list[NoteWarning]], note: ProgressNote) -> list[NoteWarning]:
    return [w for w in warnings.get(note.pk, []) if w.is_open]


@transaction.atomic
def note_warning_confirm(
    *, note: ProgressNote, key: str, reason: str, actor: User
) -> WarningConfirmation:
    """Record that an open warning on the note's current text does not apply."""
    note = (
        ProgressNote.objects.select_for_update()
        .select_related("program", "session")
        .get(pk=note.pk)
    )
    if not permissions.can(actor, permissions.CHART_SESSIONS, note.program):
        raise PermissionDenied("Only clinicians, prescribers and directors of the program chart.")
    if note.is_signed:
        raise ValidationError("This note is signed and locked. Correct it with an addendum.")
    current = note_warnings(session=note.session).get(note.pk, [])
    warning = next((w for w in current if w.key == key and w.is_open), None)
    if warning is None:
        raise ValidationError(GONE)
    reason = " ".join(reason.split())
    if warning.needs_reason and not reason:
        raise ValidationError({"reason": REASON_NEEDED})
    return WarningConfirmation.objects.create(
        note=note,
        kind=warning.kind,
        word=warning.word,
        other_note_id=warning.other_note_id,
        ratio=warning.ratio,
        reason=reason if warning.needs_reason else "",
        text_sha256=warning.text_sha256,
        confirmed_by=actor,
        created_by=actor,
    )
