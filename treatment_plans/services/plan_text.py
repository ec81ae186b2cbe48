"""The canonical text of a plan version: signatures hash it, the diff compares it, PDFs print it.

The text is built from the version's parts as ``plans_with_parts`` prefetches them, so it
costs no queries of its own, and reads the same in a request and in a worker.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Literal

from intake import asam
from intake.models import InstrumentResult
from iop.accounts.models import Program
from iop.signatures.text import client_identity, labelled_block, lines_text, long_date
from treatment_plans.models import PlanIntervention, PlanObjective, PlanProblem, TreatmentPlan
from treatment_plans.wording import instrument_label, measure_text
from treatment_plans.wording import number as _number

DETAIL_LABELS = {
    "strengths": "Strengths",
    "pacing_preferences": "Preferences for pacing",
    "avoid": "Topics or approaches to avoid",
    "referrals": "Referrals",
    "discharge_criteria": "Discharge criteria",
    "aftercare_plan": "Aftercare plan",
}
DETAIL_FIELDS = tuple(DETAIL_LABELS)


def interventions_by_problem(plan: TreatmentPlan) -> dict[Any, list[PlanIntervention]]:
    """Interventions keyed by problem id (None: for the whole plan), from the prefetch."""
    grouped: dict[Any, list[PlanIntervention]] = {}
    for intervention in plan.interventions.all():
        grouped.setdefault(intervention.problem_id, []).append(intervention)
    return grouped


def finding_text(result: InstrumentResult, program: Program) -> str:
    # Dated in the program's zone, so the signed text is the same in a request and a worker.
    day = program.local_date(result.administered_at)
    score = _number(result.score)
    return f"{instrument_label(result.instrument)} {score} ({result.band}), {long_date(day)}"


def dimension_names(program: Program) -> list[str]:
    return asam.DIMENSIONS.get(program.asam_edition, asam.DIMENSIONS["3"])


def dimension_text(program: Program, dimension: int) -> str:
    return f"ASAM dimension {dimension} ({dimension_names(program)[dimension - 1]})"


def short_text(text: str, length: int = 50) -> str:
    """The text on one line, cut to ``length`` characters: a part named in a message."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _intervention_lines(intervention: PlanIntervention, indent: str) -> list[str]:
    responsible = intervention.responsible.display_name
    lines = [
        f"{indent}Intervention: {intervention.modality.name}; {intervention.frequency}; "
        f"responsible: {responsible}"
    ]
    if intervention.description.strip():
        lines += labelled_block("Details", intervention.description, indent + "  ")
    return lines


def _objective_lines(objective: PlanObjective) -> list[str]:
    return [
        *labelled_block("Objective", objective.description, "    "),
        f"      Measure: {measure_text(objective)}; "
        f"target date: {long_date(objective.target_date)}; "
        f"status: {objective.get_status_display()}",
    ]


def _problem_lines(
    plan: TreatmentPlan, number: int, problem: PlanProblem, interventions: list[PlanIntervention]
) -> list[str]:
    lines = ["", *labelled_block(f"Problem {number}", problem.statement)]
    findings = [finding_text(r, plan.program) for r in problem.instrument_results.all()]
    findings += [dimension_text(plan.program, d) for d in sorted(problem.asam_dimensions)]
    if findings:
        lines.append(f"  Supported by: {'; '.join(findings)}")
    for goal in problem.goals.all():
        lines += labelled_block("Goal, in the client's words", goal.client_words, "  ")
        lines += labelled_block("Goal, clinical restatement", goal.clinical_goal, "  ")
        for objective in goal.objectives.all():
            lines += _objective_lines(objective)
    for intervention in interventions:
        lines += _intervention_lines(intervention, "  ")
    return lines


def plan_text(plan: TreatmentPlan) -> str:
    """The version as the client reads and signs it; its SHA-256 goes on every signature.

    The phase and the review date are left out: they change on an active plan (the
    database allows it), and the signed words must not.
    """
    client = plan.client
    lines = [
        f"Treatment plan, version {plan.version}",
        f"Client: {client_identity(client)}",
        f"Program: {plan.program.name}",
        f"Admitted: {long_date(plan.episode.admitted_on)}",
    ]
    diagnoses = list(plan.diagnoses.all())
    if diagnoses:  # versions signed before diagnoses were recorded keep their exact text
        lines += ["", "Diagnoses (ICD-10-CM):"]
        lines += [f"  {d.get_rank_display()}: {d.code} {d.description}" for d in diagnoses]
    grouped = interventions_by_problem(plan)
    for number, problem in enumerate(plan.problems.all(), start=1):
        lines += _problem_lines(plan, number, problem, grouped.get(problem.pk, []))
    if grouped.get(None):
        lines += ["", "For the whole plan:"]
        for intervention in grouped[None]:
            lines += _intervention_lines(intervention, "  ")
    lines.append("")
    for field, label in DETAIL_LABELS.items():
        lines += labelled_block(label, getattr(plan, field))
    return lines_text(lines)


@dataclass(frozen=True)
class DiffLine:
    kind: Literal["same", "added", "removed", "gap"]
    text: str

    @property
    def sign(self) -> str:
        return {"added": "+", "removed": "−", "same": " ", "gap": "…"}[self.kind]


def plan_diff(old: TreatmentPlan, new: TreatmentPlan, context: int = 2) -> list[DiffLine]:
    """What changed from one version's text to another's, with a little context around."""
    before, after = plan_text(old).splitlines(), plan_text(new).splitlines()
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    lines: list[DiffLine] = []
    for index, group in enumerate(matcher.get_grouped_opcodes(context)):
        if index or group[0][1] > 0:
            lines.append(DiffLine("gap", "Unchanged lines not shown"))
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                lines += [DiffLine("same", text) for text in before[a1:a2]]
                continue
            lines += [DiffLine("removed", text) for text in before[a1:a2]]
            lines += [DiffLine("added", text) for text in after[b1:b2]]
    return lines
