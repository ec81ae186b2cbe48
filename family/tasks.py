"""Beat tasks of the family app (CELERY_BEAT_SCHEDULE in settings): thin and idempotent."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from family.services import sessions


@shared_task(
    ignore_result=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3
)
def family_reminders_send() -> int:
    """Queue the reminders to people invited to family sessions whose time has come."""
    return sessions.family_reminders_enqueue()
