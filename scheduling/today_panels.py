"""What the apps above scheduling add to Today (docs/architecture.md).

scheduling must not import relapse_prevention or family, so each registers a panel from its
AppConfig.ready: a template and a context builder. Today renders the panels of the
capabilities the user holds, in order, beside its own lists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from iop.accounts.models import Program
    from iop.clients.models import Client


@dataclass(frozen=True)
class TodayPanel:
    key: str
    order: int
    template: str
    # Only users holding this capability see the panel (in those programs).
    capability: str
    # (user, the programs where the user holds the capability) -> the template's context.
    # A fixed number of queries, whatever the day holds.
    context: Callable[[Any, list[Program]], dict[str, Any]]
    # The clients the panel names, from its context (the record-view log lists them).
    clients: Callable[[dict[str, Any]], list[Client]]


@dataclass(frozen=True)
class ShownPanel:
    panel: TodayPanel
    context: dict[str, Any]


_panels: dict[str, TodayPanel] = {}


def register_today_panel(panel: TodayPanel) -> None:
    _panels[panel.key] = panel


def today_panels(user: Any) -> list[ShownPanel]:
    from iop.accounts import permissions

    shown = []
    for panel in sorted(_panels.values(), key=lambda p: p.order):
        programs = list(permissions.programs_with(user, panel.capability).order_by("name"))
        if programs:
            shown.append(ShownPanel(panel, panel.context(user, programs)))
    return shown
