"""The trauma-phase gate: readiness reviews, their confirmation, phase changes, the plan panel."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from intake.models import Assessment, AssessmentStatus
from intake.services.assessments import assessment_readiness
from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log
from iop.clients.access import get_episode_for
from iop.clients.models import Client, Episode
from iop.http import AuthedRequest, posted
from treatment_plans.access import get_plan_for, get_review_for
from treatment_plans.forms.gate import PhaseChangeForm, ReadinessReviewForm
from treatment_plans.models import Phase, PlanStatus, ReadinessReview, TreatmentPlan
from treatment_plans.panels import PlanPanel, register_panel
from treatment_plans.services import gate as service

CURRENT = (PlanStatus.DRAFT, PlanStatus.ACTIVE)


# ---------------------------------------------------------------- fetch and check


def _back(episode: Episode) -> HttpResponse:
    """To the episode's current plan page, or to the chart when there is no plan yet."""
    plan = episode.plans.filter(status__in=CURRENT).order_by("-version").first()
    if plan:
        return redirect("treatment_plans:plan_detail", plan.pk)
    return redirect("clients:chart", episode.client_id)


def _attach(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, texts in error.message_dict.items():
            form.add_error(name if name in form.fields else None, texts)
    else:
        form.add_error(None, error.messages)


# ---------------------------------------------------------------- readiness review


@require_http_methods(["GET", "POST"])
@capability_required(permissions.EDIT_PLANS)
def readiness_review_create(request: AuthedRequest, episode_id: UUID) -> HttpResponse:
    episode = get_episode_for(request.user, episode_id, permissions.EDIT_PLANS)
    form = ReadinessReviewForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            review = service.readiness_review_record(
                episode=episode, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            _announce_review(request, review)
            return _back(episode)
    record_view_log(request=request, client=episode.client, page="Readiness review")
    return render(
        request,
        "treatment_plans/gate/readiness_review_form.html",
        {
            "client": Client.objects.with_chart_header().get(pk=episode.client_id),
            "episode": episode,
            "form": form,
            "baseline": _intake_baseline(episode),
            "facts": service.live_facts(episode.client_id),
            "gate": service.gate_status(episode),
        },
        status=400 if form.errors else 200,
    )


def _announce_review(request: AuthedRequest, review: ReadinessReview) -> None:
    if review.ready:
        messages.success(request, "Readiness review recorded: ready, awaiting confirmation.")
    else:
        missing = "; ".join(service.review_readiness(review).missing)
        messages.warning(request, f"Readiness review recorded: not yet ready ({missing}).")


def _intake_baseline(episode: Episode) -> dict[str, Any] | None:
    """The completed intake assessment's readiness answers, for comparison."""
    assessment = (
        Assessment.objects.filter(client_id=episode.client_id, status=AssessmentStatus.COMPLETED)
        .order_by("-completed_at")
        .first()
    )
    if assessment is None:
        return None
    return {"assessment": assessment, "readiness": assessment_readiness(assessment)}


@require_POST
@capability_required(permissions.CONFIRM_READINESS)
def readiness_confirm(request: AuthedRequest, review_id: UUID) -> HttpResponse:
    review = get_review_for(request.user, review_id, permissions.CONFIRM_READINESS)
    try:
        service.readiness_confirm(review=review, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Readiness review confirmed.")
    return _back(review.episode)


# ---------------------------------------------------------------- phase change


@require_http_methods(["GET", "POST"])
@capability_required(permissions.EDIT_PLANS)
def phase_change(request: AuthedRequest, plan_id: UUID) -> HttpResponse:
    plan = get_plan_for(request.user, plan_id, permissions.EDIT_PLANS)
    wanted = request.GET.get("to")
    form = PhaseChangeForm(posted(request), initial={"to_phase": wanted} if wanted else None)
    if request.method == "POST" and form.is_valid():
        try:
            service.phase_change(plan=plan, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(
                request, f"The plan is now in the {form.cleaned_data['to_phase']} phase."
            )
            return redirect("treatment_plans:plan_detail", plan.pk)
    record_view_log(request=request, client=plan.client, page="Treatment plan phase")
    return render(
        request,
        "treatment_plans/gate/phase_change_form.html",
        {
            "client": Client.objects.with_chart_header().get(pk=plan.client_id),
            "plan": plan,
            "form": form,
            "gate": service.gate_status(plan.episode),
            "phase_changes": plan.phase_changes.select_related("created_by"),
        },
        status=400 if form.errors else 200,
    )


# ---------------------------------------------------------------- the plan page panel


def gate_panel_context(plan: TreatmentPlan, user: Any) -> dict[str, Any]:
    """The plan page's gate panel, in a fixed number of queries."""
    gate = service.gate_status(plan.episode)
    held = []
    for intervention in plan.interventions.select_related("modality"):
        label, reason = service.intervention_status(intervention, gate)
        if label == service.HELD:
            held.append({"intervention": intervention, "label": label, "reason": reason})
    review = gate.latest_review
    edits = permissions.can(user, permissions.EDIT_PLANS, plan.program)
    return {
        "plan": plan,
        "gate": gate,
        "interventions_held": held,
        "phase_changes": list(plan.phase_changes.select_related("created_by")),
        "can_record": edits and plan.episode.is_open,
        "can_confirm": bool(
            review
            and gate.awaiting_confirmation
            and review.created_by_id != user.pk
            and permissions.can(user, permissions.CONFIRM_READINESS, plan.program)
        ),
        "can_change_phase": edits and plan.status in CURRENT,
        "processing": Phase.PROCESSING,
    }


register_panel(PlanPanel("gate", 10, "treatment_plans/gate/_panel.html", gate_panel_context))

urlpatterns = [
    path(
        "episodes/<uuid:episode_id>/readiness/",
        readiness_review_create,
        name="readiness_review_create",
    ),
    path("readiness/<uuid:review_id>/confirm/", readiness_confirm, name="readiness_confirm"),
    path("<uuid:plan_id>/phase/", phase_change, name="phase_change"),
]
