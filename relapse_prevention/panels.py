"""The drug screen panels the program starts with, as data (CLINICAL.md, "Drug screens").

HHS 2025 urine analytes with their screen cut-offs (ng/mL), and the confirmation cut-offs of
the HHS Mandatory Guidelines; then the additions clinics commonly run on point-of-care cups
(benzodiazepines, buprenorphine, methadone, EtG), with the cut-offs typical of those cups.
The director changes cut-offs or adds analytes in the admin, which keeps each version.

``explained_by`` lists the medication classes (iop.medications.classes) whose use the analyte
detects: only those can make a positive "consistent with prescribed ...".
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

HHS_SOURCE = "HHS Mandatory Guidelines, 2025 urine panel (screen and confirmation cut-offs)"
CLINIC_SOURCE = "Clinic addition: cut-off typical of point-of-care cups; set the device's own"

# code, name, screen cut-off, confirmation cut-off, classes it detects, source
HHS_2025_URINE: list[tuple[str, str, str, str | None, list[str], str]] = [
    ("thc", "Marijuana metabolite (THC-COOH)", "50", "15", ["cannabinoid"], HHS_SOURCE),
    ("cocaine", "Cocaine metabolite (benzoylecgonine)", "150", "100", [], HHS_SOURCE),
    ("opiates", "Opiates (codeine, morphine)", "2000", "2000", ["morphine", "codeine"], HHS_SOURCE),
    ("6-am", "6-Acetylmorphine (heroin)", "10", "10", [], HHS_SOURCE),
    ("oxycodone", "Oxycodone, oxymorphone", "100", "100", ["oxycodone"], HHS_SOURCE),
    (
        "hydrocodone",
        "Hydrocodone, hydromorphone",
        "300",
        "100",
        ["hydrocodone", "hydromorphone"],
        HHS_SOURCE,
    ),
    ("pcp", "Phencyclidine (PCP)", "25", "25", [], HHS_SOURCE),
    ("fentanyl", "Fentanyl, norfentanyl", "1", "0.5", ["fentanyl"], HHS_SOURCE),
    (
        "amphetamines",
        "Amphetamine, methamphetamine",
        "500",
        "250",
        ["amphetamine_stimulant"],
        HHS_SOURCE,
    ),
    ("mdma", "MDMA, MDA", "500", "250", [], HHS_SOURCE),
]
CLINIC_ADDITIONS: list[tuple[str, str, str, str | None, list[str], str]] = [
    ("benzodiazepines", "Benzodiazepines", "300", None, ["benzodiazepine"], CLINIC_SOURCE),
    ("buprenorphine", "Buprenorphine", "10", None, ["buprenorphine"], CLINIC_SOURCE),
    ("methadone", "Methadone", "300", None, ["methadone"], CLINIC_SOURCE),
    ("etg", "Ethyl glucuronide (EtG, alcohol)", "500", None, [], CLINIC_SOURCE),
]

PANELS: list[dict[str, Any]] = [
    {
        "code": "urine-program",
        "name": "Urine panel: HHS 2025 with clinic additions",
        "specimen_type": "urine",
        "source": HHS_SOURCE + "; " + CLINIC_SOURCE,
        "analytes": HHS_2025_URINE + CLINIC_ADDITIONS,
    },
    {
        "code": "urine-hhs-2025",
        "name": "Urine panel: HHS 2025 (laboratory)",
        "specimen_type": "urine",
        "source": HHS_SOURCE,
        "analytes": HHS_2025_URINE,
    },
]
DEFAULT_PANEL = "urine-program"


def panels_seed(panel_model: Any, analyte_model: Any) -> None:
    """Version 1 of each panel, unless a version exists (models passed in, so a migration can
    use its historical ones)."""
    for spec in PANELS:
        if panel_model.objects.filter(code=spec["code"]).exists():
            continue
        panel = panel_model.objects.create(
            code=spec["code"],
            version=1,
            name=spec["name"],
            specimen_type=spec["specimen_type"],
            effective_from=datetime.date(2025, 10, 1),
            source=spec["source"],
        )
        for order, (code, name, screen, confirm, classes, _source) in enumerate(spec["analytes"]):
            analyte_model.objects.create(
                panel=panel,
                code=code,
                name=name,
                screen_cutoff=Decimal(screen),
                confirmation_cutoff=Decimal(confirm) if confirm else None,
                explained_by=classes,
                ordering=order,
            )
