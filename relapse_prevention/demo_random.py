"""Random drug screening for the demo: a few clients on a schedule, the past week's draws
and no-shows, and today's draw, all made by the services on the day (``iop.demo_clock``)
with a fixed-seed generator so every demo shows a selection on a weekday."""

from __future__ import annotations

import datetime
import random
from typing import Any

from iop.clients.models import Episode
from iop.demo_clock import on
from relapse_prevention.models import RandomScreening, ScreenPanel, SpecimenType
from relapse_prevention.services import random_screens

SEED = 12
PLAN = [(5, "Return to use reported in group"), (3, "Early recovery"), (2, "Step-down monitoring")]


def _panel(day: datetime.date) -> ScreenPanel:
    panel = ScreenPanel.objects.filter(retired=False, specimen_type=SpecimenType.URINE).first()
    if panel:
        return panel
    # Only when the panels' own demo has not made one.
    return ScreenPanel.objects.create(
        code="urine-demo",
        name="Urine screen (demo)",
        specimen_type=SpecimenType.URINE,
        effective_from=day - datetime.timedelta(days=365),
    )


def seed_random(context: dict[str, Any]) -> None:
    program, staff = context["program"], context["staff"]
    if RandomScreening.objects.filter(episode__program=program).exists():
        return
    clinician = staff["clinician@demo.test"]
    today = program.today()
    start = today - datetime.timedelta(days=8)
    panel = _panel(start)
    episodes = list(
        Episode.objects.filter(
            program=program, discharged_on__isnull=True, admitted_on__lte=start
        ).order_by("client__record_number")[: len(PLAN)]
    )
    for episode, (times, reason) in zip(episodes, PLAN, strict=False):
        with on(program, start, datetime.time(9, 0)):
            random_screens.schedule_start(
                episode=episode,
                times_per_week=times,
                panel_code=panel.code,
                started_on=start,
                reason=reason,
                by=clinician,
            )
    rng = random.Random(SEED)
    for offset in range(8, -1, -1):
        day = today - datetime.timedelta(days=offset)
        with on(program, day, datetime.time(6, 0)):
            random_screens.draw_program(program, rng)
        if offset:
            with on(program, day, datetime.time(21, 0)):
                random_screens.no_shows_program(program)
