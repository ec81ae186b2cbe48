"""The random screening schedule of one client: start, change or end it (thin: the service
refuses what is wrong, the form shows why)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log
from iop.clients.access import get_client_for
from iop.http import AuthedRequest, form_add_service_errors, posted
from relapse_prevention.models import RandomScreening, ScreenPanel
from relapse_prevention.services import random_screens as service

RECORD = permissions.RECORD_DRUG_SCREENS


def _panel_choices() -> list[tuple[str, str]]:
    choices: dict[str, str] = {}
    for panel in ScreenPanel.objects.filter(retired=False).order_by("code", "-version"):
        choices.setdefault(panel.code, f"{panel.name} ({panel.get_specimen_type_display()})")
    return list(choices.items())


class ScheduleForm(forms.Form):
    times_per_week = forms.IntegerField(
        label="Screens a week",
        help_text="From 1 to 5. The days are drawn each morning, never set ahead.",
        error_messages={"required": "Say how many screens a week (1 to 5)."},
    )
    panel_code = forms.ChoiceField(label="Panel", choices=())
    started_on = forms.DateField(
        label="Starting on", widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, changing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["panel_code"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _panel_choices()
        if changing:
            del self.fields["started_on"]


class EndForm(forms.Form):
    ended_on = forms.DateField(label="Ending on", widget=forms.DateInput(attrs={"type": "date"}))
    end_reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 2}))


@require_http_methods(["GET", "POST"])
@capability_required(RECORD)
def random_schedule(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client = get_client_for(request.user, client_id, RECORD, chart_header=True)
    program = client.program
    episode = client.episodes.open().first()
    schedule = (
        RandomScreening.objects.filter(client=client, ended_on__isnull=True)
        .select_related("set_by")
        .first()
    )
    action = request.POST.get("action") if request.method == "POST" else None
    initial: dict[str, Any] = {"started_on": program.today(), "ended_on": program.today()}
    if schedule:
        initial |= {"times_per_week": schedule.times_per_week, "panel_code": schedule.panel_code}
    form = ScheduleForm(
        posted(request) if action == "save" else None, initial=initial, changing=bool(schedule)
    )
    end_form = EndForm(posted(request) if action == "end" else None, initial=initial)
    try:
        if action == "save" and form.is_valid() and episode:
            data = form.cleaned_data
            if schedule:
                service.schedule_change(
                    schedule=schedule,
                    times_per_week=data["times_per_week"],
                    panel_code=data["panel_code"],
                    reason=data["reason"],
                    by=request.user,
                )
                messages.success(request, "Random screening schedule changed.")
            else:
                service.schedule_start(
                    episode=episode,
                    times_per_week=data["times_per_week"],
                    panel_code=data["panel_code"],
                    started_on=data["started_on"] or program.today(),
                    reason=data["reason"],
                    by=request.user,
                )
                messages.success(request, "Random screening started.")
            return redirect("clients:chart", client.pk)
        if action == "end" and schedule and end_form.is_valid():
            service.schedule_end(
                schedule=schedule,
                ended_on=end_form.cleaned_data["ended_on"],
                reason=end_form.cleaned_data["end_reason"],
                by=request.user,
            )
            messages.success(request, "Random screening ended.")
            return redirect("clients:chart", client.pk)
    except ValidationError as error:
        form_add_service_errors(end_form if action == "end" else form, error)
    record_view_log(request=request, client=client, page="random screening schedule")
    status = 400 if action and (form.errors or end_form.errors) else 200
    return render(
        request,
        "relapse_prevention/random/schedule_form.html",
        {
            "client": client,
            "episode": episode,
            "schedule": schedule,
            "form": form,
            "end_form": end_form,
        },
        status=status,
    )
