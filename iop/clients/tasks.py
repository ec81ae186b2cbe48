"""Beat task of the kernel's clients (CELERY_BEAT_SCHEDULE in settings): thin and idempotent."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from iop.clients import services


@shared_task(
    ignore_result=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3
)
def planned_discharges_apply() -> int:
    """Make each planned discharge take effect on its date, in its program's time zone."""
    return services.episode_discharges_due_apply()
