"""Building blocks of the drug screen tests."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from iop.medications.classes import DrugClass
from iop.medications.models import Medication, MedicationSource
from relapse_prevention.models import PanelAnalyte, ScreenPanel, Validity
from relapse_prevention.services.screens import ResultInput, specimen_record


def urine_panel() -> ScreenPanel:
    return ScreenPanel.objects.get(code="urine-program", retired=False)


def analyte(panel: ScreenPanel, code: str) -> PanelAnalyte:
    return panel.analytes.get(code=code)


def on_buprenorphine(client: Any, prescriber: Any) -> Medication:
    return Medication.objects.create(
        client=client,
        name="Buprenorphine/naloxone",
        drug_class=DrugClass.BUPRENORPHINE,
        dose="8 mg/2 mg",
        frequency="once daily",
        prescriber=prescriber,
        started_on=client.program.today() - datetime.timedelta(days=30),
        source=MedicationSource.PRESCRIBED_HERE,
    )


def record(client: Any, actor: Any, positives: tuple[str, ...] = (), **kwargs: Any):
    panel = kwargs.pop("panel", None) or urine_panel()
    results = [
        ResultInput(a.pk, "positive" if a.code in positives else "negative")
        for a in panel.analytes.all()
    ]
    options = {
        "ordered_by": actor,
        "collected_by": actor,
        "collected_at": timezone.now() - datetime.timedelta(hours=1),
        "validity": Validity.NORMAL,
        "results": results,
    } | kwargs
    return specimen_record(client=client, actor=actor, panel=panel, **options)
