"""The two printed treatment plans: the clinical record copy and the client's own copy.

Both are drawn from one plan version by ``plan_document``; each renderer is registered
with the reports kernel under its kind, and a worker calls it as ``fn(report)``.
The clinical copy carries the 42 CFR part 2 notice (the plan holds SUD information); the
client copy is written to the client, in plain words, with no codes or levels in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from intake.asam import DIMENSIONS
from iop.reports.models import Report
from iop.reports.pdf import render_pdf
from iop.reports.registry import register_renderer
from iop.signatures.models import Signature
from treatment_plans.models import (
    MeasureKind,
    ObjectiveStatus,
    Phase,
    PlanDiagnosis,
    PlanGoal,
    PlanIntervention,
    PlanObjective,
    PlanProblem,
    TreatmentPlan,
)

PLAN_CLINICAL = "plan_clinical"
PLAN_CLIENT = "plan_client"
PLAN_KINDS = {PLAN_CLINICAL: "Plan PDF (clinical)", PLAN_CLIENT: "Plan PDF (client copy)"}

PHASE_PLAIN = {
    Phase.STABILIZATION: "Right now we are working on feeling safe and steady, "
    "and on skills for hard moments.",
    Phase.PROCESSING: "Right now we are working through painful memories together, "
    "at a pace you choose.",
    Phase.INTEGRATION: "Right now we are bringing what you have learned into everyday life.",
}
# What each check-in questionnaire is about, without its name or initials.
INSTRUMENT_TOPIC = {
    "phq9": "your mood",
    "gad7": "worry and nerves",
    "pcl5": "stress from what happened to you",
    "audit": "drinking",
    "auditc": "drinking",
    "dast10": "drug use",
    "des2": "feeling spaced out or disconnected",
}
MODALITY_PLAIN = {
    "cpt": "Talking through and rethinking beliefs that grew out of what happened",
    "pe": "Slowly and safely facing memories and places you have been avoiding",
    "emdr": "A therapy that helps your brain settle painful memories",
    "dbt_skills": "Learning skills for strong feelings and hard moments",
    "cbt": "Noticing how thoughts, feelings and actions connect, and trying new ones",
    "mi": "Talking through what you want to change, and why it matters to you",
    "seeking_safety": "Learning ways to stay safe while healing from trauma and substance use",
    "family_therapy": "Sessions with the people close to you",
    "medication_management": "Checking in about your medicines",
    "relapse_prevention": "Planning for risky times and what you will do",
    "psychoeducation": "Learning how trauma and substance use affect body and mind",
    "case_management": "Help with practical things like housing, work and benefits",
}
STATUS_PLAIN = {
    ObjectiveStatus.NOT_STARTED: "Not started yet",
    ObjectiveStatus.IN_PROGRESS: "Working on it",
    ObjectiveStatus.MET: "Reached",
    ObjectiveStatus.REVISED: "Changed",
    ObjectiveStatus.DISCONTINUED: "Set aside",
}
ACRONYM = re.compile(r"\s*\([A-Z0-9-]+\)\s*$")


@dataclass
class ProblemSection:
    problem: PlanProblem
    dimensions: list[str]
    goals: list[PlanGoal]
    interventions: list[PlanIntervention] = field(default_factory=list)


def _plan_for(report: Report) -> TreatmentPlan:
    objectives = PlanObjective.objects.order_by("target_date", "created_at")
    goals = PlanGoal.objects.prefetch_related(Prefetch("objectives", queryset=objectives))
    return (
        TreatmentPlan.objects.select_related(
            "client__program",
            "episode__level_of_care",
            "episode__primary_clinician",
            "previous",
        )
        .prefetch_related(
            Prefetch(
                "problems",
                queryset=PlanProblem.objects.prefetch_related(Prefetch("goals", queryset=goals)),
            ),
            Prefetch(
                "interventions",
                queryset=PlanIntervention.objects.select_related("modality", "responsible"),
            ),
            Prefetch("diagnoses", queryset=PlanDiagnosis.objects.select_related("recorded_by")),
        )
        .get(pk=report.subject_id, client_id=report.client_id)
    )


def _sections(plan: TreatmentPlan) -> tuple[list[ProblemSection], list[PlanIntervention]]:
    """Problems with their goals and interventions, and the interventions for the whole plan."""
    names = DIMENSIONS.get(plan.episode.level_of_care.edition, DIMENSIONS["3"])
    sections = {
        problem.pk: ProblemSection(
            problem=problem,
            dimensions=[f"{d} ({names[d - 1]})" for d in problem.asam_dimensions if 0 < d <= 6],
            goals=list(problem.goals.all()),
        )
        for problem in plan.problems.all()
    }
    whole_plan = []
    for intervention in plan.interventions.all():
        if intervention.problem_id in sections:
            sections[intervention.problem_id].interventions.append(intervention)
        else:
            whole_plan.append(intervention)
    return list(sections.values()), whole_plan


def plan_document(report: Report) -> dict[str, Any]:
    """Everything both copies print, read in a fixed number of queries."""
    plan = _plan_for(report)
    sections, whole_plan = _sections(plan)
    return {
        "report": report,
        "plan": plan,
        "client": plan.client,
        "program": plan.client.program,
        "episode": plan.episode,
        "sections": sections,
        "whole_plan_interventions": whole_plan,
        "diagnoses": list(plan.diagnoses.all()),
        "signatures": list(Signature.for_object(plan).select_related("signer")),
        "printed_at": plan.client.program.now(),
    }


def _number(value: Decimal | None) -> str:
    """33.0 -> "33", 7.5 -> "7.5": how a person would say it."""
    return "" if value is None else format(value.normalize(), "f")


def objective_plain(objective: PlanObjective) -> str:
    """How we'll know it's working, said to the client: no instrument names or codes."""
    threshold = _number(objective.threshold)
    if objective.measure == MeasureKind.INSTRUMENT_BELOW:
        topic = INSTRUMENT_TOPIC.get(objective.instrument, "how you are feeling")
        return f"Your answers on the short check-in about {topic} come out under {threshold}."
    if objective.measure == MeasureKind.ATTENDANCE:
        return f"You come to at least {threshold}% of your planned sessions."
    if objective.measure == MeasureKind.PRACTICE:
        return f"{objective.description} You practice it {objective.per_week} times a week."
    return f"{objective.description} Your team will notice and write it down."


def modality_plain(intervention: PlanIntervention) -> dict[str, str]:
    name = ACRONYM.sub("", intervention.modality.name)
    return {"name": name, "what": MODALITY_PLAIN.get(intervention.modality.code, "")}


def _render(report: Report, template: str, context: dict[str, Any]) -> bytes:
    """Dates print in the program's time zone, whichever worker renders them."""
    program = context["program"]
    with timezone.override(program.zone):
        context["printed_at"] = program.now()
        return render_pdf(template, context)


def render_plan_clinical(report: Report) -> tuple[bytes, str]:
    context = plan_document(report)
    plan = context["plan"]
    title = f"Treatment plan, version {plan.version} (clinical record)"
    return _render(report, "reports/plan_clinical.html", {**context, "title": title}), title


def render_plan_client(report: Report) -> tuple[bytes, str]:
    context = plan_document(report)
    plan = context["plan"]
    client = context["client"]
    goals = [
        {
            "goal": goal,
            "checks": [
                {
                    "text": objective_plain(o),
                    "by": o.target_date,
                    "status": STATUS_PLAIN.get(ObjectiveStatus(o.status), ""),
                }
                for o in goal.objectives.all()
            ],
        }
        for section in context["sections"]
        for goal in section.goals
    ]
    interventions = [
        {"intervention": i, **modality_plain(i)}
        for i in (
            *[i for s in context["sections"] for i in s.interventions],
            *context["whole_plan_interventions"],
        )
    ]
    extra = {
        "title": f"Your treatment plan (version {plan.version})",
        "name": client.preferred_name or client.legal_first_name,
        "goals": goals,
        "together": interventions,
        "phase_plain": PHASE_PLAIN.get(Phase(plan.phase), ""),
    }
    title = f"Treatment plan, version {plan.version} (client copy)"
    return _render(report, "reports/plan_client.html", {**context, **extra}), title


def register() -> None:
    register_renderer(PLAN_CLINICAL, render_plan_clinical, label=PLAN_KINDS[PLAN_CLINICAL])
    register_renderer(PLAN_CLIENT, render_plan_client, label=PLAN_KINDS[PLAN_CLIENT])
