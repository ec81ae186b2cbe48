"""What must be done before an episode closes, by kind of discharge.

The kernel closes episodes but does not know the record: the apps that hold each part of it
register a step from their AppConfig.ready() (intake: the final measures; the clinical
reports: the discharge or transition summary; treatment_plans: the aftercare plan;
scheduling: who makes the follow-up calls, and the outreach before a "lost to contact"
discharge). ``discharge_steps(episode, kind, on)`` asks every registered step; a step that
does not apply to the kind answers None. The episode closes only when every step that
applies is done (``iop.clients.services``), so nothing closes half-done.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DischargeStep:
    key: str
    title: str
    done: bool
    # What is done, or what is still missing, in the clinic's words.
    detail: str
    # Where staff go to do it (None when it is done on the discharge page itself).
    url: str | None = None
    link_text: str = ""


# (episode, kind, discharge day) -> the step, or None when it does not apply to this kind.
StepCheck = Callable[[Any, str, datetime.date], DischargeStep | None]


@dataclass(frozen=True)
class _Registered:
    key: str
    order: int
    check: StepCheck


_steps: dict[str, _Registered] = {}


def register_discharge_step(key: str, order: int, check: StepCheck) -> None:
    _steps[key] = _Registered(key, order, check)


def discharge_steps(episode: Any, kind: str, on: datetime.date) -> list[DischargeStep]:
    """The steps that apply to this kind of discharge, in order; none when no app registered."""
    steps = []
    for registered in sorted(_steps.values(), key=lambda r: r.order):
        step = registered.check(episode, kind, on)
        if step is not None:
            steps.append(step)
    return steps


def discharge_missing(episode: Any, kind: str, on: datetime.date) -> list[DischargeStep]:
    return [step for step in discharge_steps(episode, kind, on) if not step.done]
