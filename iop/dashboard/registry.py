"""What feature apps add to the census, registered at start-up (AppConfig.ready).

The kernel never imports a feature app (docs/architecture.md): intake, scheduling and
treatment_plans register the figures only they can count, and the census asks here.

A figure is one number on the census for one program on that program's date, and the list
behind it: ``count(program, today)`` costs a fixed number of queries however many clients,
and ``rows(program, today, part)`` lists the clients it counts (the drill-down page). A
figure with ``parts`` is a breakdown (by level of care, by track): each part is a number
of its own and its list is ``rows(program, today, part_key)``. A figure with ``url`` links
to a list page that exists elsewhere instead of the generic drill-down.

Adding a figure is one call from the owning app's ``ready()``::

    register_census_figure(
        key="step_candidates", label="Step-up or step-down candidates",
        count=candidates_count, rows=candidates_rows, section="attention",
    )
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

# ---------------------------------------------------------------- safety alerts panel

# program_ids -> the open alerts directors answer (overdue, or with no primary clinician);
# each item has a ``client`` (the record-view log names them).
CensusAlerts = Callable[[Iterable[Any]], list[Any]]

_census_alerts: list[CensusAlerts] = []


def register_census_alerts(provider: CensusAlerts) -> None:
    _census_alerts[:] = [provider]


def census_alerts(program_ids: Iterable[Any]) -> list[Any]:
    """No alerts when no app raises any."""
    return _census_alerts[0](program_ids) if _census_alerts else []


# ---------------------------------------------------------------- figures

Number = int | Decimal


@dataclass(frozen=True)
class CensusRow:
    """One client behind a figure: ``detail`` says why they are counted (plain text),
    ``url`` where to go (default: the client's chart)."""

    client: Any
    detail: str = ""
    url: str = ""


@dataclass(frozen=True)
class CensusPart:
    """One line of a breakdown: its key (in the drill-down's ?part=), label and count."""

    key: str
    label: str
    count: int


# Sections, in the order the census shows them.
SECTIONS = {
    "census": "Who is in care",
    "flow": "Admissions, discharges and changes",
    "attention": "Needs attention",
    "stay": "Attendance and length of stay",
}

CountFn = Callable[[Any, datetime.date], Number]
RowsFn = Callable[[Any, datetime.date, str], list[CensusRow]]
PartsFn = Callable[[Any, datetime.date], list[CensusPart]]


@dataclass(frozen=True)
class CensusFigure:
    key: str
    label: str
    count: CountFn
    rows: RowsFn
    section: str = "attention"
    order: int = 100
    unit: str = ""  # e.g. "days", shown after the number
    help: str = ""  # one sentence under the label: what is counted, over which period
    url: str = ""  # a URL name of a list page elsewhere; else the generic drill-down
    parts: PartsFn | None = None
    attention: bool = field(default=False)  # a non-zero number is drawn as needing action


_figures: dict[str, CensusFigure] = {}


def register_census_figure(
    key: str,
    label: str,
    count: CountFn,
    rows: RowsFn,
    **options: Any,
) -> CensusFigure:
    """Add (or replace, by key) one figure. ``options``: section, order, unit, help, url,
    parts, attention (see CensusFigure)."""
    if options.get("section", "attention") not in SECTIONS:
        raise ValueError(f"Unknown census section {options['section']!r}")
    figure = CensusFigure(key=key, label=label, count=count, rows=rows, **options)
    _figures[key] = figure
    return figure


def census_figures() -> list[CensusFigure]:
    """Every registered figure, by section then order."""
    sections = list(SECTIONS)
    return sorted(_figures.values(), key=lambda f: (sections.index(f.section), f.order, f.key))


def census_figure(key: str) -> CensusFigure | None:
    return _figures.get(key)
