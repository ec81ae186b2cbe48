"""Follow-up tasks: an unexcused absence asks the primary clinician to reach out the same day.

The tasks are created by ``attendance_record`` (scheduling/services/attendance.py); here
they are listed and completed. A task is never deleted: completing it records what was
done, when and by whom (pghistory keeps every change).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from iop.accounts import permissions
from iop.accounts.models import User
from scheduling.access import charting_program_ids, schedule_managing_program_ids
from scheduling.models import FollowUpStatus, FollowUpTask


def followups_open(*, user: User, program_ids: Iterable[Any]) -> list[FollowUpTask]:
    """Open follow-ups in these programs: the user's own, plus, for a program's directors
    (who manage its schedule), those assigned to anyone or to nobody. Oldest due first."""
    program_ids = set(program_ids) & charting_program_ids(user)
    managed = program_ids & schedule_managing_program_ids(user)
    tasks = FollowUpTask.objects.open().filter(program_id__in=program_ids)
    if not managed:
        tasks = tasks.filter(assigned_to=user)
    else:
        tasks = tasks.filter(Q(assigned_to=user) | Q(program_id__in=managed))
    tasks = tasks.select_related(
        "program", "client", "assigned_to", "attendee__session", "attendee__session__group"
    ).order_by("due_on", "created_at")
    # The calls after a discharge are set weeks ahead: each shows from its own day.
    return [task for task in tasks if task.due_on <= task.program.today()]


def followup_complete(*, task: FollowUpTask, outcome: str, actor: User) -> FollowUpTask:
    """Close a follow-up with what happened (reached, message left, no answer…)."""
    if not permissions.can(actor, permissions.CHART_SESSIONS, task.program):
        raise PermissionDenied("Only the program's clinicians and directors close follow-ups.")
    outcome = outcome.strip()
    if not outcome:
        raise ValidationError(
            {"outcome": "Write what happened, e.g. reached the client or left a message."}
        )
    with transaction.atomic():
        locked = FollowUpTask.objects.select_for_update().get(pk=task.pk)
        if locked.status == FollowUpStatus.DONE:
            when = task.program.local(locked.completed_at) if locked.completed_at else None
            by = locked.completed_by or "someone else"
            raise ValidationError(
                f"This follow-up was already completed by {by}"
                + (f" on {when:%d %b at %H:%M}." if when else ".")
            )
        locked.status = FollowUpStatus.DONE
        locked.outcome = outcome
        locked.completed_at = timezone.now()
        locked.completed_by = actor
        locked.save(
            update_fields=[
                "status",
                "outcome",
                "completed_at",
                "completed_by",
                "updated_at",
            ]
        )
    return locked
