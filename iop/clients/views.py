from __future__ import annotations

from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log
from iop.clients.access import get_client_for
from iop.clients.chart import chart_sections
from iop.clients.models import Client, DischargeReason, Episode
from iop.clients.services import episode_discharge
from iop.http import AuthedRequest, form_add_service_errors, posted
from iop.phones import PhoneField

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
            "can_discharge": permissions.can(
                request.user, permissions.APPROVE_LEVEL_CHANGE, client.program
            ),
        },
    )


class DischargeForm(forms.Form):
    discharged_on = forms.DateField(
        label="Discharge date", widget=forms.DateInput(attrs={"type": "date"})
    )
    discharge_reason = forms.ChoiceField(
        label="Reason", choices=[("", "Choose a reason"), *DischargeReason.choices]
    )


@require_http_methods(["GET", "POST"])
@capability_required(permissions.APPROVE_LEVEL_CHANGE)
def episode_discharge_view(request: AuthedRequest, episode_id: UUID) -> HttpResponse:
    """Close an episode; the client leaves future sessions and rosters, past records stay."""
    programs = permissions.program_ids_with(request.user, permissions.APPROVE_LEVEL_CHANGE)
    episode = get_object_or_404(
        Episode.objects.open().filter(program_id__in=programs), pk=episode_id
    )
    client = Client.objects.with_chart_header().get(pk=episode.client_id)
    record_view_log(request=request, client=client, page="Discharge")
    form = DischargeForm(posted(request), initial={"discharged_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            episode_discharge(
                episode=episode,
                discharged_on=form.cleaned_data["discharged_on"],
                reason=form.cleaned_data["discharge_reason"],
                by=request.user,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Discharged. Future sessions and group places are released.")
            return redirect("clients:chart", client.pk)
    return render(
        request,
        "clients/episode_discharge.html",
        {"client": client, "episode": episode, "form": form},
    )


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
@capability_required(permissions.VIEW_CLIENTS)
def client_contact_edit(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    """Contact details and how (and how discreetly) the client wants session reminders."""
    client = get_client_for(request.user, client_id)
    client = Client.objects.with_chart_header().get(pk=client.pk)
    record_view_log(request=request, client=client, page="Contact and reminders")
    form = ContactForm(posted(request), instance=client)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Contact details and reminder choices saved.")
        return redirect("clients:chart", client.pk)
    return render(request, "clients/contact_form.html", {"client": client, "form": form})
