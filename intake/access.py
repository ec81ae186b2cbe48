"""Fetch-and-check helpers: a record outside the user's programs is a 404."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.shortcuts import get_object_or_404

from intake.models import Assessment, Referral, SafetyAlert, SafetyPlan
from iop.accounts import permissions


def get_referral_for(user: Any, referral_id: UUID, capability: str) -> Referral:
    return get_object_or_404(
        Referral.objects.select_related("client", "program", "probation_officer").filter(
            program_id__in=permissions.program_ids_with(user, capability)
        ),
        pk=referral_id,
    )


def get_assessment_for(user: Any, assessment_id: UUID, capability: str) -> Assessment:
    return get_object_or_404(
        Assessment.objects.select_related("client", "program", "referral").filter(
            program_id__in=permissions.program_ids_with(user, capability)
        ),
        pk=assessment_id,
    )


def get_alert_for(user: Any, alert_id: UUID, capability: str) -> SafetyAlert:
    return get_object_or_404(
        SafetyAlert.objects.select_related("client", "result", "acknowledged_by").filter(
            client__program_id__in=permissions.program_ids_with(user, capability)
        ),
        pk=alert_id,
    )


def get_safety_plan_for(user: Any, plan_id: UUID, capability: str) -> SafetyPlan:
    return get_object_or_404(
        SafetyPlan.objects.select_related("client__program", "clinician_signed_by").filter(
            client__program_id__in=permissions.program_ids_with(user, capability)
        ),
        pk=plan_id,
    )
