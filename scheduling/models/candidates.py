"""A client the program flags, on its own, as a candidate for a step up or a step down.

The rule that fired is kept with the flag, in words and with the figures that fired it, so
a director reads why without opening the record. A flag is never deleted: it is dismissed
(with the director's reason), proposed (linked to the proposal made from it) or resolved
(the rule no longer fires, or the episode closed). Once it is no longer open it is final.
"""

from __future__ import annotations

from typing import Any

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q

from iop import locks
from iop.accounts import permissions
from iop.accounts.models import Program
from iop.base import TimeStampedModel
from iop.clients.models import Client, Episode
from scheduling.models.level_changes import LevelChangeProposal


class Direction(models.TextChoices):
    UP = "up", "Step up"
    DOWN = "down", "Step down"


class CandidateStatus(models.TextChoices):
    OPEN = "open", "Open"
    DISMISSED = "dismissed", "Dismissed"
    PROPOSED = "proposed", "Proposed"
    RESOLVED = "resolved", "No longer applies"


class CandidateQuerySet(models.QuerySet["LevelChangeCandidate"]):
    def visible_to(
        self, user: Any, capability: str = permissions.VIEW_CLINICAL_RECORD
    ) -> CandidateQuerySet:
        return self.filter(program_id__in=permissions.program_ids_with(user, capability))

    def open(self) -> CandidateQuerySet:
        return self.filter(status=CandidateStatus.OPEN)


@locks.track()
class LevelChangeCandidate(TimeStampedModel):
    episode = models.ForeignKey(
        Episode, on_delete=models.PROTECT, related_name="level_change_candidates"
    )
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    direction = models.CharField(max_length=4, choices=Direction.choices)
    rule = models.CharField(max_length=40)
    # The rule in words, as staff read it ("Attendance below 90% over the last 2 weeks").
    rule_text = models.TextField()
    # What fired it, as last evaluated: {"text": "...", ...the numbers}.
    figures = models.JSONField(default=dict)
    flagged_on = models.DateField()
    last_fired_on = models.DateField()
    status = models.CharField(
        max_length=10, choices=CandidateStatus.choices, default=CandidateStatus.OPEN
    )
    closed_on = models.DateField(null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dismissed_at = models.DateTimeField(null=True, blank=True)
    dismissed_reason = models.TextField(blank=True)
    proposal = models.OneToOneField(
        LevelChangeProposal,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="candidate",
    )

    objects = CandidateQuerySet.as_manager()

    class Meta:
        ordering = ["-flagged_on", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["episode", "direction", "rule"],
                condition=Q(status="open"),
                name="one_open_level_candidate_per_rule",
            ),
            models.CheckConstraint(
                condition=~Q(status="dismissed")
                | (Q(dismissed_by__isnull=False) & ~Q(dismissed_reason="")),
                name="level_candidate_dismissal_names_who_and_why",
            ),
        ]
        triggers = [
            locks.refuse(
                name="level_candidate_as_raised",
                operation=pgtrigger.Update,
                rule="a flag keeps the episode and rule it was raised for",
                condition=locks.Changed(
                    "episode", "client", "program", "direction", "rule", "flagged_on"
                ),
            ),
            locks.locked_once(
                name="level_candidate_closed_once",
                sql="OLD.status <> 'open'",
                rule="a dismissed, proposed or resolved flag is final",
            ),
            *locks.never_deleted(),
        ]

    def __str__(self) -> str:
        return f"{self.client}: {self.get_direction_display()} ({self.rule})"
