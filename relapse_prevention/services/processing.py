"""Pacing decisions on trauma processing: the clinician records one on the signs shown; a
supervisor or director, not the clinician who recorded it, confirms it, as the first
readiness review is confirmed. Confirming a return to stabilization moves the plan's phase
back through treatment_plans' own phase-change service, in the same transaction.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from iop.accounts import permissions
from iop.accounts.models import User
from iop.audit.models import AuditAction
from iop.audit.services import audit_event_record
from relapse_prevention.models import PacingDecision, ProcessingDecision
from relapse_prevention.processing import processing_status
from treatment_plans.models import Phase, PlanStatus, TreatmentPlan
from treatment_plans.services.gate import phase_change

CURRENT = (PlanStatus.DRAFT, PlanStatus.ACTIVE)
NOTHING_TO_ANSWER = "Trauma processing is on track: there are no signs to decide on."


def _current_plan(plan: TreatmentPlan) -> TreatmentPlan:
    """The episode's current plan version (a newer one may have been drafted since)."""
    current = (
        TreatmentPlan.objects.filter(episode_id=plan.episode_id, status__in=CURRENT)
        .select_related("episode", "client", "program")
        .order_by("-version")
        .first()
    )
    if current is None:
        raise ValidationError("This plan version is superseded; decide on the current one.")
    return current


@transaction.atomic
def processing_decision_record(
    *, plan: TreatmentPlan, by: User, decision: str, reason: str
) -> ProcessingDecision:
    """The clinician's decision on the signs shown now, kept with those signs as text."""
    plan = _current_plan(plan)
    if not permissions.can(by, permissions.EDIT_PLANS, plan.program):
        raise PermissionDenied("Only clinicians record a pacing decision.")
    errors = {}
    if decision not in PacingDecision.values:
        errors["decision"] = "Choose one of the decisions listed."
    if not reason.strip():
        errors["reason"] = "Say why: what you weighed, and what changes for the client."
    if errors:
        raise ValidationError(errors)
    status = processing_status(plan)
    if not status.in_processing:
        raise ValidationError("The plan is not in the trauma processing phase.")
    if status.pending is not None:
        raise ValidationError(
            "A pacing decision is already awaiting a supervisor's confirmation; "
            "it is confirmed before another is recorded."
        )
    if not status.signs:
        raise ValidationError(NOTHING_TO_ANSWER)
    return ProcessingDecision.objects.create(
        episode=plan.episode,
        program=plan.program,
        plan=plan,
        signs=status.signs_text(),
        decision=decision,
        reason=reason.strip(),
        decided_by=by,
        created_by=by,
    )


@transaction.atomic
def processing_decision_confirm(*, decision: ProcessingDecision, by: User) -> ProcessingDecision:
    """A supervisor or director other than the recorder confirms it once; a return to
    stabilization moves the current plan back to that phase (a PhaseChange with the reason)."""
    decision = (
        ProcessingDecision.objects.select_for_update(of=("self",))
        .select_related("episode__client", "program", "decided_by", "confirmed_by")
        .get(pk=decision.pk)
    )
    program = decision.program
    if not permissions.can(by, permissions.CONFIRM_READINESS, program):
        raise PermissionDenied("Only a supervisor or director confirms a pacing decision.")
    if decision.confirmed_at is not None:
        who = decision.confirmed_by.display_name if decision.confirmed_by else "a supervisor"
        when = date_format(program.local(decision.confirmed_at), "M j, Y")
        raise ValidationError(f"This decision was already confirmed by {who} on {when}.")
    if decision.decided_by_id == by.pk:
        raise ValidationError(
            "You recorded this decision; another supervisor or director must confirm it."
        )
    if decision.decision == PacingDecision.STABILIZE:
        plan = _current_plan(decision.plan)
        if plan.phase != Phase.STABILIZATION:
            decision.phase_change = phase_change(
                plan=plan,
                to_phase=Phase.STABILIZATION,
                reason="Return to stabilization, a pacing decision confirmed: " + decision.reason,
                by=by,
            )
    decision.confirmed_by = by
    decision.confirmed_at = timezone.now()
    decision.save(update_fields=["confirmed_by", "confirmed_at", "phase_change", "updated_at"])
    # The readiness confirmation's action: this is the same sign-off, reassessed.
    audit_event_record(
        action=AuditAction.READINESS_CONFIRMED,
        actor=by,
        obj=decision,
        client=decision.episode.client,
        summary=f"Trauma processing pacing decision confirmed: {decision.get_decision_display()}",
    )
    return decision
