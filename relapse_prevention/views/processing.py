"""Pacing of trauma processing: the plan page panel (status, SUDS per target, the decision
form, the confirm button), the decision page (its errors shown with what was typed) and the
confirmation."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log
from iop.clients.models import Client
from iop.http import AuthedRequest, form_add_service_errors, posted
from relapse_prevention.access import get_processing_decision_for
from relapse_prevention.models import PacingDecision, ProcessingDecision
from relapse_prevention.processing import ProcessingStatus, processing_status
from relapse_prevention.services import processing as service
from treatment_plans.access import get_plan_for
from treatment_plans.models import TreatmentPlan


class ProcessingDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision", choices=PacingDecision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label="Why",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What you weighed, and what changes for the client. A supervisor or "
        "director confirms it.",
    )


def _can_decide(user: Any, plan: TreatmentPlan, status: ProcessingStatus) -> bool:
    return status.to_review and permissions.can(user, permissions.EDIT_PLANS, plan.program)


def _can_confirm(user: Any, plan: TreatmentPlan, decision: ProcessingDecision | None) -> bool:
    return bool(
        decision
        and decision.decided_by_id != user.pk
        and permissions.can(user, permissions.CONFIRM_READINESS, plan.program)
    )


def processing_panel_context(plan: TreatmentPlan, user: Any) -> dict[str, Any]:
    """The plan page's panel, in a fixed number of queries (the status reads four)."""
    status = processing_status(plan)
    return {
        "plan": plan,
        "status": status,
        "shown": status.in_processing or bool(status.targets) or bool(status.decisions),
        "form": ProcessingDecisionForm() if _can_decide(user, plan, status) else None,
        "can_confirm": _can_confirm(user, plan, status.pending),
    }


@require_http_methods(["GET", "POST"])
@capability_required(permissions.EDIT_PLANS)
def processing_decision_create(request: AuthedRequest, plan_id: UUID) -> HttpResponse:
    plan = get_plan_for(request.user, plan_id, permissions.EDIT_PLANS)
    form = ProcessingDecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            service.processing_decision_record(plan=plan, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Pacing decision recorded, awaiting confirmation.")
            return redirect("treatment_plans:plan_detail", plan.pk)
    record_view_log(request=request, client=plan.client, page="Trauma processing pacing")
    context = {
        "client": Client.objects.with_chart_header().get(pk=plan.client_id),
        "plan": plan,
        "form": form,
        "status": processing_status(plan),
    }
    status = 400 if form.errors else 200
    return render(
        request, "relapse_prevention/processing/decision_form.html", context, status=status
    )


@require_POST
@capability_required(permissions.CONFIRM_READINESS)
def processing_decision_confirm(request: AuthedRequest, decision_id: UUID) -> HttpResponse:
    decision = get_processing_decision_for(request.user, decision_id, permissions.CONFIRM_READINESS)
    try:
        service.processing_decision_confirm(decision=decision, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Pacing decision confirmed: {decision.get_decision_display()}.")
    return redirect("treatment_plans:plan_detail", decision.plan_id)
