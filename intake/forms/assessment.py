"""One form per step of the intake assessment. Every question can be left unanswered or
declined: nothing here asks for a trauma narrative."""

from __future__ import annotations

from typing import Any

from django import forms

from intake import asam
from intake.models import Assessment
from iop.clients.models import LevelOfCare

PREFER_NOT = "Prefer not to say"


class DeclinableForm(forms.ModelForm):
    """Adds a "Prefer not to say" box after each sensitive question."""

    declinable: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        declined = set(self.instance.declined_questions or [])
        for name in self.declinable:
            self.fields[name].required = False
            self.fields[f"decline_{name}"] = forms.BooleanField(
                label=PREFER_NOT, required=False, initial=name in declined
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        declined = set(self.instance.declined_questions or [])
        for name in self.declinable:
            if data.get(f"decline_{name}"):
                declined.add(name)
                data[name] = ""
            else:
                declined.discard(name)
        self.instance.declined_questions = sorted(declined)
        return data

    def question_rows(self) -> list[tuple[forms.BoundField, forms.BoundField | None]]:
        """Each question with its decline box, for the template."""
        rows = []
        for name in self.Meta.fields:  # type: ignore[attr-defined]
            decline = self[f"decline_{name}"] if name in self.declinable else None
            rows.append((self[name], decline))
        return rows


TEXTAREA = forms.Textarea(attrs={"rows": 3})


class ProfileForm(DeclinableForm):
    declinable = ("feels_safe", "care_topics", "cultural_considerations")

    class Meta:
        model = Assessment
        fields = [
            "preferred_name",
            "pronouns",
            "feels_safe",
            "care_topics",
            "communication_preferences",
            "cultural_considerations",
        ]
        widgets = {
            "feels_safe": TEXTAREA,
            "care_topics": TEXTAREA,
            "communication_preferences": TEXTAREA,
            "cultural_considerations": TEXTAREA,
        }
        labels = {
            "preferred_name": "Name you would like us to use",
            "pronouns": "Pronouns",
            "communication_preferences": "How you prefer we communicate (e.g. text, no voicemail)",
        }


class HistoryForm(DeclinableForm):
    declinable = ("mental_health_history", "substance_use_history")

    class Meta:
        model = Assessment
        fields = [
            "presenting_problems",
            "mental_health_history",
            "substance_use_history",
            "current_medications",
        ]
        widgets = {name: TEXTAREA for name in fields}
        labels = {
            "presenting_problems": "What brings you here now",
            "current_medications": "Current medications (name, dose, prescriber)",
        }


class SituationForm(DeclinableForm):
    declinable = ("legal_details", "family_and_supports")

    class Meta:
        model = Assessment
        fields = [
            "housing",
            "occupation",
            "legal_status",
            "legal_details",
            "family_and_supports",
            "strengths",
        ]
        widgets = {
            "legal_details": TEXTAREA,
            "family_and_supports": TEXTAREA,
            "strengths": TEXTAREA,
        }
        labels = {"strengths": "Strengths (in the client's words where possible)"}


class AsamForm(forms.Form):
    """Six dimension ratings with notes, then the placement."""

    placement_level = forms.ModelChoiceField(
        label="Final placement", queryset=LevelOfCare.objects.none(), required=False
    )
    placement_reason = forms.CharField(
        label="Reason for the placement (required when it differs from the recommendation)",
        widget=TEXTAREA,
        required=False,
    )

    def __init__(self, *args: Any, edition: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.edition = edition
        rating_fields: dict[str, forms.Field] = {}
        for number, name in enumerate(asam.DIMENSIONS[edition], start=1):
            rating_fields[f"rating_{number}"] = forms.TypedChoiceField(
                label=f"Dimension {number}: {name}",
                choices=list(asam.RATING_LABELS.items()),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": "Rate this dimension from 0 to 4."},
            )
            rating_fields[f"notes_{number}"] = forms.CharField(
                label=f"Notes on dimension {number}", widget=TEXTAREA, required=False
            )
        self.fields = {**rating_fields, **self.fields}
        self.fields["placement_level"].queryset = LevelOfCare.objects.filter(  # type: ignore[attr-defined]
            edition=edition
        )

    def dimension_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"rating_{n}"], self[f"notes_{n}"]) for n in range(1, 7)]

    def ratings(self) -> dict[int, int]:
        return {n: self.cleaned_data[f"rating_{n}"] for n in range(1, 7)}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if all(f"rating_{n}" in data for n in range(1, 7)):
            self.recommendation = asam.recommend(self.ratings(), self.edition)
            placement = data.get("placement_level")
            if (
                placement
                and placement.code != self.recommendation.code
                and not (data.get("placement_reason") or "").strip()
            ):
                self.add_error(
                    "placement_reason",
                    f"The recommendation is ASAM {self.recommendation.code}; "
                    "give the reason for placing at a different level.",
                )
        return data


class ReadinessForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = [
            "affect_tolerance",
            "grounding_skill",
            "self_harm",
            "home_stability",
            "readiness_notes",
        ]
        widgets = {
            "affect_tolerance": forms.RadioSelect,
            "grounding_skill": forms.RadioSelect,
            "self_harm": forms.RadioSelect,
            "home_stability": forms.RadioSelect,
            "readiness_notes": TEXTAREA,
        }
        labels = {
            "affect_tolerance": "Affect tolerance",
            "grounding_skill": "Grounding or calm-place skill",
            "self_harm": "Self-harm",
            "home_stability": "Stability at home",
        }


STEP_FORMS: dict[str, type[forms.ModelForm]] = {
    "profile": ProfileForm,
    "history": HistoryForm,
    "situation": SituationForm,
    "readiness": ReadinessForm,
}
