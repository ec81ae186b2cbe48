"""What treatment plans add to the client chart: the current plan, its phase and due date."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q

from iop.accounts import permissions
from iop.clients.chart import ChartSection, register_chart_section
from iop.clients.models import Client


def plan_context(client: Client, user: Any) -> dict[str, Any]:
    from treatment_plans.models import PlanDiagnosis, PlanStatus, TreatmentPlan

    plans = list(
        TreatmentPlan.objects.filter(
            client=client, status__in=[PlanStatus.ACTIVE, PlanStatus.DRAFT]
        )
        .select_related("episode")
        .prefetch_related(
            Prefetch("diagnoses", queryset=PlanDiagnosis.objects.select_related("recorded_by"))
        )
        .order_by("-version")
    )
    episode = next(iter(getattr(client, "open_episodes", [])), None)
    active = next((p for p in plans if p.status == PlanStatus.ACTIVE), None)
    draft = next((p for p in plans if p.status == PlanStatus.DRAFT), None)
    return {
        "active": active,
        "draft": draft,
        **_diagnoses(active, draft),
        "episode": episode,
        "aftercare": _aftercare(episode),
        "can_edit": permissions.can(user, permissions.EDIT_PLANS, client.program),
    }


def _aftercare(episode: Any) -> str:
    """One line about the open episode's aftercare plan; one query, none without an episode."""
    from treatment_plans.models import AftercarePlan

    if episode is None:
        return ""
    plan = (
        AftercarePlan.objects.filter(episode=episode)
        .annotate(
            n_appointments=Count(
                "appointments",
                filter=Q(appointments__removed_at__isnull=True),
                distinct=True,
            ),
            n_contacts=Count(
                "contacts", filter=Q(contacts__removed_at__isnull=True), distinct=True
            ),
        )
        .first()
    )
    if plan is None:
        return ""
    appointments = plan.n_appointments  # type: ignore[attr-defined]
    contacts = plan.n_contacts  # type: ignore[attr-defined]
    return f"{_plural(appointments, 'appointment')}, {_plural(contacts, 'contact')}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _codes(plan: Any) -> list[tuple[str, str]]:
    return [(d.code, d.rank) for d in plan.diagnoses.all()] if plan else []


def _diagnoses(active: Any, draft: Any) -> dict[str, Any]:
    """The current diagnoses are the signed plan's; a draft's differing ones are proposed."""
    current = list(active.diagnoses.all()) if active else []
    proposed = _codes(draft) != _codes(active) and draft is not None
    return {
        "diagnoses": current,
        "proposed": list(draft.diagnoses.all()) if proposed and draft else [],
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
