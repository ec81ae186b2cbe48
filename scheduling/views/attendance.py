"""Taking attendance for a whole session in one submission, checking clients in, and
adding a client who was not expected (a walk-in or make-up) with the reason.

Bad input (a missing mark, minutes beyond the session, a session not started) is answered
beside the row or at the top of the form, and nothing is saved: the service records the
whole session in one transaction.
"""

from __future__ import annotations

from collections import Counter
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.http import AuthedRequest, form_add_service_errors
from scheduling.access import get_attendee_for, get_session_for
from scheduling.models import Attendance
from scheduling.services.attendance import (
    attendance_record,
    attendee_arrive,
    attendee_walk_in_add,
)
from scheduling.views.forms import AttendanceForm, WalkInForm, attendance_filled
from scheduling.views.sessions import render_session, session_attendees, walk_in_episodes

CHART = permissions.CHART_SESSIONS


def _summary(marks: dict[object, tuple[str, int | None]]) -> str:
    counts = Counter(status for status, _ in marks.values())
    labels = dict(Attendance.choices)
    parts = [f"{n} {labels[s].lower()}" for s, n in counts.most_common()]
    return ", ".join(parts)


@require_POST
@capability_required(CHART)
def attendance_take(request: AuthedRequest, session_id: UUID) -> HttpResponse:
    session = get_session_for(request.user, session_id, CHART)
    expected = [a for a in session_attendees(session) if a.status == "expected"]
    length = session.duration_minutes
    if request.POST.get("fill") == Attendance.PRESENT:
        # "Mark all present" without JavaScript: nothing is saved, no chosen mark is lost.
        initial = attendance_filled(request.POST, expected)
        form = AttendanceForm(attendees=expected, length=length, initial=initial)
        return render_session(request, session, form=form, filled=True)
    form = AttendanceForm(request.POST, attendees=expected, length=length)
    if form.is_valid():
        marks = form.marks()
        try:
            attendance_record(session=session, marks=marks, actor=request.user)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request, f"Attendance saved for {len(marks)} clients: {_summary(marks)}."
            )
            return redirect("scheduling:session", session.pk)
    return render_session(request, session, form=form, status=400)


@require_POST
@capability_required(CHART)
def walk_in_add(request: AuthedRequest, session_id: UUID) -> HttpResponse:
    session = get_session_for(request.user, session_id, CHART)
    expected = [a for a in session_attendees(session) if a.status == "expected"]
    form = WalkInForm(request.POST, episodes=walk_in_episodes(session, expected))
    if form.is_valid():
        data = form.cleaned_data
        try:
            attendee = attendee_walk_in_add(
                session=session,
                episode=data["episode"],
                reason=data["reason"],
                note=data["note"],
                actor=request.user,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            how = attendee.get_added_reason_display().lower()
            messages.success(
                request,
                f"{attendee.client.display_name} added as a {how}: {attendee.added_note}. "
                "Record their attendance below.",
            )
            return redirect("scheduling:session", session.pk)
    return render_session(request, session, walk_in_form=form, status=400)


def _next_page(request: AuthedRequest, fallback: str) -> str:
    wanted = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
        return wanted
    return fallback


@require_POST
@capability_required(CHART)
def arrive(request: AuthedRequest, attendee_id: UUID) -> HttpResponse:
    attendee = get_attendee_for(request.user, attendee_id, CHART)
    error = ""
    try:
        attendee = attendee_arrive(attendee=attendee, actor=request.user)
    except ValidationError as refused:
        error = " ".join(refused.messages)
    if request.htmx:
        context = {
            "attendee": attendee,
            "error": error,
            "zone": attendee.session.program.zone,
            "next": request.POST.get("next", ""),
        }
        return render(request, "scheduling/_arrival.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, f"{attendee.client.display_name} checked in.")
    fallback = reverse("scheduling:session", args=[attendee.session_id])
    return redirect(_next_page(request, fallback))


urlpatterns: list[URLPattern] = [
    path("sessions/<uuid:session_id>/attendance/", attendance_take, name="attendance_take"),
    path("sessions/<uuid:session_id>/walk-in/", walk_in_add, name="walk_in_add"),
    path("attendees/<uuid:attendee_id>/arrive/", arrive, name="attendee_arrive"),
]
