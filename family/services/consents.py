"""A consent to share with one of the client's people: an intake consent, recipient = them.

The draft is written here (the recipient and discloser filled from the link), then read with
the client and signed on intake's own signing page, and revoked there; ``family.consents``
reads the state every family page shows.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from family.access import check_can_in
from family.consents import FAMILY_INFORMATION, forget_sharing
from family.models import ClientPerson, PersonConsent
from intake.models import Consent, ConsentKind
from iop.accounts import permissions
from iop.accounts.models import User

DEFAULT_PURPOSE = (
    "To involve {name} in my treatment and recovery: family sessions, the family education "
    "group and my aftercare plan, limited to the information this consent names."
)


def family_consent_recipient(link: ClientPerson) -> str:
    """The recipient as the consent names them: the person and the relationship."""
    return f"{link.person.full_name} ({link.relationship_label.lower()})"


@transaction.atomic
def family_consent_draft(
    *,
    link: ClientPerson,
    actor: User,
    information: Iterable[str],
    purpose: str,
    expires_on: datetime.date | None,
    expiry_event: str = "",
) -> Consent:
    """Write the consent (42 CFR 2.31 elements) for this person, awaiting signature. Refused
    with every missing element named, or when the person is marked do not contact; nothing
    is saved then."""
    check_can_in(
        actor,
        permissions.EDIT_INTAKE,
        link.client.program,
        "Only intake staff in the client's program record consents.",
    )
    if link.do_not_contact:
        raise ValidationError(
            f"{link.person.full_name} is marked do not contact: the client asked that the "
            "program not contact them, so no consent to share with them is written."
        )
    chosen = list(dict.fromkeys(information))
    unknown = [value for value in chosen if value not in FAMILY_INFORMATION]
    if unknown:
        raise ValidationError({"information": "Choose only what a family member may be told."})
    consent = Consent(
        client=link.client,
        kind=ConsentKind.DISCLOSURE,
        discloser=link.client.program.name,
        recipient_name=family_consent_recipient(link),
        information=chosen,
        purpose=purpose.strip(),
        expires_on=expires_on,
        expiry_event=expiry_event.strip(),
        created_by=actor,
    )
    if expires_on and expires_on < link.client.program.today():
        raise ValidationError({"expires_on": "The expiry date is in the past."})
    consent.full_clean()
    consent.save()
    PersonConsent.objects.create(client_person=link, consent=consent)
    forget_sharing(link)
    return consent
