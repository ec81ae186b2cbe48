"""Records for the random screening tests: a panel and an active schedule."""

from __future__ import annotations

import datetime
from typing import Any

from relapse_prevention.models import RandomScreening, ScreenPanel, SpecimenType


def panel(code: str = "urine-5") -> ScreenPanel:
    return ScreenPanel.objects.get_or_create(
        code=code,
        version=1,
        defaults={
            "name": "Urine 5-panel",
            "specimen_type": SpecimenType.URINE,
            "effective_from": datetime.date(2020, 1, 1),
        },
    )[0]


def schedule(client: Any, by: Any, times: int = 3, started_on: Any = None) -> RandomScreening:
    episode = client.episodes.get()
    return RandomScreening.objects.create(
        client=client,
        episode=episode,
        times_per_week=times,
        specimen_type=SpecimenType.URINE,
        panel_code=panel().code,
        started_on=started_on or episode.admitted_on,
        set_by=by,
        reason="Early recovery",
    )
