"""The chart's relapse prevention plan section: version and status, signed on, last reviewed,
and "Review due" with its reasons."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from iop.accounts import permissions
from iop.clients.chart import ChartSection, register_chart_section
from iop.clients.models import Client

ORDER = 28  # after the drug screens


def plan_context(client: Client, user: Any) -> dict[str, Any]:
    from relapse_prevention.models import RelapsePreventionPlan
    from relapse_prevention.services.plans import rp_plan_last_reviewed, rp_plan_review_due

    plans = list(
        RelapsePreventionPlan.objects.filter(client=client).exclude(superseded_at__isnull=False)
    )
    current = next((p for p in plans if not p.is_draft), None)
    return {
        "current": current,
        "draft": next((p for p in plans if p.is_draft), None),
        "last_reviewed": rp_plan_last_reviewed(current),
        "due": rp_plan_review_due(client, client.program.today()),
        "url": reverse("relapse_prevention:plan", args=[client.pk]),
    }


def register() -> None:
    register_chart_section(
        ChartSection(
            "relapse_plan",
            ORDER,
            "relapse_prevention/chart/_plan.html",
            plan_context,
            permissions.VIEW_CLINICAL_RECORD,
        )
    )
