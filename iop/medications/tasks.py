"""Beat sweep: remind prescribers of psychiatric medication reviews due today or overdue."""

from __future__ import annotations

import datetime

import pghistory
from celery import shared_task
from django.db import OperationalError, transaction

from iop.accounts import permissions
from iop.accounts.models import Program
from iop.medications.reviews import ReviewDue, reviews_due
from iop.notifications.models import Channel
from iop.notifications.services import outbox_enqueue

# Reminders go out in the program's morning (its own time zone): the hourly sweep queues
# them from 08:00 until noon; one that missed a morning goes out the next one.
MORNING = (datetime.time(8, 0), datetime.time(12, 0))
SUBJECT = "Psychiatric medication review due"
# No PHI: the message says only that something is waiting behind the sign-in.
BODY = (
    "A client's psychiatric medication review is due. Sign in to see Today.\n\n"
    "You receive this because you reconcile medications in your program."
)


def reminder_dedupe_key(user_id: object, review: ReviewDue) -> str:
    """One email per (prescriber, client, due date): a new reconciliation moves the due date,
    and the next due date is reminded again."""
    return f"psych-review:{user_id}:{review.client.pk}:{review.due_on.isoformat()}"


def in_the_morning(program: Program) -> bool:
    start, end = MORNING
    return start <= program.now().time() < end


def psychiatric_review_reminders_enqueue() -> int:
    """Queue one reminder per prescriber for each review due today or overdue in programs
    where it is morning now; safe to run any number of times."""
    programs = [p for p in Program.objects.filter(active=True) if in_the_morning(p)]
    if not programs:
        return 0
    queued = 0
    with pghistory.context(task="psychiatric_review_reminders_send"), transaction.atomic():
        reviews = reviews_due([p.pk for p in programs], within_days=0)
        recipients = {
            p.pk: list(
                permissions.users_with(p, permissions.RECONCILE_MEDICATIONS).exclude(email="")
            )
            for p in {r.program for r in reviews}
        }
        for review in reviews:
            for user in recipients[review.program.pk]:
                message = outbox_enqueue(
                    channel=Channel.EMAIL,
                    recipient=user.email,
                    subject=SUBJECT,
                    body=BODY,
                    dedupe_key=reminder_dedupe_key(user.pk, review),
                )
                queued += message is not None
    return queued


@shared_task(
    ignore_result=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3
)
def psychiatric_review_reminders_send() -> int:
    """Beat sweep (hourly): psychiatric review reminders in each program's morning."""
    return psychiatric_review_reminders_enqueue()
