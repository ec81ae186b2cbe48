"""Forms of check-ins and lapses. The ranges and rules are the services'; the forms only
read what was typed, so a refusal comes back beside the field with the service's words."""

from __future__ import annotations

from typing import Any

from django import forms

from iop.clients.models import Client
from relapse_prevention.models import Specimen

USED_CHOICES = [("", "—"), ("no", "No"), ("yes", "Yes")]


def _scale(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        widget=forms.NumberInput(attrs={"min": 0, "max": 10, "inputmode": "numeric"}),
        error_messages={
            "required": f"Give the {label.lower()}, from 0 to 10.",
            "invalid": f"{label} is from 0 to 10.",
        },
    )


class CheckInForm(forms.Form):
    craving = _scale("Craving")
    mood = _scale("Mood")
    used = forms.ChoiceField(
        label="Used since the last check-in",
        choices=USED_CHOICES,
        error_messages={"required": "Say whether they used since the last check-in."},
    )
    used_what = forms.CharField(label="What was used", max_length=200, required=False)

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "craving": data["craving"],
            "mood": data["mood"],
            "used": data["used"] == "yes",
            "used_what": data["used_what"],
        }


class ScreenChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        local = obj.client.program.local(obj.collected_at)
        return f"{local:%b} {local.day}, {local:%Y} {local:%H:%M} ({obj.get_validity_display()})"


class LapseForm(forms.Form):
    occurred_on = forms.DateField(
        label="When it happened",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Give the day it happened.", "invalid": "Give a date."},
    )
    substance_or_behavior = forms.CharField(
        label="Substance or behavior",
        max_length=200,
        required=False,  # the service says what is missing, in its own words
        help_text="In the client's words, e.g. “alcohol” or “gambling online”.",
    )
    context = forms.CharField(
        label="What was going on",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    what_helped = forms.CharField(
        label="What helped", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    what_to_change = forms.CharField(
        label="What the client wants to do differently",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    specimen = ScreenChoice(
        label="Drug screen that confirms it",
        queryset=Specimen.objects.none(),
        required=False,
        empty_label="None",
        help_text="Only where a screen confirms it.",
    )

    def __init__(self, *args: Any, client: Client, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["specimen"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            Specimen.objects.filter(client=client)
            .select_related("client__program")
            .order_by("-collected_at")
        )


class ErrorMarkForm(forms.Form):
    reason = forms.CharField(
        label="Why it was entered in error",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why it was entered in error."},
        help_text="For example: recorded for the wrong client. It stays on the record, marked.",
    )
