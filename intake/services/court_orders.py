"""Recording the court order behind a court-mandated client, and reading the one in effect.

Intake staff, clinicians and directors record it (EDIT_COURT_ORDERS); the compliance report
reads the order in effect over its period. History is kept by pghistory; an order is never
deleted, it ends (``ends_on``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from intake.models import CourtOrder
from iop.accounts import permissions
from iop.accounts.models import User
from iop.clients.models import Client

FIELDS = (
    "case_number",
    "court_program",
    "legal_status",
    "supervising_officer",
    "supervising_officer_name",
    "ordered_on",
    "ends_on",
    "group_sessions_per_week",
    "individual_sessions_per_week",
    "family_sessions_per_week",
    "medication_visits_per_week",
    "drug_screens_per_week",
    "other_conditions",
)


def supervising_officers(program: Any) -> Any:
    """Accounts that can be named as the supervising officer: probation officers here."""
    return permissions.users_with(program, permissions.VIEW_DISCLOSED_REPORTS)


@transaction.atomic
def court_order_save(
    *, client: Client, by: User, order: CourtOrder | None = None, **fields: Any
) -> CourtOrder:
    """Create (``order`` None) or change the client's court order; refused on the field
    (``CourtOrder.clean``: no officer, ends before it is dated)."""
    if not permissions.can(by, permissions.EDIT_COURT_ORDERS, client.program):
        raise PermissionDenied("Only intake staff, clinicians and directors record court orders.")
    if order is None:
        order = CourtOrder(client=client, created_by=by)
    elif order.client_id != client.pk:
        raise PermissionDenied("That court order is another client's.")
    for name in FIELDS:
        if name in fields:
            setattr(order, name, fields[name])
    officer = order.supervising_officer
    if (
        officer is not None
        and not supervising_officers(client.program).filter(pk=officer.pk).exists()
    ):
        raise ValidationError(
            {"supervising_officer": "Choose a probation officer of this program."}
        )
    order.full_clean()
    order.save()
    return order


def court_order_in_effect(client: Client, day: datetime.date) -> CourtOrder | None:
    """The order in effect on ``day`` (the latest dated, if several): one query."""
    return (
        CourtOrder.objects.filter(client=client)
        .in_effect_on(day)
        .select_related("supervising_officer")
        .order_by("-ordered_on", "-created_at")
        .first()
    )


# (field, singular, plural) of each kind of treatment an order can require, in report order.
REQUIRED = (
    ("group_sessions_per_week", "group session", "group sessions"),
    ("individual_sessions_per_week", "individual session", "individual sessions"),
    ("family_sessions_per_week", "family session", "family sessions"),
    ("medication_visits_per_week", "medication management visit", "medication management visits"),
    ("drug_screens_per_week", "drug screen", "drug screens"),
)


def required_in_words(order: CourtOrder) -> str:
    """ "3 group sessions and 1 individual session a week", or "" when the order says none."""
    parts = []
    for field, one, many in REQUIRED:
        count = getattr(order, field)
        if count:
            parts.append(f"{count} {one if count == 1 else many}")
    if not parts:
        return ""
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"{listed} a week"
