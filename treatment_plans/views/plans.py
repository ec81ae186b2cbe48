"""The plan page and its parts: start or revise a plan, write it with the client, sign it,
read its versions and what changed between them.

Clinicians and directors of the client's program write drafts; prescribers read. The page
is one view; each part is added and edited by a small view that renders its form alone
for htmx (``#part-form``) or as a page without JavaScript, and answers a saved edit with
the refreshed plan (``#plan-body``) so every form on the page carries the new revision.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import client_ip, record_view_log, record_views_log
from iop.clients.access import get_episode_for
from iop.clients.models import Client
from iop.http import AuthedRequest, form_add_service_errors, posted, uuid_or_404
from iop.signatures.models import SignerRole, content_hash
from treatment_plans import icd10, wording
from treatment_plans.access import can_cosign_plan, get_plan_for
from treatment_plans.forms.plans import (
    ClientSignForm,
    DiagnosisForm,
    DiagnosisSearchForm,
    GoalForm,
    InterventionForm,
    ObjectiveForm,
    PlanDetailsForm,
    ProblemForm,
    SignForm,
    TemplatePickForm,
)
from treatment_plans.models import (
    DiagnosisRank,
    PlanDiagnosis,
    PlanGoal,
    PlanIntervention,
    PlanObjective,
    PlanProblem,
    PlanStatus,
    TreatmentPlan,
)
from treatment_plans.panels import plan_panels
from treatment_plans.services import diagnoses as dx_services
from treatment_plans.services import plan_parts as parts_services
from treatment_plans.services import plan_signing as signing_services
from treatment_plans.services import plan_text as text_services
from treatment_plans.services import plan_versions as version_services
from treatment_plans.services.gate import Gate, gate_status, intervention_status
from treatment_plans.services.plan_versions import PlanEditConflict

EDIT = permissions.EDIT_PLANS
READ = permissions.VIEW_CLINICAL_RECORD


# ---------------------------------------------------------------- fetching, scoped by program


def _problem(plan: TreatmentPlan, problem_id: UUID) -> PlanProblem:
    problem = get_object_or_404(PlanProblem, plan=plan, pk=problem_id)
    problem.plan = plan
    return problem


def _goal(plan: TreatmentPlan, goal_id: UUID) -> PlanGoal:
    goal = get_object_or_404(
        PlanGoal.objects.select_related("problem"), problem__plan=plan, pk=goal_id
    )
    goal.problem.plan = plan
    return goal


def _objective(plan: TreatmentPlan, objective_id: UUID) -> PlanObjective:
    objective = get_object_or_404(
        PlanObjective.objects.select_related("goal__problem"),
        goal__problem__plan=plan,
        pk=objective_id,
    )
    objective.goal.problem.plan = plan
    return objective


def _diagnosis(plan: TreatmentPlan, diagnosis_id: UUID) -> PlanDiagnosis:
    diagnosis = get_object_or_404(PlanDiagnosis, plan=plan, pk=diagnosis_id)
    diagnosis.plan = plan
    return diagnosis


def _intervention(plan: TreatmentPlan, intervention_id: UUID) -> PlanIntervention:
    intervention = get_object_or_404(PlanIntervention, plan=plan, pk=intervention_id)
    intervention.plan = plan
    return intervention


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
    grouped = text_services.interventions_by_problem(plan)
    rows = []
    for number, problem in enumerate(plan.problems.all(), start=1):
        for goal in problem.goals.all():
            for objective in goal.objectives.all():
                objective.measure_shown = wording.measure_text(objective)  # type: ignore[attr-defined]
        findings = [
            text_services.finding_text(r, plan.program) for r in problem.instrument_results.all()
        ]
        findings += [
            text_services.dimension_text(plan.program, d) for d in sorted(problem.asam_dimensions)
        ]
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
    plan = version_services.plan_with_parts(plan)
    plan.client = client
    can_edit = plan.is_draft and permissions.can(request.user, EDIT, plan.program)
    gate = gate_status(plan.episode) if plan.status != PlanStatus.SUPERSEDED else None
    templates = list(parts_services.templates_for(plan.program)) if can_edit else []
    drafts = TreatmentPlan.objects.filter(episode_id=plan.episode_id, status=PlanStatus.DRAFT)
    draft = None if plan.is_draft else drafts.first()
    return {
        "client": client,
        "plan": plan,
        "rows": _rows(plan, gate),
        "plan_wide": [
            _intervention_row(i, gate)
            for i in text_services.interventions_by_problem(plan).get(None, [])
        ],
        "can_edit": can_edit,
        "can_revise": permissions.can(request.user, EDIT, plan.program) and plan.episode.is_open,
        "missing": signing_services.plan_sign_missing(plan),
        "suggestions": signing_services.plan_suggestions(plan),
        "needed": signing_services.plan_signatures_needed(plan),
        "waiting_for": signing_services.plan_waiting_for(plan) if plan.is_draft else "",
        "can_cosign": plan.is_draft and can_cosign_plan(request.user, plan),
        "template_form": TemplatePickForm(templates=templates, initial={"revision": plan.revision}),
        "draft": draft,
        "panels": plan_panels(plan, request.user),
        **extra,
    }


def _plan_page(request: AuthedRequest, plan: TreatmentPlan, **extra: Any) -> HttpResponse:
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
        plan = version_services.plan_start(episode=episode, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("clients:chart", episode.client_id)
    return redirect("treatment_plans:plan_detail", plan.pk)


@require_GET
@capability_required(READ)
def plan_detail(request: AuthedRequest, plan_id: UUID) -> HttpResponse:
    return _plan_page(request, get_plan_for(request.user, plan_id))


# ---------------------------------------------------------------- writing the parts


@dataclass
class PartEdit:
    """One add or edit form for a part of the plan, and the service that saves it."""

    title: str
    submit: str
    form: forms.Form
    save: Callable[..., object]
    saved: str
    current: list[tuple[str, str]] = field(default_factory=list)  # what is saved, to merge
    suggestion: str = ""  # a template's wording, offered beside the client's words


def _keep_for_merge(form: forms.Form, conflict: PlanEditConflict) -> None:
    """Keep every word typed; the next save starts from the revision just saved by the other."""
    assert isinstance(form.data, QueryDict)
    data = form.data.copy()
    data[form.add_prefix("revision")] = str(conflict.current_revision)
    form.data = data
    form.add_error(None, version_services.CONFLICT)


def _part_view(request: AuthedRequest, plan: TreatmentPlan, edit: PartEdit) -> HttpResponse:
    if not plan.is_draft:
        return _locked(request, plan)
    form = edit.form
    if request.method == "POST" and form.is_valid():
        data = {
            k: v for k, v in form.cleaned_data.items() if k not in ("revision", "hold_until_ready")
        }
        try:
            edit.save(by=request.user, revision=form.cleaned_data["revision"], **data)
        except PlanEditConflict as conflict:
            _keep_for_merge(form, conflict)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return _saved(request, plan, edit.saved)
    return _part_page(request, plan, edit)


def _part_page(request: AuthedRequest, plan: TreatmentPlan, edit: PartEdit) -> HttpResponse:
    record_view_log(request=request, client=plan.client, page="Treatment plan")
    first = next(iter(edit.form.visible_fields()), None)
    if first is not None:
        first.field.widget.attrs["autofocus"] = True
    context = {"plan": plan, "edit": edit, "form": edit.form, "action": request.get_full_path()}
    if request.htmx:
        # htmx swaps only 2xx answers, so field errors come back as 200 in the fragment.
        return render(request, "treatment_plans/plan/part_form.html#part-form", context)
    context["client"] = Client.objects.with_chart_header().get(pk=plan.client_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "treatment_plans/plan/part_form.html", context, status=status)


def _saved(request: AuthedRequest, plan: TreatmentPlan, message: str) -> HttpResponse:
    if request.htmx:
        plan.refresh_from_db()
        return _plan_page(request, plan, flash=message)
    messages.success(request, message)
    return redirect("treatment_plans:plan_detail", plan.pk)


def _locked(request: AuthedRequest, plan: TreatmentPlan) -> HttpResponse:
    message = version_services.LOCKED
    if request.htmx:
        return _plan_page(request, plan, flash_error=message)
    messages.error(request, message)
    return redirect("treatment_plans:plan_detail", plan.pk)


def _editable(request: AuthedRequest, plan_id: UUID) -> TreatmentPlan:
    return get_plan_for(request.user, plan_id, EDIT)


def _revision(plan: TreatmentPlan) -> dict[str, int]:
    return {"revision": plan.revision}


def _saved_now(form: forms.ModelForm) -> list[tuple[str, str]]:
    """The part as saved now, label by label, shown beside the form for merging."""
    instance = form.instance
    if instance._state.adding:
        return []
    shown = []
    for name in form._meta.fields or []:
        model_field = instance._meta.get_field(name)
        if model_field.many_to_many or name == "asam_dimensions":
            continue
        display = getattr(instance, f"get_{name}_display", None)
        value = display() if display else getattr(instance, name)
        if value not in (None, ""):
            shown.append((str(form.fields[name].label), str(value)))
    return shown


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def plan_details_edit(request: AuthedRequest, plan_id: UUID) -> HttpResponse:
    plan = _editable(request, plan_id)
    form = PlanDetailsForm(posted(request), instance=plan, initial=_revision(plan))
    current = _saved_now(form)
    plan_copy = TreatmentPlan.objects.get(pk=plan.pk)  # the form edits `plan` in memory

    def save(**fields: Any) -> object:
        return parts_services.plan_details_edit(plan=plan_copy, **fields)

    title = "Strengths, preferences and discharge"
    edit = PartEdit(title, "Save details", form, save, "Plan details saved.", current)
    return _part_view(request, plan_copy, edit)


@require_POST
@capability_required(EDIT)
def plan_template_add(request: AuthedRequest, plan_id: UUID) -> HttpResponse:
    plan = _editable(request, plan_id)
    templates = list(parts_services.templates_for(plan.program))
    form = TemplatePickForm(request.POST, templates=templates)
    if not plan.is_draft:
        return _locked(request, plan)
    if form.is_valid():
        try:
            parts_services.plan_add_from_template(
                plan=plan,
                template=form.cleaned_data["template"],
                by=request.user,
                revision=form.cleaned_data["revision"],
            )
        except PlanEditConflict:
            return _refused(request, plan, version_services.CONFLICT)
        except ValidationError as error:
            return _refused(request, plan, " ".join(error.messages))
        title = form.cleaned_data["template"].title
        return _saved(request, plan, f"Added “{title}”. Now make the goal the client's own.")
    return _refused(request, plan, "Choose a template from the library first.")


def _refused(request: AuthedRequest, plan: TreatmentPlan, message: str) -> HttpResponse:
    """An action without typed text to keep (template, removal): say why, change nothing."""
    plan.refresh_from_db()
    if request.htmx:
        return _plan_page(request, plan, flash_error=message)
    messages.error(request, message)
    return redirect("treatment_plans:plan_detail", plan.pk)


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def problem_add(request: AuthedRequest, plan_id: UUID) -> HttpResponse:
    plan = _editable(request, plan_id)
    ratings = parts_services.intake_asam_ratings(plan)
    form = ProblemForm(posted(request), plan=plan, ratings=ratings, initial=_revision(plan))

    def save(**fields: Any) -> object:
        return parts_services.problem_add(plan=plan, **fields)

    edit = PartEdit("Add a problem", "Add problem", form, save, "Problem added.")
    return _part_view(request, plan, edit)


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def problem_edit(request: AuthedRequest, plan_id: UUID, problem_id: UUID) -> HttpResponse:
    plan = _editable(request, plan_id)
    problem = _problem(plan, problem_id)
    ratings = parts_services.intake_asam_ratings(plan)
    initial = {
        **_revision(plan),
        "instrument_results": list(problem.instrument_results.all()),
        "asam_dimensions": problem.asam_dimensions,
    }
    form = ProblemForm(
        posted(request), plan=plan, ratings=ratings, instance=problem, initial=initial
    )
    current = _saved_now(form)

    def save(**fields: Any) -> object:
        return parts_services.problem_edit(problem=problem, **fields)

    edit = PartEdit("Edit the problem", "Save problem", form, save, "Problem saved.", current)
    return _part_view(request, plan, edit)


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def goal_add(request: AuthedRequest, plan_id: UUID, problem_id: UUID) -> HttpResponse:
    plan = _editable(request, plan_id)
    problem = _problem(plan, problem_id)
    form = GoalForm(posted(request), initial=_revision(plan))

    def save(**fields: Any) -> object:
        return parts_services.goal_add(problem=problem, **fields)

    edit = PartEdit("Add a goal", "Add goal", form, save, "Goal added.")
    return _part_view(request, plan, edit)


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def goal_edit(request: AuthedRequest, plan_id: UUID, goal_id: UUID) -> HttpResponse:
    plan = _editable(request, plan_id)
    goal = _goal(plan, goal_id)
    form = GoalForm(posted(request), instance=goal, initial=_revision(plan))
    current = _saved_now(form)

    def save(**fields: Any) -> object:
        return parts_services.goal_edit(goal=goal, **fields)

    edit = PartEdit(
        "Edit the goal", "Save goal", form, save, "Goal saved.", current, goal.suggested_words
    )
    if request.method == "POST" and "use_suggestion" in request.POST:
        return _part_page(request, plan, _with_suggestion(edit, goal))
    return _part_view(request, plan, edit)


def _with_suggestion(edit: PartEdit, goal: PlanGoal) -> PartEdit:
    """The clinician asked to start from the suggested wording: fill the field, save nothing."""
    assert isinstance(edit.form.data, QueryDict)
    data = edit.form.data.copy()
    data[edit.form.add_prefix("client_words")] = goal.suggested_words
    edit.form = GoalForm(data, instance=goal)
    edit.form.fields["client_words"].help_text = (
        "Copied from the suggestion: change it to what the client says. The plan cannot be "
        "signed while the goal reads as the template's wording."
    )
    return edit


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def objective_add(request: AuthedRequest, plan_id: UUID, goal_id: UUID) -> HttpResponse:
    plan = _editable(request, plan_id)
    goal = _goal(plan, goal_id)
    form = ObjectiveForm(posted(request), initial=_revision(plan), today=plan.program.today())

    def save(**fields: Any) -> object:
        return parts_services.objective_add(goal=goal, **fields)

    edit = PartEdit("Add an objective", "Add objective", form, save, "Objective added.")
    return _part_view(request, plan, edit)


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def objective_edit(request: AuthedRequest, plan_id: UUID, objective_id: UUID) -> HttpResponse:
    plan = _editable(request, plan_id)
    objective = _objective(plan, objective_id)
    form = ObjectiveForm(
        posted(request), instance=objective, initial=_revision(plan), today=plan.program.today()
    )
    current = _saved_now(form)

    def save(**fields: Any) -> object:
        return parts_services.objective_edit(objective=objective, **fields)

    edit = PartEdit("Edit the objective", "Save objective", form, save, "Objective saved.", current)
    return _part_view(request, plan, edit)


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def intervention_add(request: AuthedRequest, plan_id: UUID, problem_id: UUID) -> HttpResponse:
    plan = _editable(request, plan_id)
    problem = _problem(plan, problem_id)
    initial = {**_revision(plan), "responsible": request.user.pk}
    form = InterventionForm(posted(request), plan=plan, initial=initial)

    def save(**fields: Any) -> object:
        return parts_services.intervention_add(problem=problem, **fields)

    edit = PartEdit("Add an intervention", "Add intervention", form, save, "Intervention added.")
    return _part_view(request, plan, edit)


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def intervention_edit(request: AuthedRequest, plan_id: UUID, intervention_id: UUID) -> HttpResponse:
    plan = _editable(request, plan_id)
    intervention = _intervention(plan, intervention_id)
    form = InterventionForm(
        posted(request), plan=plan, instance=intervention, initial=_revision(plan)
    )
    current = _saved_now(form)

    def save(**fields: Any) -> object:
        return parts_services.intervention_edit(intervention=intervention, **fields)

    title = "Edit the intervention"
    edit = PartEdit(title, "Save intervention", form, save, "Intervention saved.", current)
    return _part_view(request, plan, edit)


class RemoveForm(forms.Form):
    revision = forms.IntegerField(min_value=1)


def _remove(
    request: AuthedRequest, plan: TreatmentPlan, remove: Callable[..., None], what: str
) -> HttpResponse:
    if not plan.is_draft:
        return _locked(request, plan)
    form = RemoveForm(request.POST)
    if not form.is_valid():
        return _refused(request, plan, "Reload the plan and try again.")
    try:
        remove(by=request.user, revision=form.cleaned_data["revision"])
    except PlanEditConflict:
        return _refused(
            request, plan, version_services.CONFLICT.split(":")[0] + ". Nothing was removed."
        )
    except ValidationError as error:
        return _refused(request, plan, " ".join(error.messages))
    return _saved(request, plan, f"{what} removed.")


@require_POST
@capability_required(EDIT)
def problem_remove(request: AuthedRequest, plan_id: UUID, problem_id: UUID) -> HttpResponse:
    plan = _editable(request, plan_id)
    problem = _problem(plan, problem_id)
    return _remove(
        request,
        plan,
        lambda **kw: parts_services.problem_remove(problem=problem, **kw),
        "Problem, with its goals, objectives and interventions,",
    )


@require_POST
@capability_required(EDIT)
def goal_remove(request: AuthedRequest, plan_id: UUID, goal_id: UUID) -> HttpResponse:
    plan = _editable(request, plan_id)
    goal = _goal(plan, goal_id)
    return _remove(
        request,
        plan,
        lambda **kw: parts_services.goal_remove(goal=goal, **kw),
        "Goal, with its objectives,",
    )


@require_POST
@capability_required(EDIT)
def objective_remove(request: AuthedRequest, plan_id: UUID, objective_id: UUID) -> HttpResponse:
    plan = _editable(request, plan_id)
    objective = _objective(plan, objective_id)
    return _remove(
        request,
        plan,
        lambda **kw: parts_services.objective_remove(objective=objective, **kw),
        "Objective",
    )


@require_POST
@capability_required(EDIT)
def intervention_remove(
    request: AuthedRequest, plan_id: UUID, intervention_id: UUID
) -> HttpResponse:
    plan = _editable(request, plan_id)
    intervention = _intervention(plan, intervention_id)
    return _remove(
        request,
        plan,
        lambda **kw: parts_services.intervention_remove(intervention=intervention, **kw),
        "Intervention",
    )


# ---------------------------------------------------------------- diagnoses


def _diagnosis_page(
    request: AuthedRequest, plan: TreatmentPlan, form: DiagnosisForm | None, query: str
) -> HttpResponse:
    record_view_log(request=request, client=plan.client, page="Treatment plan")
    has_primary = plan.diagnoses.filter(rank=DiagnosisRank.PRIMARY).exists()
    if form is None:
        rank = DiagnosisRank.SECONDARY if has_primary else DiagnosisRank.PRIMARY
        form = DiagnosisForm(initial={**_revision(plan), "rank": rank})
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
    plan = _editable(request, plan_id)
    if not plan.is_draft:
        return _locked(request, plan)
    query = (request.POST if request.method == "POST" else request.GET).get("q", "")[:80]
    if request.method != "POST":
        return _diagnosis_page(request, plan, None, query.strip())
    form = DiagnosisForm(request.POST)
    if form.is_valid():
        try:
            added = dx_services.diagnosis_add(plan=plan, by=request.user, **form.cleaned_data)
        except PlanEditConflict:
            form.add_error(None, version_services.CONFLICT.split(":")[0] + ". Nothing was added.")
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return _saved(request, plan, _added_message(added))
    return _diagnosis_page(request, plan, form, query.strip())


def _added_message(added: dx_services.DiagnosisAdded) -> str:
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
    plan = _editable(request, plan_id)
    diagnosis = _diagnosis(plan, diagnosis_id)
    if not plan.is_draft:
        return _locked(request, plan)
    form = RemoveForm(request.POST)
    if not form.is_valid():
        return _refused(request, plan, "Reload the plan and try again.")
    try:
        dx_services.diagnosis_make_primary(
            diagnosis=diagnosis, by=request.user, revision=form.cleaned_data["revision"]
        )
    except PlanEditConflict:
        return _refused(
            request, plan, version_services.CONFLICT.split(":")[0] + ". Nothing changed."
        )
    return _saved(request, plan, f"{diagnosis.code} is now the primary diagnosis.")


@require_POST
@capability_required(EDIT)
def diagnosis_remove(request: AuthedRequest, plan_id: UUID, diagnosis_id: UUID) -> HttpResponse:
    plan = _editable(request, plan_id)
    diagnosis = _diagnosis(plan, diagnosis_id)
    return _remove(
        request,
        plan,
        lambda **kw: dx_services.diagnosis_remove(diagnosis=diagnosis, **kw),
        f"Diagnosis {diagnosis.code}",
    )


# ---------------------------------------------------------------- signing


# Plain strings: the template looks the forms up by name.
SIGN_FORMS: dict[str, type[SignForm]] = {
    str(SignerRole.CLINICIAN): SignForm,
    str(SignerRole.CLIENT): ClientSignForm,
    str(SignerRole.COSIGNER): SignForm,
}
SIGNED_MESSAGES: dict[str, str] = {
    SignerRole.CLINICIAN: "Signed by you as the clinician.",
    SignerRole.CLIENT: "Signed by the client.",
    SignerRole.COSIGNER: "Co-signed.",
}


def _sign_forms(request: AuthedRequest, shown: str) -> dict[str, SignForm]:
    role = request.POST.get("role") if request.method == "POST" else None
    return {
        name: form_class(
            request.POST if role == name else None,
            prefix=name,
            initial={"text_sha256": shown},
        )
        for name, form_class in SIGN_FORMS.items()
    }


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def plan_sign(request: AuthedRequest, plan_id: UUID) -> HttpResponse:
    plan = version_services.plan_with_parts(_editable(request, plan_id))
    if not plan.is_draft:
        messages.info(request, "This version is already signed and in effect.")
        return redirect("treatment_plans:plan_detail", plan.pk)
    text = text_services.plan_text(plan)
    sign_forms = _sign_forms(request, content_hash(text))
    role = request.POST.get("role", "")
    form = sign_forms.get(role)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            plan = signing_services.plan_sign(
                plan=plan,
                role=role,
                by=request.user,
                shown_sha256=form.cleaned_data["text_sha256"],
                typed_name=form.cleaned_data.get("typed_name", ""),
                ip_address=client_ip(request),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return _after_signing(request, plan, role)
    return _sign_page(
        request, plan, text, sign_forms, status=400 if request.method == "POST" else 200
    )


def _after_signing(request: AuthedRequest, plan: TreatmentPlan, role: str) -> HttpResponse:
    if plan.status == PlanStatus.ACTIVE:
        due = plan.review_due_on
        when = f" Next review due {due:%B} {due.day}." if due else ""
        active = f" Version {plan.version} is now the active treatment plan.{when}"
        messages.success(request, SIGNED_MESSAGES[role] + active)
        return redirect("treatment_plans:plan_detail", plan.pk)
    waiting = signing_services.plan_waiting_for(plan)
    messages.success(request, f"{SIGNED_MESSAGES[role]} {waiting}".strip())
    return redirect("treatment_plans:plan_sign", plan.pk)


def _sign_page(
    request: AuthedRequest,
    plan: TreatmentPlan,
    text: str,
    sign_forms: dict[str, SignForm],
    status: int = 200,
) -> HttpResponse:
    client = Client.objects.with_chart_header().get(pk=plan.client_id)
    record_view_log(request=request, client=client, page="Treatment plan signing")
    context = {
        "client": client,
        "plan": plan,
        "text": text,
        "forms": sign_forms,
        "missing": signing_services.plan_sign_missing(plan),
        "needed": signing_services.plan_signatures_needed(plan),
        "can_cosign": can_cosign_plan(request.user, plan),
        "with_client": True,  # read aloud with the client: no safety flags in the header
    }
    return render(request, "treatment_plans/plan/sign.html", context, status=status)


@require_GET
@capability_required(permissions.COSIGN_PLAN)
def plans_to_cosign(request: AuthedRequest) -> HttpResponse:
    """Directors: plans signed by clinician and client, waiting for their co-signature."""
    plans = list(signing_services.plans_awaiting_cosign(user=request.user))
    record_views_log(request=request, clients=[p.client for p in plans], page="Plans to co-sign")
    return render(request, "treatment_plans/plan/to_cosign.html", {"plans": plans})


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
        version_services.plans_with_parts(TreatmentPlan.objects.filter(episode_id=plan.episode_id))
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
        "lines": text_services.plan_diff(old, new) if old else [],
    }
    return render(request, "treatment_plans/plan/changes.html", context)


PLAN = "<uuid:plan_id>/"
urlpatterns: list[URLPattern] = [
    path("episodes/<uuid:episode_id>/start/", plan_start, name="plan_start"),
    path("cosign/", plans_to_cosign, name="plans_to_cosign"),
    path(PLAN, plan_detail, name="plan_detail"),
    path(PLAN + "details/", plan_details_edit, name="plan_details_edit"),
    path(PLAN + "library/", plan_template_add, name="plan_template_add"),
    path(PLAN + "problems/new/", problem_add, name="problem_add"),
    path(PLAN + "problems/<uuid:problem_id>/", problem_edit, name="problem_edit"),
    path(PLAN + "problems/<uuid:problem_id>/remove/", problem_remove, name="problem_remove"),
    path(PLAN + "problems/<uuid:problem_id>/goals/new/", goal_add, name="goal_add"),
    path(
        PLAN + "problems/<uuid:problem_id>/interventions/new/",
        intervention_add,
        name="intervention_add",
    ),
    path(PLAN + "goals/<uuid:goal_id>/", goal_edit, name="goal_edit"),
    path(PLAN + "goals/<uuid:goal_id>/remove/", goal_remove, name="goal_remove"),
    path(PLAN + "goals/<uuid:goal_id>/objectives/new/", objective_add, name="objective_add"),
    path(PLAN + "objectives/<uuid:objective_id>/", objective_edit, name="objective_edit"),
    path(
        PLAN + "objectives/<uuid:objective_id>/remove/",
        objective_remove,
        name="objective_remove",
    ),
    path(
        PLAN + "interventions/<uuid:intervention_id>/",
        intervention_edit,
        name="intervention_edit",
    ),
    path(
        PLAN + "interventions/<uuid:intervention_id>/remove/",
        intervention_remove,
        name="intervention_remove",
    ),
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
    path(PLAN + "sign/", plan_sign, name="plan_sign"),
    path(PLAN + "versions/", plan_versions, name="plan_versions"),
    path(PLAN + "changes/", plan_changes, name="plan_changes"),
]
