"""What the multi-family group adds to a client's chart: that their family attended, and
who of *their own* people came; never another client's name or another family's."""

from __future__ import annotations

from typing import Any

from iop.accounts import permissions
from iop.clients.chart import ChartSection, register_chart_section
from iop.clients.models import Client

SHOWN = 12


def family_group_context(client: Client, user: Any) -> dict[str, Any]:
    from family.services.groups import participation

    rows = participation(client)
    return {
        "rows": list(reversed(rows))[:SHOWN],
        "more": max(len(rows) - SHOWN, 0),
        "held": len(rows),
        "attended": sum(1 for r in rows if r.attended),
    }


def register() -> None:
    register_chart_section(
        ChartSection(
            "family_group",
            34,
            "family/_group_chart.html",
            family_group_context,
            permissions.VIEW_FAMILY,
        )
    )
