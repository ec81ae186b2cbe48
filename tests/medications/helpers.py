"""Shared by the medication tests: entries written through the services."""

from __future__ import annotations

import datetime
from typing import Any

from iop.medications.models import Medication, MedicationSource
from iop.medications.services import medication_add


def add(client: Any, by: Any, name: str = "Sertraline", **kwargs: Any) -> Medication:
    values: dict[str, Any] = {
        "source": MedicationSource.REPORTED,
        "drug_class": "ssri",
        "dose": "50 mg",
        "frequency": "once daily",
        "started_on": client.program.today() - datetime.timedelta(days=30),
        "outside_prescriber": "Dr. Lee (primary care)",
    }
    values.update(kwargs)
    if values["source"] == MedicationSource.PRESCRIBED_HERE:
        values["outside_prescriber"] = kwargs.get("outside_prescriber", "")
    return medication_add(client=client, by=by, name=name, **values)
