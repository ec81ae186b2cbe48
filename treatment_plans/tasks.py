from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from treatment_plans.services import reviews


@shared_task(
    ignore_result=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3
)
def plan_reminders_send() -> int:
    """Beat sweep: reminders for first plans and reviews due soon or overdue (idempotent)."""
    return reviews.plan_reminders_enqueue()
