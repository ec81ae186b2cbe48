"""The aftercare plan's forms: what continues, an appointment, a contact, a removal."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms

from iop.accounts.models import Program
from iop.phones import PhoneField
from treatment_plans.models import AftercareKind
from treatment_plans.services.aftercare import NO_NAME, NO_PROVIDER


class ContinuingCareForm(forms.Form):
    continuing_care = forms.CharField(
        label="What continues after the program",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="In plain words, as the client would say it: where they go, what they keep "
        "doing, what helps.",
    )


class AppointmentForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of appointment", choices=AftercareKind.choices)
    with_whom = forms.CharField(
        label="With",
        max_length=200,
        help_text="The provider or clinician.",
        error_messages={"required": NO_PROVIDER},
    )
    day = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label="Time", widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label="Place or address", max_length=300, required=False)
    phone = PhoneField(label="Phone", required=False)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, data: Any = None, *, program: Program, **kwargs: Any) -> None:
        super().__init__(data, prefix="appointment", **kwargs)
        self.program = program
        self.fields["time"].help_text = f"In the program's time zone ({program.now():%Z})."

    def starts_at(self) -> datetime.datetime:
        return self.program.at(self.cleaned_data["day"], self.cleaned_data["time"])

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        for key, messages in errors.items():
            field = "day" if key == "starts_at" else key
            self.add_error(field if field in self.fields else None, messages)


class ContactForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": NO_NAME})
    role = forms.CharField(
        label="Role or relationship",
        max_length=120,
        required=False,
        help_text="For example sponsor, outpatient counselor, crisis line, family member.",
    )
    phone = PhoneField(label="Phone", required=False)
    when_to_call = forms.CharField(
        label="When to call",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example: when cravings rise, or after a hard day.",
    )

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        super().__init__(data, prefix="contact", **kwargs)

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        for key, messages in errors.items():
            self.add_error(key if key in self.fields else None, messages)
