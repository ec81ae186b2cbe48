"""Plan reviews: recording one, the plan page panel, and the lists of plans due."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log, record_views_log
from iop.clients.models import Client
from iop.http import AuthedRequest, posted
from treatment_plans.access import due_plans_program_ids, get_plan_for
from treatment_plans.forms.reviews import PlanReviewForm
from treatment_plans.models import (
    PlanReview,
    PlanReviewItem,
    PlanStatus,
    ReviewRating,
    TreatmentPlan,
)
from treatment_plans.panels import PlanPanel, register_panel
from treatment_plans.services.reviews import (
    objective_evidence,
    plan_due_status,
    plan_objectives,
    plan_review_due_on,
    plan_review_record,
    plans_due_or_overdue,
)


@require_http_methods(["GET", "POST"])
@capability_required(permissions.EDIT_PLANS)
def plan_review_create(request: AuthedRequest, plan_id: UUID) -> HttpResponse:
    plan = get_plan_for(request.user, plan_id, permissions.EDIT_PLANS)
    is_active = plan.status == PlanStatus.ACTIVE
    objectives = plan_objectives(plan) if is_active else []
    form = PlanReviewForm(
        posted(request) if is_active else None,
        objectives=objectives,
        today=plan.program.today(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            review = plan_review_record(
                plan=plan,
                by=request.user,
                reviewed_on=form.cleaned_data["reviewed_on"],
                summary=form.cleaned_data["summary"],
                ratings=form.ratings,
            )
        except ValidationError as error:
            form.add_service_errors(error.message_dict)
        else:
            _announce(request, review)
            return redirect("treatment_plans:plan_detail", plan.pk)
    record_view_log(request=request, client=plan.client, page="Plan review")
    evidence = objective_evidence(plan=plan, objectives=objectives)
    return render(
        request,
        "treatment_plans/reviews/review_form.html",
        {
            "plan": plan,
            "client": Client.objects.with_chart_header().get(pk=plan.client_id),
            "form": form,
            "rows": form.objective_rows(evidence),
            "is_active": is_active,
            "due": _due(plan, None),
        },
        status=400 if form.errors or (request.method == "POST" and not is_active) else 200,
    )


def _announce(request: AuthedRequest, review: PlanReview) -> None:
    due = review.plan.review_due_on
    text = f"Review recorded. Next review due {due:%b} {due.day}." if due else "Review recorded."
    if review.items.filter(rating=ReviewRating.REVISED).exists():
        text += " Objectives rated revised must be changed in a new plan version."
    messages.success(request, text)


def _due(plan: TreatmentPlan, reviews: list[PlanReview] | None) -> Any:
    if plan.status != PlanStatus.ACTIVE:
        return None
    last = reviews[0].reviewed_on if reviews else None
    due_on = plan_review_due_on(plan, last_reviewed_on=last)
    return plan_due_status(due_on=due_on, today=plan.program.today()) if due_on else None


def reviews_panel(plan: TreatmentPlan, user: Any) -> dict[str, Any]:
    """The plan page's reviews panel: two queries (reviews, their items)."""
    items = PlanReviewItem.objects.select_related("objective").order_by(
        "objective__target_date", "objective__created_at"
    )
    reviews = list(
        PlanReview.objects.filter(plan=plan)
        .select_related("created_by")
        .prefetch_related(Prefetch("items", queryset=items))
    )
    latest_revised = bool(reviews) and any(
        item.rating == ReviewRating.REVISED for item in reviews[0].items.all()
    )
    can_edit = permissions.can(user, permissions.EDIT_PLANS, plan.program)
    return {
        "plan": plan,
        "due": _due(plan, reviews),
        "reviews": reviews,
        "latest_revised": latest_revised,
        "can_review": can_edit and plan.status == PlanStatus.ACTIVE,
        "can_revise": can_edit and plan.status == PlanStatus.ACTIVE and latest_revised,
    }


register_panel(PlanPanel("reviews", 20, "treatment_plans/reviews/_panel.html", reviews_panel))


def _due_page(request: AuthedRequest, capability: str, mine: bool) -> HttpResponse:
    rows = plans_due_or_overdue(
        program_ids=due_plans_program_ids(request.user, capability),
        clinician=request.user if mine else None,
    )
    page = "My plans due" if mine else "Plans due"
    record_views_log(request=request, clients=[row.client for row in rows], page=page)
    context = {
        "rows": rows,
        "mine": mine,
        "perms_cosign": permissions.can(request.user, permissions.COSIGN_PLAN),
    }
    return render(request, "treatment_plans/reviews/plans_due.html", context)


@require_GET
@capability_required(permissions.VIEW_CENSUS)
def plans_due(request: AuthedRequest) -> HttpResponse:
    """Directors: first plans and reviews due or overdue in their programs."""
    return _due_page(request, permissions.VIEW_CENSUS, mine=False)


@require_GET
@capability_required(permissions.EDIT_PLANS)
def plans_due_mine(request: AuthedRequest) -> HttpResponse:
    """A clinician's own caseload (where they are the primary clinician); reminders link here."""
    return _due_page(request, permissions.EDIT_PLANS, mine=True)


urlpatterns = [
    path("<uuid:plan_id>/reviews/new/", plan_review_create, name="plan_review_create"),
    path("due/", plans_due, name="plans_due"),
    path("due/mine/", plans_due_mine, name="plans_due_mine"),
]
