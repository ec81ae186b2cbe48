"""The director's Today panel: court-ordered reports past their due date, still unsigned."""

from __future__ import annotations

from typing import Any

from iop.accounts import permissions
from scheduling.today_panels import TodayPanel, register_today_panel


def overdue_context(user: Any, programs: list[Any]) -> dict[str, Any]:
    from iop.reports.clinical.schedule import overdue_drafts

    return {"overdue_reports": overdue_drafts([p.pk for p in programs])}


def overdue_clients(context: dict[str, Any]) -> list[Any]:
    return [report.client for report in context["overdue_reports"]]


def register() -> None:
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
