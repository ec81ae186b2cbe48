"""Demo people in the clients' lives, through the family services: most clients have one or
two, most with a signed consent, some with none or one awaiting signature, one revoked, one
person marked do not contact, and one aunt linked to two clients (each link its own consent).

Synthetic only: names from fixed lists, numbers in the 555-01xx range kept for fiction,
addresses at example.com.
"""

from __future__ import annotations

import datetime
from typing import Any

from family.models import ClientPerson
from family.services.consents import DEFAULT_PURPOSE, family_consent_draft
from family.services.people import client_person_add, do_not_contact_mark
from intake.models.consent import SignerRelationship
from intake.services.consents import consent_revoke, consent_shown_hash, consent_sign
from iop import demo_clock
from iop.clients.models import Client, Episode
from iop.reports.clinical.terms import ConsentInformation

FIRST = ["Rosa", "Walter", "Denise", "Marcus", "Helen", "Tomas", "Gloria", "Kevin", "Irene", "Omar"]
RELATIONS = [
    ("parent", ""),
    ("spouse", ""),
    ("sibling", ""),
    ("partner", ""),
    ("parent", ""),
    ("grandparent", ""),
    ("friend", "Roommate"),
    ("sibling", ""),
]
FAMILY_SCOPE = [
    ConsentInformation.APPOINTMENTS,
    ConsentInformation.ATTENDANCE,
    ConsentInformation.AFTERCARE_PLAN,
    ConsentInformation.WARNING_SIGNS,
]
TIME = datetime.time(10, 45)


def _episode(client: Client) -> Episode | None:
    return client.episodes.order_by("-admitted_on").first()


def _person_details(index: int, last_name: str, *, channel: str) -> dict[str, Any]:
    first = FIRST[index % len(FIRST)]
    return {
        "first_name": first,
        "last_name": last_name,
        "phone": f"+1202555{index % 100:04d}",
        "email": f"{first.lower()}.{last_name.lower()}@example.com",
        "preferred_channel": channel,
        "preferred_language": "Spanish" if index % 9 == 4 else "English",
    }


def _consent(link: ClientPerson, day: datetime.date, staff: dict, *, sign: bool) -> Any:
    intake = staff["intake@demo.test"]
    program = link.client.program
    with demo_clock.on(program, day, TIME):
        consent = family_consent_draft(
            link=link,
            actor=intake,
            information=FAMILY_SCOPE if link.lives_with_client else FAMILY_SCOPE[:2],
            purpose=DEFAULT_PURPOSE.format(name=link.person.full_name),
            expires_on=day + datetime.timedelta(days=365),
        )
        if sign:
            consent_sign(
                consent=consent,
                typed_name=link.client.legal_name,
                relationship=SignerRelationship.CLIENT,
                witness=intake,
                ip_address=None,
                shown_sha256=consent_shown_hash(consent),
            )
    return consent


def seed_people(context: dict[str, Any]) -> None:
    if ClientPerson.objects.exists():
        return
    program, staff = context["program"], context["staff"]
    intake, clinician = staff["intake@demo.test"], staff["clinician@demo.test"]
    clients = list(
        Client.objects.filter(program=program).order_by("legal_last_name", "legal_first_name")
    )
    links: list[ClientPerson] = []
    for index, client in enumerate(clients):
        episode = _episode(client)
        # A few clients name no one; nor do those discharged before the family demo's people
        # were recorded (their discharge would otherwise have needed a family aftercare plan).
        if episode is None or episode.discharged_on is not None or index % 6 == 5:
            continue
        added_on = episode.admitted_on + datetime.timedelta(days=2)
        relationship, detail = RELATIONS[index % len(RELATIONS)]
        with demo_clock.on(program, added_on, TIME):
            link = client_person_add(
                client=client,
                actor=intake,
                person_details=_person_details(
                    index, client.legal_last_name, channel="sms" if index % 2 else "email"
                ),
                link_details={
                    "relationship": relationship,
                    "relationship_detail": detail,
                    "lives_with_client": relationship in ("spouse", "partner", "parent"),
                    "emergency_contact": index % 3 == 0,
                },
            )
        links.append(link)
        # Most consent; every seventh has none on file yet, every eleventh awaits signature.
        if index % 7 != 3:
            _consent(link, added_on, staff, sign=index % 11 != 2)
        if index % 4 == 1:  # a second person: no consent (the client has not decided)
            with demo_clock.on(program, added_on, TIME):
                links.append(
                    client_person_add(
                        client=client,
                        actor=clinician,
                        person_details=_person_details(
                            index + 5, f"{client.legal_last_name}-Lee", channel="none"
                        ),
                        link_details={"relationship": "sibling"},
                    )
                )
    _shared_aunt(links, staff)
    _revoked_and_do_not_contact(links, staff)


def _shared_aunt(links: list[ClientPerson], staff: dict) -> None:
    """One aunt in two clients' lives: one person, two links, each with its own consent."""
    in_care = [
        link.client
        for link in links
        if link.client.episodes.filter(discharged_on__isnull=True).exists()
    ]
    first_two = list(dict.fromkeys(in_care))[:2]
    if len(first_two) < 2:
        return
    intake = staff["intake@demo.test"]
    aunt = None
    for client in first_two:
        episode = _episode(client)
        assert episode is not None
        day = episode.admitted_on + datetime.timedelta(days=3)
        with demo_clock.on(client.program, day, TIME):
            link = client_person_add(
                client=client,
                actor=intake,
                person=aunt,
                person_details=None
                if aunt
                else {
                    "first_name": "Bernadette",
                    "last_name": "Quinlan",
                    "phone": "+12025550111",
                    "email": "bernadette.quinlan@example.com",
                    "preferred_channel": "email",
                },
                link_details={"relationship": "other_relative", "relationship_detail": "Aunt"},
            )
        aunt = link.person
        _consent(link, day, staff, sign=True)


def _revoked_and_do_not_contact(links: list[ClientPerson], staff: dict) -> None:
    """A revoked consent, and a person the client asked the program never to contact."""
    intake = staff["intake@demo.test"]
    signed = [
        link
        for link in links
        if link.consent_links.filter(consent__signed_at__isnull=False).exists()
        and link.client.episodes.filter(discharged_on__isnull=True).exists()
    ]
    if len(signed) < 4:
        return
    revoked, unwanted = signed[-1], signed[-2]
    program = revoked.client.program
    today = program.today()
    consent = revoked.consent_links.get().consent
    # Three days ago, or the day after signing for a consent signed since.
    assert consent.signed_at is not None
    signed_on = program.local(consent.signed_at).date()
    revoked_on = min(today, max(today - datetime.timedelta(days=3), signed_on))
    with demo_clock.on(program, revoked_on, datetime.time(17, 15)):
        consent_revoke(
            consent=consent,
            by=intake,
            revoked_on=revoked_on,
            note="The client asked in session to stop sharing with this person.",
        )
    with demo_clock.on(program, today - datetime.timedelta(days=2), datetime.time(14, 0)):
        do_not_contact_mark(
            link=unwanted,
            actor=staff["clinician@demo.test"],
            reason="The client asked in session that the program not contact them.",
        )
