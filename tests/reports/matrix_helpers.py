"""A sample report for the role matrix: a draft by the clinician, for the chart."""

from __future__ import annotations

import datetime
from typing import Any

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
    return {"report_id": str(report.pk)}
