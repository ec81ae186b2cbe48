"""A medication-management visit's reconciliation, as the session page shows it: for a
prescriber, "Reconcile medications" before one is started, then a link to it (and its
summary once completed). Scheduling imports iop.medications; never the reverse."""

from __future__ import annotations

from typing import Any

from iop.medications import access
from iop.medications.models import Reconciliation
from scheduling.models import Session, SessionKind


def medication_visit_context(user: Any, session: Session, expected: list[Any]) -> dict[str, Any]:
    if session.kind != SessionKind.MEDICATION or not expected:
        return {}
    client = expected[0].client
    return {
        "visit_client": client,
        "visit_reconciliation": Reconciliation.objects.filter(visit_session_id=session.pk).first(),
        "can_reconcile_visit": access.can_reconcile(user, client),
    }
