"""Versions of a treatment plan: starting a draft (a first version, or a revision copied
from the active one), reading a version with its parts, and the optimistic lock that every
edit of a draft claims.

Every edit of a draft names the ``revision`` the editor started from; if someone else saved
the plan meanwhile, the edit raises ``PlanEditConflict`` and nothing is written. Editing a
draft clears any signatures already given: they covered other words.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max, Model, Prefetch, QuerySet
from django.utils import timezone

from intake.models import Assessment, AssessmentStatus, InstrumentResult
from iop.accounts import permissions
from iop.accounts.models import Program, User
from iop.clients.models import Episode
from treatment_plans.models import (
    Phase,
    PlanDiagnosis,
    PlanGoal,
    PlanIntervention,
    PlanProblem,
    PlanStatus,
    TreatmentPlan,
)
from treatment_plans.services.plan_text import DETAIL_FIELDS

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


# ---------------------------------------------------------------- starting a version


def require_editor(user: User, program: Program) -> None:
    """Refuse anyone who may not write this program's plans, whoever calls the service."""
    if not permissions.can(user, permissions.EDIT_PLANS, program):
        raise PermissionDenied("Only clinicians and directors of the program write plans.")


@transaction.atomic
def plan_start(*, episode: Episode, by: User) -> TreatmentPlan:
    """The episode's draft if there is one; else a new version copied from the active one."""
    require_editor(by, episode.program)
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


def claim_revision(plan: TreatmentPlan, revision: int, by: User) -> None:
    """The optimistic lock: count this edit only if nobody saved since the editor loaded.

    Raises ``PlanEditConflict`` when someone else saved meanwhile, and ``ValidationError``
    (``LOCKED``) when the version is no longer a draft. On success the signatures already
    given are cleared, in the database and on ``plan``.
    """
    require_editor(by, plan.program)
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
