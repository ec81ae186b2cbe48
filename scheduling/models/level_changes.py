"""A proposed step up or step down of an episode's level of care, and the director's decision.

The proposal keeps what it was decided on: the evidence drawn from the record when it was
made (a snapshot, never redrawn), a fresh rating of the six ASAM dimensions with the
decision aid's recommendation, and the clinician's justification. None of that changes once
written (a returned proposal is followed by a new one); the decision is recorded once; the
change itself (``iop.clients.LevelOfCareChange``) is linked when it takes effect.

It lives in scheduling because approving it moves the client's track enrollment and future
sessions, which scheduling owns.
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
from iop.clients.models import Client, Episode, LevelOfCare, LevelOfCareChange
from scheduling.models.calendar import Track


class ProposalStatus(models.TextChoices):
    PENDING = "pending", "Awaiting a director"
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Returned to the clinician"


class TrackPlan(models.TextChoices):
    KEEP = "keep", "Stay in the current track"
    MOVE = "move", "Move to another track"
    LEAVE = "leave", "Leave the track (booked sessions only)"


class ProposalQuerySet(models.QuerySet["LevelChangeProposal"]):
    def visible_to(
        self, user: Any, capability: str = permissions.VIEW_CLINICAL_RECORD
    ) -> ProposalQuerySet:
        return self.filter(program_id__in=permissions.program_ids_with(user, capability))

    def pending(self) -> ProposalQuerySet:
        return self.filter(status=ProposalStatus.PENDING)

    def due(self) -> ProposalQuerySet:
        """Approved, dated ahead, not yet in effect."""
        return self.filter(status=ProposalStatus.APPROVED, applied_at__isnull=True)


CONTENT_FIELDS = (
    "episode",
    "client",
    "program",
    "from_level",
    "to_level",
    "effective_on",
    "track_plan",
    "track",
    "asam_edition",
    "asam_ratings",
    "asam_notes",
    "recommended_code",
    "recommended_reasons",
    "evidence",
    "why_this_level",
    "why_not_lower",
    "why_not_higher",
    "proposed_by",
    "receiving_provider",
    "receiving_provider_contact",
)


@locks.track()
class LevelChangeProposal(TimeStampedModel):
    episode = models.ForeignKey(
        Episode, on_delete=models.PROTECT, related_name="level_change_proposals"
    )
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    from_level = models.ForeignKey(LevelOfCare, on_delete=models.PROTECT, related_name="+")
    to_level = models.ForeignKey(LevelOfCare, on_delete=models.PROTECT, related_name="+")
    effective_on = models.DateField()
    track_plan = models.CharField(max_length=8, choices=TrackPlan.choices)
    track = models.ForeignKey(
        Track, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    asam_edition = models.CharField(max_length=1)
    # {"1": 2, ..., "6": 1}: each dimension's risk, 0-4; notes the same way.
    asam_ratings = models.JSONField()
    asam_notes = models.JSONField(default=dict)
    recommended_code = models.CharField(max_length=8)
    recommended_reasons = models.JSONField(default=list)
    # The record as it stood when proposed: sections drawn as reports draw them, and alerts.
    evidence = models.JSONField(default=dict)
    why_this_level = models.TextField()
    why_not_lower = models.TextField()
    why_not_higher = models.TextField()
    # A move to another provider (a level this program does not run, or the same care closer
    # to home): approval records the discharge to them instead of changing the level here.
    receiving_provider = models.CharField(max_length=200, blank=True)
    receiving_provider_contact = models.CharField(max_length=200, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField(blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    change = models.OneToOneField(
        LevelOfCareChange, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["episode"],
                condition=Q(status="pending"),
                name="one_pending_level_change_per_episode",
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(decided_by__isnull=False),
                name="level_change_decision_names_its_director",
            ),
        ]
        triggers = [
            locks.refuse(
                name="level_change_proposal_as_written",
                operation=pgtrigger.Update,
                rule="a proposal is kept as written (return it and propose again)",
                condition=locks.Changed(*CONTENT_FIELDS),
            ),
            locks.refuse(
                name="level_change_decided_once",
                operation=pgtrigger.Update,
                rule="a level-of-care decision is recorded once",
                condition=pgtrigger.Condition(
                    "OLD.status <> 'pending' AND (OLD.status IS DISTINCT FROM NEW.status "
                    "OR OLD.decided_by_id IS DISTINCT FROM NEW.decided_by_id "
                    "OR OLD.decided_at IS DISTINCT FROM NEW.decided_at "
                    "OR OLD.decision_comment IS DISTINCT FROM NEW.decision_comment "
                    "OR (OLD.applied_at IS NOT NULL AND (OLD.applied_at IS DISTINCT FROM "
                    "NEW.applied_at OR OLD.change_id IS DISTINCT FROM NEW.change_id)))"
                ),
            ),
            *locks.never_deleted(),
        ]

    def __str__(self) -> str:
        return f"{self.client}: ASAM {self.from_level.code} to {self.to_level.code}"

    @property
    def to_another_provider(self) -> bool:
        return bool(self.receiving_provider)

    @property
    def direction(self) -> str:
        return "Step up" if self.to_level.ordering > self.from_level.ordering else "Step down"
