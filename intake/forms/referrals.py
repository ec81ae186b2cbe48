from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from intake.models import ContactAttempt, Referral, ReferralSource
from iop.accounts import permissions
from iop.accounts.models import Program, User
from iop.clients.models import Client, LevelOfCare
from iop.dates import validate_date_of_birth, validate_recent
from iop.phones import PhoneField, phone_parse

DATE = forms.DateInput(attrs={"type": "date"})


class NewClientForm(forms.ModelForm):
    """The person being referred. The record number is assigned unless one is typed."""

    record_number = forms.CharField(
        label="Record number (leave blank to assign the next one)", max_length=20, required=False
    )
    phone = PhoneField(label="Phone", required=False)

    class Meta:
        model = Client
        fields = [
            "legal_first_name",
            "legal_last_name",
            "preferred_name",
            "pronouns",
            "date_of_birth",
            "phone",
            "email",
        ]
        widgets = {"date_of_birth": DATE}
        labels = {
            "legal_first_name": "Legal first name",
            "legal_last_name": "Legal last name",
            "preferred_name": "Preferred name (optional)",
            "pronouns": "Pronouns (optional)",
            "email": "Email (optional)",
        }

    def __init__(self, *args: Any, program: Program, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.program = program

    def clean_date_of_birth(self) -> Any:
        born = self.cleaned_data["date_of_birth"]
        if born:
            validate_date_of_birth(born, today=self.program.today())
        return born

    def clean_record_number(self) -> str:
        number = self.cleaned_data["record_number"].strip()
        # Unique within this program only: another program's numbers are none of our business
        # (and a clash would reveal them). A match here is also shown as a likely duplicate.
        self.record_number_taken = bool(
            number
            and Client.objects.filter(program=self.program, record_number__iexact=number).exists()
        )
        return number


class ReferralForm(forms.ModelForm):
    class Meta:
        model = Referral
        fields = [
            "received_on",
            "source",
            "referrer_name",
            "referrer_contact",
            "court_case_number",
            "probation_officer",
            "probation_officer_name",
            "reason",
            "urgency",
        ]
        widgets = {"received_on": DATE, "reason": forms.Textarea(attrs={"rows": 3})}
        labels = {
            "received_on": "Referral received on",
            "court_case_number": "Court case number (court or probation referrals)",
            "probation_officer": "Probation officer's account (if they use this app)",
            "probation_officer_name": "Probation officer's name",
        }

    def __init__(self, *args: Any, program: Program, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.program = program
        self.fields["received_on"].initial = program.today()
        # Probation officers: the accounts that receive reports disclosed under consent.
        officers = permissions.users_with(program, permissions.VIEW_DISCLOSED_REPORTS)
        self.fields["probation_officer"].queryset = officers  # type: ignore[attr-defined]
        self.fields["probation_officer"].required = False
        self.instance.program = program

    def clean_received_on(self) -> Any:
        day = self.cleaned_data["received_on"]
        validate_recent(day, today=self.program.today(), what="Referral date")
        return day

    def clean_referrer_contact(self) -> str:
        """A phone number (stored in E.164) or an email address, nothing else."""
        contact = self.cleaned_data["referrer_contact"].strip()
        if not contact:
            return contact
        if "@" in contact:
            validate_email(contact)
            return contact
        try:
            return phone_parse(contact)
        except ValidationError as error:
            raise ValidationError(
                "Enter the referrer's phone number with its area code, such as (202) 555-0143, "
                "or their email address."
            ) from error

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("source") != ReferralSource.COURT:
            return data
        if not (data.get("probation_officer") or data.get("probation_officer_name")):
            self.add_error(
                "probation_officer_name",
                "Name the probation officer (or choose their account).",
            )
        return data


class ContactAttemptForm(forms.ModelForm):
    class Meta:
        model = ContactAttempt
        fields = ["method", "outcome", "note"]
        labels = {"method": "How", "outcome": "Outcome", "note": "Note (optional)"}


class AdmissionForm(forms.Form):
    level = forms.ModelChoiceField(label="Level of care", queryset=LevelOfCare.objects.none())
    primary_clinician = forms.ModelChoiceField(
        label="Primary clinician", queryset=User.objects.none()
    )
    admitted_on = forms.DateField(label="Admission date", widget=DATE)

    def __init__(
        self,
        *args: Any,
        program: Program,
        received_on: Any = None,
        proposed_level: LevelOfCare | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.program = program
        self.received_on = received_on
        if proposed_level is not None:
            self.fields["level"].initial = proposed_level.pk
            self.fields["level"].help_text = (
                f"Proposed from the intake assessment: ASAM {proposed_level.code} "
                f"{proposed_level.name}."
            )
        self.fields["level"].queryset = LevelOfCare.objects.filter(  # type: ignore[attr-defined]
            edition=program.asam_edition
        )
        self.fields["primary_clinician"].queryset = permissions.users_with(  # type: ignore[attr-defined]
            program, permissions.CARRY_CASELOAD
        )
        self.fields["admitted_on"].initial = program.today()

    def clean_admitted_on(self) -> Any:
        day = self.cleaned_data["admitted_on"]
        validate_recent(day, today=self.program.today(), what="Admission date")
        if self.received_on and day < self.received_on:
            raise forms.ValidationError(
                f"The admission date cannot be before the referral was received "
                f"({self.received_on:%B} {self.received_on.day}, {self.received_on.year})."
            )
        return day
