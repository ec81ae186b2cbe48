"""Plans, results and readiness reviews for the trauma-phase gate tests (and the role matrix)."""

from __future__ import annotations

from typing import Any

from intake.models import InstrumentResult
from intake.services.instruments import instrument_record
from iop.accounts.models import Role
from iop.clients.models import Episode
from tests.factories import ClientFactory, EpisodeFactory
from treatment_plans.models import (
    Modality,
    PlanIntervention,
    PlanProblem,
    ReadinessReview,
    TreatmentPlan,
)
from treatment_plans.services.gate import readiness_review_record

READY = {
    "affect_tolerance": "adequate",
    "grounding_skill": "working",
    "self_harm": "none",
    "home_stability": "stable",
}
NOT_READY = {**READY, "grounding_skill": "learning"}
CSSRS_NONE = {"1": "no", "2": "no", "6": "no"}
CSSRS_HIGH = {**CSSRS_NONE, "6": "past_3_months"}


def des2(score: int) -> dict[str, int]:
    """Every item at `score` (a multiple of 10): the DES-II mean is `score`."""
    return {str(item): score for item in range(1, 29)}


def give(episode: Episode, code: str, answers: dict[str, Any], by: Any) -> InstrumentResult:
    return instrument_record(client=episode.client, instrument=code, answers=answers, by=by)


def draft_plan(episode: Episode, by: Any, *, modality: str = "emdr") -> TreatmentPlan:
    """An unsigned draft with one problem and one intervention of `modality`."""
    plan = TreatmentPlan.objects.create(
        episode=episode, client=episode.client, program=episode.program, created_by=by
    )
    problem = PlanProblem.objects.create(plan=plan, statement="Intrusive memories", created_by=by)
    PlanIntervention.objects.create(
        plan=plan,
        problem=problem,
        modality=Modality.objects.get(code=modality, program=None),
        frequency="weekly, 60 minutes",
        responsible=by,
        created_by=by,
    )
    return plan


def review(episode: Episode, by: Any, answers: dict[str, str] = READY) -> ReadinessReview:
    return readiness_review_record(episode=episode, by=by, notes="", **answers)


def gate_records(program: Any, staff: dict[str, Any]) -> dict[str, str]:
    """For the role matrix: a client of its own with a draft plan and an unconfirmed review."""
    episode: Episode = EpisodeFactory.create(client=ClientFactory(program=program))
    clinician = staff[Role.CLINICIAN]
    give(episode, "des2", des2(10), clinician)
    plan = draft_plan(episode, clinician)
    return {
        "episode_id": str(episode.pk),
        "review_id": str(review(episode, clinician).pk),
        "plan_id": str(plan.pk),
    }
