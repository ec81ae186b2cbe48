"""Sections of the client chart contributed by feature apps.

The kernel must not import feature apps, so each app registers what it adds to the
chart (from its AppConfig.ready) and the chart view renders the registered sections.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from iop.clients.models import Client


@dataclass(frozen=True)
class ChartSection:
    key: str
    order: int
    template: str
    # Builds the section's context; must use a fixed number of queries.
    context: Callable[[Client, Any], dict[str, Any]]
    # Only users holding this capability see the section (e.g. clinical notes).
    capability: str


_sections: dict[str, ChartSection] = {}


def register_chart_section(section: ChartSection) -> None:
    _sections[section.key] = section


def chart_sections() -> list[ChartSection]:
    return sorted(_sections.values(), key=lambda s: s.order)
