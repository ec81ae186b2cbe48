"""A sample report for the role matrix: a draft by the clinician, for the chart."""

from __future__ import annotations

import datetime
from typing import Any

from intake.models import CourtOrder, LegalStatus
from iop.accounts.models import Role
from iop.reports.clinical.services import report_draft


def report_samples(client_record: Any, staff: dict[str, Any]) -> dict[str, str]:
    episode = client_record.episodes.get()
    end = client_record.program.today() - datetime.timedelta(days=1)
    report = report_draft(
        kind="compliance",
        client=client_record,
        episode=episode,
        start=max(episode.admitted_on, end - datetime.timedelta(days=6)),
        end=end,
        consent=None,
        author=staff[Role.CLINICIAN],
    )
    order = CourtOrder.objects.create(
        client=client_record,
        case_number="CR-2026-0001",
        court_program="County Drug Court",
        legal_status=LegalStatus.PROBATION,
        supervising_officer_name="Dana Whitfield",
        ordered_on=episode.admitted_on,
        group_sessions_per_week=3,
    )
    return {
        "clinical_report_id": str(report.pk),
        "court_order_id": str(order.pk),
        # No disclosure has this id: an officer gets 404 (as for another officer's).
        "disclosure_id": "7d1c5a52-0000-4000-8000-000000000000",
    }
