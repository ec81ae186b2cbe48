"""Random drug screening for the demo: a few clients on a schedule, the past week's draws
and collections (one missed: a no-show), and today's draw, all made by the services on the
day (``iop.demo_clock``) with a fixed-seed generator so every demo shows a selection."""

from __future__ import annotations

import datetime
import random
from typing import Any

from iop.clients.models import Episode
from iop.demo_clock import on
from relapse_prevention.models import (
    RandomScreening,
    RandomSelection,
    ScreenPanel,
    SelectionOutcome,
    TestingSite,
    Validity,
)
from relapse_prevention.panels import DEFAULT_PANEL
from relapse_prevention.services import random_screens
from relapse_prevention.services.screens import ResultInput, specimen_record

SEED = 12
PLAN = [(5, "Return to use reported in group"), (3, "Early recovery"), (2, "Step-down monitoring")]


def _panel() -> ScreenPanel:
    """The program panel the migrations seed, as staff would pick it."""
    return ScreenPanel.objects.get(code=DEFAULT_PANEL, retired=False)


def seed_random(context: dict[str, Any]) -> None:
    program, staff = context["program"], context["staff"]
    if RandomScreening.objects.filter(episode__program=program).exists():
        return
    clinician = staff["clinician@demo.test"]
    today = program.today()
    start = today - datetime.timedelta(days=8)
    panel = _panel()
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
    missed = False
    for offset in range(8, -1, -1):
        day = today - datetime.timedelta(days=offset)
        with on(program, day, datetime.time(6, 0)):
            random_screens.draw_program(program, rng)
        if not offset:
            continue  # today's selections wait for the staff who collect
        pending = RandomSelection.objects.filter(
            client__program=program, day=day, outcome=SelectionOutcome.PENDING
        ).select_related("client")
        for selection in pending:
            if offset <= 3 and not missed:
                missed = True  # the one missed collection: the sweep records the no-show
                continue
            _collect(selection.client, panel, day, clinician)
        with on(program, day, datetime.time(21, 0)):
            random_screens.no_shows_program(program)


def _collect(client: Any, panel: ScreenPanel, day: datetime.date, clinician: Any) -> None:
    """A selected client gives the specimen that morning: negative, but for what their
    medication explains (recording it marks the selection collected)."""
    classes = set(client.medications.active_on(day).values_list("drug_class", flat=True))
    results = [
        ResultInput(
            analyte.pk,
            "positive" if classes & set(analyte.explained_by) else "negative",
        )
        for analyte in panel.analytes.all()
    ]
    with on(client.program, day, datetime.time(10, 30)):
        specimen_record(
            client=client,
            actor=clinician,
            panel=panel,
            ordered_by=clinician,
            collected_at=client.program.now(),
            collected_by=clinician,
            observed=True,
            validity=Validity.NORMAL,
            testing_site=TestingSite.POINT_OF_CARE,
            lab_or_device="Program 13-panel cup",
            results=results,
        )
