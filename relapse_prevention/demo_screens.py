"""Demo drug screens: a few weeks of weekly urine screens for several clients, written
through the services "on the day": positives explained by buprenorphine for the clients on
it, one unexplained positive, one dilute specimen, one refusal; most signed."""

from __future__ import annotations

import datetime
from typing import Any

from iop import demo_clock
from iop.clients.models import Client, Episode
from iop.medications.classes import DrugClass
from iop.medications.models import Medication, MedicationSource
from iop.medications.services import medication_add
from iop.signatures.text import content_hash
from relapse_prevention.models import ScreenPanel, Specimen, TestingSite, Validity
from relapse_prevention.services.screens import (
    ResultInput,
    specimen_for_signing,
    specimen_interpret,
    specimen_record,
    specimen_sign,
    specimen_signed_text,
)

BUPRENORPHINE = "Buprenorphine/naloxone"
WEEKS = 3


def _on_buprenorphine(client: Client, episode: Episode, prescriber: Any) -> None:
    """Prescribed here since before admission, entered by the prescriber on the admission day."""
    if Medication.objects.filter(client=client, name__startswith=BUPRENORPHINE).exists():
        return
    with demo_clock.on(client.program, episode.admitted_on, datetime.time(9, 0)):
        medication_add(
            client=client,
            by=prescriber,
            source=MedicationSource.PRESCRIBED_HERE,
            name=BUPRENORPHINE,
            drug_class=DrugClass.BUPRENORPHINE,
            dose="8 mg/2 mg",
            frequency="once daily",
            started_on=episode.admitted_on - datetime.timedelta(days=60),
            controlled=True,
        )


def _interpretation(specimen: Specimen, unexplained: bool) -> str:
    if specimen.validity == Validity.REFUSED:
        return "Declined today's screen. Discussed without judgment; offered again next week."
    if unexplained:
        return "Unexpected positive for cocaine. Reviewed with the client; plan updated."
    if specimen.validity == Validity.DILUTE:
        return "Dilute specimen. Negative results read with caution; repeat next week."
    return "Consistent with the treatment plan and the medication list."


def seed_screens(context: dict[str, Any]) -> None:
    program = context["program"]
    if Specimen.objects.filter(client__program=program).exists():
        return
    staff = context["staff"]
    clinician, prescriber = staff["clinician@demo.test"], staff["prescriber@demo.test"]
    panel = ScreenPanel.objects.filter(code="urine-program", retired=False).first()
    if panel is None:
        return
    analytes = list(panel.analytes.all())
    episodes = list(
        Episode.objects.open()
        .filter(client__program=program)
        .select_related("client")
        .order_by("admitted_on", "client__record_number")[:5]  # ties in a fixed order
    )
    today = program.today()
    for index, episode in enumerate(episodes):
        client = episode.client
        on_moud = index % 2 == 0
        if on_moud:
            _on_buprenorphine(client, episode, prescriber)
        for week in range(WEEKS, 0, -1):
            day = today - datetime.timedelta(weeks=week) + datetime.timedelta(days=index % 3)
            if day < episode.admitted_on:
                continue
            validity, positives = Validity.NORMAL, {"buprenorphine"} if on_moud else set()
            if index == 1 and week == 1:
                positives |= {"cocaine"}  # the one unexplained positive
            if index == 2 and week == 2:
                validity = Validity.DILUTE
            if index == 3 and week == 2:
                validity, positives = Validity.REFUSED, set()
            results = (
                []
                if validity == Validity.REFUSED
                else [
                    ResultInput(a.pk, "positive" if a.code in positives else "negative")
                    for a in analytes
                ]
            )
            with demo_clock.on(program, day, datetime.time(10, 15)):
                specimen = specimen_record(
                    client=client,
                    actor=clinician,
                    panel=panel,
                    ordered_by=prescriber if on_moud else clinician,
                    collected_at=demo_clock.local_moment(program, day, datetime.time(10, 0)),
                    collected_by=clinician,
                    observed=True,
                    validity=validity,
                    testing_site=TestingSite.POINT_OF_CARE,
                    lab_or_device="Program 13-panel cup",
                    results=results,
                )
            if week == 1 and index == 4:
                continue  # one left to interpret and sign this week
            with demo_clock.on(program, day, datetime.time(15, 30)):
                specimen_interpret(
                    specimen=specimen,
                    actor=clinician,
                    interpretation=_interpretation(specimen, "cocaine" in positives),
                )
                text = specimen_signed_text(specimen_for_signing(specimen.pk))
                specimen_sign(specimen=specimen, actor=clinician, shown_sha256=content_hash(text))
