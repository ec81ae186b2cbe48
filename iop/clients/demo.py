"""About 40 synthetic clients over the levels of care, a few discharged, some with safety flags."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from iop.clients.models import (
    Client,
    DischargeReason,
    Episode,
    LevelOfCare,
    LevelOfCareChange,
    SafetyFlag,
    SafetyFlagKind,
)

FIRST = [
    "Avery",
    "Jamie",
    "Taylor",
    "Morgan",
    "Casey",
    "Riley",
    "Quinn",
    "Drew",
    "Elena",
    "Marcus",
    "Aisha",
    "Tomas",
    "Keisha",
    "Luis",
    "Hannah",
    "Omar",
    "Grace",
    "Devon",
    "Lena",
    "Isaac",
    "Nadia",
    "Caleb",
    "Rosa",
    "Wes",
    "Imani",
    "Paul",
    "Mei",
    "Andre",
    "Sofia",
    "Trevor",
]
LAST = [
    "Alvarez",
    "Brooks",
    "Carter",
    "Dawson",
    "Esposito",
    "Fleming",
    "Garza",
    "Hughes",
    "Ibarra",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Owens",
    "Patel",
    "Quintero",
    "Rasmussen",
    "Sandoval",
    "Thibodeaux",
    "Underwood",
    "Vasquez",
    "Whitaker",
    "Xiong",
    "Yates",
    "Zimmerman",
    "Abernathy",
    "Boateng",
    "Castellano",
    "Delacroix",
]
PREFERRED = {3: "AJ", 7: "Sky", 12: "Teddy", 18: "Nico", 25: "Bea"}
PRONOUNS = ["she/her", "he/him", "they/them", "she/her", "he/him", "she/they", "he/him", "she/her"]
FLAGS = {
    2: (SafetyFlagKind.SUICIDE_RISK, "PHQ-9 item 9 positive at intake; safety plan in chart"),
    9: (SafetyFlagKind.DOMESTIC_VIOLENCE, "Do not confirm attendance to callers"),
    15: (SafetyFlagKind.SELF_HARM, "History of cutting; check in at each group"),
    21: (SafetyFlagKind.ALLERGY, "Penicillin"),
    30: (SafetyFlagKind.MEDICAL, "Seizure disorder"),
}


def _level_for(index: int, levels: dict[str, LevelOfCare]) -> LevelOfCare:
    if index % 7 == 0:
        return levels["2.5"]
    if index % 9 == 4:
        return levels["1"]
    return levels["2.1"]


def seed(context: dict[str, Any]) -> None:
    rng, program, staff = context["rng"], context["program"], context["staff"]
    if Client.objects.filter(program=program).exists():
        return
    levels = {lvl.code: lvl for lvl in LevelOfCare.objects.filter(edition=program.asam_edition)}
    clinicians = [
        staff["clinician@demo.test"],
        staff["clinician@demo.test"],
        staff["riley.chen@demo.test"],
    ]
    today = timezone.localdate()
    for index in range(context["client_count"]):
        # Offset by the round so no two demo clients share a name.
        first = FIRST[index % len(FIRST)]
        last = LAST[(index * 7 + index // len(FIRST)) % len(LAST)]
        client = Client.objects.create(
            program=program,
            record_number=f"R-{1001 + index}",
            legal_first_name=first,
            legal_last_name=last,
            preferred_name=PREFERRED.get(index, ""),
            pronouns=PRONOUNS[index % len(PRONOUNS)],
            date_of_birth=datetime.date(
                1966 + rng.randint(0, 38), rng.randint(1, 12), rng.randint(1, 28)
            ),
            phone=f"+1202555{100 + index:04d}",  # fictional 555-01xx numbers
            email=f"client{index + 1}@example.test",
            created_by=staff["intake@demo.test"],
        )
        admitted = today - datetime.timedelta(days=rng.randint(3, 80))
        level = _level_for(index, levels)
        discharged = index % 8 == 5
        episode = Episode.objects.create(
            client=client,
            program=program,
            admitted_on=admitted,
            level_of_care=level,
            primary_clinician=clinicians[index % len(clinicians)],
            discharged_on=min(today, admitted + datetime.timedelta(days=45))
            if discharged
            else None,
            discharge_reason=DischargeReason.COMPLETED if discharged else "",
            created_by=staff["intake@demo.test"],
        )
        LevelOfCareChange.objects.create(
            episode=episode,
            from_level=None,
            to_level=level,
            effective_on=admitted,
            reason="Admission placement per ASAM assessment",
            created_by=staff["intake@demo.test"],
        )
        if index in FLAGS and not discharged:
            kind, note = FLAGS[index]
            SafetyFlag.objects.create(
                client=client, kind=kind, note=note, created_by=staff["clinician@demo.test"]
            )
