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
    "AnalyteResult",
    "PanelAnalyte",
    "ResultReading",
    "ScreenPanel",
    "Specimen",
    "SpecimenType",
    "TestingSite",
    "Validity",
]
