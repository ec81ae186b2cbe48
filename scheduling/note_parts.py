"""Parts an app above scheduling adds to the notes of one kind of session
(docs/architecture.md): e.g. family's "who attended" and "focus" on family session notes.

scheduling must not import those apps, so each registers a part from its AppConfig.ready.
A part, for the session kinds it names:
- ``fields(note, session)``: extra form fields for the note page (names unique to the part),
  rendered with ``template`` (context: ``part_fields``, ``part_context``);
- ``context(note, session)``: what that template shows beside the fields (read-only facts);
- ``save(note, data, actor)``: called inside ``note_save``'s transaction with the part's
  cleaned fields; raises ValidationError (keyed by field) to refuse the whole save;
- ``sign_refusal(note)``: why the note may not be signed yet, or None (checked at signing);
- ``lines(note)``: lines appended to ``note_text``, so the signed text and its hash hold them.
The part locks its own rows once the note is signed (a database trigger on its table).
With nothing registered, notes work as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django import forms

    from scheduling.models import ProgressNote, Session


@dataclass(frozen=True)
class NotePart:
    key: str
    kinds: frozenset[str]
    template: str
    fields: Callable[[ProgressNote | None, Session], dict[str, forms.Field]]
    initial: Callable[[ProgressNote | None, Session], dict[str, Any]]
    context: Callable[[ProgressNote | None, Session], dict[str, Any]]
    save: Callable[[ProgressNote, dict[str, Any], Any], None]
    sign_refusal: Callable[[ProgressNote], str | None]
    lines: Callable[[ProgressNote], list[str]]
    order: int = 100


_parts: dict[str, NotePart] = {}


def register_note_part(part: NotePart) -> None:
    _parts[part.key] = part


def note_parts(kind: str) -> list[NotePart]:
    """The parts of a note for a session of ``kind``, in order."""
    return sorted((p for p in _parts.values() if kind in p.kinds), key=lambda p: p.order)
