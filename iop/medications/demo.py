"""Demo medication lists, written through the services on the days they happened.

Most open clients have a list: several on buprenorphine/naloxone or an SSRI, one on a
benzodiazepine from an outside prescriber, prazosin for nightmares, a stopped entry; most had
their list reconciled at admission, a few long enough ago that a psychiatric review is due.
"""

from __future__ import annotations

import datetime
from typing import Any

from iop.clients.models import Episode
from iop.demo_clock import on
from iop.medications import services
from iop.medications.classes import DrugClass
from iop.medications.models import (
    Medication,
    MedicationSource,
    ReconciliationDecision,
    ReconciliationOccasion,
    Route,
)

HERE, REPORTED, OUTSIDE = (
    MedicationSource.PRESCRIBED_HERE,
    MedicationSource.REPORTED,
    MedicationSource.OUTSIDE_RECORD,
)
BUPRENORPHINE: dict[str, Any] = {
    "name": "Buprenorphine/naloxone",
    "drug_class": DrugClass.BUPRENORPHINE,
    "dose": "8 mg/2 mg",
    "route": Route.SUBLINGUAL,
    "frequency": "once daily",
    "indication": "Opioid use disorder",
    "controlled": True,
}
SERTRALINE: dict[str, Any] = {
    "name": "Sertraline",
    "drug_class": DrugClass.SSRI,
    "dose": "50 mg",
    "frequency": "once daily",
    "indication": "PTSD, depression",
}
ESCITALOPRAM: dict[str, Any] = {
    "name": "Escitalopram",
    "drug_class": DrugClass.SSRI,
    "dose": "10 mg",
    "frequency": "once daily",
    "indication": "Anxiety",
    "outside_prescriber": "Dr. R. Patel (primary care)",
}
PRAZOSIN: dict[str, Any] = {
    "name": "Prazosin",
    "drug_class": DrugClass.ALPHA_AGONIST,
    "dose": "1 mg",
    "frequency": "at bedtime",
    "indication": "Trauma-related nightmares",
}
CLONAZEPAM: dict[str, Any] = {
    "name": "Clonazepam",
    "drug_class": DrugClass.BENZODIAZEPINE,
    "dose": "0.5 mg",
    "frequency": "twice daily as needed",
    "indication": "Panic attacks",
    "controlled": True,
    "outside_prescriber": "Dr. M. Osei (outside psychiatry)",
}
TRAZODONE: dict[str, Any] = {
    "name": "Trazodone",
    "drug_class": DrugClass.OTHER_ANTIDEPRESSANT,
    "dose": "50 mg",
    "frequency": "at bedtime",
    "indication": "Sleep",
    "outside_prescriber": "Dr. R. Patel (primary care)",
}
# By client index: (medication, source) pairs; index 5 is the one on a benzodiazepine.
PLANS: dict[int, list[tuple[dict[str, Any], str]]] = {
    0: [(BUPRENORPHINE, HERE), (SERTRALINE, HERE)],
    1: [(SERTRALINE, HERE), (PRAZOSIN, HERE)],
    2: [(BUPRENORPHINE, OUTSIDE), (TRAZODONE, REPORTED)],
    3: [(ESCITALOPRAM, OUTSIDE)],
    4: [(BUPRENORPHINE, HERE)],
    5: [(CLONAZEPAM, OUTSIDE), (SERTRALINE, HERE)],
    6: [],
    7: [(BUPRENORPHINE, HERE), (PRAZOSIN, HERE)],
    8: [(ESCITALOPRAM, OUTSIDE)],
    9: [(SERTRALINE, HERE)],
}


def seed(context: dict[str, Any]) -> None:
    program, staff = context["program"], context["staff"]
    prescriber, intake = staff["prescriber@demo.test"], staff["intake@demo.test"]
    episodes = list(
        Episode.objects.filter(program=program)
        .open()
        .select_related("client")
        .order_by("admitted_on", "client__legal_last_name")
    )
    if Medication.objects.filter(client__program=program).exists():
        return
    today = program.today()
    for index, episode in enumerate(episodes):
        plan = PLANS.get(index % 12, [(SERTRALINE, HERE)] if index % 3 == 0 else [])
        admitted = max(episode.admitted_on, today - datetime.timedelta(days=60))
        for spec, source in plan:
            values = dict(spec)
            if source == HERE:
                values.pop("outside_prescriber", None)
            by = prescriber if source == HERE else intake
            with on(program, admitted, datetime.time(10, 0)):
                services.medication_add(
                    client=episode.client,
                    by=by,
                    source=source,
                    started_on=admitted - datetime.timedelta(days=30 if source != HERE else 0),
                    **values,
                )
        if not plan:
            continue
        # Reconciled lately (as at a medication visit); every fourth list 16 days ago, so
        # that a psychiatric review is overdue on the prescriber's Today.
        days_ago = 16 if index % 4 == 1 else 3 + index % 8
        reconciled_on = min(max(admitted, today - datetime.timedelta(days=days_ago)), today)
        with on(program, reconciled_on, datetime.time(11, 0)):
            reconciliation = services.reconciliation_start(
                episode=episode, by=prescriber, occasion=ReconciliationOccasion.ADMISSION
            )
            for medication in episode.client.medications.current():
                if medication.name == "Trazodone":
                    services.reconciliation_decide(
                        reconciliation=reconciliation,
                        medication=medication,
                        by=prescriber,
                        decision=ReconciliationDecision.STOPPED,
                        reason="No longer taking it; sleeping better with prazosin trial.",
                        stopped_on=reconciled_on,
                    )
                else:
                    services.reconciliation_decide(
                        reconciliation=reconciliation,
                        medication=medication,
                        by=prescriber,
                        decision=ReconciliationDecision.CONFIRMED,
                    )
            services.reconciliation_complete(reconciliation=reconciliation, by=prescriber)
