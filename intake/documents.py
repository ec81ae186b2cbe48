"""The client's own copy of a safety plan, rendered by a worker through the reports kernel.

Written to the client, in their words: no scores, no codes, no risk language. The crisis
lines are always on it (988, the program's own line when it has one, 911).
"""

from __future__ import annotations

from django.utils import timezone

from intake.models import SafetyPlan
from intake.models.safety_plans import SECTIONS
from intake.services.safety_plans import crisis_lines, safety_plan_signatures
from iop.reports.models import Report
from iop.reports.pdf import render_pdf
from iop.reports.registry import register_renderer

SAFETY_PLAN_CLIENT = "safety_plan_client"
SAFETY_PLAN_KINDS = {SAFETY_PLAN_CLIENT: "Safety plan PDF (client copy)"}


def render_safety_plan_client(report: Report) -> tuple[bytes, str]:
    plan = SafetyPlan.objects.select_related("client__program").get(
        pk=report.subject_id, client_id=report.client_id
    )
    client = plan.client
    context = {
        "plan": plan,
        "program": client.program,
        "name": client.preferred_name or client.legal_first_name,
        "sections": [
            {"heading": s.heading, "words": getattr(plan, s.field).strip()} for s in SECTIONS
        ],
        "crisis_lines": crisis_lines(plan),
        "signatures": safety_plan_signatures(plan),
    }
    title = f"Safety plan, version {plan.version} (client copy)"
    # Dates print in the program's time zone, whichever worker renders them.
    with timezone.override(client.program.zone):
        context["printed_at"] = client.program.now()
        return render_pdf("reports/safety_plan_client.html", context), title


def register() -> None:
    register_renderer(
        SAFETY_PLAN_CLIENT, render_safety_plan_client, label=SAFETY_PLAN_KINDS[SAFETY_PLAN_CLIENT]
    )
