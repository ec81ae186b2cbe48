"""The client's own baseline on check-ins: where they started, so a change reads against them.

The baseline is the median of the first BASELINE_CHECKINS standing check-ins of the
episode (fewer gives no baseline yet): a median, so one hard first day does not set it.
Check-in trends, the Today rise and the trauma-processing recovery rule all read this one.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

BASELINE_CHECKINS = 3


@dataclass(frozen=True)
class Baseline:
    craving: Decimal
    mood: Decimal
    count: int  # how many check-ins it was read from


def baseline_from(check_ins: Iterable[tuple[int, int]]) -> Baseline | None:
    """``check_ins``: (craving, mood) of the episode's standing check-ins, oldest first."""
    first = list(check_ins)[:BASELINE_CHECKINS]
    if len(first) < BASELINE_CHECKINS:
        return None
    return Baseline(
        craving=Decimal(str(statistics.median(c for c, _ in first))),
        mood=Decimal(str(statistics.median(m for _, m in first))),
        count=len(first),
    )


def episode_baseline(episode_id: Any) -> Baseline | None:
    """One query: the episode's first standing check-ins."""
    from relapse_prevention.models import CheckIn

    rows = (
        CheckIn.objects.standing()
        .filter(episode_id=episode_id)
        .order_by("recorded_at")
        .values_list("craving", "mood")[:BASELINE_CHECKINS]
    )
    return baseline_from(rows)
