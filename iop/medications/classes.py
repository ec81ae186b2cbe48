"""Drug classes a medication is filed under, as specific as a drug screen needs.

A screen's analyte is explained by a prescription only when the medication's class is one
the analyte detects (each panel analyte lists the classes it explains). So opioids are filed
by the drug, not as "opioid": oxycodone does not explain a hydrocodone positive, and
methylphenidate, a stimulant, does not explain an amphetamine positive.

``psychiatric`` marks the classes that put a client on the psychiatric review cadence.
"""

from __future__ import annotations

from django.db import models


class DrugClass(models.TextChoices):
    # Medications for opioid and alcohol use disorder
    BUPRENORPHINE = "buprenorphine", "Buprenorphine (MOUD)"
    METHADONE = "methadone", "Methadone (MOUD)"
    NALTREXONE = "naltrexone", "Naltrexone"
    ACAMPROSATE = "acamprosate", "Acamprosate"
    DISULFIRAM = "disulfiram", "Disulfiram"
    # Opioid analgesics, by drug
    MORPHINE = "morphine", "Opioid analgesic: morphine"
    CODEINE = "codeine", "Opioid analgesic: codeine"
    OXYCODONE = "oxycodone", "Opioid analgesic: oxycodone"
    HYDROCODONE = "hydrocodone", "Opioid analgesic: hydrocodone"
    HYDROMORPHONE = "hydromorphone", "Opioid analgesic: hydromorphone"
    FENTANYL = "fentanyl", "Opioid analgesic: fentanyl"
    TRAMADOL = "tramadol", "Opioid analgesic: tramadol"
    # Sedatives
    BENZODIAZEPINE = "benzodiazepine", "Benzodiazepine"
    Z_DRUG = "z_drug", "Sleep medication (zolpidem and similar)"
    # Stimulants
    AMPHETAMINE_STIMULANT = "amphetamine_stimulant", "Stimulant: amphetamine class"
    METHYLPHENIDATE = "methylphenidate", "Stimulant: methylphenidate class"
    NON_STIMULANT_ADHD = "non_stimulant_adhd", "ADHD medication, non-stimulant"
    # Cannabinoids
    CANNABINOID = "cannabinoid", "Prescribed cannabinoid (dronabinol)"
    # Psychiatric medications
    SSRI = "ssri", "Antidepressant: SSRI"
    SNRI = "snri", "Antidepressant: SNRI"
    OTHER_ANTIDEPRESSANT = "other_antidepressant", "Antidepressant: other"
    ANTIPSYCHOTIC = "antipsychotic", "Antipsychotic"
    MOOD_STABILIZER = "mood_stabilizer", "Mood stabilizer"
    ALPHA_AGONIST = "alpha_agonist", "Alpha blocker or agonist (prazosin, clonidine)"
    SEDATING_ANTIHISTAMINE = "sedating_antihistamine", "Sedating antihistamine (hydroxyzine)"
    ANXIOLYTIC_OTHER = "anxiolytic_other", "Anxiolytic: other (buspirone)"
    # Everything else
    OTHER = "other", "Other medication"


PSYCHIATRIC = frozenset(
    {
        DrugClass.BUPRENORPHINE,
        DrugClass.METHADONE,
        DrugClass.NALTREXONE,
        DrugClass.ACAMPROSATE,
        DrugClass.DISULFIRAM,
        DrugClass.BENZODIAZEPINE,
        DrugClass.Z_DRUG,
        DrugClass.AMPHETAMINE_STIMULANT,
        DrugClass.METHYLPHENIDATE,
        DrugClass.NON_STIMULANT_ADHD,
        DrugClass.SSRI,
        DrugClass.SNRI,
        DrugClass.OTHER_ANTIDEPRESSANT,
        DrugClass.ANTIPSYCHOTIC,
        DrugClass.MOOD_STABILIZER,
        DrugClass.ALPHA_AGONIST,
        DrugClass.SEDATING_ANTIHISTAMINE,
        DrugClass.ANXIOLYTIC_OTHER,
    }
)

# Usually a controlled substance (US schedules II-V); the form proposes it, staff confirm.
USUALLY_CONTROLLED = frozenset(
    {
        DrugClass.BUPRENORPHINE,
        DrugClass.METHADONE,
        DrugClass.MORPHINE,
        DrugClass.CODEINE,
        DrugClass.OXYCODONE,
        DrugClass.HYDROCODONE,
        DrugClass.HYDROMORPHONE,
        DrugClass.FENTANYL,
        DrugClass.TRAMADOL,
        DrugClass.BENZODIAZEPINE,
        DrugClass.Z_DRUG,
        DrugClass.AMPHETAMINE_STIMULANT,
        DrugClass.METHYLPHENIDATE,
        DrugClass.CANNABINOID,
    }
)


def class_label(code: str) -> str:
    """The class as staff read it, e.g. "buprenorphine" in "consistent with prescribed ..."."""
    return str(DrugClass(code).label) if code in DrugClass.values else code
