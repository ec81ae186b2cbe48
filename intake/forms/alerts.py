from __future__ import annotations

from django import forms

from intake.models import SafetyPlanDecision


class SafetyAlertAcknowledgeForm(forms.Form):
    risk_assessment = forms.CharField(
        label="Suicide risk assessment (today)",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Risk and protective factors, the client's own account, your formulation.",
        error_messages={"required": "Record the risk assessment before closing the alert."},
    )
    safety_plan_decision = forms.ChoiceField(
        label="Safety plan decision",
        choices=SafetyPlanDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the safety plan decision."},
    )
    decision_notes = forms.CharField(
        label="Notes on the decision",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Required when no safety plan is indicated: say why.",
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if (
            data.get("safety_plan_decision") == SafetyPlanDecision.NOT_INDICATED
            and not str(data.get("decision_notes", "")).strip()
        ):
            self.add_error("decision_notes", "Say why no safety plan is indicated.")
        return data
