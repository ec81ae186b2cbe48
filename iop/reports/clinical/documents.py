"""The signed report as a PDF: what the author signed, and nothing more.

A worker calls ``render_clinical_report(report)`` for a kernel Report whose subject is a
ClinicalReport. The PDF is drawn from the signed content (frozen in the row), so rendering
later, or again, prints exactly what was signed. A report drafted for a recipient prints the
section 2.32 notice on every page (pdf_base.html).
"""

from __future__ import annotations

from typing import Any

from iop.reports.clinical.models import ClinicalReport
from iop.reports.clinical.sections import NARRATIVE_FIELDS
from iop.reports.models import Report
from iop.reports.pdf import render_pdf
from iop.reports.registry import register_renderer

KIND = "clinical_report"


def report_sections(report: ClinicalReport) -> list[dict[str, Any]]:
    """Each section with the clinician's words beside it where the section is narrative."""
    narrative = set(NARRATIVE_FIELDS[report.kind])
    return [
        {
            "section": section,
            "narrative": getattr(report, section["key"]) if section["key"] in narrative else "",
        }
        for section in report.content.get("sections", [])
    ]


def render_clinical_report(document: Report) -> tuple[bytes, str]:
    report = ClinicalReport.objects.select_related(
        "client", "client__program", "signed_by", "consent", "consent__recipient_user"
    ).get(pk=document.subject_id)
    disclosed = report.consent_id is not None
    context = {
        "report": report,
        "program": report.client.program,
        "disclosed": disclosed,
        "recipient": report.consent.recipient_display if report.consent else "",
        "sections": report_sections(report),
    }
    pdf = render_pdf("reports/clinical/pdf_report.html", context, accessible=True)
    title = f"{report.get_kind_display()} {report.reference}"
    return pdf, title


def register() -> None:
    register_renderer(KIND, render_clinical_report, label="Report")
