"""What treatment plans add to the client chart: the current plan, its phase and due date."""

from __future__ import annotations

from typing import Any

from iop.accounts import permissions
from iop.clients.chart import ChartSection, register_chart_section
from iop.clients.models import Client


def plan_context(client: Client, user: Any) -> dict[str, Any]:
    from treatment_plans.models import PlanStatus, TreatmentPlan

    plans = list(
        TreatmentPlan.objects.filter(
            client=client, status__in=[PlanStatus.ACTIVE, PlanStatus.DRAFT]
        )
        .select_related("episode")
        .order_by("-version")
    )
    episode = next(iter(getattr(client, "open_episodes", [])), None)
    return {
        "active": next((p for p in plans if p.status == PlanStatus.ACTIVE), None),
        "draft": next((p for p in plans if p.status == PlanStatus.DRAFT), None),
        "episode": episode,
        "can_edit": permissions.can(user, permissions.EDIT_PLANS, client.program),
    }


def register() -> None:
    register_chart_section(
        ChartSection(
            "treatment_plan",
            5,
            "treatment_plans/chart/_plan.html",
            plan_context,
            permissions.VIEW_CLINICAL_RECORD,
        )
    )
