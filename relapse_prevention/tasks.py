"""Beat tasks of relapse prevention (CELERY_BEAT_SCHEDULE in settings): thin and idempotent."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from relapse_prevention.services import high_risk_dates, random_screens


@shared_task(
    ignore_result=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3
)
def random_draws() -> int:
    """Today's random screen draw in each program whose morning has come (never ahead)."""
    return random_screens.draws_due()


@shared_task(
    ignore_result=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3
)
def random_no_shows() -> int:
    """Selections still pending once their program day is over become no-shows."""
    return random_screens.no_shows_due()


@shared_task(
    ignore_result=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3
)
def high_risk_reminders_send() -> int:
    """Reminders of the high-risk dates whose reminder day has come (each exactly once)."""
    return high_risk_dates.high_risk_reminders_enqueue()


@shared_task(
    ignore_result=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3
)
def lapse_candidates_evaluate(program_id: str) -> dict[str, int]:
    """After a lapse is recorded (or marked in error): the program's step-up candidates now,
    not at the next hourly sweep. Idempotent: evaluating twice the same day changes nothing."""
    from iop.accounts.models import Program
    from scheduling.services.candidates import candidates_evaluate

    program = Program.objects.filter(pk=program_id, active=True).first()
    if program is None:
        return {}
    return candidates_evaluate(program)
