"""The readiness review and the phase change: answers only; the server decides readiness."""

from __future__ import annotations

from django import forms

from intake.models.assessment import AffectTolerance, GroundingSkill, HomeStability, SelfHarm
from treatment_plans.models import Phase

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _choice(label: str, choices: list[tuple[str, str]], required_message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": required_message,
            "invalid_choice": "Choose one of the answers listed.",
        },
    )


class ReadinessReviewForm(forms.Form):
    """DES-II and suicide risk are not asked: they come from the client's latest results."""

    affect_tolerance = _choice(
        "Affect tolerance", AffectTolerance.choices, "Say how the client tolerates distress."
    )
    grounding_skill = _choice(
        "Grounding or calm-place skill",
        GroundingSkill.choices,
        "Say whether the client has a grounding skill that works.",
    )
    self_harm = _choice("Self-harm", SelfHarm.choices, "Say whether there is current self-harm.")
    home_stability = _choice(
        "Stability at home", HomeStability.choices, "Say how stable things are at home."
    )
    notes = forms.CharField(label="Notes", widget=TEXTAREA, required=False)


class PhaseChangeForm(forms.Form):
    to_phase = forms.ChoiceField(
        label="Move the plan to",
        choices=Phase.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the phase to move to.",
            "invalid_choice": "Choose one of the phases listed.",
        },
    )
    reason = forms.CharField(
        label="Why",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Kept in the plan's phase history with your name and the time.",
        error_messages={"required": "Say why the phase changes."},
    )
