"""Today's "Reports to sign": the user's own drafts (court-ordered ones with their due date)."""

from __future__ import annotations

from typing import Any

from iop.accounts import permissions
from scheduling.today_panels import TodayPanel, register_today_panel

SHOWN = 20


def to_sign_context(user: Any, programs: list[Any]) -> dict[str, Any]:
    from iop.reports.clinical.models import ClinicalReport

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
