from relapse_prevention.models.random_screens import (
    RandomDraw,
    RandomScreening,
    RandomSelection,
    SelectionOutcome,
)
from relapse_prevention.models.screens import (
    AnalyteResult,
    PanelAnalyte,
    ResultReading,
    ScreenPanel,
    Specimen,
    SpecimenType,
    TestingSite,
    Validity,
)

__all__ = [
    "RandomDraw",
    "RandomScreening",
    "RandomSelection",
    "SelectionOutcome",
    "AnalyteResult",
    "PanelAnalyte",
    "ResultReading",
    "ScreenPanel",
    "Specimen",
    "SpecimenType",
    "TestingSite",
    "Validity",
]
