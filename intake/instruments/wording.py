"""What the clinician sees for each question: the clinic's licensed wording, ours, or a label.

For instruments whose wording we may not ship (C-SSRS, AUDIT, DAST-10, ACE) the
clinic puts its licensed text in ``<IOP_INSTRUMENT_TEXT_DIR>/<code>.json``::

    {"instructions": "...",                        # optional
     "items": {"1": "question text", ...},         # required; any subset of item keys
     "options": {"1": {"0": "answer label"}}}      # optional; per item, per answer value

A file, when present, wins for every instrument (a translated PHQ-9, say); items it
does not cover fall back to shipped text, then to the short label. A file that names
an item or answer the instrument does not have is refused (ImproperlyConfigured):
better a clear error at set-up than a question shown beside the wrong answer scale.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from intake.instruments.definitions import InstrumentDefinition

WordingSource = Literal["clinic", "shipped", "labels"]


@dataclass(frozen=True)
class ClinicWording:
    path: Path
    instructions: str
    items: dict[str, str]
    options: dict[str, dict[str, str]]


@dataclass(frozen=True)
class Prompts:
    """Everything a form or print-out shows for one instrument."""

    source: WordingSource
    instructions: str
    items: dict[str, str]
    options: dict[str, list[tuple[str, str]]]


def clinic_text_path(definition: InstrumentDefinition) -> Path:
    return Path(settings.IOP_INSTRUMENT_TEXT_DIR) / f"{definition.code}.json"


def clinic_wording(definition: InstrumentDefinition) -> ClinicWording | None:
    """The clinic's file for this instrument, or None when it has not installed one."""
    path = clinic_text_path(definition)
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    # Keyed on mtime and size so an updated file is picked up without a restart.
    return _read(path, stat.st_mtime_ns, stat.st_size, definition)


def _refuse(path: Path, problem: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"Clinic instrument text {path}: {problem}")


def _strings(raw: Any, path: Path, what: str) -> dict[str, str]:
    if not isinstance(raw, dict) or not all(isinstance(v, str) and v.strip() for v in raw.values()):
        raise _refuse(path, f'"{what}" must map keys to non-empty text.')
    return {str(k): v.strip() for k, v in raw.items()}


@lru_cache(maxsize=64)
def _read(path: Path, mtime_ns: int, size: int, definition: InstrumentDefinition) -> ClinicWording:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _refuse(path, f"cannot be read as JSON ({error}).") from error
    if not isinstance(raw, dict) or "items" not in raw:
        raise _refuse(path, 'expected an object with "items".')
    items = _strings(raw["items"], path, "items")
    if unknown := sorted(set(items) - set(definition.item_keys)):
        raise _refuse(path, f"{definition.abbreviation} has no item(s) {', '.join(unknown)}.")
    options = {}
    for key, labels in (raw.get("options") or {}).items():
        if key not in definition.item_keys:
            raise _refuse(path, f"options for unknown item {key!r}.")
        labels = _strings(labels, path, f"options.{key}")
        values = {str(o.value) for o in definition.item(key).options}
        if unknown := sorted(set(labels) - values):
            raise _refuse(path, f"item {key} has no answer(s) {', '.join(unknown)}.")
        options[key] = labels
    instructions = raw.get("instructions", "")
    if not isinstance(instructions, str):
        raise _refuse(path, '"instructions" must be text.')
    return ClinicWording(path=path, instructions=instructions, items=items, options=options)


def prompts_for(definition: InstrumentDefinition) -> Prompts:
    """Question text per item: clinic file, else shipped text, else the short label."""
    clinic = clinic_wording(definition)
    items, options = {}, {}
    for item in definition.items:
        clinic_text = clinic.items.get(item.key) if clinic else None
        items[item.key] = clinic_text or item.text or item.label
        clinic_options = clinic.options.get(item.key, {}) if clinic else {}
        options[item.key] = [
            (str(o.value), clinic_options.get(str(o.value), o.label)) for o in item.options
        ]
    source: WordingSource
    if clinic and clinic.items:
        source = "clinic"
    else:
        source = "shipped" if definition.ships_item_text else "labels"
    instructions = (clinic.instructions if clinic else "") or definition.instructions
    return Prompts(source=source, instructions=instructions, items=items, options=options)
