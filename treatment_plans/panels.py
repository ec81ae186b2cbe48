"""Panels of the plan page, each owned by the module that builds it (gate, reviews, PDFs).

The plan page renders every registered panel in order, so the modules stay apart.
A panel's context function must use a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PlanPanel:
    key: str
    order: int
    template: str
    context: Callable[[Any, Any], dict[str, Any]]  # (plan, user) -> context


_panels: dict[str, PlanPanel] = {}


def register_panel(panel: PlanPanel) -> None:
    _panels[panel.key] = panel


def plan_panels(plan: Any, user: Any) -> list[dict[str, Any]]:
    """Each panel's template and context, ready for ``{% include panel.template %}``."""
    return [
        {"template": panel.template, **panel.context(plan, user)}
        for panel in sorted(_panels.values(), key=lambda p: p.order)
    ]
