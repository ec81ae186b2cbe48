"""Who may see and sign treatment plans: fetch-and-check helpers (a record outside the
user's programs is a 404) and the co-signature predicate, asked by the plan pages and by
``plan_sign`` alike."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from iop.accounts import permissions
from iop.clients.models import Episode
from iop.reports.access import get_report_of_kinds_for
from iop.reports.models import Report
from treatment_plans.documents import PLAN_KINDS
from treatment_plans.models import (
    PlanDiagnosis,
    PlanGoal,
    PlanIntervention,
    PlanObjective,
    PlanProblem,
    ReadinessReview,
    TreatmentPlan,
)


def get_plan_for(
    user: Any, plan_id: UUID, capability: str = permissions.VIEW_CLINICAL_RECORD
) -> TreatmentPlan:
    """One plan version, with what every plan page shows about it."""
    plans = TreatmentPlan.objects.visible_to(user, capability).select_related(
        "client", "program", "episode"
    )
    return get_object_or_404(plans, pk=plan_id)


def get_review_for(user: Any, review_id: UUID, capability: str) -> ReadinessReview:
    reviews = ReadinessReview.objects.filter(
        episode__program_id__in=permissions.program_ids_with(user, capability)
    ).select_related("episode__client", "episode__program")
    return get_object_or_404(reviews, pk=review_id)


NOT_A_COSIGNER = "Only a director of the program co-signs plans."


def plan_cosign_refusal(user: Any, plan: TreatmentPlan) -> str | None:
    """Why ``user`` may not co-sign this version now; None if they may."""
    if not plan.program.plan_requires_cosign:
        return "This program does not ask for a co-signature on plans."
    if not permissions.can(user, permissions.COSIGN_PLAN, plan.program):
        return NOT_A_COSIGNER
    if plan.clinician_signed_at is None:
        return "The clinician signs first; the co-signature endorses it."
    if plan.clinician_signed_by_id == user.pk:
        return "The co-signer must be someone other than the signing clinician."
    return None


def can_cosign_plan(user: Any, plan: TreatmentPlan) -> bool:
    return plan_cosign_refusal(user, plan) is None


# ---------------------------------------------------------------- the parts of a plan
# Each part is fetched through its plan version (``get_plan_for``: a 404 outside the
# user's programs), then must belong to that version (else a 404 too). The part comes
# back with that plan attached, so the page and the services see one plan object.


def _part_of_plan[Part: (PlanProblem, PlanIntervention, PlanDiagnosis)](
    model: type[Part], user: Any, plan_id: UUID, part_id: UUID, capability: str
) -> Part:
    """A part that hangs on the plan version itself, with that version attached."""
    plan = get_plan_for(user, plan_id, capability)
    part = get_object_or_404(model, plan=plan, pk=part_id)
    part.plan = plan
    return part


def get_plan_problem_for(
    user: Any, plan_id: UUID, problem_id: UUID, capability: str
) -> PlanProblem:
    """A problem of one plan version; ``problem.plan`` is the version."""
    return _part_of_plan(PlanProblem, user, plan_id, problem_id, capability)


def get_plan_goal_for(user: Any, plan_id: UUID, goal_id: UUID, capability: str) -> PlanGoal:
    """A goal of one plan version; ``goal.problem.plan`` is the version."""
    plan = get_plan_for(user, plan_id, capability)
    goals = PlanGoal.objects.select_related("problem")
    goal = get_object_or_404(goals, problem__plan=plan, pk=goal_id)
    goal.problem.plan = plan
    return goal


def get_plan_objective_for(
    user: Any, plan_id: UUID, objective_id: UUID, capability: str
) -> PlanObjective:
    """An objective of one plan version; ``objective.goal.problem.plan`` is the version."""
    plan = get_plan_for(user, plan_id, capability)
    objectives = PlanObjective.objects.select_related("goal__problem")
    objective = get_object_or_404(objectives, goal__problem__plan=plan, pk=objective_id)
    objective.goal.problem.plan = plan
    return objective


def get_plan_intervention_for(
    user: Any, plan_id: UUID, intervention_id: UUID, capability: str
) -> PlanIntervention:
    """An intervention of one plan version; ``intervention.plan`` is the version."""
    return _part_of_plan(PlanIntervention, user, plan_id, intervention_id, capability)


def get_plan_diagnosis_for(
    user: Any, plan_id: UUID, diagnosis_id: UUID, capability: str
) -> PlanDiagnosis:
    """A diagnosis of one plan version; ``diagnosis.plan`` is the version."""
    return _part_of_plan(PlanDiagnosis, user, plan_id, diagnosis_id, capability)


# ---------------------------------------------------------------- aftercare

AFTERCARE_READ = permissions.VIEW_CLINICAL_RECORD
AFTERCARE_WRITE = permissions.EDIT_PLANS
NOT_AN_AFTERCARE_WRITER = "Only the program's clinicians and directors write the aftercare plan."


def get_aftercare_episode_for(user: Any, episode_id: UUID, capability: str) -> Episode:
    """The episode whose aftercare plan is read or written; 404 outside the user's programs."""
    episodes = Episode.objects.filter(
        program_id__in=permissions.program_ids_with(user, capability)
    ).select_related("client", "program")
    return get_object_or_404(episodes, pk=episode_id)


def can_edit_aftercare(user: Any, episode: Episode) -> bool:
    return permissions.can(user, AFTERCARE_WRITE, episode.program)


def aftercare_write_check(user: Any, episode: Episode) -> None:
    """The services' own check: a write by anyone else is refused, whoever calls them."""
    if not can_edit_aftercare(user, episode):
        raise PermissionDenied(NOT_AN_AFTERCARE_WRITER)


# ---------------------------------------------------------------- printed plans and plans due


def get_plan_report_for(user: Any, report_id: UUID) -> Report:
    """A printed plan (a PDF of the plan kinds); another kind of report is a 404 here."""
    return get_report_of_kinds_for(user, report_id, PLAN_KINDS)


def can_request_plan_report(user: Any, plan: TreatmentPlan) -> bool:
    """Those who read the client's record in the plan's program print the plan."""
    return plan.program_id in permissions.program_ids_with(user, permissions.VIEW_CLINICAL_RECORD)


def due_plans_program_ids(user: Any, capability: str) -> set[Any]:
    """The programs whose plans due the user lists (VIEW_CENSUS: all; EDIT_PLANS: theirs)."""
    return permissions.program_ids_with(user, capability)
