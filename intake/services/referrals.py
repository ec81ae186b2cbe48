from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from intake.models import ContactAttempt, ContactOutcome, Referral, ReferralStatus
from iop.accounts import permissions
from iop.accounts.models import Program, User
from iop.clients.models import Client
from iop.clients.services import client_next_record_number

CLIENT_FIELDS = (
    "legal_first_name",
    "legal_last_name",
    "preferred_name",
    "pronouns",
    "date_of_birth",
    "phone",
    "email",
)


def client_likely_duplicates(
    *,
    user: User,
    legal_first_name: str,
    legal_last_name: str,
    date_of_birth: datetime.date | None,
    record_number: str = "",
) -> QuerySet[Client]:
    """Same legal name and date of birth, or the same record number, among visible clients."""
    match = Q(
        legal_first_name__iexact=legal_first_name.strip(),
        legal_last_name__iexact=legal_last_name.strip(),
        date_of_birth=date_of_birth,
    )
    if record_number.strip():
        match |= Q(record_number__iexact=record_number.strip())
    return (
        Client.objects.visible_to(user)
        .filter(match)
        .prefetch_related("episodes__level_of_care")
        .order_by("legal_last_name")
    )


@transaction.atomic
def referral_create(
    *,
    program: Program,
    by: User,
    client: Client | None = None,
    client_data: dict[str, Any] | None = None,
    referral_data: dict[str, Any],
) -> Referral:
    """A referral of an existing client, or of a new client created with it."""
    if client is None:
        data = {k: v for k, v in (client_data or {}).items() if k in CLIENT_FIELDS}
        client = Client.objects.create(
            program=program,
            record_number=(client_data or {}).get("record_number")
            or client_next_record_number(program),
            created_by=by,
            **data,
        )
    return Referral.objects.create(program=program, client=client, created_by=by, **referral_data)


@transaction.atomic
def contact_attempt_add(
    *, referral: Referral, by: User, method: str, outcome: str, note: str = ""
) -> ContactAttempt:
    attempt = ContactAttempt.objects.create(
        referral=referral,
        attempted_at=timezone.now(),
        method=method,
        outcome=outcome,
        note=note,
        created_by=by,
    )
    if outcome == ContactOutcome.DECLINED:
        referral.status = ReferralStatus.CLOSED
        referral.closed_reason = "Declined services when contacted"
    elif referral.status == ReferralStatus.NEW:
        referral.status = ReferralStatus.CONTACTING
    referral.save(update_fields=["status", "closed_reason", "updated_at"])
    return attempt


def referrals_for_queue(user: User) -> QuerySet[Referral]:
    return (
        Referral.objects.visible_to(user, permissions.EDIT_INTAKE)
        .open()
        .select_related("client")
        .prefetch_related("contacts", "assessments")
    )
