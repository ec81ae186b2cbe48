"""What a report's sections read, and who draws each one.

The kernel drafts reports but does not import the feature apps that hold the record: each
app registers, from its AppConfig.ready(), the sections it owns (a drawer: Record -> the
section's data) and the facts other sections need from it (a reader: Record -> value), e.g.
scheduling the attendance and its totals, relapse_prevention the drug screens and the count
of failed ones. A section nobody registered is drawn empty; a fact nobody registered is None.

Each fact is read once per report and shared (``Record.fact``), so a report takes a fixed
number of queries whatever the number of sessions, screens or scores.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from iop.accounts.models import Program
from iop.clients.models import Client, Episode
from iop.reports.clinical.terms import ConsentInformation

ONE_DAY = datetime.timedelta(days=1)

Drawer = Callable[["Record"], dict[str, Any]]
Reader = Callable[["Record"], Any]

_drawers: dict[str, Drawer] = {}
_readers: dict[str, Reader] = {}


def register_section(key: str, drawer: Drawer) -> None:
    """``drawer`` draws the section ``key`` (sections.SECTIONS) of every kind that holds it."""
    _drawers[key] = drawer


def register_fact(name: str, reader: Reader) -> None:
    _readers[name] = reader


def drawer_for(key: str) -> Drawer | None:
    return _drawers.get(key)


@dataclass
class Record:
    """The client's record for one report: a period of one episode, within a consent's scope."""

    kind: str
    client: Client
    episode: Episode
    program: Program
    start: datetime.date
    end: datetime.date
    information: list[str] | None
    memo: dict[str, Any] = field(default_factory=dict)

    def covers(self, information: str) -> bool:
        return self.information is None or information in self.information

    @property
    def screens_in_scope(self) -> bool:
        return self.covers(ConsentInformation.DRUG_SCREENS)

    @property
    def weeks(self) -> float:
        return ((self.end - self.start).days + 1) / 7

    def moment(self, day: datetime.date) -> datetime.datetime:
        """Midnight starting ``day`` in the program's zone."""
        return datetime.datetime.combine(day, datetime.time.min, tzinfo=self.program.zone)

    def once(self, key: str, read: Callable[[], Any]) -> Any:
        """``read()`` the first time ``key`` is asked for, the same value after."""
        if key not in self.memo:
            self.memo[key] = read()
        return self.memo[key]

    def fact(self, name: str) -> Any:
        """A fact another app registered (None when no app did)."""
        reader = _readers.get(name)
        if reader is None:
            return None
        return self.once(f"fact:{name}", lambda: reader(self))
