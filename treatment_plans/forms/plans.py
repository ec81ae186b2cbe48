"""Forms for writing a plan. Each names the plan revision its editor started from.

The forms check what a person can fix in the field; the services save, and check the
same rules again (``objective_measure_errors``), so nothing reaches the database unchecked.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms

from intake.instruments import all_instruments
from intake.models import InstrumentResult
from iop.accounts.models import Program
from treatment_plans.models import (
    DiagnosisRank,
    MeasureKind,
    PlanGoal,
    PlanIntervention,
    PlanObjective,
    PlanProblem,
    PlanTemplate,
    TemplateCategory,
    TreatmentPlan,
)
from treatment_plans.services.plan_parts import (
    modalities_for,
    objective_measure_errors,
    responsible_staff,
)
from treatment_plans.services.plan_text import DETAIL_FIELDS, dimension_names, finding_text

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SHORT_TEXT = forms.Textarea(attrs={"rows": 2})


class RevisionMixin(forms.Form):
    # The plan revision shown when the form was opened: a stale one means someone else saved.
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class FindingsChoiceField(forms.ModelMultipleChoiceField):
    program: Program | None = None  # set by the form: results are dated in its zone

    def label_from_instance(self, obj: Any) -> str:
        assert self.program is not None
        return finding_text(obj, self.program)


class ProblemForm(RevisionMixin, forms.ModelForm):
    instrument_results = FindingsChoiceField(
        label="Instrument results that support it",
        queryset=InstrumentResult.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    asam_dimensions = forms.TypedMultipleChoiceField(
        label="ASAM dimensions that support it",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = PlanProblem
        fields = ["statement", "instrument_results", "asam_dimensions"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"statement": "What gets in the way, in plain words the client recognizes."}

    def __init__(
        self, *args: Any, plan: TreatmentPlan, ratings: dict[int, int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        results = self.fields["instrument_results"]
        assert isinstance(results, FindingsChoiceField)
        results.program = plan.program
        results.queryset = InstrumentResult.objects.filter(client_id=plan.client_id).order_by(
            "-administered_at"
        )
        dimensions = self.fields["asam_dimensions"]
        assert isinstance(dimensions, forms.TypedMultipleChoiceField)
        dimensions.choices = [
            (number, _dimension_label(number, name, ratings.get(number)))
            for number, name in enumerate(dimension_names(plan.program), start=1)
        ]


def _dimension_label(number: int, name: str, rating: int | None) -> str:
    rated = f" – rated {rating} at intake" if rating is not None else ""
    return f"{number}. {name}{rated}"


class GoalForm(RevisionMixin, forms.ModelForm):
    """The client's words may wait (the plan cannot be signed until they are written);
    a template's suggested wording is shown beside the field, never put in it unasked."""

    class Meta:
        model = PlanGoal
        fields = ["client_words", "clinical_goal"]
        widgets = {"client_words": SHORT_TEXT, "clinical_goal": SHORT_TEXT}
        help_texts = {
            "client_words": "Write down what the client says they want, as they say it.",
            "clinical_goal": "The same goal in clinical terms, for the team.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.suggestion = self.instance.suggested_words if self.instance else ""


class ObjectiveForm(RevisionMixin, forms.ModelForm):
    instrument = forms.ChoiceField(label="Instrument", required=False)

    class Meta:
        model = PlanObjective
        fields = [
            "description",
            "measure",
            "instrument",
            "threshold",
            "per_week",
            "target_date",
            "status",
        ]
        widgets = {"description": SHORT_TEXT, "target_date": DATE_INPUT}
        labels = {
            "measure": "How progress is measured",
            "threshold": "Score, or attendance %",
        }
        help_texts = {
            "description": "What the client will do or show, so anyone can see it happened.",
            "threshold": "For an instrument: the score to fall below. For attendance: a %.",
            "per_week": "For a practiced skill.",
        }

    def __init__(self, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today  # the plan's program's today
        instrument = self.fields["instrument"]
        assert isinstance(instrument, forms.ChoiceField)
        instrument.choices = [("", "—")] + [
            (d.code, f"{d.abbreviation} ({d.name})") for d in all_instruments()
        ]
        measure = self.fields["measure"]
        assert isinstance(measure, forms.ChoiceField)
        measure.choices = [("", "Choose…"), *MeasureKind.choices]

    def clean_target_date(self) -> Any:
        target = self.cleaned_data.get("target_date")
        unchanged = target and target == self.initial.get("target_date")
        if target and not unchanged and target < self.today:
            raise forms.ValidationError("The target date has already passed.")
        return target

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        errors = objective_measure_errors(
            measure=cleaned.get("measure") or "",
            instrument=cleaned.get("instrument") or "",
            threshold=cleaned.get("threshold"),
            per_week=cleaned.get("per_week"),
            target_date=cleaned.get("target_date"),
        )
        for field, message in errors.items():
            if field not in self.errors:
                self.add_error(field, message)
        return cleaned


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.display_name


class ModalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        held = " – held until readiness is confirmed" if obj.trauma_processing else ""
        return f"{obj.name}{held}"


class InterventionForm(RevisionMixin, forms.ModelForm):
    modality = ModalityChoiceField(queryset=None, empty_label="Choose…")  # type: ignore[arg-type]
    responsible = StaffChoiceField(
        label="Responsible staff member",
        queryset=None,  # type: ignore[arg-type]
        empty_label="Choose…",
        error_messages={"required": "Name the staff member responsible."},
    )

    class Meta:
        model = PlanIntervention
        fields = ["modality", "frequency", "responsible", "description"]
        widgets = {"description": SHORT_TEXT}
        labels = {"description": "Details (optional)"}

    hold_until_ready = forms.BooleanField(
        label="Plan it now, held until readiness for trauma processing is confirmed",
        required=False,
        help_text="Only for EMDR, PE or CPT while the trauma-phase gate is closed.",
    )

    def __init__(self, *args: Any, plan: TreatmentPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        modality = self.fields["modality"]
        responsible = self.fields["responsible"]
        assert isinstance(modality, forms.ModelChoiceField)
        assert isinstance(responsible, forms.ModelChoiceField)
        modality.queryset = modalities_for(plan.program)
        responsible.queryset = responsible_staff(plan.program)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        modality = data.get("modality")
        if modality is not None and modality.trauma_processing and not data.get("hold_until_ready"):
            from treatment_plans.services.gate import gate_status

            gate = gate_status(self.plan.episode)
            if not gate.open:
                self.add_error(
                    "modality",
                    f"Trauma processing is held: {'; '.join(gate.missing)}. "
                    "To plan it for later, tick “held until readiness is confirmed”.",
                )
        return data


class PlanDetailsForm(RevisionMixin, forms.ModelForm):
    class Meta:
        model = TreatmentPlan
        fields = list(DETAIL_FIELDS)
        widgets = {field: forms.Textarea(attrs={"rows": 3}) for field in DETAIL_FIELDS}
        help_texts = {
            "strengths": "What the client brings: people, skills, hopes.",
            "referrals": "Other services, with whom and why.",
            "discharge_criteria": "What will show the client is ready to step down.",
            "aftercare_plan": "Where care continues after this program.",
        }


class TemplatePickForm(RevisionMixin, forms.Form):
    template = forms.ChoiceField(label="Template", error_messages={"required": "Choose one."})

    def __init__(self, *args: Any, templates: list[PlanTemplate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.templates = {str(t.pk): t for t in templates}
        groups = []
        for category in TemplateCategory:
            titles = [(str(t.pk), _title(t)) for t in templates if t.category == category]
            if titles:
                groups.append((category.label, titles))
        field = self.fields["template"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Choose a template…"), *groups]

    def clean_template(self) -> PlanTemplate:
        return self.templates[self.cleaned_data["template"]]


def _title(template: PlanTemplate) -> str:
    return f"{template.title} (this program)" if template.program_id else template.title


class SignForm(forms.Form):
    # The hash of the text on the screen: signing refuses if the plan changed meanwhile.
    text_sha256 = forms.CharField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label="I have read this plan and I sign it.",
        error_messages={"required": "Tick this box to confirm."},
    )


class ClientSignForm(SignForm):
    typed_name = forms.CharField(
        label="Client's full name, typed by the client",
        max_length=200,
        help_text="The client types their legal name as it appears on their record.",
    )
    confirm = forms.BooleanField(
        label="I have read this plan, or had it read to me, and I agree to it.",
        error_messages={"required": "Tick this box to confirm the plan was read and agreed."},
    )

    field_order = ["typed_name", "confirm", "text_sha256"]


class DiagnosisSearchForm(forms.Form):
    q = forms.CharField(
        label="Search ICD-10-CM by code or words",
        max_length=80,
        required=False,
        help_text="For example F43.1, or chronic post-traumatic stress.",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class DiagnosisForm(RevisionMixin, forms.Form):
    """The code comes from the search results; the service checks it is billable."""

    code = forms.CharField(
        label="Diagnosis code",
        max_length=10,
        error_messages={"required": "Choose a diagnosis code from the search results."},
    )
    rank = forms.ChoiceField(
        label="Primary or secondary",
        choices=DiagnosisRank.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose primary or secondary."},
    )
