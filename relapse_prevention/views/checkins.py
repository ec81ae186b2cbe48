"""Check-in pages: a client's check-ins (record one by phone, read the history, mark one
entered in error), and the inline check-in of the session page. Scoped to the user's
programs (404 elsewhere); every page that names the client logs a record view."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log
from iop.clients.access import get_client_for
from iop.clients.models import Client, Episode
from iop.http import AuthedRequest, form_add_service_errors, posted
from relapse_prevention.access import get_checkin_for
from relapse_prevention.baselines import episode_baseline
from relapse_prevention.checkin_attendance import (
    attendee_row,
    form_prefix,
    session_open_for_checkins,
)
from relapse_prevention.checkin_forms import CheckInForm, ErrorMarkForm
from relapse_prevention.checkin_trend import figure
from relapse_prevention.models import CheckIn
from relapse_prevention.services.checkins import checkin_mark_entered_in_error, checkin_record
from scheduling.access import get_attendee_for

VIEW = permissions.VIEW_CLINICAL_RECORD
CHART = permissions.CHART_SESSIONS


def open_episode(client: Client) -> Episode | None:
    return Episode.objects.open().filter(client=client).select_related("program").first()


def saved_text(checkin: CheckIn) -> str:
    used = f"used: {checkin.used_what}" if checkin.used else "no use"
    return f"Check-in saved: craving {checkin.craving}, mood {checkin.mood}, {used}."


@require_http_methods(["GET", "POST"])
@capability_required(VIEW)
def checkins(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client = get_client_for(request.user, client_id, VIEW, chart_header=True)
    episode = open_episode(client)
    can_record = episode is not None and permissions.can(request.user, CHART, client.program)
    form = CheckInForm(posted(request)) if can_record else None
    status = 200
    if request.method == "POST":
        if form is None or episode is None:
            raise Http404("Check-ins are recorded for a client in care.")
        if form.is_valid():
            try:
                checkin = checkin_record(episode=episode, by=request.user, **form.service_kwargs())
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, saved_text(checkin))
                return redirect("relapse_prevention:checkins", client.pk)
        status = 400
    record_view_log(request=request, client=client, page="Check-ins")
    history = CheckIn.objects.filter(client=client).select_related(
        "recorded_by", "entered_in_error_by"
    )
    baseline = episode_baseline(episode.pk) if episode else None
    context = {
        "client": client,
        "form": form,
        "history": list(history),
        "baseline": baseline,
        "baseline_craving": figure(baseline.craving) if baseline else "",
        "baseline_mood": figure(baseline.mood) if baseline else "",
        "can_record": can_record,
        "zone": client.program.zone,
    }
    return render(request, "relapse_prevention/checkins/page.html", context, status=status)


@require_POST
@capability_required(CHART)
def checkin_attendee(request: AuthedRequest, attendee_id: UUID) -> HttpResponse:
    attendee = get_attendee_for(request.user, attendee_id, CHART)
    if not session_open_for_checkins(attendee.session):
        raise Http404("Check-ins are taken at a session on its day or after.")
    form = CheckInForm(request.POST, prefix=form_prefix(attendee))
    checkin = None
    if form.is_valid():
        try:
            checkin = checkin_record(
                episode=attendee.episode,
                by=request.user,
                session=attendee.session,
                **form.service_kwargs(),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
    session_url = reverse("scheduling:session", args=[attendee.session_id]) + "#extra-checkins"
    record_view_log(request=request, client=attendee.client, page="Check-in at a session")
    if request.htmx:
        row = attendee_row(attendee, checkin, None if checkin else form)
        context = {"attendee": attendee, "row": row, "saved": checkin is not None}
        return render(request, "relapse_prevention/checkins/_attendee.html", context)
    if checkin is not None:
        messages.success(request, f"{attendee.client.display_name}: {saved_text(checkin)}")
    else:
        messages.error(
            request,
            f"{attendee.client.display_name}: check-in not saved. " + " ".join(_errors(form)),
        )
    return redirect(session_url)


def _errors(form: CheckInForm) -> list[str]:
    return [str(e) for errors in form.errors.values() for e in errors]


@require_http_methods(["GET", "POST"])
@capability_required(CHART)
def checkin_error(request: AuthedRequest, checkin_id: UUID) -> HttpResponse:
    checkin = get_checkin_for(request.user, checkin_id, CHART)
    client = get_client_for(request.user, checkin.client_id, CHART, chart_header=True)
    form = ErrorMarkForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            checkin_mark_entered_in_error(
                checkin=checkin, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Check-in marked as entered in error. It stays on record.")
            return redirect("relapse_prevention:checkins", client.pk)
    record_view_log(request=request, client=client, page="Mark a check-in entered in error")
    context = {"client": client, "checkin": checkin, "form": form, "zone": client.program.zone}
    return render(
        request,
        "relapse_prevention/checkins/error.html",
        context,
        status=400 if form.errors else 200,
    )


urlpatterns: list[URLPattern] = [
    path("clients/<uuid:client_id>/check-ins/", checkins, name="checkins"),
    path("attendees/<uuid:attendee_id>/check-in/", checkin_attendee, name="checkin_attendee"),
    path("check-ins/<uuid:checkin_id>/entered-in-error/", checkin_error, name="checkin_error"),
]
