"""Forms of the client's people pages. The services give the clear refusals (a name
missing, a channel without its address, a person linked twice), so a page and a test see
the same words; the forms parse what a form must (a phone number, a date)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms

from family.consents import FAMILY_INFORMATION
from family.models import ClientPerson, Person
from iop.phones import PhoneField
from iop.reports.clinical.terms import ConsentInformation


class PersonForm(forms.ModelForm):
    """Who the person is and how they asked to be reached (shared by every client they are
    linked to)."""

    phone = PhoneField(label="Phone", required=False)

    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "phone",
            "email",
            "preferred_channel",
            "preferred_language",
        ]


class LinkForm(forms.ModelForm):
    """Who the person is to this client."""

    class Meta:
        model = ClientPerson
        fields = [
            "relationship",
            "relationship_detail",
            "lives_with_client",
            "emergency_contact",
            "safety_notes",
        ]
        widgets = {"safety_notes": forms.Textarea(attrs={"rows": 3})}


class ExistingPersonChoice(forms.ChoiceField):
    """A person of the program, by id. Only those not yet linked are offered; any person of
    the program is accepted here, so linking one twice gets the service's clear refusal."""

    def __init__(self, offered: list[Person], **kwargs: Any) -> None:
        choices = [("", "Choose a person"), *((str(p.pk), _person_label(p)) for p in offered)]
        super().__init__(choices=choices, label="Person", **kwargs)

    def validate(self, value: Any) -> None:
        if value in self.empty_values:
            raise forms.ValidationError("Choose the person to link.", code="required")


def _person_label(person: Person) -> str:
    phone = person.phone_display()
    return f"{person.full_name}{f', {phone}' if phone else ''}"


class LinkExistingForm(forms.Form):
    def __init__(self, *args: Any, offered: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"] = ExistingPersonChoice(offered)


class DoNotContactForm(forms.Form):
    reason = forms.CharField(
        label="Reason (optional)",
        max_length=200,
        required=False,
        help_text="In the client's words, if they gave one.",
    )
    confirm = forms.BooleanField(
        label="The client asks that the program not contact this person. "
        "Messages queued to them will be withheld at once.",
        error_messages={"required": "Tick this box to confirm."},
    )


class FamilyConsentForm(forms.Form):
    information = forms.MultipleChoiceField(
        label="What the program may share with them",
        choices=[(v, ConsentInformation(v).label) for v in FAMILY_INFORMATION],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    purpose = forms.CharField(
        label="Purpose of sharing", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    expires_on = forms.DateField(
        label="Expires on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="A year from today unless the client chooses otherwise.",
    )

    @staticmethod
    def initial_for(name: str, today: datetime.date, purpose: str) -> dict[str, Any]:
        return {
            "purpose": purpose.format(name=name),
            "expires_on": today + datetime.timedelta(days=365),
        }
