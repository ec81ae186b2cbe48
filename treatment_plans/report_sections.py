"""The report section treatment_plans owns: progress per objective of the active plan; and
the plan's aftercare, which the kernel's discharge section shows on a discharge summary.

Registered with the kernel's report drafting (iop.reports.clinical.parts) from ready().
"""

from __future__ import annotations

from typing import Any

from iop.reports.clinical.parts import Record, register_fact, register_section
from iop.reports.clinical.words import day_text
from treatment_plans.models import PlanObjective, PlanStatus, TreatmentPlan
from treatment_plans.services.aftercare import aftercare_read, appointment_line, contact_line
from treatment_plans.services.reviews import objective_evidence


def _plan(record: Record) -> TreatmentPlan | None:
    def read() -> TreatmentPlan | None:
        return (
            TreatmentPlan.objects.filter(episode=record.episode, status=PlanStatus.ACTIVE)
            .order_by("-version")
            .first()
        )

    plan: TreatmentPlan | None = record.once("treatment_plans:plan", read)
    return plan


def aftercare_plan(record: Record) -> str | None:
    """The aftercare plan as text: what continues, the appointments, the people to call; the
    treatment plan's free-text aftercare when no aftercare plan has been written."""
    written = aftercare_text(record.episode)
    if written:
        return written
    plan = _plan(record)
    return plan.aftercare_plan if plan is not None else None


def aftercare_text(episode: Any) -> str:
    """Paragraphs separated by blank lines, one line per appointment and per contact
    (the discharge summary shows the text with its line breaks)."""
    view = aftercare_read(episode)
    if view.plan is None:
        return ""
    parts = []
    if view.plan.continuing_care:
        parts.append(view.plan.continuing_care)
    if view.appointments:
        lines = [appointment_line(a, episode) for a in view.appointments]
        parts.append("Appointments:\n" + "\n".join(lines))
    if view.contacts:
        parts.append("People to call:\n" + "\n".join(contact_line(c) for c in view.contacts))
    return "\n\n".join(parts)


def objectives(record: Record) -> dict[str, Any]:
    plan = _plan(record)
    if plan is None:
        return {"plan": None, "objectives": [], "text": "No active treatment plan."}
    found = list(
        PlanObjective.objects.filter(goal__problem__plan=plan)
        .select_related("goal")
        .order_by("goal__problem__order", "goal__created_at", "target_date", "created_at")
    )
    evidence = objective_evidence(plan=plan, objectives=found)
    return {
        "plan": {"version": plan.version, "phase": plan.get_phase_display()},
        "objectives": [
            {
                "goal": o.goal.client_words or o.goal.clinical_goal,
                "description": o.description,
                "measure": o.measure_text,
                "target_date": o.target_date.isoformat(),
                "target_date_text": day_text(o.target_date),
                "status": o.status,
                "status_label": o.get_status_display(),
                "progress": evidence.get(o.pk, ""),
            }
            for o in found
        ],
        "met": sum(o.status == "met" for o in found),
    }


def register() -> None:
    register_fact("aftercare_plan", aftercare_plan)
    register_section("objectives", objectives)
