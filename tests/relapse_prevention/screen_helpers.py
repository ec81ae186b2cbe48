"""Test factories for drug screens: rows written directly with the models (the recording
service belongs to another part of the app; these only set up what a test reads)."""

from __future__ import annotations

import datetime
from typing import Any

from iop.accounts.models import Role
from iop.medications.models import Medication, MedicationSource
from relapse_prevention.models import AnalyteResult, ScreenPanel, Specimen, Validity
from relapse_prevention.panels import DEFAULT_PANEL
from tests.factories import member

Result = tuple[str | None, str | None]


def panel(code: str = DEFAULT_PANEL) -> ScreenPanel:
    return ScreenPanel.objects.filter(code=code, retired=False).latest("version")


def specimen_with(
    client: Any,
    results: dict[str, Result] | None = None,
    validity: str = Validity.NORMAL,
    at: datetime.datetime | None = None,
    observed: bool = False,
    on_panel: ScreenPanel | None = None,
    ordered_by: Any = None,
) -> Specimen:
    """A specimen for `client` with a result per analyte code: {code: (screen, confirmation)}
    with "positive"/"negative"/None; the other analytes are left without a result."""
    on_panel = on_panel or panel()
    episode = client.episodes.order_by("-admitted_on").first()
    if ordered_by is None:
        ordered_by = member(Role.CLINICIAN, client.program)
    specimen = Specimen.objects.create(
        client=client,
        episode=episode,
        panel=on_panel,
        ordered_by=ordered_by,
        collected_at=at or client.program.now(),
        observed=observed,
        specimen_type=on_panel.specimen_type,
        validity=validity,
    )
    analytes = {a.code: a for a in on_panel.analytes.all()}
    for code, (screen, confirmation) in (results or {}).items():
        analyte = analytes[code]
        AnalyteResult.objects.create(
            specimen=specimen,
            analyte=analyte,
            screen_result=screen,
            confirmation_result=confirmation,
            cutoff=analyte.screen_cutoff,
        )
    return specimen


def medication(
    client: Any,
    name: str,
    drug_class: str,
    started_on: datetime.date,
    stopped_on: datetime.date | None = None,
    source: str = MedicationSource.OUTSIDE_RECORD,
    outside_prescriber: str = "Dr. Outside",
    prescriber: Any = None,
) -> Medication:
    return Medication.objects.create(
        client=client,
        name=name,
        drug_class=drug_class,
        dose="8 mg",
        frequency="once daily",
        started_on=started_on,
        stopped_on=stopped_on,
        source=source,
        outside_prescriber=outside_prescriber,
        prescriber=prescriber,
    )
