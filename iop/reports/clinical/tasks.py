"""Beat tasks of reports (CELERY_BEAT_SCHEDULE in settings): thin and idempotent."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from iop.reports.clinical import schedule


@shared_task(
    ignore_result=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3
)
def scheduled_reports_draft() -> int:
    """Draft each court-ordered compliance report whose period has ended, once."""
    return schedule.scheduled_reports_draft()
