"""Writing a safety plan, signing it, and the program's own crisis line."""

from __future__ import annotations

from django import forms

from intake.models.safety_plans import SECTIONS, SafetyPlan
from iop.accounts.models import Program

PHONE_DIGITS = 3  # 988 and 211-style short numbers are real numbers too


class SafetyPlanForm(forms.ModelForm):
    """One text box per section, in the client's words; empty ones are allowed in a draft."""

    class Meta:
        model = SafetyPlan
        fields = [*(s.field for s in SECTIONS), "review_on"]
        widgets = {
            **{s.field: forms.Textarea(attrs={"rows": 3}) for s in SECTIONS},
            "review_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for number, section in enumerate(SECTIONS, start=1):
            field = self.fields[section.field]
            field.label = f"{number}. {section.heading}"
            field.help_text = section.prompt
        self.fields["review_on"].label = "Review the plan together by"
        self.fields["review_on"].help_text = "And sooner after any new risk."


class SignForm(forms.Form):
    # The hash of the text on the screen: signing refuses if the plan changed meanwhile.
    text_sha256 = forms.CharField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label="I have read this plan with the client and I sign it.",
        error_messages={"required": "Tick this box to confirm."},
    )


class ClientSignForm(SignForm):
    typed_name = forms.CharField(
        label="Your full name, typed by you",
        max_length=200,
        help_text="Your legal name, as it is on your record.",
        error_messages={"required": "Type your full name to sign."},
    )
    confirm = forms.BooleanField(
        label="I made this plan with my counselor, and I agree to it.",
        error_messages={"required": "Tick this box to confirm you agree to the plan."},
    )

    field_order = ["typed_name", "confirm", "text_sha256"]


class CrisisLineForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = ["crisis_line_name", "crisis_line_phone"]

    def clean_crisis_line_phone(self) -> str:
        phone = " ".join(self.cleaned_data["crisis_line_phone"].split())
        if phone and sum(ch.isdigit() for ch in phone) < PHONE_DIGITS:
            raise forms.ValidationError("Enter the number to call, for example (555) 010-2000.")
        return phone

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("crisis_line_name") and not data.get("crisis_line_phone"):
            self.add_error("crisis_line_phone", "Give the number for this line, or clear the name.")
        return data
