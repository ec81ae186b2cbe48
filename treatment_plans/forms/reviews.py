"""The plan review form: a date, a summary, and a rating and note for every objective."""

from __future__ import annotations

import datetime
from typing import Any
from uuid import UUID

from django import forms

from treatment_plans.models import PlanObjective, ReviewRating
from treatment_plans.wording import UNRATED


def rating_field_name(objective_id: UUID | str) -> str:
    return f"rating_{objective_id}"


def note_field_name(objective_id: UUID | str) -> str:
    return f"note_{objective_id}"


class PlanReviewForm(forms.Form):
    reviewed_on = forms.DateField(
        label="Date of the review", widget=forms.DateInput(attrs={"type": "date"})
    )
    summary = forms.CharField(
        label="Summary",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Progress overall, in plain words; the client's view where given.",
    )

    def __init__(
        self,
        data: Any = None,
        *,
        objectives: list[PlanObjective],
        today: datetime.date,
    ) -> None:
        super().__init__(data, initial={"reviewed_on": today})
        self.objectives = objectives
        for objective in objectives:
            self.fields[rating_field_name(objective.pk)] = forms.ChoiceField(
                label="Rating",
                choices=ReviewRating.choices,
                widget=forms.RadioSelect,
                error_messages={"required": UNRATED, "invalid_choice": UNRATED},
            )
            self.fields[note_field_name(objective.pk)] = forms.CharField(
                label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def objective_rows(self, evidence: dict[UUID, str]) -> list[dict[str, Any]]:
        """Each objective with its server-computed evidence and its two fields, for the page."""
        return [
            {
                "objective": objective,
                "evidence": evidence.get(objective.pk, ""),
                "rating": self[rating_field_name(objective.pk)],
                "note": self[note_field_name(objective.pk)],
            }
            for objective in self.objectives
        ]

    @property
    def ratings(self) -> dict[UUID, tuple[str, str]]:
        data = self.cleaned_data
        return {
            o.pk: (data.get(rating_field_name(o.pk)) or "", data.get(note_field_name(o.pk)) or "")
            for o in self.objectives
        }

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        """Errors from plan_review_record, keyed by objective id, field name or __all__."""
        for key, messages in errors.items():
            field = rating_field_name(key) if rating_field_name(key) in self.fields else key
            self.add_error(field if field in self.fields else None, messages)
