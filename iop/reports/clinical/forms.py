from __future__ import annotations

import datetime
from typing import Any

from django import forms

from iop.reports.clinical.sections import CLOSING_KINDS, ReportKind

DEFAULT_DAYS: dict[str, int] = {ReportKind.COMPLIANCE: 7, ReportKind.PROGRESS: 30}


class ReportStartForm(forms.Form):
    kind = forms.ChoiceField(label="Report", choices=ReportKind.choices)
    period_start = forms.DateField(
        label="Period from", widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(label="to", widget=forms.DateInput(attrs={"type": "date"}))
    recipient = forms.ChoiceField(
        label="Who it is for",
        help_text="A recipient's report holds only what their consent covers.",
    )

    def __init__(self, *args: Any, consents: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.consents = {str(c.pk): c for c in consents}
        recipient = self.fields["recipient"]
        assert isinstance(recipient, forms.ChoiceField)
        recipient.choices = [("chart", "The clinical record (not disclosed)")] + [
            (
                str(c.pk),
                f"{c.recipient_display}: {', '.join(c.information_labels()).lower()}",
            )
            for c in consents
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The period cannot end before it starts.")
        return cleaned

    def chosen_consent(self) -> Any:
        return self.consents.get(self.cleaned_data["recipient"])


def default_period(
    kind: str, *, today: datetime.date, admitted_on: datetime.date
) -> tuple[datetime.date, datetime.date]:
    if kind in CLOSING_KINDS:
        return admitted_on, today
    start = max(admitted_on, today - datetime.timedelta(days=DEFAULT_DAYS[kind] - 1))
    return start, today


class NarrativeForm(forms.Form):
    """The clinician's parts of a report; which ones depends on its kind."""

    def __init__(
        self, *args: Any, fields: list[str], labels: dict[str, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name in fields:
            self.fields[name] = forms.CharField(
                label=labels[name],
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )


class SignForm(forms.Form):
    text_sha256 = forms.CharField(widget=forms.HiddenInput)
