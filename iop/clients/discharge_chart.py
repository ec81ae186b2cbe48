"""The chart's discharge section: a recorded discharge and what it still needs.

Clinicians do most of the steps (the final measures, the summary, the aftercare plan); the
director records and closes the discharge. Both see here what is done and what is not.
"""

from __future__ import annotations

from typing import Any

from iop.accounts import permissions
from iop.clients.chart import ChartSection, register_chart_section
from iop.clients.discharge_steps import discharge_steps
from iop.clients.models import Client, Episode


def discharge_context(client: Client, user: Any) -> dict[str, Any]:
    episode = (
        Episode.objects.discharge_planned()
        .filter(client=client)
        .select_related("program", "client", "level_of_care", "primary_clinician")
        .first()
    )
    if episode is None or episode.discharge_planned_on is None:
        return {"discharge": None}
    steps = discharge_steps(episode, episode.discharge_planned_reason, episode.discharge_planned_on)
    return {
        "discharge": episode,
        "discharge_steps": steps,
        "discharge_missing": sum(1 for step in steps if not step.done),
        "may_discharge": permissions.can(user, permissions.DISCHARGE, episode.program),
    }


def register() -> None:
    register_chart_section(
        ChartSection(
            "discharge",
            5,
            "clients/_chart_discharge.html",
            discharge_context,
            permissions.VIEW_CLINICAL_RECORD,
        )
    )
