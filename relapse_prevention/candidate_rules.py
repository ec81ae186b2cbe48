"""What lapses add to the program's step-up candidates (scheduling.candidate_rules).

Two rules, their numbers the program's settings: ``lapses_repeated`` (at least
``lapse_step_up_count`` standing lapses in the last ``lapse_step_up_days`` days, today
included) and ``lapse_with_safety_alert`` (a standing lapse in those days while the client
has an open safety alert). A lapse marked as entered in error does not count. A lapse in the
last 4 weeks also holds back the step-down suggestion, as a failed drug screen does. One
reader fills all three for all the program's open episodes in one query (the open alerts are
already among scheduling's facts).
"""

from __future__ import annotations

import datetime
from typing import Any

from iop.accounts.models import Program
from iop.reports.clinical.words import plural
from scheduling.candidate_rules import (
    CandidateRule,
    StepDownHold,
    register_candidate_rule,
    register_step_down_hold,
)
from scheduling.models import Direction
from scheduling.services.candidates import LONG_DAYS, Facts, Fired, short_day

READER = "lapses"
DAY = datetime.timedelta(days=1)


def window_start(program: Program, today: datetime.date) -> datetime.date:
    """The first day of the window: ``lapse_step_up_days`` days ending today."""
    return today - (program.lapse_step_up_days - 1) * DAY


def read_lapses(program: Program, today: datetime.date, by_episode: dict[Any, Facts]) -> None:
    from relapse_prevention.models import Lapse

    for facts in by_episode.values():
        facts.extra[READER] = []
    # The step-down hold looks back 4 weeks, the rules over the program's window.
    since = min(window_start(program, today), today - (LONG_DAYS - 1) * DAY)
    rows = (
        Lapse.objects.standing()
        .filter(episode_id__in=by_episode, occurred_on__range=(since, today))
        .order_by("occurred_on")
        .values_list("episode_id", "occurred_on")
    )
    for episode_id, day in rows:
        by_episode[episode_id].extra[READER].append(day)


def _days_text(days: list[datetime.date]) -> str:
    return ", ".join(short_day(d) for d in days)


def _window(program: Program) -> str:
    return plural(program.lapse_step_up_days, "day", "days")


def _in_window(facts: Facts, program: Program, today: datetime.date) -> list[datetime.date]:
    start = window_start(program, today)
    return [d for d in facts.extra.get(READER, []) if d >= start]


def lapses_repeated(facts: Facts, program: Program, today: datetime.date) -> Fired | None:
    days = _in_window(facts, program, today)
    if len(days) < program.lapse_step_up_count:
        return None
    return Fired(
        "lapses_repeated",
        Direction.UP,
        f"{plural(program.lapse_step_up_count, 'lapse', 'lapses')} or more within the last "
        f"{_window(program)} (the program's setting)",
        {
            "lapses": len(days),
            "dates": [d.isoformat() for d in days],
            "text": f"{plural(len(days), 'lapse', 'lapses')}: {_days_text(days)}.",
        },
    )


def lapse_with_safety_alert(facts: Facts, program: Program, today: datetime.date) -> Fired | None:
    days = _in_window(facts, program, today)
    if not days or not facts.alerts:
        return None
    alerts = "; ".join(a.rstrip(".") for a in facts.alerts)
    return Fired(
        "lapse_with_safety_alert",
        Direction.UP,
        f"A lapse within the last {_window(program)} while a safety alert is open",
        {
            "lapses": len(days),
            "dates": [d.isoformat() for d in days],
            "alerts": facts.alerts,
            "text": f"{plural(len(days), 'lapse', 'lapses')}: {_days_text(days)}. "
            f"Open safety alert: {alerts}.",
        },
    )


def lapse_holds_step_down(facts: Facts, program: Program, today: datetime.date) -> bool:
    """Any standing lapse in the last 4 weeks (what the reader read back to)."""
    start = today - (LONG_DAYS - 1) * DAY
    return any(d >= start for d in facts.extra.get(READER, []))


def register() -> None:
    register_step_down_hold(
        StepDownHold(
            key="no_recent_lapse",
            words="no lapse in the last 4 weeks",
            holds=lapse_holds_step_down,
            reader=read_lapses,
            reader_key=READER,
        )
    )
    for rule in (lapses_repeated, lapse_with_safety_alert):
        register_candidate_rule(
            CandidateRule(key=rule.__name__, rule=rule, reader=read_lapses, reader_key=READER)
        )
