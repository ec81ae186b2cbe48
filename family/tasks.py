"""Beat tasks of the family app (CELERY_BEAT_SCHEDULE in settings). Thin: each calls one
idempotent service, so a rerun, or two workers running the same sweep, changes nothing."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from family.services import sessions
from family.services.group_reminders import family_group_reminders_enqueue


@shared_task(
    ignore_result=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3
)
def family_reminders_send() -> int:
    """Queue the reminders to people invited to family sessions whose time has come."""
    return sessions.family_reminders_enqueue()


@shared_task(
    ignore_result=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3
)
def family_group_reminders_send() -> int:
    """Queue the multi-family group reminders whose time has come (consent and DNC honoured)."""
    return family_group_reminders_enqueue()
