"""Trauma processing measures on an individual note (CLINICAL.md, "Trauma processing
measures"): which processing therapy ran, SUDS (0-10) at the start and end, and for EMDR the
target (a short neutral label) and VOC (1-7) at the end.

Offered only when the client's active treatment plan has a trauma-processing intervention
(EMDR, CPT, PE); checked as entered, every problem at once, nothing saved if one is wrong;
``processing_lines`` puts them in the signed text, so they are locked with the note.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from scheduling.models import ProcessingModality, ProgressNote
from treatment_plans.models import PlanIntervention, PlanStatus

TARGET_LENGTH = 80
SUDS_RANGE = "SUDS is from 0 to 10."
VOC_RANGE = "VOC is from 1 to 7."
TARGET_NEEDED = "Name the target for EMDR."
PROCESSING_COLUMNS = [
    "processing_modality",
    "processing_target",
    "suds_start",
    "suds_end",
    "voc_end",
]


@dataclass(frozen=True)
class NoteProcessing:
    """The measures as entered; an empty modality means this was not a processing session."""

    modality: str = ""
    target: str = ""
    suds_start: int | None = None
    suds_end: int | None = None
    voc_end: int | None = None


def processing_modalities(episode_id: Any) -> list[tuple[str, str]]:
    """The processing therapies on the episode's active plan, as (code, label); one query."""
    codes = set(
        PlanIntervention.objects.filter(
            plan__episode_id=episode_id,
            plan__status=PlanStatus.ACTIVE,
            modality__trauma_processing=True,
            modality__code__in=ProcessingModality.values,
        ).values_list("modality__code", flat=True)
    )
    return [(code, label) for code, label in ProcessingModality.choices if code in codes]


def _measures(entered: NoteProcessing, errors: dict[str, str]) -> None:
    for name in ("suds_start", "suds_end"):
        value = getattr(entered, name)
        if value is None:
            errors[name] = (
                "Give SUDS at the start." if name == "suds_start" else ("Give SUDS at the end.")
            )
        elif not 0 <= value <= 10:
            errors[name] = SUDS_RANGE
    emdr = entered.modality == ProcessingModality.EMDR
    target = entered.target.strip()
    if emdr and not target:
        errors["processing_target"] = TARGET_NEEDED
    elif len(target) > TARGET_LENGTH:
        errors["processing_target"] = (
            f"Keep the target to a short label ({TARGET_LENGTH} characters at most)."
        )
    elif target and not emdr:
        errors["processing_target"] = "A target is named for EMDR only."
    if entered.voc_end is not None and not emdr:
        errors["voc_end"] = "VOC is recorded for EMDR only."
    elif entered.voc_end is not None and not 1 <= entered.voc_end <= 7:
        errors["voc_end"] = VOC_RANGE


def processing_fields(episode_id: Any, entered: NoteProcessing) -> dict[str, Any]:
    """The note's processing columns from what was entered; every problem at once, per field."""
    errors: dict[str, str] = {}
    if not entered.modality:
        given = [entered.target.strip(), entered.suds_start, entered.suds_end, entered.voc_end]
        if any(value not in (None, "") for value in given):
            errors["processing_modality"] = "Choose the processing therapy these measures are from."
            raise ValidationError(errors)
        return dict.fromkeys(PROCESSING_COLUMNS) | {
            "processing_modality": "",
            "processing_target": "",
        }
    allowed = {code for code, _label in processing_modalities(episode_id)}
    if entered.modality not in allowed:
        errors["processing_modality"] = (
            "Choose a processing therapy on this client's treatment plan."
        )
    _measures(entered, errors)
    if errors:
        raise ValidationError(errors)
    return {
        "processing_modality": entered.modality,
        "processing_target": " ".join(entered.target.split()),
        "suds_start": entered.suds_start,
        "suds_end": entered.suds_end,
        "voc_end": entered.voc_end,
    }


def processing_lines(note: ProgressNote) -> list[str]:
    """The measures as they go into the signed text (and the note page)."""
    if not note.processing_modality:
        return []
    lines = [f"Trauma processing: {ProcessingModality(note.processing_modality).label}"]
    if note.processing_target:
        lines.append(f"Target: {note.processing_target}")
    lines.append(f"SUDS (0-10): {note.suds_start} at the start, {note.suds_end} at the end")
    if note.voc_end is not None:
        lines.append(f"VOC (1-7) at the end: {note.voc_end}")
    return lines
