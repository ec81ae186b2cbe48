"""Check-in trends read against the client's own baseline (relapse_prevention.baselines):
the chart's small server-drawn chart of craving and mood over the last 8 weeks, and the
rises Today shows the primary clinician.

A rise is the latest standing check-in at or above the baseline plus the program's
``checkin_rise_points`` on craving, or at or below the baseline minus those points on mood.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from relapse_prevention.baselines import BASELINE_CHECKINS, Baseline, baseline_from

WEEKS = 8
WIDTH, HEIGHT, PAD = 320, 110, 8


def figure(value: Decimal | int) -> str:
    """3, 3.5: a baseline as staff say it."""
    return f"{Decimal(value).normalize():f}"


def short_day(day: datetime.date) -> str:
    return f"{day:%b} {day.day}"


@dataclass(frozen=True)
class Rise:
    craving: bool
    mood: bool

    def __bool__(self) -> bool:
        return self.craving or self.mood


def rise(latest: Any, baseline: Baseline | None, points: int) -> Rise:
    if baseline is None or latest is None:
        return Rise(False, False)
    return Rise(
        craving=latest.craving >= baseline.craving + points,
        mood=latest.mood <= baseline.mood - points,
    )


# ---------------------------------------------------------------- the small chart


def _x(day: datetime.date, start: datetime.date, days: int) -> float:
    return PAD + (day - start).days * (WIDTH - 2 * PAD) / max(days - 1, 1)


def _y(value: Decimal | int) -> float:
    return PAD + (10 - float(value)) * (HEIGHT - 2 * PAD) / 10


def _series(name: str, check_ins: Sequence[Any], start: datetime.date, days: int) -> dict[str, Any]:
    points = [
        {
            "x": _x(c.recorded_on, start, days),
            "y": _y(getattr(c, name)),
            "label": f"{name.capitalize()} {getattr(c, name)} on {short_day(c.recorded_on)}",
        }
        for c in check_ins
    ]
    return {
        "points": points,
        "polyline": " ".join(f"{p['x']:.1f},{p['y']:.1f}" for p in points),
    }


def trend_drawing(
    check_ins: Sequence[Any], baseline: Baseline | None, today: datetime.date
) -> dict[str, Any]:
    """``check_ins``: standing, oldest first, within the last WEEKS weeks."""
    days = WEEKS * 7
    start = today - datetime.timedelta(days=days - 1)
    drawing: dict[str, Any] = {
        "width": WIDTH,
        "height": HEIGHT,
        "craving": _series("craving", check_ins, start, days),
        "mood": _series("mood", check_ins, start, days),
        "baseline": None,
        "start": start,
    }
    if baseline is not None:
        drawing["baseline"] = {
            "craving_y": _y(baseline.craving),
            "mood_y": _y(baseline.mood),
            "craving": figure(baseline.craving),
            "mood": figure(baseline.mood),
        }
    drawing["description"] = trend_words(check_ins, baseline)
    return drawing


def trend_words(check_ins: Sequence[Any], baseline: Baseline | None) -> str:
    """The chart's accessible name: where the latest check-in stands against the baseline."""
    if not check_ins:
        return "No check-ins in the last 8 weeks."
    latest = check_ins[-1]
    on = short_day(latest.recorded_on)
    if baseline is None:
        return (
            f"Craving {latest.craving} and mood {latest.mood} on {on}; no baseline yet "
            f"(it is read from the first {BASELINE_CHECKINS} check-ins)."
        )
    return (
        f"Craving {latest.craving} on {on}, baseline {figure(baseline.craving)}; "
        f"mood {latest.mood}, baseline {figure(baseline.mood)}."
    )


# ---------------------------------------------------------------- many episodes at once


def baselines_for(episode_ids: Sequence[Any]) -> dict[Any, Baseline]:
    """One query: each episode's first standing check-ins, read as baselines_from reads them."""
    from relapse_prevention.models import CheckIn

    rows = (
        CheckIn.objects.standing()
        .filter(episode_id__in=episode_ids)
        .annotate(
            place=Window(RowNumber(), partition_by=[F("episode_id")], order_by=F("recorded_at"))
        )
        .filter(place__lte=BASELINE_CHECKINS)
        .order_by("episode_id", "recorded_at")
        .values_list("episode_id", "craving", "mood")
    )
    firsts: dict[Any, list[tuple[int, int]]] = {}
    for episode_id, craving, mood in rows:
        firsts.setdefault(episode_id, []).append((craving, mood))
    found = {e: baseline_from(values) for e, values in firsts.items()}
    return {e: b for e, b in found.items() if b is not None}


def latest_for(episode_ids: Sequence[Any]) -> dict[Any, Any]:
    """One query: each episode's latest standing check-in."""
    from relapse_prevention.models import CheckIn

    rows = (
        CheckIn.objects.standing()
        .filter(episode_id__in=episode_ids)
        .order_by("episode_id", "-recorded_at")
        .distinct("episode_id")
    )
    return {c.episode_id: c for c in rows}
