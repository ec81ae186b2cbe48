from __future__ import annotations

import pghistory
from celery import shared_task

from iop.reports import services


@shared_task(
    ignore_result=True,
    autoretry_for=services.TRANSIENT_ERRORS,
    retry_backoff=True,
    max_retries=5,
)
def report_render(report_id: str) -> bool:
    """Render one requested report; safe to run twice (the second run finds it claimed)."""
    with pghistory.context(task="iop.reports.tasks.report_render", report=report_id):
        return services.report_render_one(report_id=report_id)


@shared_task(ignore_result=True)
def report_render_stale() -> int:
    """Beat's sweep: send again the reports whose task was lost or whose worker died."""
    lost = services.reports_to_send_again()
    for report_id in lost:
        report_render.delay(report_id)
    return len(lost)
