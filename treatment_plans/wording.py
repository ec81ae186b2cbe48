"""How plan content reads, in one place: plain functions without database access, used by the
plan model, its services, the plan PDF and the notes that link objectives (scheduling).

The measure kinds live here beside their wording so that the model can use the wording
without importing a service module; ``treatment_plans.models`` re-exports ``MeasureKind``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import models

from intake.instruments import UnknownInstrument
from intake.instruments import get as get_instrument

if TYPE_CHECKING:
    from treatment_plans.models import PlanObjective

UNRATED = "Rate this objective: met, progressing, not progressing or revised."


class MeasureKind(models.TextChoices):
    INSTRUMENT_BELOW = "instrument_below", "Instrument score below a threshold"
    ATTENDANCE = "attendance", "Attendance at or above a rate"
    PRACTICE = "practice", "A skill practiced so many times a week"
    OBSERVED = "observed", "Observed and recorded by staff"


def instrument_label(code: str) -> str:
    try:
        return get_instrument(code).abbreviation
    except UnknownInstrument:
        return code.upper()


def number(value: Decimal) -> str:
    """33.0 reads as 33; 7.5 stays 7.5."""
    return f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"


def measure_text(objective: PlanObjective) -> str:
    """How the objective is measured, in words (instrument names as clinicians write them)."""
    if objective.measure == MeasureKind.INSTRUMENT_BELOW and objective.threshold is not None:
        label = instrument_label(objective.instrument)
        return f"{label} score below {number(objective.threshold)}"
    if objective.measure == MeasureKind.ATTENDANCE and objective.threshold is not None:
        return f"Attendance at or above {number(objective.threshold)}%"
    if objective.measure == MeasureKind.PRACTICE and objective.per_week:
        times = "once" if objective.per_week == 1 else f"{objective.per_week} times"
        return f"Practiced {times} a week"
    if objective.measure == MeasureKind.OBSERVED:
        return "Observed and recorded by staff"
    return "Not measurable yet"
