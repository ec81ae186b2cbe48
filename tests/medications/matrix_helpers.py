"""Sample records for the role matrix: one medication entry and one reconciliation."""

from __future__ import annotations

from typing import Any

from iop.accounts.models import Role
from iop.medications.models import ReconciliationOccasion
from iop.medications.services import reconciliation_start
from tests.medications.helpers import add


def medication_samples(client_record: Any, staff: dict[str, Any]) -> dict[str, str]:
    med = add(client_record, staff[Role.INTAKE], name="Matrix sertraline")
    rec = reconciliation_start(
        episode=client_record.episodes.get(),
        by=staff[Role.PRESCRIBER],
        occasion=ReconciliationOccasion.REVIEW,
    )
    return {"medication_id": str(med.pk), "reconciliation_id": str(rec.pk)}
