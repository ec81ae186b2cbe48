"""Forms of the drug screen pages. Analyte rows are named by the analyte's id
(``screen_<id>``, ``confirm_<id>``, ``cutoff_<id>``, ``value_<id>``) and read back by
:func:`posted_results`, whatever ids were posted: the service refuses an analyte that is not
on the specimen's panel."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.http import QueryDict

from iop.accounts.models import Program, User
from relapse_prevention.models import (
    PanelAnalyte,
    ResultReading,
    ScreenPanel,
    TestingSite,
    Validity,
)
from relapse_prevention.services.screens import ResultInput

READING_CHOICES = [("", "None"), *ResultReading.choices]


class StaffChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class SpecimenForm(forms.Form):
    panel = forms.ModelChoiceField(queryset=ScreenPanel.objects.none(), empty_label=None)
    ordered_by = StaffChoice(queryset=User.objects.none(), empty_label=None)
    collected_on = forms.DateField(
        label="Collected on", widget=forms.DateInput(attrs={"type": "date"})
    )
    collected_time = forms.TimeField(
        label="Collected at (time)", widget=forms.TimeInput(attrs={"type": "time"})
    )
    collected_by = StaffChoice(queryset=User.objects.none(), required=False, empty_label="—")
    observed = forms.BooleanField(label="Collection observed", required=False)
    validity = forms.ChoiceField(choices=Validity.choices)
    testing_site = forms.ChoiceField(choices=TestingSite.choices)
    lab_or_device = forms.CharField(label="Laboratory or device", max_length=120, required=False)

    def __init__(
        self, *args: Any, program: Program, panels: list[ScreenPanel], staff: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        panel_field = self.fields["panel"]
        assert isinstance(panel_field, forms.ModelChoiceField)
        panel_field.queryset = ScreenPanel.objects.filter(pk__in=[p.pk for p in panels])
        panel_field.choices = [(p.pk, str(p)) for p in panels]
        for name in ("ordered_by", "collected_by"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = staff
        self.program = program

    def collected_at(self) -> datetime.datetime:
        data = self.cleaned_data
        return self.program.at(data["collected_on"], data["collected_time"])


class ResultsForm(forms.Form):
    """Only a CSRF-protected POST: the rows are read by posted_results."""


class InterpretationForm(forms.Form):
    interpretation = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the result means for this client's care. Required to sign.",
    )


class SignForm(forms.Form):
    text_sha256 = forms.CharField(widget=forms.HiddenInput)


class AddendumForm(forms.Form):
    text = forms.CharField(label="Addendum", widget=forms.Textarea(attrs={"rows": 3}))


@dataclass
class AnalyteRow:
    """One analyte row as shown: the analyte and what was typed (or saved)."""

    analyte: PanelAnalyte
    screen: str = ""
    confirm: str = ""
    cutoff: str = ""
    value: str = ""


def _decimal(text: str, label: str, errors: list[str]) -> Decimal | None:
    text = text.strip()
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        errors.append(f"{label}: {text!r} is not a number.")
        return None


def posted_results(data: QueryDict) -> tuple[list[ResultInput], list[str]]:
    """Every analyte row in the POST, and the typing mistakes found (not a number)."""
    rows: list[ResultInput] = []
    errors: list[str] = []
    ids = {k.split("_", 1)[1] for k in data if k.split("_", 1)[0] in ("screen", "confirm")}
    for analyte_id in sorted(ids):
        screen = data.get(f"screen_{analyte_id}") or None
        confirm = data.get(f"confirm_{analyte_id}") or None
        cutoff = _decimal(data.get(f"cutoff_{analyte_id}", ""), "Cut-off", errors)
        value = _decimal(data.get(f"value_{analyte_id}", ""), "Value", errors)
        if screen or confirm or value is not None:
            rows.append(ResultInput(analyte_id, screen, confirm, cutoff, value))
    return rows, errors


def analyte_rows(
    analytes: list[PanelAnalyte], data: QueryDict | None, saved: dict[Any, Any] | None = None
) -> list[AnalyteRow]:
    saved = saved or {}
    rows = []
    for analyte in analytes:
        key = str(analyte.pk)
        if data is not None:
            rows.append(
                AnalyteRow(
                    analyte,
                    data.get(f"screen_{key}", ""),
                    data.get(f"confirm_{key}", ""),
                    data.get(f"cutoff_{key}", ""),
                    data.get(f"value_{key}", ""),
                )
            )
        elif analyte.pk in saved:
            r = saved[analyte.pk]
            rows.append(
                AnalyteRow(
                    analyte,
                    r.screen_result or "",
                    r.confirmation_result or "",
                    str(r.cutoff),
                    "" if r.value is None else str(r.value),
                )
            )
        else:
            rows.append(AnalyteRow(analyte, cutoff=str(analyte.screen_cutoff)))
    return rows
