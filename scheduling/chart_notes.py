"""What charting adds to the client chart: the client's session notes, signed or not."""

from __future__ import annotations

from typing import Any

from iop.accounts import permissions
from iop.clients.chart import ChartSection, register_chart_section
from iop.clients.models import Client

SHOWN = 25


def notes_context(client: Client, user: Any) -> dict[str, Any]:
    from django.db.models import Count

    from scheduling.models import ProgressNote

    notes = ProgressNote.objects.filter(client=client)
    shown = list(
        notes.select_related("session__group", "author")
        .annotate(addenda_count=Count("addenda"))
        .order_by("-session__starts_at")[:SHOWN]
    )
    total = notes.count() if len(shown) == SHOWN else len(shown)
    return {"notes": shown, "total": total}


def register() -> None:
    register_chart_section(
        ChartSection(
            "session_notes",
            40,
            "scheduling/notes/_chart_section.html",
            notes_context,
            permissions.VIEW_CLINICAL_RECORD,
        )
    )
