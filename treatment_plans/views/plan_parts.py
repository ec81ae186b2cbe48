"""Writing the parts of a draft with the client: its details, a template from the library,
problems, goals, objectives and interventions.

Each add or edit is one small view rendering its form alone for htmx (``#part-form``) or as
a page without JavaScript. A save made stale by someone else's keeps every word typed and
shows what is saved now beside it, to merge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods, require_POST

from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log
from iop.clients.models import Client
from iop.http import AuthedRequest, form_add_service_errors, posted
from treatment_plans.access import (
    get_plan_goal_for,
    get_plan_intervention_for,
    get_plan_objective_for,
    get_plan_problem_for,
)
from treatment_plans.forms.plans import (
    GoalForm,
    InterventionForm,
    ObjectiveForm,
    PlanDetailsForm,
    ProblemForm,
    TemplatePickForm,
)
from treatment_plans.models import PlanGoal, TreatmentPlan
from treatment_plans.services import plan_parts as services
from treatment_plans.services.plan_versions import CONFLICT, PlanEditConflict
from treatment_plans.views.plans import (
    EDIT,
    PLAN,
    editable_plan,
    locked,
    part_remove,
    refused,
    revision_initial,
    saved,
)


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
    form.add_error(None, CONFLICT)


def _part_view(request: AuthedRequest, plan: TreatmentPlan, edit: PartEdit) -> HttpResponse:
    if not plan.is_draft:
        return locked(request, plan)
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
            return saved(request, plan, edit.saved)
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


# ---------------------------------------------------------------- the details and the library


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def plan_details_edit(request: AuthedRequest, plan_id: UUID) -> HttpResponse:
    plan = editable_plan(request, plan_id)
    form = PlanDetailsForm(posted(request), instance=plan, initial=revision_initial(plan))
    current = _saved_now(form)
    plan_copy = TreatmentPlan.objects.get(pk=plan.pk)  # the form edits `plan` in memory

    def save(**fields: Any) -> object:
        return services.plan_details_edit(plan=plan_copy, **fields)

    title = "Strengths, preferences and discharge"
    edit = PartEdit(title, "Save details", form, save, "Plan details saved.", current)
    return _part_view(request, plan_copy, edit)


@require_POST
@capability_required(EDIT)
def plan_template_add(request: AuthedRequest, plan_id: UUID) -> HttpResponse:
    plan = editable_plan(request, plan_id)
    templates = list(services.templates_for(plan.program))
    form = TemplatePickForm(request.POST, templates=templates)
    if not plan.is_draft:
        return locked(request, plan)
    if form.is_valid():
        try:
            services.plan_add_from_template(
                plan=plan,
                template=form.cleaned_data["template"],
                by=request.user,
                revision=form.cleaned_data["revision"],
            )
        except PlanEditConflict:
            return refused(request, plan, CONFLICT)
        except ValidationError as error:
            return refused(request, plan, " ".join(error.messages))
        title = form.cleaned_data["template"].title
        return saved(request, plan, f"Added “{title}”. Now make the goal the client's own.")
    return refused(request, plan, "Choose a template from the library first.")


# ---------------------------------------------------------------- problems and goals


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def problem_add(request: AuthedRequest, plan_id: UUID) -> HttpResponse:
    plan = editable_plan(request, plan_id)
    ratings = services.intake_asam_ratings(plan)
    form = ProblemForm(posted(request), plan=plan, ratings=ratings, initial=revision_initial(plan))

    def save(**fields: Any) -> object:
        return services.problem_add(plan=plan, **fields)

    edit = PartEdit("Add a problem", "Add problem", form, save, "Problem added.")
    return _part_view(request, plan, edit)


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def problem_edit(request: AuthedRequest, plan_id: UUID, problem_id: UUID) -> HttpResponse:
    problem = get_plan_problem_for(request.user, plan_id, problem_id, EDIT)
    plan = problem.plan
    ratings = services.intake_asam_ratings(plan)
    initial = {
        **revision_initial(plan),
        "instrument_results": list(problem.instrument_results.all()),
        "asam_dimensions": problem.asam_dimensions,
    }
    form = ProblemForm(
        posted(request), plan=plan, ratings=ratings, instance=problem, initial=initial
    )
    current = _saved_now(form)

    def save(**fields: Any) -> object:
        return services.problem_edit(problem=problem, **fields)

    edit = PartEdit("Edit the problem", "Save problem", form, save, "Problem saved.", current)
    return _part_view(request, plan, edit)


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def goal_add(request: AuthedRequest, plan_id: UUID, problem_id: UUID) -> HttpResponse:
    problem = get_plan_problem_for(request.user, plan_id, problem_id, EDIT)
    form = GoalForm(posted(request), initial=revision_initial(problem.plan))

    def save(**fields: Any) -> object:
        return services.goal_add(problem=problem, **fields)

    edit = PartEdit("Add a goal", "Add goal", form, save, "Goal added.")
    return _part_view(request, problem.plan, edit)


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def goal_edit(request: AuthedRequest, plan_id: UUID, goal_id: UUID) -> HttpResponse:
    goal = get_plan_goal_for(request.user, plan_id, goal_id, EDIT)
    plan = goal.problem.plan
    form = GoalForm(posted(request), instance=goal, initial=revision_initial(plan))
    current = _saved_now(form)

    def save(**fields: Any) -> object:
        return services.goal_edit(goal=goal, **fields)

    edit = PartEdit(
        "Edit the goal", "Save goal", form, save, "Goal saved.", current, goal.suggested_words
    )
    # A signed version offers no form to copy into: ``_part_view`` says it is locked.
    if request.method == "POST" and "use_suggestion" in request.POST and plan.is_draft:
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


# ---------------------------------------------------------------- objectives and interventions


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def objective_add(request: AuthedRequest, plan_id: UUID, goal_id: UUID) -> HttpResponse:
    goal = get_plan_goal_for(request.user, plan_id, goal_id, EDIT)
    plan = goal.problem.plan
    form = ObjectiveForm(
        posted(request), initial=revision_initial(plan), today=plan.program.today()
    )

    def save(**fields: Any) -> object:
        return services.objective_add(goal=goal, **fields)

    edit = PartEdit("Add an objective", "Add objective", form, save, "Objective added.")
    return _part_view(request, plan, edit)


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def objective_edit(request: AuthedRequest, plan_id: UUID, objective_id: UUID) -> HttpResponse:
    objective = get_plan_objective_for(request.user, plan_id, objective_id, EDIT)
    plan = objective.goal.problem.plan
    form = ObjectiveForm(
        posted(request),
        instance=objective,
        initial=revision_initial(plan),
        today=plan.program.today(),
    )
    current = _saved_now(form)

    def save(**fields: Any) -> object:
        return services.objective_edit(objective=objective, **fields)

    edit = PartEdit("Edit the objective", "Save objective", form, save, "Objective saved.", current)
    return _part_view(request, plan, edit)


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def intervention_add(request: AuthedRequest, plan_id: UUID, problem_id: UUID) -> HttpResponse:
    problem = get_plan_problem_for(request.user, plan_id, problem_id, EDIT)
    plan = problem.plan
    initial = {**revision_initial(plan), "responsible": request.user.pk}
    form = InterventionForm(posted(request), plan=plan, initial=initial)

    def save(**fields: Any) -> object:
        return services.intervention_add(problem=problem, **fields)

    edit = PartEdit("Add an intervention", "Add intervention", form, save, "Intervention added.")
    return _part_view(request, plan, edit)


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def intervention_edit(request: AuthedRequest, plan_id: UUID, intervention_id: UUID) -> HttpResponse:
    intervention = get_plan_intervention_for(request.user, plan_id, intervention_id, EDIT)
    plan = intervention.plan
    form = InterventionForm(
        posted(request), plan=plan, instance=intervention, initial=revision_initial(plan)
    )
    current = _saved_now(form)

    def save(**fields: Any) -> object:
        return services.intervention_edit(intervention=intervention, **fields)

    title = "Edit the intervention"
    edit = PartEdit(title, "Save intervention", form, save, "Intervention saved.", current)
    return _part_view(request, plan, edit)


# ---------------------------------------------------------------- removing a part


@require_POST
@capability_required(EDIT)
def problem_remove(request: AuthedRequest, plan_id: UUID, problem_id: UUID) -> HttpResponse:
    problem = get_plan_problem_for(request.user, plan_id, problem_id, EDIT)
    return part_remove(
        request,
        problem.plan,
        lambda **kw: services.problem_remove(problem=problem, **kw),
        "Problem, with its goals, objectives and interventions,",
    )


@require_POST
@capability_required(EDIT)
def goal_remove(request: AuthedRequest, plan_id: UUID, goal_id: UUID) -> HttpResponse:
    goal = get_plan_goal_for(request.user, plan_id, goal_id, EDIT)
    return part_remove(
        request,
        goal.problem.plan,
        lambda **kw: services.goal_remove(goal=goal, **kw),
        "Goal, with its objectives,",
    )


@require_POST
@capability_required(EDIT)
def objective_remove(request: AuthedRequest, plan_id: UUID, objective_id: UUID) -> HttpResponse:
    objective = get_plan_objective_for(request.user, plan_id, objective_id, EDIT)
    return part_remove(
        request,
        objective.goal.problem.plan,
        lambda **kw: services.objective_remove(objective=objective, **kw),
        "Objective",
    )


@require_POST
@capability_required(EDIT)
def intervention_remove(
    request: AuthedRequest, plan_id: UUID, intervention_id: UUID
) -> HttpResponse:
    intervention = get_plan_intervention_for(request.user, plan_id, intervention_id, EDIT)
    return part_remove(
        request,
        intervention.plan,
        lambda **kw: services.intervention_remove(intervention=intervention, **kw),
        "Intervention",
    )


urlpatterns: list[URLPattern] = [
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
]
