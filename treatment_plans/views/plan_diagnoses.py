"""Diagnoses on a draft: search the ICD-10-CM code list, add a code, make one primary,
remove one. The search answers live with htmx (``#dx-results``) or by submitting it.
"""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log
from iop.clients.models import Client
from iop.http import AuthedRequest, form_add_service_errors
from treatment_plans import icd10
from treatment_plans.access import get_plan_diagnosis_for
from treatment_plans.forms.plans import DiagnosisForm, DiagnosisSearchForm
from treatment_plans.models import DiagnosisRank, TreatmentPlan
from treatment_plans.services import diagnoses as services
from treatment_plans.services.plan_versions import PlanEditConflict
from treatment_plans.views.plans import (
    EDIT,
    PLAN,
    SAVED_MEANWHILE,
    editable_plan,
    locked,
    part_remove,
    revision_action,
    revision_initial,
    saved,
)


def _diagnosis_page(
    request: AuthedRequest, plan: TreatmentPlan, form: DiagnosisForm | None, query: str
) -> HttpResponse:
    record_view_log(request=request, client=plan.client, page="Treatment plan")
    has_primary = plan.diagnoses.filter(rank=DiagnosisRank.PRIMARY).exists()
    if form is None:
        rank = DiagnosisRank.SECONDARY if has_primary else DiagnosisRank.PRIMARY
        form = DiagnosisForm(initial={**revision_initial(plan), "rank": rank})
    context = {
        "plan": plan,
        "form": form,
        "search": DiagnosisSearchForm(initial={"q": query}),
        "query": query,
        "results": icd10.code_search(query) if query else None,
        "has_primary": has_primary,
        "action": reverse("treatment_plans:diagnosis_add", args=[plan.pk]),
    }
    template = "treatment_plans/plan/diagnosis_form.html"
    if request.htmx:
        part = "dx-results" if request.htmx.target == "dx-results" else "dx-form"
        return render(request, f"{template}#{part}", context)
    context["client"] = Client.objects.with_chart_header().get(pk=plan.client_id)
    status = 400 if request.method == "POST" else 200
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def diagnosis_add(request: AuthedRequest, plan_id: UUID) -> HttpResponse:
    """Search the code list (live with htmx, or by submitting the search), then add a code."""
    plan = editable_plan(request, plan_id)
    if not plan.is_draft:
        return locked(request, plan)
    query = (request.POST if request.method == "POST" else request.GET).get("q", "")[:80]
    if request.method != "POST":
        return _diagnosis_page(request, plan, None, query.strip())
    form = DiagnosisForm(request.POST)
    if form.is_valid():
        try:
            added = services.diagnosis_add(plan=plan, by=request.user, **form.cleaned_data)
        except PlanEditConflict:
            form.add_error(None, f"{SAVED_MEANWHILE}. Nothing was added.")
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return saved(request, plan, _added_message(added))
    return _diagnosis_page(request, plan, form, query.strip())


def _added_message(added: services.DiagnosisAdded) -> str:
    diagnosis = added.diagnosis
    message = f"Added {diagnosis.code} {diagnosis.description} ({diagnosis.get_rank_display()})."
    if added.demoted:
        message += f" {added.demoted.code} is now a secondary diagnosis."
    return message


@require_POST
@capability_required(EDIT)
def diagnosis_make_primary(
    request: AuthedRequest, plan_id: UUID, diagnosis_id: UUID
) -> HttpResponse:
    diagnosis = get_plan_diagnosis_for(request.user, plan_id, diagnosis_id, EDIT)
    return revision_action(
        request,
        diagnosis.plan,
        lambda **kw: services.diagnosis_make_primary(diagnosis=diagnosis, **kw),
        done=f"{diagnosis.code} is now the primary diagnosis.",
        unchanged="Nothing changed.",
    )


@require_POST
@capability_required(EDIT)
def diagnosis_remove(request: AuthedRequest, plan_id: UUID, diagnosis_id: UUID) -> HttpResponse:
    diagnosis = get_plan_diagnosis_for(request.user, plan_id, diagnosis_id, EDIT)
    return part_remove(
        request,
        diagnosis.plan,
        lambda **kw: services.diagnosis_remove(diagnosis=diagnosis, **kw),
        f"Diagnosis {diagnosis.code}",
    )


urlpatterns: list[URLPattern] = [
    path(PLAN + "diagnoses/new/", diagnosis_add, name="diagnosis_add"),
    path(
        PLAN + "diagnoses/<uuid:diagnosis_id>/primary/",
        diagnosis_make_primary,
        name="diagnosis_make_primary",
    ),
    path(
        PLAN + "diagnoses/<uuid:diagnosis_id>/remove/",
        diagnosis_remove,
        name="diagnosis_remove",
    ),
]
