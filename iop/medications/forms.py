"""The medication forms: add (reported, outside record, prescribed here), change, stop,
and the reconciliation's decision."""

from __future__ import annotations

from typing import Any

from django import forms

from iop.medications.classes import USUALLY_CONTROLLED, DrugClass
from iop.medications.models import Medication, MedicationSource, ReconciliationDecision, Route
from iop.medications.services import CHANGEABLE

AUTO = "class"


class ServiceErrorsMixin(forms.Form):
    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        """Errors from a service, keyed by field name (or __all__), shown on that field."""
        for key, messages in errors.items():
            self.add_error(key if key in self.fields else None, messages)


class _Fields(ServiceErrorsMixin):
    name = forms.CharField(max_length=120, help_text=Medication._meta.get_field("name").help_text)
    drug_class = forms.ChoiceField(
        label="Class",
        choices=[("", "Choose a class"), *DrugClass.choices],
    )
    dose = forms.CharField(max_length=60, help_text="e.g. 8 mg/2 mg")
    route = forms.ChoiceField(choices=Route.choices, initial=Route.ORAL)
    frequency = forms.CharField(max_length=60, help_text="e.g. once daily, at bedtime")
    indication = forms.CharField(max_length=200, required=False)
    # The class proposes it (USUALLY_CONTROLLED); staff confirm or say otherwise.
    controlled = forms.ChoiceField(
        label="Controlled substance",
        choices=[(AUTO, "As usual for its class"), ("yes", "Yes"), ("no", "No")],
        initial=AUTO,
        help_text="Buprenorphine, benzodiazepines, stimulants and opioids usually are.",
    )
    outside_prescriber = forms.CharField(
        label="Outside prescriber",
        max_length=120,
        required=False,
        help_text="For a medication prescribed elsewhere; leave empty for one prescribed here.",
    )

    def clean_controlled(self) -> bool:
        answer = self.cleaned_data["controlled"]
        if answer == AUTO:
            return self.cleaned_data.get("drug_class") in USUALLY_CONTROLLED
        return bool(answer == "yes")


class MedicationAddForm(_Fields):
    source = forms.ChoiceField(choices=MedicationSource.choices, widget=forms.RadioSelect)
    started_on = forms.DateField(
        label="Start date",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="An approximate date is fine for a reported medication.",
    )
    reason = forms.CharField(
        label="Note", required=False, max_length=300, help_text="Optional, e.g. why it started."
    )

    field_order = ["source", "name", "drug_class"]

    def __init__(self, *args: Any, sources: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice = self.fields["source"]
        choice.choices = [c for c in MedicationSource.choices if c[0] in sources]  # type: ignore[attr-defined]
        choice.initial = sources[0] if sources else None


class MedicationChangeForm(_Fields):
    reason = forms.CharField(label="Reason for the change", max_length=300)

    @classmethod
    def for_medication(cls, medication: Medication, data: Any = None) -> MedicationChangeForm:
        initial: dict[str, Any] = {f: getattr(medication, f) for f in CHANGEABLE}
        initial["controlled"] = "yes" if medication.controlled else "no"
        return cls(data, initial=initial, prefix=f"m{medication.pk.hex[:8]}")

    @property
    def values(self) -> dict[str, Any]:
        return {f: self.cleaned_data[f] for f in CHANGEABLE}


class MedicationStopForm(ServiceErrorsMixin):
    stopped_on = forms.DateField(label="Stop date", widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label="Reason for stopping", max_length=300)


class DecisionForm(ServiceErrorsMixin):
    decision = forms.ChoiceField(
        choices=[
            (ReconciliationDecision.CONFIRMED, "Confirm"),
            (ReconciliationDecision.STOPPED, "Stop"),
        ]
    )
    reason = forms.CharField(max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == ReconciliationDecision.STOPPED and not data.get("reason"):
            self.add_error("reason", "Say why it is stopped.")
        return data
