"""The Today panel of random drug screens: who was drawn today in the user's programs."""

from __future__ import annotations

from typing import Any

from iop.accounts import permissions
from scheduling.today_panels import TodayPanel, register_today_panel


def random_today_context(user: Any, programs: list[Any]) -> dict[str, Any]:
    from relapse_prevention.models import RandomSelection

    # Each program's own date: programs in different zones are on different days.
    days = {program.today() for program in programs}
    selections = [
        s
        for s in RandomSelection.objects.filter(
            client__program__in=programs, day__in=days
        ).select_related("client", "client__program", "schedule")
        if s.day == s.client.program.today()
    ]
    selections.sort(key=lambda s: (s.client.legal_last_name, s.client.legal_first_name))
    return {"selections": selections}


def random_today_clients(context: dict[str, Any]) -> list[Any]:
    return [s.client for s in context["selections"]]


def register() -> None:
    register_today_panel(
        TodayPanel(
            key="random_screens",
            order=20,
            template="relapse_prevention/random/_today.html",
            capability=permissions.RECORD_DRUG_SCREENS,
            context=random_today_context,
            clients=random_today_clients,
        )
    )
