"""Groups: the list, the roster page of each group, creating and editing a group with its
curriculum, and closed-group roster changes.

Everyone who sees the schedule (VIEW_SCHEDULE) reads groups and rosters; directors
(MANAGE_SCHEDULE) create and edit groups and change the roster of a closed group. Open
groups fill through track enrolment (rolling admission), so their roster has no add form.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from groups.access import facilitator_choices, get_group_for, get_roster_entry_for
from groups.forms import GroupForm, RosterAddForm, RosterRemoveForm
from groups.hooks import group_page_context, group_page_links
from groups.models import CurriculumTopic, Facilitator, FacilitatorRole, Group, RosterEntry
from groups.services import group_save, roster_add, roster_remove
from intake.services.alerts import safety_attach
from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.accounts.models import Program
from iop.audit.services import record_views_log
from iop.http import AuthedRequest, form_add_service_errors, posted

VIEW = permissions.VIEW_SCHEDULE
MANAGE = permissions.MANAGE_SCHEDULE


# ---------------------------------------------------------------- reading


@require_GET
@capability_required(VIEW)
def group_list(request: AuthedRequest) -> HttpResponse:
    program = permissions.chosen_program(request, VIEW)
    groups = (
        Group.objects.filter(program=program)
        .select_related("kind")
        .annotate(
            members=Count("roster", filter=Q(roster__status="member"), distinct=True),
            waiting=Count("roster", filter=Q(roster__status="waitlisted"), distinct=True),
        )
        .prefetch_related(
            Prefetch(
                "facilitator_links",
                queryset=Facilitator.objects.select_related("user").order_by("-role"),
            )
        )
        .order_by("-active", "name")
    )
    context = {
        "program": program,
        "groups": groups,
        "can_manage": permissions.can(request.user, MANAGE, program),
    }
    return render(request, "groups/list.html", context)


def _group_context(request: AuthedRequest, group: Group, **extra: Any) -> dict[str, Any]:
    roster = list(
        RosterEntry.objects.filter(group=group)
        .current()
        .select_related("episode__client")
        .order_by("waitlisted_at", "episode__client__legal_last_name")
    )
    can_manage = permissions.can(request.user, MANAGE, group.program)
    members = [e for e in roster if e.status == "member"]
    safety_attach(e.episode.client for e in roster)
    links = group_page_links(group, request.user)
    return {
        "group": group,
        "members": members,
        "waitlist": [e for e in roster if e.status == "waitlisted"],
        "facilitators": Facilitator.objects.filter(group=group)
        .select_related("user")
        .order_by("-role", "user__last_name"),
        "topics": CurriculumTopic.objects.filter(group=group, active=True).order_by("position"),
        # Sessions are scheduling's: it provides "upcoming" (groups/hooks.py).
        **group_page_context(group),
        # Apps above groups may link their own pages about this group (groups/hooks.py).
        "page_links": links,
        "roster_elsewhere": any(link.replaces_roster for link in links),
        "can_manage": can_manage,
        "add_form": RosterAddForm(group=group) if can_manage and not group.is_open else None,
        "room_left": max(group.capacity - len(members), 0),
        **extra,
    }


def _group_page(
    request: AuthedRequest, group: Group, status: int = 200, **extra: Any
) -> HttpResponse:
    context = _group_context(request, group, **extra)
    record_views_log(
        request=request,
        clients=[e.episode.client for e in context["members"] + context["waitlist"]],
        page="Group roster",
    )
    return render(request, "groups/detail.html", context, status=status)


@require_GET
@capability_required(VIEW)
def group_detail(request: AuthedRequest, group_id: UUID) -> HttpResponse:
    return _group_page(request, get_group_for(request.user, group_id, VIEW))


# ---------------------------------------------------------------- creating and editing


def _group_initial(group: Group) -> dict[str, Any]:
    links = {f.role: f.user for f in Facilitator.objects.filter(group=group).select_related("user")}
    titles = CurriculumTopic.objects.filter(group=group, active=True).order_by("position")
    return {
        "name": group.name,
        "kind": group.kind,
        "description": group.description,
        "capacity": group.capacity,
        "admission": group.admission,
        "active": group.active,
        "facilitator": links.get(FacilitatorRole.LEAD),
        "co_facilitator": links.get(FacilitatorRole.CO),
        "curriculum": "\n".join(t.title for t in titles),
    }


def _group_form_page(request: AuthedRequest, program: Program, group: Group | None) -> HttpResponse:
    initial = _group_initial(group) if group else {}
    form = GroupForm(
        posted(request), program=program, staff=facilitator_choices(program), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = group_save(
                program=program, data=form.cleaned_data, actor=request.user, group=group
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"Group “{saved.name}” saved.")
            return redirect("groups:detail", saved.pk)
    context = {"form": form, "group": group, "program": program}
    return render(request, "groups/form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@capability_required(MANAGE)
def group_create(request: AuthedRequest) -> HttpResponse:
    return _group_form_page(request, permissions.chosen_program(request, MANAGE), None)


@require_http_methods(["GET", "POST"])
@capability_required(MANAGE)
def group_edit(request: AuthedRequest, group_id: UUID) -> HttpResponse:
    group = get_group_for(request.user, group_id, MANAGE)
    return _group_form_page(request, group.program, group)


# ---------------------------------------------------------------- closed-group roster


@require_POST
@capability_required(MANAGE)
def roster_add_view(request: AuthedRequest, group_id: UUID) -> HttpResponse:
    group = get_group_for(request.user, group_id, MANAGE)
    if group.is_open:
        raise PermissionDenied("Open groups fill through track enrolment.")
    form = RosterAddForm(request.POST, group=group)
    if form.is_valid():
        episode = form.cleaned_data["episode"]
        try:
            entry = roster_add(group=group, episode=episode, actor=request.user)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            where = "on the waitlist" if entry.status == "waitlisted" else "a member"
            messages.success(request, f"{episode.client.display_name} is now {where}.")
            return redirect("groups:detail", group.pk)
    return _group_page(request, group, status=400, add_form=form)


@require_http_methods(["GET", "POST"])
@capability_required(MANAGE)
def roster_remove_view(request: AuthedRequest, group_id: UUID, entry_id: UUID) -> HttpResponse:
    group = get_group_for(request.user, group_id, MANAGE)
    entry = get_roster_entry_for(group, entry_id)
    form = RosterRemoveForm(posted(request), today=group.program.today())
    if request.method == "POST" and form.is_valid():
        try:
            roster_remove(entry=entry, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{entry.episode.client.display_name} has left {group.name}; "
                "their future sessions are freed, past records stay.",
            )
            return redirect("groups:detail", group.pk)
    context = {"group": group, "entry": entry, "form": form, "today": group.program.today()}
    return render(request, "groups/roster_remove.html", context, status=400 if form.errors else 200)


urlpatterns: list[URLPattern] = [
    path("", group_list, name="list"),
    path("new/", group_create, name="create"),
    path("<uuid:group_id>/", group_detail, name="detail"),
    path("<uuid:group_id>/edit/", group_edit, name="edit"),
    path("<uuid:group_id>/roster/", roster_add_view, name="roster_add"),
    path(
        "<uuid:group_id>/roster/<uuid:entry_id>/remove/", roster_remove_view, name="roster_remove"
    ),
]
