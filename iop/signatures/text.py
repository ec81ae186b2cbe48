"""The text a signature covers: the pieces every signed record builds it from, its hash, and
the check that the signer was shown the text being signed.

Plans, progress notes, consents and safety plans each say different things, but lay them out
with these pieces, so a field, a date or a client reads the same on all of them and the hash
is taken the same way. Signed rows keep their text and hash for good: any change here changes
the bytes of records signed from then on (tests/signatures holds the exact texts).
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable
from typing import Protocol

from django.core.exceptions import ValidationError

EMPTY = "—"  # an unwritten field is shown, and signed, as a dash


class Identified(Protocol):
    """A client, as far as a signed text names one."""

    @property
    def legal_name(self) -> str: ...
    @property
    def date_of_birth(self) -> datetime.date: ...
    @property
    def record_number(self) -> str: ...


def content_hash(text: str) -> str:
    """SHA-256 of the UTF-8 text: what a Signature stores as ``content_sha256``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# The hash a signing page carries in its form and posts back.
shown_hash = content_hash


def long_date(day: datetime.date) -> str:
    """June 4, 2026: no leading zero, the month in words."""
    return f"{day:%B} {day.day}, {day.year}"


def client_identity(client: Identified) -> str:
    """Who the record is about: legal name, date of birth and record number."""
    return (
        f"{client.legal_name}, born {long_date(client.date_of_birth)}, "
        f"record number {client.record_number}"
    )


def labelled_block(label: str, text: object, indent: str = "") -> list[str]:
    """A labelled field: each non-blank line stays a line (trimmed on the right), the first
    after the label, the rest indented two more spaces, so diffs stay readable."""
    lines = [line.rstrip() for line in str(text).strip().splitlines() if line.strip()]
    lines = lines or [EMPTY]
    return [f"{indent}{label}: {lines[0]}", *(f"{indent}  {line}" for line in lines[1:])]


def labelled(label: str, text: str) -> str:
    """A one-paragraph element ("Recipient: ..."), or the bare text without a label."""
    return f"{label}: {text}" if label else text


def lines_text(lines: Iterable[str]) -> str:
    """A record laid out line by line (blank lines between its parts)."""
    return "\n".join(lines)


def paragraphs_text(paragraphs: Iterable[str]) -> str:
    """A record laid out paragraph by paragraph, a blank line between each."""
    return "\n\n".join(paragraphs)


def addendum_text(of: str, signed_sha256: str, text: str) -> str:
    """What an addendum's signature covers: the record it corrects, by its words and the hash
    of its signed text, then the addendum itself. ``of`` says which record ("the note of
    2026-06-04", "the drug screen of June 4, 2026")."""
    return f"Addendum to {of} ({signed_sha256}):\n{text}"


def changed_since_shown(what: str) -> str:
    """The refusal when the text changed after the page showing it was opened."""
    return f"The {what} changed since this page was opened. Read it again."


def refuse_if_changed(text: str, shown_sha256: str, *, refusal: str) -> None:
    """Nothing is signed unless the signer's page showed exactly ``text``."""
    if content_hash(text) != shown_sha256:
        raise ValidationError(refusal)
