"""The client chart's "Reports" section: drafts and signed reports, newest first."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from iop.accounts import permissions
from iop.clients.chart import ChartSection, register_chart_section
from iop.clients.models import Client

SHOWN = 10
ORDER = 60


def reports_context(client: Client, user: Any) -> dict[str, Any]:
    from iop.reports.clinical.models import ClinicalReport

    reports = list(
        ClinicalReport.objects.filter(client=client)
        .select_related("author", "consent", "consent__recipient_user", "document")
        .order_by("-created_at")[: SHOWN + 1]
    )
    older = 0
    if len(reports) > SHOWN:
        reports = reports[:SHOWN]
        older = ClinicalReport.objects.filter(client=client).count() - SHOWN
    today = client.program.today()
    return {
        "reports": [
            {
                "report": r,
                "url": reverse("clinical_reports:report", args=[r.pk]),
                "overdue": r.overdue_on(today),
                "recipient": r.consent.recipient_display if r.consent else "",
            }
            for r in reports
        ],
        "older": older,
        "accounting_url": reverse("clinical_reports:accounting", args=[client.pk])
        if permissions.can(user, permissions.VIEW_DISCLOSURES, client.program)
        else None,
        "new_url": reverse("clinical_reports:new", args=[client.pk])
        if permissions.can(user, permissions.WRITE_REPORTS, client.program)
        else None,
    }


def register() -> None:
    register_chart_section(
        ChartSection(
            "reports",
            ORDER,
            "reports/clinical/chart/_reports.html",
            reports_context,
            permissions.VIEW_CLINICAL_RECORD,
        )
    )
