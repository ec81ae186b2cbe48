"""Giving an instrument (at intake or any time in the episode) and answering safety alerts."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from intake import instruments
from intake.access import get_alert_for, get_assessment_for
from intake.forms.alerts import SafetyAlertAcknowledgeForm
from intake.forms.instruments import instrument_form_class
from intake.services.instruments import instrument_record, safety_alert_acknowledge
from intake.views.safety_plans import alert_plan_context
from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log
from iop.clients.access import get_client_for
from iop.clients.models import Client
from iop.http import AuthedRequest, form_add_service_errors, posted, uuid_or_404


def _definition(code: str) -> Any:
    try:
        return instruments.get(code)
    except LookupError as missing:
        raise Http404("No such instrument") from missing


@require_http_methods(["GET", "POST"])
@capability_required(permissions.ADMINISTER_INSTRUMENTS)
def instrument_administer(request: AuthedRequest, client_id: UUID, code: str) -> HttpResponse:
    client = get_client_for(request.user, client_id, permissions.ADMINISTER_INSTRUMENTS)
    definition = _definition(code)
    assessment = None
    if request.GET.get("assessment"):
        assessment = get_assessment_for(
            request.user, uuid_or_404(request.GET["assessment"]), permissions.ADMINISTER_INSTRUMENTS
        )
        if assessment.client_id != client.pk or not assessment.is_draft:
            raise Http404("No such draft assessment for this client")
    form = instrument_form_class(definition)(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            result = instrument_record(
                client=client,
                instrument=definition.code,
                answers=form.instrument_answers,
                context=form.instrument_context,
                by=request.user,
                assessment=assessment,
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            _announce(request, result)
            if assessment:
                return redirect("intake:assessment_step", assessment.pk, "screening")
            return redirect("clients:chart", client.pk)
    record_view_log(request=request, client=client, page=f"{definition.abbreviation} form")
    return render(
        request,
        "intake/instrument_form.html",
        {
            "client": Client.objects.with_chart_header().get(pk=client.pk),
            "definition": definition,
            "form": form,
            "assessment": assessment,
        },
        status=400 if form.errors else 200,
    )


def _attach(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


def _announce(request: AuthedRequest, result: Any) -> None:
    name = instruments.get(result.instrument).abbreviation
    text = f"{name} recorded: {result.score.normalize():f}, {result.band}."
    if result.safety_alerts.exists():
        messages.warning(
            request,
            text + " A safety alert is open: a clinician must assess suicide risk today.",
        )
    else:
        messages.success(request, text)


@require_http_methods(["GET", "POST"])
@capability_required(permissions.VIEW_CLIENTS)
def alert_acknowledge(request: AuthedRequest, alert_id: UUID) -> HttpResponse:
    alert = get_alert_for(request.user, alert_id, permissions.VIEW_CLIENTS)
    may_answer = permissions.can(
        request.user, permissions.ACKNOWLEDGE_SAFETY_ALERT, alert.client.program
    )
    form = SafetyAlertAcknowledgeForm(posted(request))
    if request.method == "POST":
        if not may_answer:
            raise PermissionDenied("Only a clinician can answer a safety alert")
        if alert.is_open and form.is_valid():
            try:
                safety_alert_acknowledge(alert=alert, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Risk assessment recorded; the alert is closed.")
                return redirect("clients:chart", alert.client_id)
    record_view_log(request=request, client=alert.client, page="Safety alert")
    return render(
        request,
        "intake/alert_acknowledge.html",
        {
            "alert": alert,
            "client": Client.objects.with_chart_header().get(pk=alert.client_id),
            "form": form,
            "may_answer": may_answer and alert.is_open,
            **alert_plan_context(alert),
        },
        status=400 if form.errors else 200,
    )


urlpatterns = [
    path(
        "clients/<uuid:client_id>/instruments/<slug:code>/",
        instrument_administer,
        name="instrument_administer",
    ),
    path("alerts/<uuid:alert_id>/", alert_acknowledge, name="alert_acknowledge"),
]
