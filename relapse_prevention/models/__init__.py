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
