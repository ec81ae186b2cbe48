"""What drug screens add to the client chart: the screen history as a timeline, newest first,
each specimen read against the medication list on its collection date."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from iop.accounts import permissions
from iop.clients.chart import ChartSection, register_chart_section
from iop.clients.models import Client

SHOWN = 12
# After the medications section (iop.medications registers its own, before 30).
ORDER = 27


def specimen_url(specimen: Any) -> str:
    return reverse("relapse_prevention:specimen", args=[specimen.pk])


def record_url(client: Client) -> str:
    return reverse("relapse_prevention:specimen_record", args=[client.pk])


def screens_context(client: Client, user: Any) -> dict[str, Any]:
    from relapse_prevention.models import Specimen
    from relapse_prevention.readings import specimen_readings, specimens_for_reading

    history = Specimen.objects.filter(client=client).order_by("-collected_at")
    specimens = list(specimens_for_reading(history)[: SHOWN + 1])
    older = 0
    if len(specimens) > SHOWN:
        specimens = specimens[:SHOWN]
        older = history.count() - SHOWN
    readings = specimen_readings(specimens)
    rows = [
        {
            "reading": readings[s.pk],
            "specimen": s,
            "local": client.program.local(s.collected_at),
            "url": specimen_url(s),
            "signed": getattr(s, "signed_at", None) is not None,
        }
        for s in specimens
    ]
    return {
        "rows": rows,
        "older": older,
        "record_url": record_url(client)
        if permissions.can(user, permissions.RECORD_DRUG_SCREENS, client.program)
        else None,
    }


def register() -> None:
    register_chart_section(
        ChartSection(
            "drug_screens",
            ORDER,
            "relapse_prevention/chart/_screens.html",
            screens_context,
            permissions.VIEW_DRUG_SCREENS,
        )
    )
