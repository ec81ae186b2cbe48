"""The census figure intake counts: open safety alerts in the program (every one, not only
those needing a director; those are the panel above the figures). Registered in
``iop.dashboard.registry`` from IntakeConfig.ready()."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse

from intake.services.alerts import alerts_open
from iop.dashboard.registry import CensusRow, register_census_figure


def alerts_count(program: Any, today: datetime.date) -> int:
    return len(alerts_open(program_ids=[program.pk]))


def alerts_rows(program: Any, today: datetime.date, part: str = "") -> list[CensusRow]:
    return [
        CensusRow(
            a.client,
            a.due_words[:1].upper() + a.due_words[1:],
            reverse("intake:alert_acknowledge", args=[a.alert.pk]),
        )
        for a in alerts_open(program_ids=[program.pk])
    ]


def register() -> None:
    register_census_figure(
        "safety_alerts",
        "Open safety alerts",
        alerts_count,
        alerts_rows,
        order=10,
        attention=True,
        help="A same-day risk assessment is due for each.",
    )
