"""Forms of the family aftercare plan page: each posts to its own small view."""

from __future__ import annotations

from typing import Any

from django import forms

from family.models import ClientPerson, FamilyAftercarePlan, ReferralKind
from family.services.aftercare import NO_FOLLOW_UP, NO_REFERRAL_NAME, NO_ROLE


class PlanForm(forms.Form):
    communication = forms.CharField(
        label="Communication strategies agreed",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="How the client and their family agreed to talk, in plain words.",
    )
    boundaries = forms.CharField(
        label="Boundaries agreed",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What each side asked of the other.",
    )
    family_not_involved = forms.BooleanField(
        label="The client chose not to involve family in aftercare", required=False
    )
    not_involved_reason = forms.CharField(
        label="Why, in the client's words",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, data: Any = None, *, plan: FamilyAftercarePlan | None = None) -> None:
        initial = None
        if plan is not None:
            initial = {
                "communication": plan.communication,
                "boundaries": plan.boundaries,
                "family_not_involved": plan.family_not_involved,
                "not_involved_reason": plan.not_involved_reason,
            }
        super().__init__(data, initial=initial, prefix="plan")


class SupporterForm(forms.Form):
    client_person = forms.ChoiceField(label="Who")
    role = forms.CharField(
        label="What they agreed to do",
        max_length=500,
        error_messages={"required": NO_ROLE},
        help_text="In the words of the plan, e.g. 'drives her to the Tuesday meeting'.",
    )

    def __init__(self, data: Any = None, *, people: list[ClientPerson]) -> None:
        super().__init__(data, prefix="supporter")
        self.fields["client_person"].choices = [("", "Choose a person")] + [  # type: ignore[attr-defined]
            (str(p.pk), f"{p.person.full_name} ({p.relationship_label})") for p in people
        ]


class ReferralForm(forms.Form):
    kind = forms.ChoiceField(label="Kind", choices=ReferralKind.choices)
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": NO_REFERRAL_NAME}
    )
    contact = forms.CharField(
        label="How to reach them",
        max_length=200,
        required=False,
        help_text="Phone, address or website.",
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, data: Any = None) -> None:
        super().__init__(data, prefix="referral")


class FollowUpForm(forms.Form):
    on_date = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    what = forms.CharField(
        label="What",
        max_length=200,
        error_messages={"required": NO_FOLLOW_UP},
        help_text="E.g. family session, first Al-Anon meeting.",
    )

    def __init__(self, data: Any = None) -> None:
        super().__init__(data, prefix="follow")
