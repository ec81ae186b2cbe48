"""Consents ready to sign, shared by the consent and PDF tests."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from intake.models.consent import Consent, ConsentInformation, ConsentKind
from intake.services.consents import consent_shown_hash, consent_sign
from iop.signatures.models import Signature


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def disclosure_post(officer: Any, **overrides: Any) -> dict[str, Any]:
    """What intake staff type into the disclosure form: every 2.31 element."""
    data: dict[str, Any] = {
        "discloser": "Riverside IOP",
        "recipient_user": str(officer.pk),
        "recipient_name": "",
        "recipient_class": "",
        "information": [ConsentInformation.ATTENDANCE, ConsentInformation.DRUG_SCREENS],
        "purpose": "Monitoring progress in treatment as a condition of probation.",
        "expires_on": in_days(180).isoformat(),
        "expiry_event": "",
        "revocation_terms": "Revoke in writing to the privacy officer.",
    }
    return {**data, **overrides}


def criminal_justice_post(officer: Any, **overrides: Any) -> dict[str, Any]:
    data = disclosure_post(officer)
    data.update(
        duration="For the length of the probation term.",
        irrevocable_until=in_days(90).isoformat(),
        irrevocable_until_event="",
    )
    return {**data, **overrides}


def make_consent(client: Any, officer: Any = None, **fields: Any) -> Consent:
    values: dict[str, Any] = {
        "kind": ConsentKind.DISCLOSURE,
        "discloser": client.program.name,
        "recipient_user": officer,
        "recipient_name": "" if officer else "Judge Alma Reyes, County Drug Court",
        "information": [ConsentInformation.ATTENDANCE, ConsentInformation.DRUG_SCREENS],
        "purpose": "Monitoring progress in treatment as a condition of probation.",
        "expires_on": in_days(180),
    }
    values.update(fields)
    if values["kind"] == ConsentKind.CRIMINAL_JUSTICE:
        values.setdefault("duration", "For the length of the probation term.")
        if not values.get("irrevocable_until_event"):
            values.setdefault("irrevocable_until", in_days(60))
    consent = Consent(client=client, **values)
    consent.full_clean()
    consent.save()
    return consent


def sign(consent: Consent, witness: Any, typed_name: str | None = None) -> Consent:
    return consent_sign(
        consent=consent,
        typed_name=typed_name or consent.client.legal_name,
        relationship="client",
        witness=witness,
        ip_address="203.0.113.7",
        shown_sha256=consent_shown_hash(consent),
    )


def signatures(consent: Consent) -> list[Signature]:
    return list(Signature.for_object(consent).order_by("role"))
