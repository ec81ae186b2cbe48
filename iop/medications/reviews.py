"""The psychiatric review cadence: who is due a medication review, and when.

A client is on the cadence while their episode is open and at least one medication whose
class is psychiatric (iop.medications.classes.PSYCHIATRIC) is active on the program's today.
The count starts from the latest completed reconciliation of the episode (any occasion, its
completion date in program time) or, with none, from admission; the next review is due
``Program.psychiatric_review_days`` later.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery

from iop.accounts.models import Program
from iop.clients.models import Client, Episode
from iop.medications.classes import PSYCHIATRIC
from iop.medications.models import Medication, Reconciliation


@dataclass
class ReviewDue:
    client: Client
    episode: Episode
    program: Program
    last_reviewed_on: datetime.date | None
    due_on: datetime.date
    today: datetime.date
    prescribers: list[str] = field(default_factory=list)

    @property
    def overdue(self) -> bool:
        return self.due_on < self.today

    @property
    def days_overdue(self) -> int:
        return max((self.today - self.due_on).days, 0)

    @property
    def due_today(self) -> bool:
        return self.due_on == self.today

    @property
    def counted_from(self) -> datetime.date:
        return self.last_reviewed_on or self.episode.admitted_on


def _psychiatric(day: datetime.date) -> Any:
    return Medication.objects.filter(drug_class__in=PSYCHIATRIC).active_on(day)


def reviews_due(program_ids: Iterable[Any], *, within_days: int = 3) -> list[ReviewDue]:
    """Reviews due within ``within_days`` of each program's today, or overdue; overdue first
    (most overdue first), then by due date. Three queries, whatever the number of clients."""
    programs = {p.pk: p for p in Program.objects.filter(pk__in=list(program_ids))}
    if not programs:
        return []
    todays = {pk: program.today() for pk, program in programs.items()}
    on_their_day: Any = Q(pk__in=[])
    for pk, today in todays.items():
        on_their_day |= Q(program_id=pk) & Exists(
            _psychiatric(today).filter(client_id=OuterRef("client_id"))
        )
    last_completed = (
        Reconciliation.objects.filter(episode_id=OuterRef("pk"), completed_at__isnull=False)
        .order_by("-completed_at")
        .values("completed_at")[:1]
    )
    earliest_today = min(todays.values())
    meds = (
        Medication.objects.filter(drug_class__in=PSYCHIATRIC)
        .filter(Q(stopped_on__isnull=True) | Q(stopped_on__gte=earliest_today))
        .select_related("prescriber")
    )
    episodes = (
        Episode.objects.open()
        .filter(on_their_day)
        .annotate(last_completed_at=Subquery(last_completed))
        .select_related("client")
        .prefetch_related(Prefetch("client__medications", queryset=meds, to_attr="psych_meds"))
    )
    due: list[ReviewDue] = []
    for episode in episodes:
        program = programs[episode.program_id]
        today = todays[program.pk]
        completed = episode.last_completed_at  # type: ignore[attr-defined]
        last = program.local_date(completed) if completed is not None else None
        due_on = (last or episode.admitted_on) + datetime.timedelta(
            days=program.psychiatric_review_days
        )
        if due_on > today + datetime.timedelta(days=within_days):
            continue
        names = sorted(
            {
                m.prescriber_name
                for m in episode.client.psych_meds  # type: ignore[attr-defined]
                if m.is_active_on(today) and m.prescriber_name
            }
        )
        due.append(ReviewDue(episode.client, episode, program, last, due_on, today, names))
    due.sort(key=lambda r: (not r.overdue, r.due_on, r.client.display_name))
    return due


def due_in_words(review: ReviewDue) -> str:
    """ "Overdue by 2 days", "Due today", "Due Thursday, Dec 3"."""
    if review.overdue:
        days = review.days_overdue
        return f"Overdue by {days} day{'s' if days != 1 else ''}"
    if review.due_today:
        return "Due today"
    return f"Due {review.due_on:%A}, {review.due_on:%b} {review.due_on.day}"
