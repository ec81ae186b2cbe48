"""Decisions on the pacing of trauma processing, when its signs show (CLINICAL.md, "Trauma
processing measures"): the clinician records one, a supervisor or director confirms it.

The decision keeps the signs it answered as they were shown, so what was decided can be read
against what was seen. Confirmed once and then final; never deleted.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from iop import locks
from iop.accounts import permissions
from iop.accounts.models import Program
from iop.base import TimeStampedModel
from iop.clients.models import Episode


class PacingDecision(models.TextChoices):
    CONTINUE = "continue", "Continue processing as planned"
    SLOW = "slow", "Slow the pacing"
    STABILIZE = "stabilize", "Return to stabilization"


class ProcessingDecisionQuerySet(models.QuerySet["ProcessingDecision"]):
    def visible_to(self, user: Any, capability: str) -> ProcessingDecisionQuerySet:
        return self.filter(program_id__in=permissions.program_ids_with(user, capability))

    def confirmed(self) -> ProcessingDecisionQuerySet:
        return self.filter(confirmed_at__isnull=False)

    def awaiting_confirmation(self) -> ProcessingDecisionQuerySet:
        return self.filter(confirmed_at__isnull=True)


@locks.track()
class ProcessingDecision(TimeStampedModel):
    episode = models.ForeignKey(
        Episode, on_delete=models.PROTECT, related_name="processing_decisions"
    )
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(
        "treatment_plans.TreatmentPlan", on_delete=models.PROTECT, related_name="+"
    )
    signs = models.TextField(help_text="The signs it answers, as they were shown.")
    decision = models.CharField(max_length=12, choices=PacingDecision.choices)
    reason = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The phase change a confirmed return to stabilization made, where it made one.
    phase_change = models.ForeignKey(
        "treatment_plans.PhaseChange",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ProcessingDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(confirmed_at__isnull=True)
                | ~models.Q(confirmed_by=models.F("decided_by")),
                name="processing_decision_confirmed_by_another",
            ),
        ]
        triggers = [
            locks.locked_once(
                name="locked_once_confirmed",
                sql="OLD.confirmed_at IS NOT NULL",
                rule="a confirmed pacing decision is final; record a new decision",
            ),
            *locks.never_deleted(),
        ]

    def __str__(self) -> str:
        return f"Pacing decision {self.created_at:%Y-%m-%d}: {self.get_decision_display()}"
