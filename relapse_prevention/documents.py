"""The client's own copy of the relapse prevention plan, made by a worker through the reports
kernel. Written to the client in plain words ("When I notice...", "People I can call"):
only the parts they chose to have on it; the crisis resources are always printed."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from iop.phones import phone_display
from iop.reports.models import Report
from iop.reports.pdf import render_pdf
from iop.reports.registry import register_renderer
from relapse_prevention.models import RelapsePreventionPlan, WarningStage
from relapse_prevention.services.plan_signing import rp_plan_signatures
from relapse_prevention.services.plans import SECTIONS, parts_of, plan_with_parts

RP_PLAN_CLIENT = "rp_plan_client"
RP_PLAN_KINDS = {RP_PLAN_CLIENT: "Relapse prevention plan PDF (client copy)"}
STAGE_WORDS = {
    WarningStage.EARLY: "Early on, I may notice",
    WarningStage.MIDDLE: "Later, I may notice",
    WarningStage.LATE: "When it gets serious, I may notice",
}


def _chosen(plan: RelapsePreventionPlan, key: str) -> list[Any]:
    return [p for p in parts_of(plan, SECTIONS[key]) if p.in_client_copy]


def client_copy_context(plan: RelapsePreventionPlan) -> dict[str, Any]:
    signs = _chosen(plan, "warning_signs")
    client = plan.client
    return {
        "plan": plan,
        "program": plan.program,
        "name": client.preferred_name or client.legal_first_name,
        "triggers": _chosen(plan, "triggers"),
        "stages": [
            {"words": words, "signs": [s for s in signs if s.stage == stage]}
            for stage, words in STAGE_WORDS.items()
            if any(s.stage == stage for s in signs)
        ],
        "coping": _chosen(plan, "coping"),
        "contacts": [
            {"contact": c, "phone": phone_display(c.phone)} for c in _chosen(plan, "contacts")
        ],
        "dates": _chosen(plan, "dates"),
        # Always printed, whatever was ticked: a crisis line is never left off.
        "crisis": parts_of(plan, SECTIONS["crisis"]),
        "others": plan.what_others_do.strip() if plan.what_others_do_in_client_copy else "",
        "signatures": rp_plan_signatures(plan),
    }


def render_rp_plan_client(report: Report) -> tuple[bytes, str]:
    plan = plan_with_parts(RelapsePreventionPlan.objects).get(
        pk=report.subject_id, client_id=report.client_id
    )
    context = client_copy_context(plan)
    title = f"Relapse prevention plan, version {plan.version} (client copy)"
    with timezone.override(plan.program.zone):
        context["printed_at"] = plan.program.now()
        return render_pdf("reports/rp_plan_client.html", context), title


def register() -> None:
    register_renderer(RP_PLAN_CLIENT, render_rp_plan_client, label=RP_PLAN_KINDS[RP_PLAN_CLIENT])
