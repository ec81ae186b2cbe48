"""The accounting of disclosures (42 CFR 2.25): on the client's request, every disclosure
made with their consent in the prior three years, with the recipient, the date and what.

Disclosures are never changed or deleted, so the list is read straight from them, revoked
consents included (what was sent stays recorded as sent). One query however many rows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from iop.clients.models import Client
from iop.reports.clinical.models import Disclosure
from iop.reports.clinical.terms import ConsentInformation

YEARS = 3


@dataclass(frozen=True)
class Accounting:
    client: Client
    since: datetime.date
    until: datetime.date
    rows: list[dict[str, Any]]


def _three_years_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - YEARS)
    except ValueError:  # February 29
        return day.replace(year=day.year - YEARS, day=28)


def _information(values: list[str]) -> str:
    labels = [ConsentInformation(v).label.lower() for v in values if v in ConsentInformation.values]
    return ", ".join(labels) if labels else "identifiers only"


def accounting_for(client: Client, *, now: datetime.datetime | None = None) -> Accounting:
    program = client.program
    moment = now or timezone.now()
    until = program.local_date(moment)
    since = _three_years_before(until)
    start = datetime.datetime.combine(since, datetime.time.min, tzinfo=program.zone)
    disclosures = (
        Disclosure.objects.filter(client=client, disclosed_at__gte=start, disclosed_at__lte=moment)
        .select_related("report", "consent", "disclosed_by")
        .order_by("-disclosed_at")
    )
    rows = [
        {
            "disclosure": d,
            "disclosed_on": program.local_date(d.disclosed_at),
            "recipient": d.recipient_name,
            "what": d.description,
            "information": _information(d.information),
            "consent": d.consent.get_kind_display(),
            "consent_signed_on": program.local_date(d.consent.signed_at)
            if d.consent.signed_at
            else None,
            "consent_revoked": d.consent.revoked_at is not None,
            "by": d.disclosed_by.display_name
            if d.disclosed_by
            else "Sent when the report was signed",
        }
        for d in disclosures
    ]
    return Accounting(client=client, since=since, until=until, rows=rows)
