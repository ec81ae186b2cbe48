"""The Today panel of high-risk dates coming: for the primary clinician (and a program's
directors, every client of the program), the clients whose date is within the reminder
window, with the session to check in at: the client's nearest scheduled session on or
before the date. Staff-facing, still no more than the plan's own label (the plan for the
day stays on the plan page). Two queries, whatever the caseload.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from iop.accounts import permissions
from iop.clients.models import Client, Episode
from scheduling.today_panels import TodayPanel, register_today_panel

# Directors see the high-risk dates of every client in their program, as every other
# program-wide list on Today (one capability for them all).
PROGRAM_WIDE = permissions.OVERSEE_CASELOADS


@dataclass
class HighRiskRow:
    client: Client
    label: str
    occurrence: datetime.date
    today: datetime.date
    session_on: datetime.date | None = None

    @property
    def days_left(self) -> int:
        return (self.occurrence - self.today).days

    @property
    def check_in_today(self) -> bool:
        return self.session_on == self.today


def _episodes(user: Any, programs: list[Any]) -> Any:
    program_wide = [p.pk for p in programs if permissions.can(user, PROGRAM_WIDE, p)]
    return (
        Episode.objects.open()
        .filter(program__in=programs)
        .filter(Q(primary_clinician=user) | Q(program_id__in=program_wide))
    )


def _rows(user: Any, programs: list[Any]) -> list[HighRiskRow]:
    from relapse_prevention.services.high_risk_dates import high_risk_in_window, in_effect_dates

    rows = []
    for date_row in in_effect_dates(_episodes(user, programs)):
        client = date_row.plan.client
        program = client.program
        today = program.today()
        occurrence = high_risk_in_window(
            date_row, today=today, days_before=program.high_risk_reminder_days
        )
        if occurrence is not None:
            rows.append(HighRiskRow(client, date_row.label, occurrence, today))
    return rows


def _nearest_sessions(rows: list[HighRiskRow]) -> None:
    """Each row's nearest scheduled session on or before its date (from today): one query."""
    from scheduling.models import SessionAttendee, SessionStatus

    if not rows:
        return
    places = (
        SessionAttendee.objects.expected()
        .filter(
            client_id__in={row.client.pk for row in rows},
            episode__discharged_on__isnull=True,
            session__status=SessionStatus.SCHEDULED,
            session__occurs_on__gte=min(row.today for row in rows),
            session__occurs_on__lte=max(row.occurrence for row in rows),
        )
        .values_list("client_id", "session__occurs_on")
    )
    days: dict[Any, set[datetime.date]] = {}
    for client_id, occurs_on in places:
        days.setdefault(client_id, set()).add(occurs_on)
    for row in rows:
        before = [d for d in days.get(row.client.pk, ()) if row.today <= d <= row.occurrence]
        row.session_on = max(before, default=None)


def high_risk_today_context(user: Any, programs: list[Any]) -> dict[str, Any]:
    rows = _rows(user, programs)
    _nearest_sessions(rows)
    rows.sort(key=lambda r: (r.occurrence, r.client.legal_last_name, r.client.legal_first_name))
    return {"rows": rows}


def high_risk_today_clients(context: dict[str, Any]) -> list[Client]:
    return [row.client for row in context["rows"]]


def register() -> None:
    register_today_panel(
        TodayPanel(
            key="high_risk_dates",
            order=22,
            template="relapse_prevention/high_risk/_today.html",
            capability=permissions.CARRY_CASELOAD,
            context=high_risk_today_context,
            clients=high_risk_today_clients,
        )
    )
