"""A stand-in renderer for clinical report PDFs, on pdf_base.html with a body of many rows.

The drafting helper's real renderer ("clinical_report") replaces it; until then the layout
tests (and scripts/benchmark_reports.py, when that renderer is missing) render this one.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.utils import timezone

from iop.reports.models import Report
from iop.reports.pdf import render_pdf

SAMPLE_KIND = "test_clinical_pdf"
TEMPLATES = Path(__file__).resolve().parent / "templates"
KINDS = ["Group", "Individual", "Family", "Medication management"]
STATUSES = ["Attended", "Attended", "Attended", "Excused absence", "Attended", "Unexcused absence"]


def sample_context(clinical: Any, *, days: int, disclosed: bool | None = None) -> dict[str, Any]:
    start = clinical.period_start
    rows = [
        {
            "day": start + datetime.timedelta(days=n % max(days, 1)),
            "title": f"Session {n + 1}",
            "kind": KINDS[n % len(KINDS)],
            "status": STATUSES[n % len(STATUSES)],
        }
        for n in range(days)
    ]
    consent = clinical.consent
    shown = consent is not None if disclosed is None else disclosed
    return {
        "report": clinical,
        "program": clinical.program,
        "disclosed": shown,
        "recipient": (
            consent.recipient_user.display_name
            if consent and consent.recipient_user
            else getattr(consent, "recipient_name", "")
        )
        if shown
        else "",
        "rows": rows,
        "paragraphs": [
            "Took part in group discussion, practiced grounding skills between sessions and "
            "described using them at work. Arrived on time and stayed for each session."
        ]
        * max(2, days // 15),
    }


def render_sample(report: Report, *, rows: int = 120) -> tuple[bytes, str]:
    from iop.reports.clinical.models import ClinicalReport

    clinical = ClinicalReport.objects.select_related(
        "client__program", "program", "consent__recipient_user", "signed_by"
    ).get(pk=report.subject_id)
    with timezone.override(clinical.program.zone):
        context = sample_context(clinical, days=rows)
        pdf = render_pdf("reports/clinical/sample.html", context, accessible=True)
    return pdf, f"{clinical.get_kind_display()} {clinical.reference}"
