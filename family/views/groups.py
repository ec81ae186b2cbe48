"""The multi-family group (family education): its roster of the clients' people, and the
attendance of each session.

A staff page, never read with a family: it names every member's client ("family of ...").
Those who see the clients' people (VIEW_FAMILY) read it; EDIT_FAMILY changes the roster;
recording attendance needs CHART_SESSIONS as every session's attendance does.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from family.access import (
    get_family_group_for,
    get_family_group_member_for,
    get_family_group_session_for,
)
from family.consents import refusal, sharing, with_consents
from family.models import ClientPerson, FamilyAttendance, FamilyGroupAttendance
from family.services.groups import (
    family_group_attendance_record,
    family_group_member_add,
    family_group_member_remove,
    roster_current,
    roster_on,
    session_lists,
)
from groups.models import Group
from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_views_log
from iop.http import AuthedRequest, form_add_service_errors, posted
from iop.reports.clinical.terms import ConsentInformation
from scheduling.models import Session

VIEW = permissions.VIEW_FAMILY
EDIT = permissions.EDIT_FAMILY
CHART = permissions.CHART_SESSIONS


class MemberAddForm(forms.Form):
    link = forms.ChoiceField(label="Person to add")

    def __init__(self, *args: Any, group: Group, taken: set[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        links = with_consents(
            ClientPerson.objects.filter(client__program=group.program)
            .exclude(pk__in=taken)
            .select_related("person", "client")
            .order_by("client__legal_last_name", "person__last_name")
        )
        self.links = {str(link.pk): link for link in links}
        field: Any = self.fields["link"]
        field.choices = [("", "Choose one of a client's people")] + [
            (key, _choice_label(link)) for key, link in self.links.items()
        ]


def _choice_label(link: ClientPerson) -> str:
    label = f"{link.person.full_name}, family of {link.client.display_name}"
    if link.do_not_contact:
        return f"{label} (do not contact)"
    if refusal(link, ConsentInformation.APPOINTMENTS):
        return f"{label} (no consent to invitations)"
    return label


def _roster_rows(members: list[Any]) -> list[dict[str, Any]]:
    rows = []
    for member in members:
        link = member.client_person
        rows.append(
            {
                "member": member,
                "link": link,
                "sharing": sharing(link),
                "not_invited": refusal(link, ConsentInformation.APPOINTMENTS),
            }
        )
    return rows


def _group_page(
    request: AuthedRequest, group: Group, form: MemberAddForm | None = None, status: int = 200
) -> HttpResponse:
    members = roster_current(group)
    can_edit = permissions.can(request.user, EDIT, group.program)
    if form is None and can_edit:
        form = MemberAddForm(group=group, taken={m.client_person_id for m in members})
    upcoming, past = session_lists(group)
    zone = group.program.zone
    for session in upcoming + past:
        session.local_start = session.starts_at.astimezone(zone)  # type: ignore[attr-defined]
        session.local_end = session.ends_at.astimezone(zone)  # type: ignore[attr-defined]
    clients = {m.client_person.client_id: m.client_person.client for m in members}
    record_views_log(request=request, clients=clients.values(), page="Multi-family group")
    context = {
        "group": group,
        "rows": _roster_rows(members),
        "families": len(clients),
        "form": form if can_edit else None,
        "can_edit": can_edit,
        "can_chart": permissions.can(request.user, CHART, group.program),
        "upcoming": upcoming,
        "past": past,
    }
    return render(request, "family/group.html", context, status=status)


@require_GET
@capability_required(VIEW)
def family_group_detail(request: AuthedRequest, family_group_id: UUID) -> HttpResponse:
    return _group_page(request, get_family_group_for(request.user, family_group_id, VIEW))


@require_POST
@capability_required(EDIT)
def family_group_add(request: AuthedRequest, family_group_id: UUID) -> HttpResponse:
    group = get_family_group_for(request.user, family_group_id, EDIT)
    members = roster_current(group)
    form = MemberAddForm(posted(request), group=group, taken={m.client_person_id for m in members})
    if form.is_valid():
        link = form.links[form.cleaned_data["link"]]
        try:
            family_group_member_add(group=group, link=link, actor=request.user)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request, f"{link.person.full_name} (family of {link.client.display_name}) added."
            )
            return redirect("family:group", group.pk)
    return _group_page(request, group, form=form, status=400)


@require_POST
@capability_required(EDIT)
def family_group_remove(
    request: AuthedRequest, family_group_id: UUID, member_id: UUID
) -> HttpResponse:
    group = get_family_group_for(request.user, family_group_id, EDIT)
    member = get_family_group_member_for(request.user, group, member_id, EDIT)
    try:
        family_group_member_remove(member=member, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        link = member.client_person
        messages.success(
            request,
            f"{link.person.full_name} (family of {link.client.display_name}) left the group today; "
            "their attendance stays on record.",
        )
    return redirect("family:group", group.pk)


def _attendance_rows(session: Session, marks: dict[str, str]) -> list[dict[str, Any]]:
    members = roster_on(session)
    recorded = {
        str(a.client_person_id): a.attendance
        for a in FamilyGroupAttendance.objects.filter(session=session)
    }
    return [
        {
            "link": m.client_person,
            "key": str(m.client_person_id),
            "value": marks.get(str(m.client_person_id), recorded.get(str(m.client_person_id), "")),
            "left": m.left_on is not None and m.left_on <= session.occurs_on,
        }
        for m in members
    ]


@require_http_methods(["GET", "POST"])
@capability_required(VIEW)
def family_group_attendance(request: AuthedRequest, family_session_id: UUID) -> HttpResponse:
    session = get_family_group_session_for(request.user, family_session_id, VIEW)
    can_chart = permissions.can(request.user, CHART, session.program)
    marks: dict[str, str] = {}
    error = ""
    if request.method == "POST":
        if not can_chart:
            raise PermissionDenied("You cannot record attendance.")
        prefix = "mark-"
        marks = {
            k[len(prefix) :]: str(request.POST.get(k, ""))
            for k in request.POST
            if k.startswith(prefix)
        }
        try:
            family_group_attendance_record(session=session, marks=marks, actor=request.user)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, "Attendance saved.")
            return redirect("family:group_attendance", session.pk)
    rows = _attendance_rows(session, marks)
    record_views_log(
        request=request,
        clients={r["link"].client_id: r["link"].client for r in rows}.values(),
        page="Multi-family group attendance",
    )
    context = {
        "session": session,
        "group": session.group,
        "local_start": session.starts_at.astimezone(session.program.zone),
        "local_end": session.ends_at.astimezone(session.program.zone),
        "rows": rows,
        "choices": FamilyAttendance.choices,
        "can_record": can_chart
        and not session.is_cancelled
        and session.starts_at <= session.program.now(),
        "started": session.starts_at <= session.program.now(),
        "error": error,
    }
    return render(request, "family/group_attendance.html", context, status=400 if error else 200)


urlpatterns: list[URLPattern] = [
    path("family-groups/<uuid:family_group_id>/", family_group_detail, name="group"),
    path("family-groups/<uuid:family_group_id>/add", family_group_add, name="group_add"),
    path(
        "family-groups/<uuid:family_group_id>/members/<uuid:member_id>/remove",
        family_group_remove,
        name="group_remove",
    ),
    path(
        "family-groups/sessions/<uuid:family_session_id>/attendance",
        family_group_attendance,
        name="group_attendance",
    ),
]
