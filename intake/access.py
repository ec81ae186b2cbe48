"""Fetch-and-check helpers (a record outside the user's programs is a 404) and the programs
where a user has a capability, asked by the views and the services alike."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.shortcuts import get_object_or_404

from intake.documents import SAFETY_PLAN_KINDS
from intake.models import (
    Assessment,
    Consent,
    CourtOrder,
    Referral,
    SafetyAlert,
    SafetyPlan,
)
from iop.accounts import permissions
from iop.accounts.models import Program
from iop.reports.access import get_report_of_kinds_for
from iop.reports.models import Report


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


def get_court_order_for(user: Any, court_order_id: UUID, capability: str) -> CourtOrder:
    orders = CourtOrder.objects.visible_to(user, capability).select_related("supervising_officer")
    return get_object_or_404(orders, pk=court_order_id)


def get_safety_report_for(user: Any, report_id: UUID) -> Report:
    """A printed safety plan (the client copy); another kind of report is a 404 here."""
    return get_report_of_kinds_for(user, report_id, SAFETY_PLAN_KINDS)


def get_crisis_line_program_for(user: Any, program_id: UUID) -> Program:
    programs = permissions.programs_with(user, permissions.EDIT_CRISIS_LINE)
    return get_object_or_404(programs, pk=program_id)


def overseeing_program_ids(user: Any) -> set[Any]:
    """The programs whose safety alerts the user oversees (sees every overdue one)."""
    return permissions.program_ids_with(user, permissions.OVERSEE_SAFETY_ALERTS)
