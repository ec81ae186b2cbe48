"""Beat tasks of the program day (CELERY_BEAT_SCHEDULE in settings). Thin: each calls one
idempotent service, so a rerun, or two workers running the same sweep, changes nothing."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from scheduling.services import calendar, candidates, level_changes, reminders


@shared_task(
    ignore_result=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3
)
def sessions_generate_ahead() -> int:
    """Keep each program's tracks generated ``sessions_weeks_ahead`` weeks ahead."""
    return calendar.sessions_generate()


@shared_task(
    ignore_result=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3
)
def session_reminders_send() -> int:
    """Queue the client reminders whose time has come (quiet hours and channel honoured)."""
    return reminders.session_reminders_enqueue()


@shared_task(
    ignore_result=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3
)
def note_reminders_send() -> int:
    """Queue today's unsigned-note reminder to each clinician who has notes to finish."""
    return reminders.note_reminders_enqueue()


@shared_task(
    ignore_result=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3
)
def level_changes_apply() -> int:
    """Approved changes of level dated ahead take effect on their day, in the program's zone."""
    return level_changes.level_changes_due_apply()


@shared_task(
    ignore_result=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3
)
def level_change_candidates_evaluate() -> int:
    """Flag step-up and step-down candidates, each program once on its own local day."""
    return candidates.candidates_evaluate_due()
