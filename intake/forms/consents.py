"""Consent forms. Missing 42 CFR 2.31/2.35 elements are reported by Consent.clean(),
beside the field, so the form and the model give the same messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from intake.models.consent import (
    Consent,
    ConsentInformation,
    ConsentKind,
    SignerRelationship,
)
from intake.services.consents import probation_officers, treatment_consent_wording
from iop.dates import validate_upcoming

CJ_REVOCATION_TERMS = (
    "You may revoke this consent in writing, by giving or sending a signed statement to the "
    "program's privacy officer, once the time or event stated below has passed, except to the "
    "extent that the program has already acted in reliance on it."
)
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
RECIPIENT_FIELDS = ("recipient_user", "recipient_name", "recipient_class")


class ConsentForm(forms.ModelForm):
    """Shared by the three kinds; the instance arrives with client and kind set."""

    class Meta:
        model = Consent
        fields: list[str] = []
        widgets = {
            "expires_on": DATE_INPUT,
            "irrevocable_until": DATE_INPUT,
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "revocation_terms": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Consent.clean() says what is missing, in words that name the element.
        for field in self.fields.values():
            field.required = False
        self.today = self.instance.client.program.today()

    def add_error(self, field: str | None, error: Any) -> None:
        """One message per problem: a field that already has one gets no second.

        A refused date never reaches the model, so Consent.clean() would otherwise
        also call it missing ("Give an expiry date") beside "already passed".
        """
        if not isinstance(error, ValidationError):
            error = ValidationError(error)
        if hasattr(error, "error_dict"):
            fresh = {
                name: errors
                for name, errors in error.error_dict.items()
                if name == NON_FIELD_ERRORS or name not in self.errors
            }
            if fresh:
                super().add_error(None, ValidationError(fresh))
            return
        if field is not None and field in self.errors:
            return
        super().add_error(field, error)

    def clean_expires_on(self) -> Any:
        expires_on = self.cleaned_data.get("expires_on")
        if expires_on:
            validate_upcoming(
                expires_on, today=self.today, passed="The expiry date has already passed."
            )
        return expires_on


class TreatmentConsentForm(ConsentForm):
    class Meta(ConsentForm.Meta):
        fields = ["purpose", "expires_on", "expiry_event", "revocation_terms"]
        labels = {
            "purpose": "Treatment the client consents to",
            "expires_on": "Lasts until (optional)",
            "expiry_event": "Or lasts until this event (optional)",
            "revocation_terms": "Right to withdraw and how",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.instance.purpose:
            # The program's own wording, as its director last wrote it.
            wording = treatment_consent_wording(self.instance.client.program)
            self.initial["purpose"] = wording.treatment
            self.initial["revocation_terms"] = wording.withdrawal_terms

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, message in [
            ("purpose", "Describe the treatment the client consents to."),
            ("revocation_terms", "State how the client can withdraw this consent."),
        ]:
            if not (cleaned.get(name) or "").strip():
                self.add_error(name, message)
        return cleaned


class DisclosureConsentForm(ConsentForm):
    information = forms.MultipleChoiceField(
        label="What may be disclosed",
        choices=ConsentInformation.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Only what the recipient needs.",
    )

    class Meta(ConsentForm.Meta):
        fields = [
            "discloser",
            "recipient_user",
            "recipient_name",
            "recipient_class",
            "information",
            "purpose",
            "expires_on",
            "expiry_event",
            "revocation_terms",
        ]
        labels = {
            "recipient_user": "Probation officer with an account here",
            "recipient_name": "Or a named person or agency",
            "recipient_class": "Or a class of recipients",
        }
        help_texts = {
            "recipient_user": "Only officers in this program are listed.",
            "recipient_name": "E.g. 'Judge A. Reyes, County Drug Court'.",
            "recipient_class": "E.g. 'my treating providers at Riverside Health'.",
            "expires_on": "Give a date, an event, or both.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        recipient = self.fields["recipient_user"]
        assert isinstance(recipient, forms.ModelChoiceField)
        recipient.queryset = probation_officers(self.instance.client.program)
        recipient.empty_label = "No account: name the recipient below"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        named = [name for name in RECIPIENT_FIELDS if cleaned.get(name)]
        if len(named) > 1:
            self.add_error(
                "recipient_name",
                "Name one recipient: an officer's account, or a person, or a class.",
            )
        return cleaned


class CriminalJusticeConsentForm(DisclosureConsentForm):
    class Meta(DisclosureConsentForm.Meta):
        fields = [
            *DisclosureConsentForm.Meta.fields,
            "duration",
            "irrevocable_until",
            "irrevocable_until_event",
            "reporting_frequency",
        ]
        help_texts = {
            **DisclosureConsentForm.Meta.help_texts,
            "recipient_class": (
                "Only those monitoring the client's progress: the court, the prosecutor, "
                "or the probation or parole officer (42 CFR 2.35)."
            ),
            "duration": "E.g. 'for the length of the probation term'.",
            "irrevocable_until": "No later than the final disposition of the probation or release.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["revocation_terms"] = CJ_REVOCATION_TERMS

    def clean_irrevocable_until(self) -> Any:
        until = self.cleaned_data.get("irrevocable_until")
        if until:
            validate_upcoming(until, today=self.today, passed="This date has already passed.")
        return until

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        until, expires = cleaned.get("irrevocable_until"), cleaned.get("expires_on")
        if until and expires and until > expires:
            self.add_error("irrevocable_until", "This cannot be later than the expiry date.")
        return cleaned


FORMS: dict[str, type[ConsentForm]] = {
    ConsentKind.TREATMENT: TreatmentConsentForm,
    ConsentKind.DISCLOSURE: DisclosureConsentForm,
    ConsentKind.CRIMINAL_JUSTICE: CriminalJusticeConsentForm,
}


class ConsentSignForm(forms.Form):
    relationship = forms.ChoiceField(
        label="Who is signing",
        choices=SignerRelationship.choices,
        initial=SignerRelationship.CLIENT,
        widget=forms.RadioSelect,
    )
    typed_name = forms.CharField(
        label="Full name, typed by the person signing",
        max_length=200,
        help_text="The client types their legal name as it appears on their record.",
    )
    confirm = forms.BooleanField(
        label="I have read this consent, or had it read to me, and I agree to it.",
        error_messages={"required": "Tick this box to confirm the consent was read and agreed."},
    )
    # The hash of the text on the screen: signing refuses if the text changed meanwhile.
    text_sha256 = forms.CharField(widget=forms.HiddenInput)


class ConsentRevokeForm(forms.Form):
    revoked_on = forms.DateField(
        label="Date the client revoked this consent",
        widget=DATE_INPUT,
        help_text="The date the written revocation was received.",
    )
    note = forms.CharField(
        label="How the revocation was received (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="E.g. 'signed letter handed in at the front desk'.",
    )

    def __init__(self, *args: Any, consent: Consent, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["revoked_on"].initial = consent.client.program.today()
        if consent.irrevocable_until_event:
            self.fields["event_passed"] = forms.BooleanField(
                label=f"This event has happened: {consent.irrevocable_until_event}",
                required=False,
            )
