"""What the medication list adds to the client chart: the current list, compact, the last
reconciliation and, while the open episode has none, "Reconcile at admission"."""

from __future__ import annotations

from typing import Any

from iop.accounts import permissions
from iop.clients.chart import ChartSection, register_chart_section
from iop.clients.models import Client


def medications_context(client: Client, user: Any) -> dict[str, Any]:
    from iop.medications import access
    from iop.medications.models import Medication, Reconciliation, ReconciliationOccasion

    recs = list(
        Reconciliation.objects.filter(client=client, completed_at__isnull=False).order_by(
            "-completed_at"
        )
    )
    episode = next(iter(getattr(client, "open_episodes", [])), None)
    admitted = any(
        r.episode_id == getattr(episode, "pk", None)
        and r.occasion == ReconciliationOccasion.ADMISSION
        for r in recs
    )
    return {
        "client": client,
        "current": list(Medication.objects.filter(client=client).current()),
        "last": recs[0] if recs else None,
        "offer_admission": episode is not None
        and not admitted
        and access.can_reconcile(user, client),
    }


def register() -> None:
    register_chart_section(
        ChartSection(
            "medications",
            25,
            "medications/chart/_medications.html",
            medications_context,
            permissions.VIEW_MEDICATIONS,
        )
    )
