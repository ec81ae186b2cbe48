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
    """One query without a signed plan; five with one (its last review, the treatment plan's
    review date, the latest lapse)."""
    from relapse_prevention.models import RelapsePreventionPlan
    from relapse_prevention.services.plans import rp_plan_last_reviewed, rp_plan_review_due

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
