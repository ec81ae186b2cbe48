from __future__ import annotations

import datetime
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log, record_views_log
from iop.clients.access import get_client_for, get_episode_for
from iop.clients.chart import chart_sections
from iop.clients.discharge_steps import discharge_steps
from iop.clients.models import DISCHARGE_KINDS, Client, DischargeReason, Episode
from iop.clients.services import (
    episode_discharge,
    episode_discharge_close,
    episode_discharge_plan_cancel,
)
from iop.http import AuthedRequest, form_add_service_errors, posted
from iop.phones import PhoneField

DISCHARGE = permissions.DISCHARGE

PAGE_SIZE = 25


@require_GET
@capability_required(permissions.VIEW_CLIENTS)
def client_list(request: AuthedRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    status = request.GET.get("status", "open")
    clients = Client.objects.visible_to(request.user).search(query)
    if status == "open":
        open_episode = Episode.objects.open().filter(client_id=OuterRef("pk"))
        clients = clients.filter(Exists(open_episode))
    page = Paginator(clients.with_chart_header(), PAGE_SIZE).get_page(request.GET.get("page"))
    # Reading the page's rows here fills the queryset the template then iterates.
    record_views_log(request=request, clients=page.object_list, page="Client list")
    template = "clients/client_list.html"
    if request.htmx and request.htmx.target == "client-results":
        template += "#results"
    return render(request, template, {"page": page, "query": query, "status": status})


@require_GET
@capability_required(permissions.VIEW_CLIENTS)
def client_chart(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client = get_client_for(request.user, client_id)
    client = Client.objects.with_chart_header().get(pk=client.pk)
    record_view_log(request=request, client=client, page="Client chart")
    episodes = client.episodes.select_related(
        "level_of_care", "primary_clinician"
    ).prefetch_related("level_changes__to_level", "level_changes__from_level")
    sections = [
        {"template": section.template, **section.context(client, request.user)}
        for section in chart_sections()
        if permissions.can(request.user, section.capability, client.program)
    ]
    return render(
        request,
        "clients/client_chart.html",
        {
            "client": client,
            "episodes": episodes,
            "sections": sections,
            "can_discharge": permissions.can(request.user, DISCHARGE, client.program),
            "can_edit_contact": permissions.can(
                request.user, permissions.EDIT_CONTACT_DETAILS, client.program
            ),
        },
    )


class DischargeForm(forms.Form):
    discharged_on = forms.DateField(
        label="Discharge date",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The client's last day in the program. The episode closes on that day once "
        "every step below is done; until then the client stays in care.",
    )
    discharge_reason = forms.ChoiceField(
        label="Kind of discharge",
        choices=[("", "Choose the kind"), *[(k.value, k.label) for k in DISCHARGE_KINDS]],
    )
    receiving_provider = forms.CharField(
        label="Receiving provider",
        max_length=200,
        required=False,
        help_text="For a step down to outpatient or a step up elsewhere: who takes the client on.",
    )
    receiving_provider_contact = forms.CharField(
        label="How to reach them", max_length=200, required=False
    )


def _discharged_message(episode: Episode) -> str:
    if episode.discharged_on is not None:
        return (
            "Discharged. Future sessions and group places are released, and the follow-up "
            "calls at 7 and 30 days are on the primary clinician's Today from their day."
        )
    planned = episode.discharge_planned_on
    assert planned is not None
    return (
        f"Discharge recorded for {planned:%B} {planned.day}, {planned.year}. The client "
        "stays in care until the episode closes: the steps still to do are listed below."
    )


def _steps_context(episode: Episode, kind: str, on: datetime.date | None) -> dict[str, Any]:
    if kind not in DISCHARGE_KINDS or on is None:
        return {"steps": None, "steps_kind": "", "steps_on": None}
    steps = discharge_steps(episode, kind, on)
    return {
        "steps": steps,
        "steps_kind": DischargeReason(kind).label,
        "steps_on": on,
        "steps_missing": sum(1 for step in steps if not step.done),
    }


def _chosen(request: AuthedRequest, episode: Episode) -> tuple[str, datetime.date | None]:
    """The kind and day whose steps the page lists: the form's while it is being filled in
    (htmx asks as the kind changes), else the recorded discharge's."""
    kind = request.GET.get("discharge_reason") or episode.discharge_planned_reason
    try:
        on = datetime.date.fromisoformat(request.GET["discharged_on"])
    except (KeyError, ValueError):
        on = episode.discharge_planned_on or episode.program.today()
    return kind, on


@require_http_methods(["GET", "POST"])
@capability_required(DISCHARGE)
def episode_discharge_view(request: AuthedRequest, episode_id: UUID) -> HttpResponse:
    """Record a discharge (its day, kind and, for a move, the receiving provider), see what
    that kind still requires, and close the episode once nothing is missing."""
    episode = get_episode_for(request.user, episode_id, DISCHARGE, open_only=True)
    if request.htmx and request.method == "GET":
        kind, on = _chosen(request, episode)
        return render(
            request,
            "clients/episode_discharge.html#steps",
            {"episode": episode, **_steps_context(episode, kind, on)},
        )
    client = Client.objects.with_chart_header().get(pk=episode.client_id)
    record_view_log(request=request, client=client, page="Discharge")
    initial = {
        "discharged_on": episode.discharge_planned_on or episode.program.today(),
        "discharge_reason": episode.discharge_planned_reason,
        "receiving_provider": episode.receiving_provider,
        "receiving_provider_contact": episode.receiving_provider_contact,
    }
    form = DischargeForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            episode = episode_discharge(
                episode=episode,
                discharged_on=data["discharged_on"],
                reason=data["discharge_reason"],
                receiving_provider=data["receiving_provider"],
                receiving_provider_contact=data["receiving_provider_contact"],
                by=request.user,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _discharged_message(episode))
            if episode.discharged_on is not None:
                return redirect("clients:chart", client.pk)
            return redirect("clients:episode_discharge", episode.pk)
    kind, on = _chosen(request, episode)
    if form.is_bound:
        kind, on = form.data.get("discharge_reason", ""), form.cleaned_data.get("discharged_on")
    today = episode.program.today()
    return render(
        request,
        "clients/episode_discharge.html",
        {
            "client": client,
            "episode": episode,
            "form": form,
            "may_close": episode.discharge_planned
            and episode.discharge_planned_on is not None
            and episode.discharge_planned_on <= today,
            **_steps_context(episode, kind, on),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@capability_required(DISCHARGE)
def episode_discharge_close_view(request: AuthedRequest, episode_id: UUID) -> HttpResponse:
    episode = get_episode_for(request.user, episode_id, DISCHARGE, open_only=True)
    try:
        episode = episode_discharge_close(episode=episode, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("clients:episode_discharge", episode.pk)
    messages.success(request, _discharged_message(episode))
    return redirect("clients:chart", episode.client_id)


@require_POST
@capability_required(DISCHARGE)
def episode_discharge_plan_cancel_view(request: AuthedRequest, episode_id: UUID) -> HttpResponse:
    episode = get_episode_for(request.user, episode_id, DISCHARGE, open_only=True)
    try:
        episode_discharge_plan_cancel(episode=episode, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Planned discharge cancelled: the client stays in care.")
    return redirect("clients:chart", episode.client_id)


class ContactForm(forms.ModelForm):
    phone = PhoneField(label="Phone (mobile for text reminders)", required=False)

    class Meta:
        model = Client
        fields = ["phone", "email", "address", "reminder_channel", "reminder_discreet"]
        labels = {"address": "Home address"}
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        channel = data.get("reminder_channel")
        # A field already refused (a number that is not one) keeps its one message.
        if channel == "email" and not data.get("email") and "email" not in self.errors:
            self.add_error("email", "Add an email address, or choose another reminder channel.")
        if channel == "sms" and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", "Add a mobile number, or choose another reminder channel.")
        return data


@require_http_methods(["GET", "POST"])
@capability_required(permissions.EDIT_CONTACT_DETAILS)
def client_contact_edit(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    """Contact details and how (and how discreetly) the client wants session reminders."""
    client = get_client_for(request.user, client_id, permissions.EDIT_CONTACT_DETAILS)
    client = Client.objects.with_chart_header().get(pk=client.pk)
    record_view_log(request=request, client=client, page="Contact and reminders")
    form = ContactForm(posted(request), instance=client)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Contact details and reminder choices saved.")
        return redirect("clients:chart", client.pk)
    return render(request, "clients/contact_form.html", {"client": client, "form": form})
