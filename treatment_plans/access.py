"""Fetch-and-check helpers: a record outside the user's programs is a 404."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.shortcuts import get_object_or_404

from iop.accounts import permissions
from iop.clients.models import Episode
from treatment_plans.models import ReadinessReview, TreatmentPlan


def get_plan_for(
    user: Any, plan_id: UUID, capability: str = permissions.VIEW_CLINICAL_RECORD
) -> TreatmentPlan:
    """One plan version, with what every plan page shows about it."""
    plans = TreatmentPlan.objects.filter(
        program_id__in=permissions.program_ids_with(user, capability)
    ).select_related("client", "program", "episode")
    return get_object_or_404(plans, pk=plan_id)


def get_episode_for(user: Any, episode_id: UUID, capability: str) -> Episode:
    episodes = Episode.objects.filter(
        program_id__in=permissions.program_ids_with(user, capability)
    ).select_related("client", "program")
    return get_object_or_404(episodes, pk=episode_id)


def get_review_for(user: Any, review_id: UUID, capability: str) -> ReadinessReview:
    reviews = ReadinessReview.objects.filter(
        episode__program_id__in=permissions.program_ids_with(user, capability)
    ).select_related("episode__client", "episode__program")
    return get_object_or_404(reviews, pk=review_id)
