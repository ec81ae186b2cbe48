"""Treatment plans' answer to kernel events."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from iop.audit.models import AuditAction
from iop.audit.services import audit_event_record
from iop.clients.models import Episode
from treatment_plans.models import PlanStatus, TreatmentPlan


def close_active_plan(
    sender: Any, *, episode: Episode, discharged_on: datetime.date, by: Any, **kwargs: Any
) -> None:
    """On discharge the active plan stops being in effect (same transaction). A signed
    version's status and ``superseded_at`` are the only things its lock lets change, and a
    closed episode gets no newer version, so "superseded" with no successor means closed."""
    plan = TreatmentPlan.objects.select_for_update().filter(episode=episode).active().first()
    if plan is None:
        return
    plan.status, plan.superseded_at = PlanStatus.SUPERSEDED, timezone.now()
    plan.save(update_fields=["status", "superseded_at", "updated_at"])
    audit_event_record(
        action=AuditAction.CLIENT_DISCHARGED,
        actor=by,
        obj=plan,
        client=episode.client,
        summary=f"Treatment plan version {plan.version} closed at discharge "
        f"({discharged_on:%Y-%m-%d})",
    )
