"""Today's panels about reports (the kernel drafts them; Today is scheduling's page):
"Reports to sign" (the user's own drafts, court-ordered ones with their due date) and the
director's "Court reports overdue" (court-ordered reports past their due date, unsigned).
"""

from __future__ import annotations

from typing import Any

from iop.accounts import permissions
from iop.reports.clinical.models import ClinicalReport
from iop.reports.clinical.schedule import overdue_drafts
from scheduling.today_panels import TodayPanel, register_today_panel

SHOWN = 20


def to_sign_context(user: Any, programs: list[Any]) -> dict[str, Any]:
    drafts = list(
        ClinicalReport.objects.drafts()
        .filter(author=user, program__in=programs)
        .select_related("client", "client__program")
        .order_by("due_on", "created_at")[:SHOWN]
    )
    rows = [{"report": r, "overdue": r.overdue_on(r.client.program.today())} for r in drafts]
    return {"rows": rows}


def to_sign_clients(context: dict[str, Any]) -> list[Any]:
    return [row["report"].client for row in context["rows"]]


def overdue_context(user: Any, programs: list[Any]) -> dict[str, Any]:
    return {"overdue_reports": overdue_drafts([p.pk for p in programs])}


def overdue_clients(context: dict[str, Any]) -> list[Any]:
    return [report.client for report in context["overdue_reports"]]


def register() -> None:
    register_today_panel(
        TodayPanel(
            key="reports_to_sign",
            order=30,
            template="reports/clinical/_today_to_sign.html",
            capability=permissions.WRITE_REPORTS,
            context=to_sign_context,
            clients=to_sign_clients,
        )
    )
    register_today_panel(
        TodayPanel(
            key="court_reports_overdue",
            order=40,
            template="reports/clinical/_today_overdue.html",
            capability=permissions.OVERSEE_REPORTS,
            context=overdue_context,
            clients=overdue_clients,
        )
    )
