"""Lapse pages: record a lapse from the chart, the client's lapses, one lapse (with the prompt
to review the relapse prevention plan) and the entered-in-error mark. Words without
judgment throughout. Scoped to the user's programs; every page logs a record view."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_GET, require_http_methods

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log
from iop.clients.access import get_client_for
from iop.http import AuthedRequest, form_add_service_errors, posted
from relapse_prevention.access import get_lapse_for
from relapse_prevention.checkin_forms import ErrorMarkForm, LapseForm
from relapse_prevention.models import Lapse
from relapse_prevention.services.lapses import (
    PLAN_REVIEW_PROMPT,
    lapse_mark_entered_in_error,
    lapse_record,
)
from relapse_prevention.views.checkins import open_episode

VIEW = permissions.VIEW_CLINICAL_RECORD
CHART = permissions.CHART_SESSIONS


@require_http_methods(["GET", "POST"])
@capability_required(CHART)
def lapse_record_view(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client = get_client_for(request.user, client_id, CHART, chart_header=True)
    episode = open_episode(client)
    if episode is None:
        raise Http404("Lapses are recorded for a client in care.")
    form = LapseForm(
        posted(request), client=client, initial={"occurred_on": client.program.today()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            lapse = lapse_record(episode=episode, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"Lapse recorded. {PLAN_REVIEW_PROMPT}.")
            return redirect("relapse_prevention:lapse", lapse.pk)
    record_view_log(request=request, client=client, page="Record a lapse")
    context = {"client": client, "form": form, "episode": episode}
    status = 400 if form.errors else 200
    return render(request, "relapse_prevention/lapses/record.html", context, status=status)


@require_GET
@capability_required(VIEW)
def lapses(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client = get_client_for(request.user, client_id, VIEW, chart_header=True)
    rows = Lapse.objects.filter(client=client).select_related("specimen", "recorded_by")
    record_view_log(request=request, client=client, page="Lapses")
    context = {
        "client": client,
        "lapses": list(rows),
        "can_record": open_episode(client) is not None
        and permissions.can(request.user, CHART, client.program),
    }
    return render(request, "relapse_prevention/lapses/list.html", context)


@require_GET
@capability_required(VIEW)
def lapse_detail(request: AuthedRequest, lapse_id: UUID) -> HttpResponse:
    lapse = get_lapse_for(request.user, lapse_id, VIEW)
    client = get_client_for(request.user, lapse.client_id, VIEW, chart_header=True)
    record_view_log(request=request, client=client, page="Lapse")
    context = {
        "client": client,
        "lapse": lapse,
        "prompt": PLAN_REVIEW_PROMPT,
        # Plan writers go straight to the review, set for after a lapse; others to the plan.
        "review_url": reverse("relapse_prevention:plan_review", args=[client.pk])
        + "?occasion=lapse"
        if permissions.can(request.user, permissions.EDIT_PLANS, client.program)
        else reverse("relapse_prevention:plan", args=[client.pk]),
        "can_mark": lapse.entered_in_error_at is None
        and permissions.can(request.user, CHART, client.program),
        "zone": client.program.zone,
    }
    return render(request, "relapse_prevention/lapses/detail.html", context)


@require_http_methods(["GET", "POST"])
@capability_required(CHART)
def lapse_error(request: AuthedRequest, lapse_id: UUID) -> HttpResponse:
    lapse = get_lapse_for(request.user, lapse_id, CHART)
    client = get_client_for(request.user, lapse.client_id, CHART, chart_header=True)
    form = ErrorMarkForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            lapse_mark_entered_in_error(
                lapse=lapse, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Lapse marked as entered in error. It stays on record.")
            return redirect("relapse_prevention:lapse", lapse.pk)
    record_view_log(request=request, client=client, page="Mark a lapse entered in error")
    context = {"client": client, "lapse": lapse, "form": form}
    status = 400 if form.errors else 200
    return render(request, "relapse_prevention/lapses/error.html", context, status=status)


urlpatterns: list[URLPattern] = [
    path("clients/<uuid:client_id>/lapses/", lapses, name="lapses"),
    path("clients/<uuid:client_id>/lapses/new/", lapse_record_view, name="lapse_record"),
    path("lapses/<uuid:lapse_id>/", lapse_detail, name="lapse"),
    path("lapses/<uuid:lapse_id>/entered-in-error/", lapse_error, name="lapse_error"),
]
