"""Step-up and step-down rules contributed by the apps above scheduling (docs/architecture.md).

scheduling must not import relapse_prevention, so an app registers, from its
AppConfig.ready, a rule (read by ``candidates_evaluate`` beside its own RULES) and a reader
that fills the rule's facts for all the program's open episodes in a fixed number of
queries: it puts what it read under ``facts.extra[key]``. A flag whose contributed rule
stops firing is resolved, as any other.

An app may also hold back the step-down suggestion (``ready_for_step_down``): a hold says in
words what must not have happened (printed in that rule's words) and whether it did.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from iop.accounts.models import Program
    from scheduling.services.candidates import Facts, Fired


@dataclass(frozen=True)
class CandidateRule:
    key: str  # the rule's name, stored on the flag
    # (facts, program, today) -> Fired or None; reads facts.extra[reader_key].
    rule: Callable[[Facts, Program, datetime.date], Fired | None]
    # (program, today, facts by episode id) -> None; fills facts.extra[reader_key].
    reader: Callable[[Program, datetime.date, dict[Any, Facts]], None]
    # Rules sharing what they read name the same reader key: it runs once per evaluation.
    reader_key: str = ""


_rules: dict[str, CandidateRule] = {}


def register_candidate_rule(rule: CandidateRule) -> None:
    _rules[rule.key] = rule


def candidate_rules() -> list[CandidateRule]:
    return list(_rules.values())


@dataclass(frozen=True)
class StepDownHold:
    key: str
    # What the step-down rule's words add, e.g. "no lapse in the last 4 weeks".
    words: str
    # (facts, program, today) -> True when the step-down must not be suggested; reads what
    # the reader of the same key put under facts.extra.
    holds: Callable[[Facts, Program, datetime.date], bool]
    reader: Callable[[Program, datetime.date, dict[Any, Facts]], None]
    reader_key: str = ""


_holds: dict[str, StepDownHold] = {}


def register_step_down_hold(hold: StepDownHold) -> None:
    _holds[hold.key] = hold


def step_down_holds() -> list[StepDownHold]:
    return list(_holds.values())
