"""The parts of a draft plan, written with the client: problems with the findings they rest
on, goals in the client's own words, measurable objectives, interventions, the plan's
details, and a template's parts from the library.

Each write names the revision the editor started from (``claim_revision``): all or nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Model, Q, QuerySet

from intake.models import AsamRating, AssessmentStatus, InstrumentResult
from iop.accounts import permissions
from iop.accounts.models import Program, User
from treatment_plans.models import (
    MeasureKind,
    Modality,
    PlanGoal,
    PlanIntervention,
    PlanObjective,
    PlanProblem,
    PlanTemplate,
    TreatmentPlan,
)
from treatment_plans.services.plan_text import DETAIL_FIELDS
from treatment_plans.services.plan_versions import claim_revision

# ---------------------------------------------------------------- reads


def intake_asam_ratings(plan: TreatmentPlan) -> dict[int, int]:
    """Dimension to risk rating, from the client's latest completed intake assessment."""
    ratings = AsamRating.objects.filter(
        assessment__client_id=plan.client_id, assessment__status=AssessmentStatus.COMPLETED
    ).order_by("dimension", "-assessment__completed_at")
    found: dict[int, int] = {}
    for rating in ratings:
        found.setdefault(rating.dimension, rating.rating)
    return found


def modalities_for(program: Program) -> QuerySet[Modality]:
    return Modality.objects.filter(Q(program__isnull=True) | Q(program=program))


def templates_for(program: Program) -> QuerySet[PlanTemplate]:
    return PlanTemplate.objects.filter(Q(program__isnull=True) | Q(program=program), active=True)


def responsible_staff(program: Program) -> QuerySet[User]:
    """Active staff of the program who read the clinical record."""
    # Staff who can read the clinical record can be responsible for an intervention.
    return permissions.users_with(program, permissions.VIEW_CLINICAL_RECORD).order_by(
        "first_name", "last_name"
    )


def objective_errors(objective: PlanObjective) -> dict[str, str]:
    """Field to message for an objective that cannot be measured as it stands."""
    return objective_measure_errors(
        measure=objective.measure,
        instrument=objective.instrument,
        threshold=objective.threshold,
        per_week=objective.per_week,
        target_date=objective.target_date,
    )


def objective_measure_errors(
    *,
    measure: str,
    instrument: str,
    threshold: Decimal | None,
    per_week: int | None,
    target_date: datetime.date | None,
) -> dict[str, str]:
    """The one rule for a measurable objective, shared by the form and the services."""
    errors: dict[str, str] = {}
    if measure not in MeasureKind.values:
        errors["measure"] = "Choose how progress on this objective is measured."
    elif measure == MeasureKind.INSTRUMENT_BELOW:
        if not instrument:
            errors["instrument"] = "Choose the instrument whose score is measured."
        if threshold is None:
            errors["threshold"] = "Give the score the result must fall below."
    elif measure == MeasureKind.ATTENDANCE and (threshold is None or not 0 < threshold <= 100):
        errors["threshold"] = "Give the attendance rate to reach, as a percentage (1 to 100)."
    elif measure == MeasureKind.PRACTICE and not per_week:
        errors["per_week"] = "Give how many times a week the skill is practiced."
    if target_date is None:
        errors["target_date"] = "Give a target date."
    return errors


# ---------------------------------------------------------------- writing a draft


def _save[PartT: Model](
    part: PartT, fields: dict[str, Any], *, plan: TreatmentPlan, revision: int, by: User
) -> PartT:
    """Validate first, then claim the revision and write; all or nothing."""
    for name, value in fields.items():
        setattr(part, name, value)
    part.full_clean()
    claim_revision(plan, revision, by)
    if part._state.adding:
        part.created_by = by  # type: ignore[attr-defined]
    part.save()
    return part


def _check_findings(
    plan: TreatmentPlan, results: Iterable[InstrumentResult], dims: list[int]
) -> None:
    if any(result.client_id != plan.client_id for result in results):
        raise ValidationError({"instrument_results": "Choose results of this client only."})
    if any(not 1 <= dimension <= 6 for dimension in dims):
        raise ValidationError({"asam_dimensions": "ASAM dimensions are numbered 1 to 6."})


def _problem_save(
    problem: PlanProblem,
    *,
    by: User,
    revision: int,
    statement: str,
    instrument_results: Iterable[InstrumentResult] = (),
    asam_dimensions: Iterable[int] = (),
) -> PlanProblem:
    results, dims = list(instrument_results), sorted({int(d) for d in asam_dimensions})
    _check_findings(problem.plan, results, dims)
    fields = {"statement": statement.strip(), "asam_dimensions": dims}
    _save(problem, fields, plan=problem.plan, revision=revision, by=by)
    problem.instrument_results.set(results)
    return problem


@transaction.atomic
def problem_add(*, plan: TreatmentPlan, by: User, revision: int, **fields: Any) -> PlanProblem:
    """A problem, with the instrument results and ASAM dimensions that support it."""
    order = (plan.problems.aggregate(top=Max("order"))["top"] or 0) + 1
    return _problem_save(PlanProblem(plan=plan, order=order), by=by, revision=revision, **fields)


@transaction.atomic
def problem_edit(*, problem: PlanProblem, by: User, revision: int, **fields: Any) -> PlanProblem:
    return _problem_save(problem, by=by, revision=revision, **fields)


@transaction.atomic
def problem_remove(*, problem: PlanProblem, by: User, revision: int) -> None:
    """The problem with its goals, objectives and interventions (a draft only)."""
    claim_revision(problem.plan, revision, by)
    PlanIntervention.objects.filter(problem=problem).delete()
    PlanObjective.objects.filter(goal__problem=problem).delete()
    PlanGoal.objects.filter(problem=problem).delete()
    problem.delete()


@transaction.atomic
def goal_add(
    *, problem: PlanProblem, by: User, revision: int, client_words: str, clinical_goal: str
) -> PlanGoal:
    goal = PlanGoal(problem=problem)
    fields = {"client_words": client_words.strip(), "clinical_goal": clinical_goal.strip()}
    return _save(goal, fields, plan=problem.plan, revision=revision, by=by)


@transaction.atomic
def goal_edit(
    *, goal: PlanGoal, by: User, revision: int, client_words: str, clinical_goal: str
) -> PlanGoal:
    fields = {"client_words": client_words.strip(), "clinical_goal": clinical_goal.strip()}
    return _save(goal, fields, plan=goal.problem.plan, revision=revision, by=by)


@transaction.atomic
def goal_remove(*, goal: PlanGoal, by: User, revision: int) -> None:
    claim_revision(goal.problem.plan, revision, by)
    goal.objectives.all().delete()
    goal.delete()


def _objective_save(
    objective: PlanObjective, *, by: User, revision: int, **fields: Any
) -> PlanObjective:
    fields = {
        "description": fields["description"].strip(),
        "measure": fields["measure"],
        "instrument": fields.get("instrument") or "",
        "threshold": fields.get("threshold"),
        "per_week": fields.get("per_week"),
        "target_date": fields.get("target_date"),
        "status": fields.get("status") or objective.status,
    }
    # Keep only what the chosen measure uses, so the text never shows a stale number.
    if fields["measure"] != MeasureKind.INSTRUMENT_BELOW:
        fields["instrument"] = ""
    if fields["measure"] not in (MeasureKind.INSTRUMENT_BELOW, MeasureKind.ATTENDANCE):
        fields["threshold"] = None
    if fields["measure"] != MeasureKind.PRACTICE:
        fields["per_week"] = None
    errors = objective_measure_errors(
        **{k: fields[k] for k in ("measure", "instrument", "threshold", "per_week", "target_date")}
    )
    if errors:
        raise ValidationError(errors)
    return _save(objective, fields, plan=objective.goal.problem.plan, revision=revision, by=by)


@transaction.atomic
def objective_add(*, goal: PlanGoal, by: User, revision: int, **fields: Any) -> PlanObjective:
    """An observable, measurable objective with a target date.

    ``fields``: description, measure, instrument, threshold, per_week, target_date, status.
    """
    return _objective_save(PlanObjective(goal=goal), by=by, revision=revision, **fields)


@transaction.atomic
def objective_edit(
    *, objective: PlanObjective, by: User, revision: int, **fields: Any
) -> PlanObjective:
    return _objective_save(objective, by=by, revision=revision, **fields)


@transaction.atomic
def objective_remove(*, objective: PlanObjective, by: User, revision: int) -> None:
    claim_revision(objective.goal.problem.plan, revision, by)
    objective.delete()


def _check_intervention(plan: TreatmentPlan, modality: Modality, responsible: User) -> None:
    if modality.program_id not in (None, plan.program_id):
        raise ValidationError({"modality": "Choose a modality this program offers."})
    if not responsible_staff(plan.program).filter(pk=responsible.pk).exists():
        raise ValidationError(
            {"responsible": "Choose a clinician, prescriber or director of this program."}
        )


def _intervention_save(
    intervention: PlanIntervention,
    *,
    by: User,
    revision: int,
    modality: Modality,
    frequency: str,
    responsible: User | None,
    description: str = "",
) -> PlanIntervention:
    if responsible is None:
        raise ValidationError({"responsible": "Name the staff member responsible."})
    _check_intervention(intervention.plan, modality, responsible)
    fields = {
        "modality": modality,
        "frequency": frequency.strip(),
        "responsible": responsible,
        "description": description.strip(),
    }
    return _save(intervention, fields, plan=intervention.plan, revision=revision, by=by)


@transaction.atomic
def intervention_add(
    *, problem: PlanProblem, by: User, revision: int, **fields: Any
) -> PlanIntervention:
    """``fields``: modality, frequency, responsible, description."""
    intervention = PlanIntervention(plan=problem.plan, problem=problem)
    return _intervention_save(intervention, by=by, revision=revision, **fields)


@transaction.atomic
def intervention_edit(
    *, intervention: PlanIntervention, by: User, revision: int, **fields: Any
) -> PlanIntervention:
    return _intervention_save(intervention, by=by, revision=revision, **fields)


@transaction.atomic
def intervention_remove(*, intervention: PlanIntervention, by: User, revision: int) -> None:
    claim_revision(intervention.plan, revision, by)
    intervention.delete()


@transaction.atomic
def plan_details_edit(
    *, plan: TreatmentPlan, by: User, revision: int, **fields: str
) -> TreatmentPlan:
    """Strengths, pacing, what to avoid, referrals, discharge criteria and aftercare."""
    unknown = set(fields) - set(DETAIL_FIELDS)
    if unknown:
        raise ValueError(f"Not plan details: {sorted(unknown)}")
    claim_revision(plan, revision, by)
    cleaned = {field: value.strip() for field, value in fields.items()}
    TreatmentPlan.objects.filter(pk=plan.pk).update(**cleaned)
    for field, value in cleaned.items():
        setattr(plan, field, value)
    return plan


def _modality(plan: TreatmentPlan, code: str) -> Modality:
    """The program's own modality with that code, else the built-in one."""
    found = modalities_for(plan.program).filter(code=code)
    modality = found.order_by(F("program").asc(nulls_last=True)).first()
    if modality is None:
        raise ValidationError(f"The template names a modality this program lacks: {code}.")
    return modality


@transaction.atomic
def plan_add_from_template(
    *, plan: TreatmentPlan, template: PlanTemplate, by: User, revision: int
) -> PlanProblem:
    """The template's problem, goal, objectives and interventions, ready to edit with the client.

    The goal's words are left empty for the client's own, with the template's as a suggestion.

    Target dates are today plus the template's weeks; the interventions' responsible staff
    member is whoever adds the template.
    """
    if template.program_id not in (None, plan.program_id) or not template.active:
        raise ValidationError({"template": "Choose a template from this program's library."})
    modalities = [_modality(plan, spec["modality"]) for spec in template.interventions]
    claim_revision(plan, revision, by)
    order = (plan.problems.aggregate(top=Max("order"))["top"] or 0) + 1
    problem = PlanProblem.objects.create(
        plan=plan, order=order, statement=template.problem, created_by=by
    )
    # The template's sentence is a suggestion beside an empty field: only the client's
    # own words go in the goal.
    goal = PlanGoal.objects.create(
        problem=problem,
        client_words="",
        suggested_words=template.goal_client_words,
        clinical_goal=template.goal_clinical,
        created_by=by,
    )
    today = plan.program.today()
    for spec in template.objectives:
        PlanObjective.objects.create(
            goal=goal,
            description=spec["description"],
            measure=spec["measure"],
            instrument=spec.get("instrument", ""),
            threshold=spec.get("threshold"),
            per_week=spec.get("per_week"),
            target_date=today + datetime.timedelta(weeks=spec.get("weeks", 4)),
            created_by=by,
        )
    for modality, spec in zip(modalities, template.interventions, strict=True):
        PlanIntervention.objects.create(
            plan=plan,
            problem=problem,
            modality=modality,
            frequency=spec["frequency"],
            description=spec.get("description", ""),
            responsible=by,
            created_by=by,
        )
    return problem
