from iop.medications.models.medications import (
    Medication,
    MedicationChange,
    MedicationChangeKind,
    MedicationQuerySet,
    MedicationSource,
    Route,
)
from iop.medications.models.reconciliation import (
    Reconciliation,
    ReconciliationDecision,
    ReconciliationEntry,
    ReconciliationOccasion,
)

__all__ = [
    "Medication",
    "MedicationChange",
    "MedicationChangeKind",
    "MedicationQuerySet",
    "MedicationSource",
    "Reconciliation",
    "ReconciliationDecision",
    "ReconciliationEntry",
    "ReconciliationOccasion",
    "Route",
]
