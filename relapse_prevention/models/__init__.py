from relapse_prevention.models.random_screens import (
    RandomDraw,
    RandomScreening,
    RandomSelection,
    SelectionOutcome,
)
from relapse_prevention.models.screens import (
    NOT_COLLECTED,
    AnalyteResult,
    PanelAnalyte,
    ResultReading,
    ScreenPanel,
    Specimen,
    SpecimenAddendum,
    SpecimenType,
    TestingSite,
    Validity,
)

__all__ = [
    "NOT_COLLECTED",
    "RandomDraw",
    "RandomScreening",
    "RandomSelection",
    "SelectionOutcome",
    "AnalyteResult",
    "PanelAnalyte",
    "ResultReading",
    "ScreenPanel",
    "Specimen",
    "SpecimenAddendum",
    "SpecimenType",
    "TestingSite",
    "Validity",
]
