"""The client's family sessions on the chart (iop.clients.chart): when, with whom, who of
the client's people came, and the note's state."""

from __future__ import annotations

from typing import Any

from iop.accounts import permissions
from iop.clients.chart import ChartSection, register_chart_section
from iop.clients.models import Client

SHOWN = 20


def family_sessions_context(client: Client, user: Any) -> dict[str, Any]:
    from django.db.models import Prefetch

    from family.models import FamilySessionGuest
    from scheduling.models import ProgressNote, Session, SessionKind, SessionStaff

    guests = FamilySessionGuest.objects.filter(removed_at__isnull=True).select_related(
        "client_person__person"
    )
    sessions = Session.objects.filter(kind=SessionKind.FAMILY, attendees__client=client)
    shown = list(
        sessions.prefetch_related(
            Prefetch("family_guests", queryset=guests, to_attr="guests"),
            Prefetch("staff_links", queryset=SessionStaff.objects.select_related("user")),
            Prefetch("notes", queryset=ProgressNote.objects.filter(client=client), to_attr="own"),
        )
        .distinct()
        .order_by("-starts_at")[:SHOWN]
    )
    return {
        "sessions": shown,
        "can_book": permissions.can(user, permissions.BOOK_SESSIONS, client.program),
        "client": client,
    }


def register() -> None:
    register_chart_section(
        ChartSection(
            "family_sessions",
            33,
            "family/sessions/_chart_section.html",
            family_sessions_context,
            permissions.VIEW_FAMILY,
        )
    )
