"""The relapse prevention plan on the chart and on the treatment plan page: version and status,
signed on, last reviewed, and "Review due" with its reasons."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from iop.accounts import permissions
from iop.clients.chart import ChartSection, register_chart_section
from iop.clients.models import Client

ORDER = 28  # after the drug screens


def plan_context(client: Client, user: Any) -> dict[str, Any]:
    """One query without a signed plan; five with one (its last review, the treatment plan's
    review date, the latest lapse)."""
    from relapse_prevention.models import RelapsePreventionPlan
    from relapse_prevention.services.plan_reviews import rp_plan_last_reviewed, rp_plan_review_due

    plans = list(RelapsePreventionPlan.objects.filter(client=client, superseded_at__isnull=True))
    current = next((p for p in plans if not p.is_draft), None)
    if current is not None:
        current.client, current.program = client, client.program
    return {
        "current": current,
        "draft": next((p for p in plans if p.is_draft), None),
        "last_reviewed": rp_plan_last_reviewed(current) if current else None,
        "due": rp_plan_review_due(client, client.program.today(), current) if current else [],
        "url": reverse("relapse_prevention:plan", args=[client.pk]),
    }


def treatment_plan_panel(plan: Any, user: Any) -> dict[str, Any]:
    """On the treatment plan page: the relapse prevention plan is reviewed with it."""
    if not permissions.can(user, permissions.VIEW_CLINICAL_RECORD, plan.program):
        return {"shown": False}
    client = plan.client
    return {"shown": True, **plan_context(client, user)}


def register() -> None:
    from treatment_plans.panels import PlanPanel, register_panel

    register_panel(
        PlanPanel(
            "relapse_plan",
            25,  # after the reviews: it is reviewed with the treatment plan
            "relapse_prevention/plans/_treatment_plan_panel.html",
            treatment_plan_panel,
        )
    )
    register_chart_section(
        ChartSection(
            "relapse_plan",
            ORDER,
            "relapse_prevention/chart/_plan.html",
            plan_context,
            permissions.VIEW_CLINICAL_RECORD,
        )
    )
