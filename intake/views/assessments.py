"""The guided intake assessment: one step at a time, each saved as a draft (htmx)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from intake import asam
from intake.access import get_assessment_for, get_referral_for
from intake.forms.assessment import STEP_FORMS, AsamForm
from intake.instruments import get as get_instrument
from intake.models import Assessment
from intake.services import assessments as service
from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log
from iop.clients.models import Client, LevelOfCare
from iop.http import AuthedRequest

STEPS: list[tuple[str, str]] = [
    ("profile", "Safety and comfort"),
    ("history", "What brings you here"),
    ("situation", "Current situation"),
    ("screening", "Screening instruments"),
    ("asam", "ASAM dimensions"),
    ("readiness", "Trauma readiness"),
    ("review", "Review and complete"),
]
STEP_KEYS = [key for key, _ in STEPS]


@require_POST
@capability_required(permissions.EDIT_INTAKE)
def assessment_start(request: AuthedRequest, referral_id: UUID) -> HttpResponse:
    referral = get_referral_for(request.user, referral_id, permissions.EDIT_INTAKE)
    assessment = service.assessment_start(referral=referral, by=request.user)
    return redirect("intake:assessment_step", assessment.pk, assessment.last_step)


@require_http_methods(["GET", "POST"])
@capability_required(permissions.VIEW_CLIENTS)
def assessment_step(request: AuthedRequest, assessment_id: UUID, step: str) -> HttpResponse:
    if step not in STEP_KEYS:
        raise Http404("No such step")
    assessment = get_assessment_for(request.user, assessment_id, permissions.VIEW_CLIENTS)
    may_edit = permissions.can(request.user, permissions.EDIT_INTAKE, assessment.program)
    if request.method == "POST" and not may_edit:
        raise PermissionDenied("Only intake staff edit the intake assessment.")
    editable = assessment.is_draft and may_edit
    form = _step_form(assessment, step, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not assessment.is_draft:
            messages.error(request, "This assessment is completed and can no longer be edited.")
            return redirect("intake:assessment_step", assessment.pk, "review")
        if form is not None and form.is_valid():
            following = STEP_KEYS[min(STEP_KEYS.index(step) + 1, len(STEP_KEYS) - 1)]
            _save(assessment, step, following, form, request)
            messages.success(request, "Saved.")
            return redirect("intake:assessment_step", assessment.pk, following)
    record_view_log(request=request, client=assessment.client, page="Intake assessment")
    context = {
        "assessment": assessment,
        "client": Client.objects.with_chart_header().get(pk=assessment.client_id),
        "steps": STEPS,
        "step": step,
        "step_title": dict(STEPS)[step],
        "form": form,
        "editable": editable,
        **_step_context(assessment, step, form),
    }
    template = "intake/assessment.html"
    if request.htmx and request.htmx.target == "assessment-step":
        template += "#step"
    return render(
        request, template, context, status=400 if form is not None and form.errors else 200
    )


def _step_form(assessment: Assessment, step: str, data: Any) -> Any:
    if step in STEP_FORMS:
        return STEP_FORMS[step](data, instance=assessment)
    if step == "asam":
        return AsamForm(data, edition=assessment.asam_edition, initial=_asam_initial(assessment))
    return None


def _asam_initial(assessment: Assessment) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "placement_level": assessment.placement_level_id or assessment.recommended_level_id,
        "placement_reason": assessment.placement_reason,
    }
    for rating in assessment.asam_ratings.all():
        initial[f"rating_{rating.dimension}"] = rating.rating
        initial[f"notes_{rating.dimension}"] = rating.notes
    return initial


def _save(
    assessment: Assessment, step: str, resume_at: str, form: Any, request: AuthedRequest
) -> None:
    if step == "asam":
        service.assessment_save_asam(
            assessment=assessment, form=form, resume_at=resume_at, by=request.user
        )
    else:
        service.assessment_save_step(
            assessment=assessment, form=form, resume_at=resume_at, by=request.user
        )


def _asam_recommendation(assessment: Assessment, form: Any) -> dict[str, Any] | None:
    """The recommendation for the ratings on screen: after a refused save, those just typed."""
    typed = getattr(form, "recommendation", None) if form is not None and form.is_bound else None
    if typed is not None:
        level = LevelOfCare.objects.get(edition=assessment.asam_edition, code=typed.code)
        return {"level": level, "reasons": typed.reasons}
    if form is not None and form.is_bound:
        return None  # some ratings missing: the saved recommendation no longer describes them
    saved = assessment.recommended_level
    return {"level": saved, "reasons": assessment.recommendation_reasons} if saved else None


def _step_context(assessment: Assessment, step: str, form: Any = None) -> dict[str, Any]:
    if step == "screening":
        from intake.instruments import all_instruments

        given = service.latest_results(assessment)
        return {
            "instruments": [
                {
                    "definition": d,
                    "result": given.get(d.code),
                    "required": d.code in service.required_instruments(),
                }
                for d in all_instruments()
            ],
            "open_alerts": service.open_alerts(assessment).select_related("result"),
        }
    if step == "asam":
        return {"recommendation": _asam_recommendation(assessment, form)}
    if step == "readiness":
        return {"readiness": service.assessment_readiness(assessment)}
    if step == "review":
        return {
            "missing": service.assessment_missing(assessment) if assessment.is_draft else [],
            "readiness": service.assessment_readiness(assessment),
            "results": [
                {"name": get_instrument(result.instrument).short_name, "result": result}
                for result in service.latest_results(assessment).values()
            ],
            "ratings": asam.named_ratings(assessment.asam_ratings.all(), assessment.asam_edition),
        }
    return {}


@require_POST
@capability_required(permissions.EDIT_INTAKE)
def asam_preview(request: AuthedRequest, assessment_id: UUID) -> HttpResponse:
    """The recommendation for the ratings on screen, before anything is saved (htmx)."""
    assessment = get_assessment_for(request.user, assessment_id, permissions.EDIT_INTAKE)
    ratings: dict[int, int] = {}
    for number in range(1, 7):
        value = request.POST.get(f"rating_{number}", "")
        if value not in {"0", "1", "2", "3", "4"}:
            ratings = {}
            break
        ratings[number] = int(value)
    recommendation = None
    if ratings:
        result = asam.recommend(ratings, assessment.asam_edition)
        level = LevelOfCare.objects.get(edition=assessment.asam_edition, code=result.code)
        recommendation = {"level": level, "reasons": result.reasons}
    return render(
        request,
        "intake/assessment/_asam.html#recommendation",
        {"recommendation": recommendation},
    )


@require_POST
@capability_required(permissions.EDIT_INTAKE)
def assessment_complete(request: AuthedRequest, assessment_id: UUID) -> HttpResponse:
    assessment = get_assessment_for(request.user, assessment_id, permissions.EDIT_INTAKE)
    try:
        service.assessment_complete(assessment=assessment, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("intake:assessment_step", assessment.pk, "review")
    messages.success(request, "Intake assessment completed.")
    if assessment.referral_id:
        return redirect("intake:referral_detail", assessment.referral_id)
    return redirect(reverse("clients:chart", args=[assessment.client_id]))


urlpatterns = [
    path("referrals/<uuid:referral_id>/assessment/", assessment_start, name="assessment_start"),
    path(
        "assessments/<uuid:assessment_id>/complete/",
        assessment_complete,
        name="assessment_complete",
    ),
    path("assessments/<uuid:assessment_id>/asam-preview/", asam_preview, name="asam_preview"),
    path("assessments/<uuid:assessment_id>/<slug:step>/", assessment_step, name="assessment_step"),
]
