"""What random drug screening adds to the client chart: the schedule and recent selections."""

from __future__ import annotations

from typing import Any

from iop.accounts import permissions
from iop.clients.chart import ChartSection, register_chart_section
from iop.clients.models import Client

RECENT = 6


def random_context(client: Client, user: Any) -> dict[str, Any]:
    from relapse_prevention.models import RandomScreening, RandomSelection

    schedule = (
        RandomScreening.objects.filter(client=client, ended_on__isnull=True)
        .select_related("set_by")
        .first()
    )
    return {
        "schedule": schedule,
        "selections": list(RandomSelection.objects.filter(client=client).order_by("-day")[:RECENT]),
        "can_set": permissions.can(user, permissions.RECORD_DRUG_SCREENS, client.program),
    }


def register() -> None:
    register_chart_section(
        ChartSection(
            "random_screening",
            40,
            "relapse_prevention/random/_chart.html",
            random_context,
            permissions.VIEW_DRUG_SCREENS,
        )
    )
