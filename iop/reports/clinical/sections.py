"""The sections a report can hold, and which consented information each one discloses.

A report drafted for a recipient holds only the sections its consent covers; the others
are left out of the document (never blanked in place) and the draft page says which and
why. A report for the chart (no recipient) holds them all, except what no consent can
disclose here (the medication list) when it is disclosed later.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from iop.reports.clinical.terms import ConsentInformation


class ReportKind(models.TextChoices):
    COMPLIANCE = "compliance", "Court/probation compliance report"
    PROGRESS = "progress", "Progress report"
    DISCHARGE = "discharge", "Discharge summary"
    # For a client moving to another provider: the discharge summary written for the
    # receiving provider (who they go to, why, and what care continues).
    TRANSITION = "transition", "Transition summary"


# Kinds that close an episode: each holds the discharge status and the aftercare.
CLOSING_KINDS = {ReportKind.DISCHARGE, ReportKind.TRANSITION}


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    # The consented information this section discloses; None: identifies the report (the
    # consent names the client, so identifiers always go); "" : never disclosed.
    needs: str | None


IDENTIFIERS = SectionSpec("identifiers", "Identifiers", None)
EXECUTIVE_SUMMARY = SectionSpec("executive_summary", "Summary", ConsentInformation.PROGRESS_SUMMARY)
COURT_ORDER = SectionSpec(
    "court_order", "Treatment required by the court order", ConsentInformation.ATTENDANCE
)
ATTENDANCE = SectionSpec("attendance", "Attendance", ConsentInformation.ATTENDANCE)
HOURS = SectionSpec("hours", "Weekly hours", ConsentInformation.ATTENDANCE)
DRUG_SCREENS = SectionSpec("drug_screens", "Drug screens", ConsentInformation.DRUG_SCREENS)
PARTICIPATION = SectionSpec("participation", "Participation", ConsentInformation.PROGRESS_SUMMARY)
COMPLIANCE = SectionSpec("compliance", "Compliance status", ConsentInformation.ATTENDANCE)
RECOMMENDATION = SectionSpec(
    "recommendation", "Recommendation", ConsentInformation.PROGRESS_SUMMARY
)
INSTRUMENTS = SectionSpec("instruments", "Measures over time", ConsentInformation.PROGRESS_SUMMARY)
OBJECTIVES = SectionSpec(
    "objectives", "Progress on the treatment plan", ConsentInformation.PLAN_SUMMARY
)
CLINICIAN_SUMMARY = SectionSpec(
    "clinician_summary", "Clinician's summary", ConsentInformation.PROGRESS_SUMMARY
)
DISCHARGE = SectionSpec("discharge", "Discharge status", ConsentInformation.DISCHARGE_STATUS)
COURSE = SectionSpec(
    "course", "Course of treatment and levels of care", ConsentInformation.PROGRESS_SUMMARY
)
MEDICATIONS = SectionSpec("medications", "Medications at discharge", "")
AFTERCARE = SectionSpec("aftercare", "Aftercare", ConsentInformation.DISCHARGE_STATUS)

SECTIONS: dict[str, list[SectionSpec]] = {
    ReportKind.COMPLIANCE: [
        IDENTIFIERS,
        EXECUTIVE_SUMMARY,
        COURT_ORDER,
        ATTENDANCE,
        HOURS,
        DRUG_SCREENS,
        PARTICIPATION,
        COMPLIANCE,
        RECOMMENDATION,
        DISCHARGE,
    ],
    ReportKind.PROGRESS: [
        IDENTIFIERS,
        ATTENDANCE,
        HOURS,
        INSTRUMENTS,
        OBJECTIVES,
        CLINICIAN_SUMMARY,
    ],
    ReportKind.DISCHARGE: [
        IDENTIFIERS,
        DISCHARGE,
        COURSE,
        ATTENDANCE,
        INSTRUMENTS,
        OBJECTIVES,
        MEDICATIONS,
        CLINICIAN_SUMMARY,
        AFTERCARE,
    ],
    ReportKind.TRANSITION: [
        IDENTIFIERS,
        DISCHARGE,
        COURSE,
        ATTENDANCE,
        DRUG_SCREENS,
        INSTRUMENTS,
        OBJECTIVES,
        MEDICATIONS,
        CLINICIAN_SUMMARY,
        AFTERCARE,
    ],
}

# The parts the clinician writes (prefilled from the record); everything else is drawn
# from the record and is not edited.
NARRATIVE_FIELDS: dict[str, list[str]] = {
    ReportKind.COMPLIANCE: ["executive_summary", "participation", "recommendation"],
    ReportKind.PROGRESS: ["clinician_summary"],
    ReportKind.DISCHARGE: ["clinician_summary", "aftercare"],
    ReportKind.TRANSITION: ["clinician_summary", "aftercare"],
}


@dataclass(frozen=True)
class LeftOut:
    key: str
    title: str
    reason: str


def scope_of(kind: str, information: list[str] | None) -> tuple[list[SectionSpec], list[LeftOut]]:
    """(sections included, sections left out with why) for a consent's information.

    ``information`` None: the report is for the chart, every section is included.
    """
    included: list[SectionSpec] = []
    left_out: list[LeftOut] = []
    for spec in SECTIONS[kind]:
        if information is None or spec.needs is None or spec.needs in information:
            included.append(spec)
        elif spec.needs == "":
            left_out.append(LeftOut(spec.key, spec.title, "No consent here covers disclosing it."))
        else:
            label = ConsentInformation(spec.needs).label.lower()
            left_out.append(LeftOut(spec.key, spec.title, f"The consent does not cover {label}."))
    return included, left_out
