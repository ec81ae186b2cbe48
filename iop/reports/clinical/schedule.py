"""Court-ordered reports: each criminal justice consent with a reporting frequency gets a
compliance report drafted for every period that has ended, once, for its client's primary
clinician to sign.

Periods run from the consent's signing day in the program's zone: 7 or 14 days, or a
calendar month (the 31st of a month counts as the last day of a shorter one). A period is
drafted the day after it ends and is due for signature two days later. Drafting stops the
moment the consent is revoked or expires (``Consent.objects.in_force``); a draft signed after
that is not disclosed (``disclosure.disclosure_refusal`` says why on its page). The beat task
runs often and is idempotent: the unique constraint on (consent, period) for scheduled reports
makes a second run, or two at once, draft each period once.
"""

from __future__ import annotations

import calendar
import datetime
import logging
from collections.abc import Iterator
from typing import Any

from django.db import IntegrityError, transaction

from iop.clients.models import Episode
from iop.reports.clinical import services
from iop.reports.clinical.consents import consents
from iop.reports.clinical.models import ClinicalReport
from iop.reports.clinical.sections import ReportKind
from iop.reports.clinical.terms import ReportingFrequency

logger = logging.getLogger(__name__)

SIGN_WITHIN_DAYS = 2
# A consent signed long before its schedule was set up is not back-filled with dozens of
# drafts: only periods that ended in the last five weeks are drafted.
BACKFILL_DAYS = 35


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


def periods(frequency: str, anchor: datetime.date) -> Iterator[tuple[datetime.date, datetime.date]]:
    """The reporting periods from ``anchor`` on, endlessly, as (first day, last day)."""
    index = 0
    while True:
        if frequency == ReportingFrequency.MONTHLY:
            start = _add_months(anchor, index)
            end = _add_months(anchor, index + 1) - datetime.timedelta(days=1)
        else:
            length = 7 if frequency == ReportingFrequency.WEEKLY else 14
            start = anchor + datetime.timedelta(days=length * index)
            end = start + datetime.timedelta(days=length - 1)
        yield start, end
        index += 1


def periods_due(consent: Any, today: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """The periods of ``consent`` that have ended by ``today`` (recent ones only)."""
    assert consent.signed_at is not None
    anchor = consent.client.program.local_date(consent.signed_at)
    due = []
    for start, end in periods(consent.reporting_frequency, anchor):
        if end >= today:
            break
        if consent.expires_on and start > consent.expires_on:
            break
        if end >= today - datetime.timedelta(days=BACKFILL_DAYS):
            due.append((start, end))
    return due


def _episode_for(consent: Any, end: datetime.date) -> Episode | None:
    return (
        Episode.objects.filter(client_id=consent.client_id, admitted_on__lte=end)
        .select_related("primary_clinician", "level_of_care")
        .order_by("-admitted_on")
        .first()
    )


def scheduled_consents() -> list[Any]:
    return list(consents().reporting().select_related("client", "client__program"))


def scheduled_reports_draft() -> int:
    """Draft every due period of every scheduled consent in force; returns how many."""
    drafted = 0
    for consent in scheduled_consents():
        program = consent.client.program
        today = program.today()
        done = set(
            ClinicalReport.objects.filter(consent=consent, scheduled=True).values_list(
                "period_start", "period_end"
            )
        )
        for start, end in periods_due(consent, today):
            if (start, end) in done:
                continue
            episode = _episode_for(consent, end)
            if episode is None or episode.primary_clinician is None:
                logger.warning(
                    "Scheduled report of consent %s for %s to %s: no episode with a primary "
                    "clinician to write it",
                    consent.pk,
                    start,
                    end,
                )
                continue
            if episode.discharged_on and episode.discharged_on < start:
                continue  # nothing happened in care during this period
            try:
                with transaction.atomic():
                    services.report_draft(
                        kind=ReportKind.COMPLIANCE,
                        client=consent.client,
                        episode=episode,
                        start=start,
                        end=end,
                        consent=consent,
                        author=episode.primary_clinician,
                        scheduled=True,
                        due_on=end + datetime.timedelta(days=SIGN_WITHIN_DAYS),
                    )
            except IntegrityError:
                continue  # another run drafted it a moment ago
            drafted += 1
    return drafted


def overdue_drafts(program_ids: list[Any], *, limit: int = 50) -> list[ClinicalReport]:
    """Scheduled reports past their due date and still unsigned, oldest first."""
    candidates = (
        ClinicalReport.objects.drafts()
        .filter(program_id__in=program_ids, scheduled=True, due_on__isnull=False)
        .select_related("client", "client__program", "author")
        .order_by("due_on")[: limit * 2]
    )
    return [r for r in candidates if r.overdue_on(r.client.program.today())][:limit]
