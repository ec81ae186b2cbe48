"""Fetch-and-check helpers: a record outside the user's programs is a 404."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.shortcuts import get_object_or_404

from intake.models import Assessment, Consent, Referral, SafetyAlert, SafetyPlan


def get_referral_for(user: Any, referral_id: UUID, capability: str) -> Referral:
    return get_object_or_404(
        Referral.objects.visible_to(user, capability).select_related(
            "client", "program", "probation_officer"
        ),
        pk=referral_id,
    )


def get_assessment_for(user: Any, assessment_id: UUID, capability: str) -> Assessment:
    return get_object_or_404(
        Assessment.objects.visible_to(user, capability).select_related(
            "client", "program", "referral"
        ),
        pk=assessment_id,
    )


def get_alert_for(user: Any, alert_id: UUID, capability: str) -> SafetyAlert:
    return get_object_or_404(
        SafetyAlert.objects.visible_to(user, capability).select_related(
            "client", "result", "acknowledged_by"
        ),
        pk=alert_id,
    )


def get_safety_plan_for(user: Any, plan_id: UUID, capability: str) -> SafetyPlan:
    return get_object_or_404(
        SafetyPlan.objects.visible_to(user, capability).select_related(
            "client__program", "clinician_signed_by"
        ),
        pk=plan_id,
    )


def get_consent_for(user: Any, consent_id: UUID, capability: str) -> Consent:
    consents = Consent.objects.visible_to(user, capability).select_related(
        "recipient_user", "witness", "revoked_recorded_by"
    )
    return get_object_or_404(consents, pk=consent_id)
