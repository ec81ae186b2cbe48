"""The report section relapse_prevention owns: drug screens in the period, read against the
medication list; and their totals (collected, failed), which the court order's required
treatment and the kernel's compliance status count.

Registered with the kernel's report drafting (iop.reports.clinical.parts) from ready().
"""

from __future__ import annotations

from typing import Any

from iop.reports.clinical.parts import ONE_DAY, Record, register_fact, register_section
from iop.reports.clinical.words import weekday_text
from relapse_prevention.models import Specimen, Validity
from relapse_prevention.readings import Kind, specimen_readings, specimens_for_reading

# A specimen that counts against compliance (Program.noncompliant_failed_screens).
FAILED_KINDS = {Kind.UNEXPLAINED, Kind.REFUSED, Kind.NO_SHOW}
TAMPERED = {Validity.SUBSTITUTED, Validity.ADULTERATED}


def _readings(record: Record) -> list[Any]:
    """The period's specimens read against the medication list: three queries."""

    def read() -> list[Any]:
        specimens = specimens_for_reading(
            Specimen.objects.filter(
                client=record.client,
                collected_at__gte=record.moment(record.start),
                collected_at__lt=record.moment(record.end + ONE_DAY),
            ).order_by("collected_at")
        )
        loaded = list(specimens)
        readings = specimen_readings(loaded)
        return [readings[s.pk] for s in loaded]

    found: list[Any] = record.once("relapse_prevention:readings", read)
    return found


def _failed(reading: Any) -> bool:
    return reading.kind in FAILED_KINDS or reading.specimen.validity in TAMPERED


def screen_totals(record: Record) -> dict[str, int]:
    """Screens in the period: all, collected (not refused, not a no-show), failed."""
    readings = _readings(record)
    return {
        "screens": len(readings),
        "collected": sum(r.kind not in (Kind.REFUSED, Kind.NO_SHOW) for r in readings),
        "failed": sum(_failed(r) for r in readings),
    }


def _screen_row(reading: Any) -> dict[str, Any]:
    specimen = reading.specimen
    return {
        "date": reading.collected_on.isoformat(),
        "date_text": weekday_text(reading.collected_on),
        "observed": specimen.observed,
        "specimen_type": specimen.get_specimen_type_display(),
        "validity": specimen.get_validity_display(),
        "reading": reading.kind,
        "result": reading.headline,
        "analytes": [
            {"name": a.name, "text": a.text} for a in reading.analytes if a.kind != Kind.NEGATIVE
        ],
        "counts_against": _failed(reading),
    }


def drug_screens(record: Record) -> dict[str, Any]:
    rows = [_screen_row(r) for r in _readings(record)]
    return {
        "screens": rows,
        "collected": len(rows),
        "failed": sum(r["counts_against"] for r in rows),
        "explained": sum(r["reading"] == Kind.EXPLAINED for r in rows),
        "note": "A positive result is stated as consistent with a medication only when that "
        "medication was on the client's list on the day of collection.",
    }


def register() -> None:
    register_fact("screen_totals", screen_totals)
    register_section("drug_screens", drug_screens)
