"""The court order form: the case, the supervising officer, the treatment the order requires.

Refusals come from ``CourtOrder.clean`` (no officer named, ends before it is dated), shown
beside the field they name.
"""

from __future__ import annotations

from typing import Any

from django import forms

from intake.models import CourtOrder
from intake.services.court_orders import FIELDS, supervising_officers

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CourtOrderForm(forms.ModelForm):
    """The instance arrives with its client set (a new order, or the one being edited)."""

    class Meta:
        model = CourtOrder
        fields = list(FIELDS)
        labels = {
            "supervising_officer": "Supervising officer with an account here",
            "supervising_officer_name": "Or the supervising officer's name",
            "group_sessions_per_week": "Group sessions a week",
            "individual_sessions_per_week": "Individual sessions a week",
            "family_sessions_per_week": "Family sessions a week",
            "medication_visits_per_week": "Medication management visits a week",
            "drug_screens_per_week": "Drug screens a week",
        }
        help_texts = {
            "supervising_officer": "Only probation officers in this program are listed.",
            "supervising_officer_name": "With their agency, e.g. 'Officer Dana Ruiz, County "
            "Adult Probation'.",
            "ends_on": "Leave empty while the order stands.",
            "group_sessions_per_week": "0 when the order does not say.",
        }
        widgets = {
            "ordered_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "other_conditions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        officer = self.fields["supervising_officer"]
        assert isinstance(officer, forms.ModelChoiceField)
        officer.queryset = supervising_officers(self.instance.client.program).order_by(
            "last_name", "first_name", "email"
        )
