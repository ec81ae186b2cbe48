from __future__ import annotations

from typing import Any

from django.db import models

from iop import locks
from iop.accounts import permissions
from iop.base import TimeStampedModel
from iop.clients.models import Client, Episode, SafetyFlag

from .assessment import Assessment


class InstrumentResultQuerySet(models.QuerySet["InstrumentResult"]):
    def visible_to(
        self, user: Any, capability: str = permissions.VIEW_CLIENTS
    ) -> InstrumentResultQuerySet:
        return self.filter(client__program_id__in=permissions.program_ids_with(user, capability))


@locks.track()
class InstrumentResult(TimeStampedModel):
    """One administration: raw answers, the instrument version, and what the server computed."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="instrument_results")
    episode = models.ForeignKey(
        Episode, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assessment = models.ForeignKey(
        Assessment,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="instrument_results",
    )
    instrument = models.CharField(max_length=16, db_index=True)
    version = models.CharField(max_length=40)
    administered_at = models.DateTimeField()
    answers = models.JSONField(help_text="Item key to answer value, as given.")
    context = models.JSONField(default=dict, blank=True, help_text="E.g. sex for AUDIT-C.")
    score = models.DecimalField(max_digits=6, decimal_places=1)
    band = models.CharField(max_length=60)
    critical_items = models.JSONField(default=list, blank=True)
    details = models.JSONField(
        default=dict, blank=True, help_text="Rule outcomes, e.g. the PCL-5 DSM-5 criteria."
    )

    objects = InstrumentResultQuerySet.as_manager()

    class Meta:
        ordering = ["-administered_at"]
        indexes = [models.Index(fields=["client", "instrument", "administered_at"])]
        # Scored on the server once: a later administration is a new row.
        triggers = locks.append_only("instrument scores are final; administer it again instead")

    def __str__(self) -> str:
        return f"{self.instrument} {self.score} ({self.band})"


class SafetyPlanDecision(models.TextChoices):
    PLAN_COMPLETED = "plan_completed", "Safety plan completed with the client today"
    PLAN_UPDATED = "plan_updated", "Existing safety plan reviewed and updated"
    EMERGENCY = "emergency", "Referred for emergency evaluation"
    NOT_INDICATED = "not_indicated", "No safety plan indicated (reason recorded)"


class SafetyAlertQuerySet(models.QuerySet["SafetyAlert"]):
    def visible_to(self, user: Any, capability: str) -> SafetyAlertQuerySet:
        return self.filter(client__program_id__in=permissions.program_ids_with(user, capability))

    def open(self) -> SafetyAlertQuerySet:
        return self.filter(acknowledged_at__isnull=True)


@locks.track()
class SafetyAlert(TimeStampedModel):
    """Raised by a critical item; blocks completing intake until a clinician responds."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="safety_alerts")
    result = models.ForeignKey(
        InstrumentResult, on_delete=models.PROTECT, related_name="safety_alerts"
    )
    reason = models.CharField(max_length=200)
    # The chart header's flag for this alert; resolved when the alert is acknowledged.
    flag = models.OneToOneField(SafetyFlag, on_delete=models.PROTECT, related_name="safety_alert")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    risk_assessment = models.TextField(blank=True)
    safety_plan_decision = models.CharField(
        max_length=16, choices=SafetyPlanDecision.choices, blank=True
    )
    decision_notes = models.TextField(blank=True)
    # The signed, written plan a "plan completed / updated" answer points to.
    safety_plan = models.ForeignKey(
        "intake.SafetyPlan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answered_alerts",
    )

    objects = SafetyAlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        triggers = locks.never_deleted()

    def __str__(self) -> str:
        return f"Safety alert for {self.client}: {self.reason}"

    @property
    def is_open(self) -> bool:
        return self.acknowledged_at is None
