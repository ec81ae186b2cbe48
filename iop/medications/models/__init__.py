from iop.medications.models.medications import (
    Medication,
    MedicationChange,
    MedicationChangeKind,
    MedicationQuerySet,
    MedicationSource,
    Route,
)

__all__ = [
    "Medication",
    "MedicationChange",
    "MedicationChangeKind",
    "MedicationQuerySet",
    "MedicationSource",
    "Route",
]
