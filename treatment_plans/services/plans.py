"""Writing a treatment plan with the client: versions, parts, signatures and the plan's text.

Every edit of a draft names the ``revision`` the editor started from; if someone else saved
the plan meanwhile, the edit raises ``PlanEditConflict`` and nothing is written. Editing a
draft clears any signatures already given: they covered other words. ``plan_text`` is the
one canonical text of a version: signatures hash it, the diff compares it, PDFs print it.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max, Model, Prefetch, Q, QuerySet
from django.utils import timezone

from intake import asam
from intake.models import AsamRating, Assessment, AssessmentStatus, InstrumentResult
from iop.accounts import permissions
from iop.accounts.models import Membership, Program, User
from iop.audit.models import AuditAction
from iop.audit.services import audit_event_record
from iop.clients.models import Episode
from iop.signatures.models import SignerRole
from iop.signatures.services import signature_record
from iop.signatures.text import (
    changed_since_shown,
    client_identity,
    labelled_block,
    lines_text,
    long_date,
    refuse_if_changed,
)
from treatment_plans.access import NOT_A_COSIGNER, plan_cosign_refusal
from treatment_plans.models import (
    DiagnosisRank,
    MeasureKind,
    Modality,
    Phase,
    PlanDiagnosis,
    PlanGoal,
    PlanIntervention,
    PlanObjective,
    PlanProblem,
    PlanStatus,
    PlanTemplate,
    TreatmentPlan,
)
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
# Editing a draft clears these: a signature covers the words it was given over.
UNSIGNED: dict[str, Any] = {
    "client_signed_name": "",
    "client_signed_at": None,
    "clinician_signed_by": None,
    "clinician_signed_at": None,
    "cosigned_by": None,
    "cosigned_at": None,
}
LOCKED = "This version is signed and locked. Revise the plan to make a new version."
CONFLICT = (
    "Someone else saved this plan while you were editing. Nothing you typed was saved: "
    "your text is still in the form below. Compare it with what is saved now, then save again."
)


class PlanEditConflict(Exception):
    """The plan was saved by someone else after the editor opened it."""

    def __init__(self, current_revision: int | None) -> None:
        super().__init__(CONFLICT)
        self.current_revision = current_revision


# ---------------------------------------------------------------- reads


def plans_with_parts(plans: QuerySet[TreatmentPlan]) -> QuerySet[TreatmentPlan]:
    """Plans with every part the page and the text show, in a fixed number of queries."""
    return plans.select_related(
        "client",
        "program",
        "episode",
        "previous",
        "clinician_signed_by",
        "cosigned_by",
        "intake_assessment",
    ).prefetch_related(
        Prefetch(
            "problems",
            queryset=PlanProblem.objects.prefetch_related(
                Prefetch("goals", queryset=PlanGoal.objects.prefetch_related("objectives")),
                Prefetch(
                    "instrument_results",
                    queryset=InstrumentResult.objects.order_by("administered_at"),
                ),
            ),
        ),
        Prefetch(
            "interventions",
            queryset=PlanIntervention.objects.select_related("modality", "responsible"),
        ),
        Prefetch("diagnoses", queryset=PlanDiagnosis.objects.select_related("recorded_by")),
    )


def plan_with_parts(plan: TreatmentPlan) -> TreatmentPlan:
    return plans_with_parts(TreatmentPlan.objects.filter(pk=plan.pk)).get()


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


def client_instrument_results(plan: TreatmentPlan) -> QuerySet[InstrumentResult]:
    """The findings a problem can rest on: this client's instrument results, newest first."""
    return InstrumentResult.objects.filter(client_id=plan.client_id).order_by("-administered_at")


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


def _same_words(a: str, b: str) -> bool:
    """Equal once case, spacing, quotes and end punctuation are set aside."""

    def bare(text: str) -> str:
        return " ".join(text.casefold().split()).strip(" .!?\"'“”‘’")

    return bool(bare(a)) and bare(a) == bare(b)


def template_sentences(program: Program) -> list[str]:
    """The library's suggested goal wordings, which are never the client's own words."""
    return list(
        PlanTemplate.objects.filter(Q(program__isnull=True) | Q(program=program)).values_list(
            "goal_client_words", flat=True
        )
    )


def goal_words_problem(goal: PlanGoal, sentences: Iterable[str] = ()) -> str:
    """Why this goal is not yet in the client's own words, or "" when it is."""
    if not goal.client_words.strip():
        return "the goal is not yet in the client's own words. Write down what they say they want."
    if any(_same_words(goal.client_words, s) for s in (goal.suggested_words, *sentences)):
        return (
            "the goal still reads as the template's suggested wording, not the client's. "
            "Write down what they say they want, as they say it."
        )
    return ""


def plan_sign_missing(plan: TreatmentPlan) -> list[str]:
    """What stops this version being signed, in words a clinician can act on."""
    problems = list(plan.problems.all())
    if not problems:
        return ["Add at least one problem, with a goal in the client's own words."]
    missing: list[str] = []
    if not any(problem.goals.all() for problem in problems):
        missing.append("Add at least one goal, in the client's own words.")
    sentences = template_sentences(plan.program)
    for number, problem in enumerate(problems, start=1):
        goals = list(problem.goals.all())
        if not goals:
            missing.append(f"Problem {number} has no goal yet.")
        for goal in goals:
            words = goal_words_problem(goal, sentences)
            if words:
                missing.append(f"Problem {number}, goal “{_short(goal.clinical_goal)}”: {words}")
            objectives = list(goal.objectives.all())
            if not objectives:
                missing.append(f"Problem {number}: the goal has no measurable objective yet.")
            for objective in objectives:
                missing += [
                    f"Problem {number}, objective “{_short(objective.description)}”: {error}"
                    for error in objective_errors(objective).values()
                ]
    if not any(d.rank == DiagnosisRank.PRIMARY for d in plan.diagnoses.all()):
        missing.append("Record the primary diagnosis (ICD-10-CM).")
    return missing


def plan_suggestions(plan: TreatmentPlan) -> list[str]:
    """Parts a complete plan usually has; they do not stop signing."""
    grouped = interventions_by_problem(plan)
    suggestions = [
        f"Problem {number} has no intervention yet."
        for number, problem in enumerate(plan.problems.all(), start=1)
        if not grouped.get(problem.pk)
    ]
    labels = {"strengths": "strengths", "discharge_criteria": "discharge criteria"}
    empty = [label for field, label in labels.items() if not getattr(plan, field).strip()]
    if empty:
        suggestions.append(f"Write the {' and '.join(empty)} in the plan details.")
    return suggestions


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


# ---------------------------------------------------------------- the canonical text


def _short(text: str, length: int = 50) -> str:
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


# ---------------------------------------------------------------- starting a version


def _require_editor(user: User, program: Program) -> None:
    if not permissions.can(user, permissions.EDIT_PLANS, program):
        raise PermissionDenied("Only clinicians and directors of the program write plans.")


@transaction.atomic
def plan_start(*, episode: Episode, by: User) -> TreatmentPlan:
    """The episode's draft if there is one; else a new version copied from the active one."""
    _require_editor(by, episode.program)
    # One at a time per episode: two clicks must not make two drafts.
    episode = Episode.objects.select_for_update().select_related("client").get(pk=episode.pk)
    if not episode.is_open:
        raise ValidationError("This episode of care is closed: a new plan needs an admission.")
    plans = TreatmentPlan.objects.filter(episode=episode)
    draft = plans.filter(status=PlanStatus.DRAFT).first()
    if draft:
        return draft
    active = plans.filter(status=PlanStatus.ACTIVE).first()
    version = (plans.aggregate(top=Max("version"))["top"] or 0) + 1
    plan = TreatmentPlan.objects.create(
        episode=episode,
        client=episode.client,
        program_id=episode.program_id,
        version=version,
        previous=active,
        phase=active.phase if active else Phase.STABILIZATION,
        created_by=by,
        **(_details_from(active) if active else intake_details(episode)),
    )
    if active:
        _copy_parts(plan_with_parts(active), plan, by)
    return plan


def _details_from(active: TreatmentPlan) -> dict[str, Any]:
    fields = {field: getattr(active, field) for field in DETAIL_FIELDS}
    return {**fields, "intake_assessment_id": active.intake_assessment_id}


def _labelled(*pairs: tuple[str, str]) -> str:
    return "\n".join(f"{label}{text.strip()}" for label, text in pairs if text.strip())


def intake_details(episode: Episode) -> dict[str, Any]:
    """Strengths, preferences and topics to avoid as the client gave them at intake, to be
    edited with them in the plan. From the latest completed intake assessment, if any."""
    assessment = (
        Assessment.objects.filter(client_id=episode.client_id, status=AssessmentStatus.COMPLETED)
        .order_by("-completed_at")
        .first()
    )
    if assessment is None:
        return {}
    return {
        "intake_assessment": assessment,
        "strengths": _labelled(
            ("", assessment.strengths), ("Supports: ", assessment.family_and_supports)
        ),
        "pacing_preferences": _labelled(
            ("What helps them feel safe: ", assessment.feels_safe),
            ("Communication: ", assessment.communication_preferences),
            ("Cultural or spiritual considerations: ", assessment.cultural_considerations),
        ),
        "avoid": assessment.care_topics.strip(),
    }


def _copy_parts(source: TreatmentPlan, target: TreatmentPlan, by: User) -> None:
    problems: dict[Any, PlanProblem] = {}
    for problem in source.problems.all():
        copy = PlanProblem.objects.create(
            plan=target,
            order=problem.order,
            statement=problem.statement,
            asam_dimensions=list(problem.asam_dimensions),
            created_by=by,
        )
        copy.instrument_results.set(problem.instrument_results.all())
        problems[problem.pk] = copy
        for goal in problem.goals.all():
            new_goal = PlanGoal.objects.create(
                problem=copy,
                client_words=goal.client_words,
                suggested_words=goal.suggested_words,
                clinical_goal=goal.clinical_goal,
                created_by=by,
            )
            for objective in goal.objectives.all():
                _copy_row(objective, goal=new_goal, by=by)
    for intervention in source.interventions.all():
        _copy_row(intervention, plan=target, problem=problems.get(intervention.problem_id), by=by)
    for diagnosis in source.diagnoses.all():  # who recorded each, and when, stays as it was
        _copy_row(diagnosis, plan=target, by=by)


def _copy_row(row: Model, *, by: User, **links: Any) -> None:
    skip = {"id", "created_at", "updated_at", "created_by", *links}
    values = {
        f.attname: getattr(row, f.attname)
        for f in row._meta.concrete_fields
        if f.name not in skip and f.attname not in skip
    }
    type(row)._default_manager.create(**values, **links, created_by=by)


# ---------------------------------------------------------------- editing a draft


def _claim_revision(plan: TreatmentPlan, revision: int, by: User) -> None:
    """The optimistic lock: count this edit only if nobody saved since the editor loaded."""
    _require_editor(by, plan.program)
    claimed = TreatmentPlan.objects.filter(
        pk=plan.pk, revision=revision, status=PlanStatus.DRAFT
    ).update(revision=F("revision") + 1, updated_at=timezone.now(), **UNSIGNED)
    if not claimed:
        current = TreatmentPlan.objects.filter(pk=plan.pk).values("status", "revision").first()
        if current is None or current["status"] != PlanStatus.DRAFT:
            raise ValidationError(LOCKED)
        raise PlanEditConflict(current["revision"])
    plan.revision = revision + 1
    for field, value in UNSIGNED.items():
        setattr(plan, field, value)


def _save[PartT: Model](
    part: PartT, fields: dict[str, Any], *, plan: TreatmentPlan, revision: int, by: User
) -> PartT:
    """Validate first, then claim the revision and write; all or nothing."""
    for name, value in fields.items():
        setattr(part, name, value)
    part.full_clean()
    _claim_revision(plan, revision, by)
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
    _claim_revision(problem.plan, revision, by)
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
    _claim_revision(goal.problem.plan, revision, by)
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
    _claim_revision(objective.goal.problem.plan, revision, by)
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
    _claim_revision(intervention.plan, revision, by)
    intervention.delete()


@transaction.atomic
def plan_details_edit(
    *, plan: TreatmentPlan, by: User, revision: int, **fields: str
) -> TreatmentPlan:
    """Strengths, pacing, what to avoid, referrals, discharge criteria and aftercare."""
    unknown = set(fields) - set(DETAIL_FIELDS)
    if unknown:
        raise ValueError(f"Not plan details: {sorted(unknown)}")
    _claim_revision(plan, revision, by)
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
    _claim_revision(plan, revision, by)
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


# ---------------------------------------------------------------- signing and activation


SIGNED_AT: dict[str, str] = {
    SignerRole.CLIENT: "client_signed_at",
    SignerRole.CLINICIAN: "clinician_signed_at",
    SignerRole.COSIGNER: "cosigned_at",
}


def _same_name(typed: str, legal: str) -> bool:
    return " ".join(typed.split()).casefold() == " ".join(legal.split()).casefold()


def plan_signatures_needed(plan: TreatmentPlan) -> list[str]:
    """The roles still to sign this version, in the order they usually sign."""
    roles = [SignerRole.CLINICIAN, SignerRole.CLIENT]
    if plan.program.plan_requires_cosign:
        roles.append(SignerRole.COSIGNER)
    return [role for role in roles if getattr(plan, SIGNED_AT[role]) is None]


def cosigners_for(plan: TreatmentPlan) -> list[User]:
    """Who may co-sign this version: the program's active directors, not the signing clinician."""
    users = permissions.users_with(plan.program_id, permissions.COSIGN_PLAN)
    if plan.clinician_signed_by_id:
        users = users.exclude(pk=plan.clinician_signed_by_id)
    return list(users.order_by("first_name", "last_name"))


def _supervisor_of(plan: TreatmentPlan) -> Any:
    if plan.clinician_signed_by_id is None:
        return None
    membership = (
        Membership.objects.active()
        .filter(program_id=plan.program_id, user_id=plan.clinician_signed_by_id)
        .exclude(supervisor=None)
        .first()
    )
    return membership.supervisor_id if membership else None


def plan_waiting_for(plan: TreatmentPlan) -> str:
    """Once the clinician and the client have signed: who must co-sign, in words."""
    if plan.clinician_signed_at is None or plan.client_signed_at is None:
        return ""
    if plan.cosigned_at is not None or not plan.program.plan_requires_cosign:
        return ""
    cosigners = cosigners_for(plan)
    if not cosigners:
        return (
            "Waiting for co-signature by a director other than the signing clinician. This "
            "program has none yet: ask the administrator to add one."
        )
    supervisor = next((u for u in cosigners if u.pk == _supervisor_of(plan)), None)
    if supervisor is not None:
        others = " or another director" if len(cosigners) > 1 else ""
        return (
            f"Waiting for co-signature by {supervisor.display_name} "
            f"(the clinician's supervisor){others}."
        )
    if len(cosigners) == 1:
        return f"Waiting for co-signature by {cosigners[0].display_name}."
    names = " or ".join(u.display_name for u in cosigners)
    return f"Waiting for co-signature by a director ({names})."


def plans_awaiting_cosign(*, user: User) -> QuerySet[TreatmentPlan]:
    """Drafts signed by clinician and client that this director may co-sign, oldest first."""
    return (
        TreatmentPlan.objects.filter(
            program_id__in=permissions.program_ids_with(user, permissions.COSIGN_PLAN),
            program__plan_requires_cosign=True,
            status=PlanStatus.DRAFT,
            clinician_signed_at__isnull=False,
            client_signed_at__isnull=False,
            cosigned_at__isnull=True,
        )
        .exclude(clinician_signed_by=user)
        .select_related("client", "program", "episode__primary_clinician", "clinician_signed_by")
        .order_by("clinician_signed_at")
    )


def _check_signer(plan: TreatmentPlan, role: str, by: User, typed_name: str) -> None:
    if role not in SIGNED_AT:
        raise ValidationError("Say who is signing.")
    if getattr(plan, SIGNED_AT[role]) is not None:
        raise ValidationError(f"The {SignerRole(role).label.lower()} has already signed.")
    _require_editor(by, plan.program)
    if role == SignerRole.CLIENT and not _same_name(typed_name, plan.client.legal_name):
        raise ValidationError(
            {
                "typed_name": "The name typed does not match the client's legal name on "
                f"record ({plan.client.legal_name})."
            }
        )
    if role == SignerRole.COSIGNER:
        _check_cosigner(plan, by)


def _check_cosigner(plan: TreatmentPlan, by: User) -> None:
    refusal = plan_cosign_refusal(by, plan)
    if refusal == NOT_A_COSIGNER:
        raise PermissionDenied(refusal)
    if refusal is not None:
        raise ValidationError(refusal)


@transaction.atomic
def plan_sign(
    *,
    plan: TreatmentPlan,
    role: str,
    by: User,
    shown_sha256: str,
    typed_name: str = "",
    ip_address: str | None = None,
) -> TreatmentPlan:
    """One signature over the plan's text; the last one needed activates the version.

    ``by`` is the staff member signing (clinician, co-signer) or witnessing the client's
    typed signature. ``shown_sha256`` is the hash of the text on the signer's screen:
    if the plan changed since, nothing is signed.
    """
    locked = TreatmentPlan.objects.select_for_update(of=("self",))
    plan = plans_with_parts(locked.filter(pk=plan.pk)).get()
    if not plan.is_draft:
        raise ValidationError("This version is already signed and in effect.")
    typed_name = " ".join(typed_name.split())
    _check_signer(plan, role, by, typed_name)
    missing = plan_sign_missing(plan)
    if missing:
        raise ValidationError(missing)
    text = plan_text(plan)
    refuse_if_changed(text, shown_sha256, refusal=changed_since_shown("plan"))
    signature = signature_record(
        obj=plan,
        role=role,
        signed_text=text,
        signer=None if role == SignerRole.CLIENT else by,
        signer_name=typed_name if role == SignerRole.CLIENT else "",
        ip_address=ip_address,
    )
    _mark_signed(plan, role, by, typed_name, signature.signed_at)
    if not plan_signatures_needed(plan):
        _activate(plan, by)
    return plan


def _mark_signed(
    plan: TreatmentPlan, role: str, by: User, typed_name: str, at: datetime.datetime
) -> None:
    if role == SignerRole.CLIENT:
        plan.client_signed_name, plan.client_signed_at = typed_name, at
        fields = ["client_signed_name", "client_signed_at"]
    elif role == SignerRole.CLINICIAN:
        plan.clinician_signed_by, plan.clinician_signed_at = by, at
        fields = ["clinician_signed_by", "clinician_signed_at"]
    else:
        plan.cosigned_by, plan.cosigned_at = by, at
        fields = ["cosigned_by", "cosigned_at"]
    plan.save(update_fields=[*fields, "updated_at"])


def _activate(plan: TreatmentPlan, by: User) -> None:
    """In effect from now; the version it replaces is superseded; the review date is set."""
    now = timezone.now()
    previous = (
        TreatmentPlan.objects.select_for_update()
        .filter(episode_id=plan.episode_id, status=PlanStatus.ACTIVE)
        .exclude(pk=plan.pk)
        .first()
    )
    if previous:
        previous.status, previous.superseded_at = PlanStatus.SUPERSEDED, now
        previous.save(update_fields=["status", "superseded_at", "updated_at"])
    plan.status, plan.activated_at = PlanStatus.ACTIVE, now
    plan.review_due_on = plan.program.today() + datetime.timedelta(
        days=plan.program.plan_review_days
    )
    plan.save(update_fields=["status", "activated_at", "review_due_on", "updated_at"])
    replaced = f"; version {previous.version} superseded" if previous else ""
    audit_event_record(
        action=AuditAction.PLAN_ACTIVATED,
        actor=by,
        obj=plan,
        client=plan.client,
        summary=f"Treatment plan version {plan.version} signed and in effect{replaced}",
    )
