"""The plan page: start or revise a plan, read a version, its versions and what changed
between them; and the answers every edit made from the page shares.

Clinicians and directors of the client's program write drafts; prescribers read. The page
is one view; each part is added and edited by a small view (``views.plan_parts``,
``views.plan_diagnoses``) that renders its form alone for htmx (``#part-form``) or as a page
without JavaScript, and answers a saved edit with the refreshed plan (``#plan-body``) so
every form on the page carries the new revision.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import reswap, retarget

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log
from iop.clients.access import get_episode_for
from iop.clients.models import Client
from iop.http import AuthedRequest, uuid_or_404
from treatment_plans.access import can_cosign_plan, get_plan_for
from treatment_plans.forms.plans import TemplatePickForm
from treatment_plans.models import PlanIntervention, PlanProblem, PlanStatus, TreatmentPlan
from treatment_plans.panels import plan_panels
from treatment_plans.services import plan_versions as services
from treatment_plans.services.gate import Gate, gate_status, intervention_status
from treatment_plans.services.plan_parts import templates_for
from treatment_plans.services.plan_signing import (
    plan_sign_missing,
    plan_signatures_needed,
    plan_suggestions,
    plan_waiting_for,
)
from treatment_plans.services.plan_text import (
    dimension_text,
    finding_text,
    interventions_by_problem,
    plan_diff,
)
from treatment_plans.services.plan_versions import CONFLICT, LOCKED, PlanEditConflict
from treatment_plans.wording import measure_text

EDIT = permissions.EDIT_PLANS
READ = permissions.VIEW_CLINICAL_RECORD
# The conflict's first sentence, for actions without typed text to keep.
SAVED_MEANWHILE = CONFLICT.split(":")[0]


# ---------------------------------------------------------------- the plan page


@dataclass
class InterventionRow:
    intervention: PlanIntervention
    held: str = ""  # why a trauma-processing modality waits, from the gate


@dataclass
class ProblemRow:
    number: int
    problem: PlanProblem
    findings: list[str]
    interventions: list[InterventionRow] = field(default_factory=list)


def _rows(plan: TreatmentPlan, gate: Gate | None) -> list[ProblemRow]:
    grouped = interventions_by_problem(plan)
    rows = []
    for number, problem in enumerate(plan.problems.all(), start=1):
        for goal in problem.goals.all():
            for objective in goal.objectives.all():
                objective.measure_shown = measure_text(objective)  # type: ignore[attr-defined]
        findings = [finding_text(r, plan.program) for r in problem.instrument_results.all()]
        findings += [dimension_text(plan.program, d) for d in sorted(problem.asam_dimensions)]
        interventions = [_intervention_row(i, gate) for i in grouped.get(problem.pk, [])]
        rows.append(ProblemRow(number, problem, findings, interventions))
    return rows


def _intervention_row(intervention: PlanIntervention, gate: Gate | None) -> InterventionRow:
    if gate is None:
        return InterventionRow(intervention)
    state, why = intervention_status(intervention, gate)
    return InterventionRow(intervention, held=why if state != "Active" else "")


def _plan_context(request: AuthedRequest, plan: TreatmentPlan, **extra: Any) -> dict[str, Any]:
    """Everything the plan page shows, in a number of queries that does not grow with it."""
    client = Client.objects.with_chart_header().get(pk=plan.client_id)
    plan = services.plan_with_parts(plan)
    plan.client = client
    can_edit = plan.is_draft and permissions.can(request.user, EDIT, plan.program)
    gate = gate_status(plan.episode) if plan.status != PlanStatus.SUPERSEDED else None
    templates = list(templates_for(plan.program)) if can_edit else []
    drafts = TreatmentPlan.objects.filter(episode_id=plan.episode_id, status=PlanStatus.DRAFT)
    draft = None if plan.is_draft else drafts.first()
    return {
        "client": client,
        "plan": plan,
        "rows": _rows(plan, gate),
        "plan_wide": [
            _intervention_row(i, gate) for i in interventions_by_problem(plan).get(None, [])
        ],
        "can_edit": can_edit,
        "can_revise": permissions.can(request.user, EDIT, plan.program) and plan.episode.is_open,
        "missing": plan_sign_missing(plan),
        "suggestions": plan_suggestions(plan),
        "needed": plan_signatures_needed(plan),
        "waiting_for": plan_waiting_for(plan) if plan.is_draft else "",
        "can_cosign": plan.is_draft and can_cosign_plan(request.user, plan),
        "template_form": TemplatePickForm(templates=templates, initial={"revision": plan.revision}),
        "draft": draft,
        "panels": plan_panels(plan, request.user),
        **extra,
    }


def plan_page(request: AuthedRequest, plan: TreatmentPlan, **extra: Any) -> HttpResponse:
    """The plan page, or with htmx its body alone (``#plan-body``), with ``extra`` context
    such as ``flash`` or ``flash_error``."""
    record_view_log(request=request, client=plan.client, page="Treatment plan")
    context = _plan_context(request, plan, **extra)
    if request.htmx:
        response = render(request, "treatment_plans/plan/detail.html#plan-body", context)
        return reswap(retarget(response, "#plan-body"), "outerHTML")
    return render(request, "treatment_plans/plan/detail.html", context)


@require_POST
@capability_required(EDIT)
def plan_start(request: AuthedRequest, episode_id: UUID) -> HttpResponse:
    episode = get_episode_for(request.user, episode_id, EDIT)
    try:
        plan = services.plan_start(episode=episode, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("clients:chart", episode.client_id)
    return redirect("treatment_plans:plan_detail", plan.pk)


@require_GET
@capability_required(READ)
def plan_detail(request: AuthedRequest, plan_id: UUID) -> HttpResponse:
    return plan_page(request, get_plan_for(request.user, plan_id))


# ---------------------------------------------------------------- answers to an edit


def editable_plan(request: AuthedRequest, plan_id: UUID) -> TreatmentPlan:
    """The plan version an edit is about, among the plans the user may write (else a 404)."""
    return get_plan_for(request.user, plan_id, EDIT)


def revision_initial(plan: TreatmentPlan) -> dict[str, int]:
    """A form's initial data: the revision it was opened at, so a stale save is caught."""
    return {"revision": plan.revision}


def saved(request: AuthedRequest, plan: TreatmentPlan, message: str) -> HttpResponse:
    """An edit was saved: the refreshed plan (htmx) or a redirect to it, saying what."""
    if request.htmx:
        plan.refresh_from_db()
        return plan_page(request, plan, flash=message)
    messages.success(request, message)
    return redirect("treatment_plans:plan_detail", plan.pk)


def locked(request: AuthedRequest, plan: TreatmentPlan) -> HttpResponse:
    """The version is signed: nothing on it changes."""
    if request.htmx:
        return plan_page(request, plan, flash_error=LOCKED)
    messages.error(request, LOCKED)
    return redirect("treatment_plans:plan_detail", plan.pk)


def refused(request: AuthedRequest, plan: TreatmentPlan, message: str) -> HttpResponse:
    """An action without typed text to keep (template, removal): say why, change nothing."""
    plan.refresh_from_db()
    if request.htmx:
        return plan_page(request, plan, flash_error=message)
    messages.error(request, message)
    return redirect("treatment_plans:plan_detail", plan.pk)


class RevisionForm(forms.Form):
    """The one field a one-click change posts: the revision the page was showing."""

    revision = forms.IntegerField(min_value=1)


def revision_action(
    request: AuthedRequest,
    plan: TreatmentPlan,
    act: Callable[..., object],
    *,
    done: str,
    unchanged: str,
) -> HttpResponse:
    """A one-click change of a draft (remove a part, make a diagnosis primary).

    ``act(by=..., revision=...)`` is the service call. A signed version, a stale revision
    or a refusal by the service (the version was signed after the page was opened, say)
    answers with the reason and ``unchanged``; otherwise the plan with ``done``.
    """
    if not plan.is_draft:
        return locked(request, plan)
    form = RevisionForm(request.POST)
    if not form.is_valid():
        return refused(request, plan, "Reload the plan and try again.")
    try:
        act(by=request.user, revision=form.cleaned_data["revision"])
    except PlanEditConflict:
        return refused(request, plan, f"{SAVED_MEANWHILE}. {unchanged}")
    except ValidationError as error:
        return refused(request, plan, " ".join(error.messages))
    return saved(request, plan, done)


def part_remove(
    request: AuthedRequest, plan: TreatmentPlan, remove: Callable[..., None], what: str
) -> HttpResponse:
    """Remove one part of a draft; ``what`` names it in the message (“Goal removed.”)."""
    return revision_action(
        request, plan, remove, done=f"{what} removed.", unchanged="Nothing was removed."
    )


# ---------------------------------------------------------------- versions and changes


@require_GET
@capability_required(READ)
def plan_versions(request: AuthedRequest, plan_id: UUID) -> HttpResponse:
    plan = get_plan_for(request.user, plan_id)
    versions = TreatmentPlan.objects.filter(episode_id=plan.episode_id).select_related(
        "clinician_signed_by", "cosigned_by"
    )
    client = Client.objects.with_chart_header().get(pk=plan.client_id)
    record_view_log(request=request, client=client, page="Treatment plan versions")
    context = {"client": client, "plan": plan, "versions": versions}
    return render(request, "treatment_plans/plan/versions.html", context)


@require_GET
@capability_required(READ)
def plan_changes(request: AuthedRequest, plan_id: UUID) -> HttpResponse:
    """What changed in this version since another (by default, the one it revises)."""
    plan = get_plan_for(request.user, plan_id)
    versions = list(
        services.plans_with_parts(TreatmentPlan.objects.filter(episode_id=plan.episode_id))
    )
    wanted = uuid_or_404(request.GET["from"]) if request.GET.get("from") else plan.previous_id
    new = next(v for v in versions if v.pk == plan.pk)
    old = next((v for v in versions if v.pk == wanted and v.pk != plan.pk), None)
    if request.GET.get("from") and old is None:
        raise Http404("No such version of this plan.")
    client = Client.objects.with_chart_header().get(pk=plan.client_id)
    record_view_log(request=request, client=client, page="Treatment plan changes")
    context = {
        "client": client,
        "plan": new,
        "old": old,
        "versions": [v for v in versions if v.pk != plan.pk],
        "lines": plan_diff(old, new) if old else [],
    }
    return render(request, "treatment_plans/plan/changes.html", context)


PLAN = "<uuid:plan_id>/"
urlpatterns: list[URLPattern] = [
    path("episodes/<uuid:episode_id>/start/", plan_start, name="plan_start"),
    path(PLAN, plan_detail, name="plan_detail"),
    path(PLAN + "versions/", plan_versions, name="plan_versions"),
    path(PLAN + "changes/", plan_changes, name="plan_changes"),
]
