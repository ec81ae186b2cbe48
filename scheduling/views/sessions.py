"""One session: its details, who is expected, the attendance form, moving and cancelling.

Everyone who sees the schedule sees the page; the attendance form shows to those who chart
(CHART_SESSIONS) once the session has started; moving and cancelling are for directors
(MANAGE_SCHEDULE) and the session's lead staff.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_GET, require_http_methods

from intake.services.alerts import safety_attach
from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_views_log
from iop.clients.models import Episode
from iop.http import AuthedRequest, form_add_service_errors, posted
from scheduling.access import can_change_session, get_session_for
from scheduling.attendee_extras import attendee_extras
from scheduling.medication_visit import medication_visit_context
from scheduling.models import Session, SessionAttendee, SessionKind, SessionStaff
from scheduling.services.calendar import session_cancel, session_move
from scheduling.session_links import session_links
from scheduling.views.forms import (
    AttendanceForm,
    SessionCancelForm,
    SessionMoveForm,
    WalkInForm,
)

VIEW = permissions.VIEW_SCHEDULE


def notes_url(session: Session) -> str:
    """The charting page of the session (scheduling/views/group_notes.py)."""
    return reverse("scheduling:session_notes", args=[session.pk])


def session_attendees(session: Session) -> list[SessionAttendee]:
    """Everyone on the session, each client with their open safety alerts and flags."""
    attendees = list(
        SessionAttendee.objects.filter(session=session)
        .select_related("client", "episode", "recorded_by")
        .order_by("status", "client__legal_last_name", "client__legal_first_name")
    )
    safety_attach(a.client for a in attendees)
    return attendees


def walk_in_episodes(session: Session, expected: list[SessionAttendee]) -> QuerySet[Episode]:
    """Clients in care in the program and not on the session: who can be added on the day."""
    return (
        Episode.objects.open()
        .filter(program_id=session.program_id)
        .exclude(client_id__in=[a.client_id for a in expected])
        .select_related("client")
        .order_by("client__legal_last_name", "client__legal_first_name")
    )


def session_context(
    request: AuthedRequest,
    session: Session,
    form: AttendanceForm | None = None,
    walk_in_form: WalkInForm | None = None,
    filled: bool = False,
) -> dict[str, Any]:
    """Everything the session page shows, in a number of queries that does not grow."""
    zone = session.program.zone
    attendees = session_attendees(session)
    expected = [a for a in attendees if a.status == "expected"]
    started = session.program.now() >= session.starts_at
    can_chart = permissions.can(request.user, permissions.CHART_SESSIONS, session.program)
    open_for_attendance = can_chart and started and not session.is_cancelled
    if form is None and open_for_attendance:
        form = AttendanceForm(attendees=expected, length=session.duration_minutes)
    if walk_in_form is None and open_for_attendance and session.kind == SessionKind.GROUP:
        walk_in_form = WalkInForm(episodes=walk_in_episodes(session, expected))
    staff = SessionStaff.objects.filter(session=session).select_related("user")
    links = session_links(request.user, session)
    return {
        "session": session,
        "program": session.program,
        "local_start": session.starts_at.astimezone(zone),
        "local_end": session.ends_at.astimezone(zone),
        "staff_links": list(staff),
        "expected": expected,
        "removed": [a for a in attendees if a.status != "expected"],
        "recorded": sum(1 for a in expected if a.attendance),
        "started": started,
        "can_chart": can_chart,
        "can_change": can_change_session(request.user, session),
        "form": form,
        "notes_url": notes_url(session) if can_chart else "",
        "filled": filled,
        "walk_in_form": walk_in_form,
        "attendee_extras": attendee_extras(request.user, session, expected),
        "session_links": links,
        "attendance_elsewhere": any(link.replaces_attendance for link in links),
        **medication_visit_context(request.user, session, expected),
    }


def render_session(
    request: AuthedRequest,
    session: Session,
    form: AttendanceForm | None = None,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    context = session_context(request, session, form, **extra)
    record_views_log(
        request=request, clients=[a.client for a in context["expected"]], page="Session roster"
    )
    return render(request, "scheduling/session.html", context, status=status)


@require_GET
@capability_required(VIEW)
def session_detail(request: AuthedRequest, session_id: UUID) -> HttpResponse:
    return render_session(request, get_session_for(request.user, session_id, VIEW))


def _changeable(request: AuthedRequest, session_id: UUID) -> Session:
    session = get_session_for(request.user, session_id, VIEW)
    if not can_change_session(request.user, session):
        raise PermissionDenied
    return session


@require_http_methods(["GET", "POST"])
@capability_required(VIEW)
def session_move_view(request: AuthedRequest, session_id: UUID) -> HttpResponse:
    session = _changeable(request, session_id)
    zone = session.program.zone
    start, end = session.starts_at.astimezone(zone), session.ends_at.astimezone(zone)
    initial = {"day": start.date(), "starts_at": start.time(), "ends_at": end.time()}
    form = SessionMoveForm(posted(request), program=session.program, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session_move(
                session=session,
                starts_at=session.program.at(data["day"], data["starts_at"]),
                ends_at=session.program.at(data["day"], data["ends_at"]),
                room=data["room"] or session.room,
                actor=request.user,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Session moved; the expected clients move with it.")
            return redirect("scheduling:session", session.pk)
    status = 400 if form.errors else 200
    context = {"session": session, "form": form, "local_start": start, "local_end": end}
    return render(request, "scheduling/session_move.html", context, status=status)


@require_http_methods(["GET", "POST"])
@capability_required(VIEW)
def session_cancel_view(request: AuthedRequest, session_id: UUID) -> HttpResponse:
    session = _changeable(request, session_id)
    form = SessionCancelForm(posted(request))
    if session.is_cancelled:
        messages.info(request, "This session is already cancelled.")
        return redirect("scheduling:session", session.pk)
    if request.method == "POST" and form.is_valid():
        try:
            session_cancel(session=session, reason=form.cleaned_data["reason"], actor=request.user)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request, "Session cancelled. It stays on the schedule, struck through."
            )
            return redirect("scheduling:session", session.pk)
    zone = session.program.zone
    context = {
        "session": session,
        "form": form,
        "local_start": session.starts_at.astimezone(zone),
        "local_end": session.ends_at.astimezone(zone),
    }
    return render(
        request, "scheduling/session_cancel.html", context, status=400 if form.errors else 200
    )


urlpatterns: list[URLPattern] = [
    path("sessions/<uuid:session_id>/", session_detail, name="session"),
    path("sessions/<uuid:session_id>/move/", session_move_view, name="session_move"),
    path("sessions/<uuid:session_id>/cancel/", session_cancel_view, name="session_cancel"),
]
