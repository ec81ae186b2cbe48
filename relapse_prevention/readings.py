"""What a drug screen says, read against the medication list on the collection date.

An expected positive is computed here, never typed or stored: a positive analyte is
"consistent with prescribed buprenorphine" only when a medication of a class the analyte
detects (PanelAnalyte.explained_by) was active on the program's date of collection. A
refusal, an inability to provide, a no-show and an invalid specimen each read as what they
are, never as a positive or a negative.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q

from iop.medications.models import Medication, MedicationSource
from relapse_prevention.models import AnalyteResult, Specimen, Validity


class Kind:
    """How one analyte, or one specimen as a whole, reads (also the CSS modifier)."""

    NEGATIVE = "negative"
    EXPLAINED = "explained"  # positive, consistent with an active medication
    UNEXPLAINED = "unexplained"  # positive with no medication to explain it
    PENDING = "pending"  # no result yet
    REFUSED = "refused"
    UNABLE = "unable"
    NO_SHOW = "no_show"
    INVALID = "invalid"  # invalid, substituted or adulterated: not a result


NOT_A_RESULT = {
    Validity.REFUSED: (Kind.REFUSED, "Refused: no specimen collected"),
    Validity.UNABLE_TO_PROVIDE: (Kind.UNABLE, "Unable to provide a specimen"),
    Validity.NO_SHOW: (Kind.NO_SHOW, "No-show: missed the collection"),
    Validity.INVALID: (Kind.INVALID, "Invalid specimen: no result can be read"),
    Validity.SUBSTITUTED: (Kind.INVALID, "Substituted specimen: no result can be read"),
    Validity.ADULTERATED: (Kind.INVALID, "Adulterated specimen: no result can be read"),
}


def explanation(medication: Medication) -> str:
    """ "prescribed buprenorphine/naloxone", or "reported ..." for one nobody prescribed."""
    prescribed = (
        medication.source == MedicationSource.PRESCRIBED_HERE
        or medication.prescriber_id is not None
        or bool(medication.outside_prescriber)
    )
    return f"{'prescribed' if prescribed else 'reported'} {medication.name.lower()}"


@dataclass
class AnalyteReading:
    result: AnalyteResult
    kind: str
    text: str
    medications: list[Medication] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.result.analyte.name


@dataclass
class SpecimenReading:
    specimen: Specimen
    collected_on: datetime.date
    kind: str
    headline: str
    analytes: list[AnalyteReading] = field(default_factory=list)

    @property
    def unexplained(self) -> list[AnalyteReading]:
        return [a for a in self.analytes if a.kind == Kind.UNEXPLAINED]

    @property
    def explained(self) -> list[AnalyteReading]:
        return [a for a in self.analytes if a.kind == Kind.EXPLAINED]

    @property
    def dilute(self) -> bool:
        return self.specimen.validity == Validity.DILUTE


def analyte_reading(result: AnalyteResult, active: Sequence[Medication]) -> AnalyteReading:
    reading = result.final_reading
    if reading is None:
        return AnalyteReading(result, Kind.PENDING, "No result yet")
    if not result.positive:
        step = "confirmation" if result.confirmation_result else "screen"
        return AnalyteReading(result, Kind.NEGATIVE, f"Negative ({step})")
    step = "confirmed" if result.confirmation_result else "screen, not confirmed"
    matching = [m for m in active if m.drug_class in result.analyte.explained_by]
    if matching:
        why = " and ".join(explanation(m) for m in matching)
        return AnalyteReading(
            result, Kind.EXPLAINED, f"Positive ({step}), consistent with {why}", matching
        )
    return AnalyteReading(
        result, Kind.UNEXPLAINED, f"Positive ({step}), not explained by a medication"
    )


def _headline(specimen: Specimen, analytes: list[AnalyteReading]) -> tuple[str, str]:
    if specimen.validity in NOT_A_RESULT:
        return NOT_A_RESULT[Validity(specimen.validity)]
    unexplained = [a.name for a in analytes if a.kind == Kind.UNEXPLAINED]
    explained = [a for a in analytes if a.kind == Kind.EXPLAINED]
    dilute = (
        " Dilute specimen: a negative result may not be reliable."
        if (specimen.validity == Validity.DILUTE)
        else ""
    )
    if unexplained:
        kind, text = Kind.UNEXPLAINED, f"Unexplained positive: {', '.join(unexplained)}."
    elif explained:
        why = "; ".join(
            f"{a.name} consistent with {explanation(a.medications[0])}" for a in explained
        )
        kind, text = Kind.EXPLAINED, f"Positive, explained by medication: {why}."
    elif not analytes or any(a.kind == Kind.PENDING for a in analytes):
        kind, text = Kind.PENDING, "Results pending."
    else:
        kind, text = Kind.NEGATIVE, "Negative for every analyte tested."
    return kind, text + dilute


def specimens_for_reading(queryset: Any) -> Any:
    """The specimens with what reading them needs, in a fixed number of queries."""
    return queryset.select_related("client__program", "panel").prefetch_related(
        Prefetch("results", AnalyteResult.objects.select_related("analyte"))
    )


def specimen_readings(specimens: Sequence[Specimen]) -> dict[Any, SpecimenReading]:
    """Each specimen's reading, keyed by its id: one query for every client's medications,
    whatever the number of specimens (pass them through specimens_for_reading first)."""
    if not specimens:
        return {}
    days = {s.pk: s.client.program.local_date(s.collected_at) for s in specimens}
    first, last = min(days.values()), max(days.values())
    medications: dict[Any, list[Medication]] = {}
    for medication in Medication.objects.filter(
        Q(stopped_on__isnull=True) | Q(stopped_on__gte=first),
        client_id__in={s.client_id for s in specimens},
        started_on__lte=last,
    ):
        medications.setdefault(medication.client_id, []).append(medication)
    readings = {}
    for specimen in specimens:
        day = days[specimen.pk]
        active = [m for m in medications.get(specimen.client_id, []) if m.is_active_on(day)]
        analytes = (
            []
            if specimen.validity in NOT_A_RESULT
            else [analyte_reading(r, active) for r in specimen.results.all()]
        )
        kind, headline = _headline(specimen, analytes)
        readings[specimen.pk] = SpecimenReading(specimen, day, kind, headline, analytes)
    return readings


def specimen_reading(specimen: Specimen) -> SpecimenReading:
    return specimen_readings([specimen])[specimen.pk]
