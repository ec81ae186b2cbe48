from __future__ import annotations

from django import forms

TEXTAREA = forms.Textarea(attrs={"rows": 5})


class TreatmentConsentTextForm(forms.Form):
    """A director's wording of the program's consent to treatment."""

    treatment = forms.CharField(
        label="Treatment the client consents to",
        widget=TEXTAREA,
        required=False,
        help_text="Shown under “Treatment” on every new consent to treatment.",
    )
    withdrawal_terms = forms.CharField(
        label="Right to withdraw and how",
        widget=TEXTAREA,
        required=False,
        help_text="How the client can withdraw the consent and stop treatment.",
    )
    change_note = forms.CharField(
        label="What changed and why (optional)",
        max_length=300,
        required=False,
        help_text="Kept with this version, e.g. “Adds medication-assisted treatment”.",
    )
