"""The client's people for tests, added and consented through the family services."""

from __future__ import annotations

import datetime
from typing import Any

from family.models import ClientPerson
from family.services.consents import DEFAULT_PURPOSE, family_consent_draft
from family.services.people import client_person_add
from intake.models import Consent
from intake.models.consent import SignerRelationship
from intake.services.consents import consent_shown_hash, consent_sign
from iop.accounts.models import Role
from iop.reports.clinical.terms import ConsentInformation


def add_person(client: Any, staff: dict[Any, Any], **details: Any) -> ClientPerson:
    link_details = {
        "relationship": details.pop("relationship", "parent"),
        "safety_notes": details.pop("safety_notes", ""),
    }
    person = {
        "first_name": "Rosa",
        "last_name": "Delgado",
        "phone": "+12025550143",
        "email": "rosa.delgado@example.com",
        "preferred_channel": "email",
        **details,
    }
    return client_person_add(
        client=client, actor=staff[Role.INTAKE], person_details=person, link_details=link_details
    )


def family_consent(
    link: ClientPerson,
    staff: dict[str, Any],
    *,
    signed: bool = True,
    information: list[str] | None = None,
) -> Consent:
    consent = family_consent_draft(
        link=link,
        actor=staff[Role.INTAKE],
        information=information or [ConsentInformation.APPOINTMENTS, ConsentInformation.ATTENDANCE],
        purpose=DEFAULT_PURPOSE.format(name=link.person.full_name),
        expires_on=link.client.program.today() + datetime.timedelta(days=365),
    )
    if signed:
        consent_sign(
            consent=consent,
            typed_name=link.client.legal_name,
            relationship=SignerRelationship.CLIENT,
            witness=staff[Role.INTAKE],
            ip_address=None,
            shown_sha256=consent_shown_hash(consent),
        )
    return consent


def family_people_samples(client_record: Any, staff: dict[str, Any]) -> dict[str, str]:
    """A person in the sample client's life, with a signed consent (the role matrix)."""
    link = add_person(client_record, staff, first_name="Matrix", last_name="Parent")
    family_consent(link, staff)
    return {"link_id": str(link.pk)}
