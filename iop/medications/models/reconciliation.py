"""Medication reconciliation: at admission and at each medication-management visit the
prescriber goes through the list and confirms, changes or stops each entry.

A completed reconciliation is final (the database refuses any change to it) and is what the
psychiatric review cadence counts from.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from iop import locks


class ReconciliationOccasion(models.TextChoices):
    ADMISSION = "admission", "Admission"
    MEDICATION_VISIT = "medication_visit", "Medication-management visit"
    REVIEW = "review", "Other review"


class ReconciliationDecision(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    CHANGED = "changed", "Changed"
    STOPPED = "stopped", "Stopped"
    ADDED = "added", "Added"


@locks.track()
class Reconciliation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="reconciliations"
    )
    episode = models.ForeignKey(
        "clients.Episode", on_delete=models.PROTECT, related_name="reconciliations"
    )
    occasion = models.CharField(max_length=20, choices=ReconciliationOccasion.choices)
    # The medication-management session it was done at. An id, not a foreign key: the kernel
    # knows nothing of scheduling (docs/architecture.md); scheduling looks it up.
    visit_session_id = models.UUIDField(null=True, blank=True)
    reconciled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    # What changed and why, one line per entry, written when it is completed.
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["client", "-completed_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["visit_session_id"],
                condition=Q(visit_session_id__isnull=False),
                name="reconciliation_once_per_visit",
                violation_error_message="This visit already has a medication reconciliation.",
            ),
            models.UniqueConstraint(
                fields=["episode"],
                condition=Q(completed_at__isnull=True),
                name="reconciliation_one_open_per_episode",
                violation_error_message="A reconciliation is already in progress for this episode.",
            ),
        ]
        triggers = [
            *locks.never_deleted(),
            locks.locked_once(
                name="completed_is_final",
                sql='OLD."completed_at" IS NOT NULL',
                rule="a completed reconciliation is final",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_occasion_display()} reconciliation"


class ReconciliationEntry(models.Model):
    """The decision on one entry, append-only; the change itself is a MedicationChange."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reconciliation = models.ForeignKey(
        Reconciliation, on_delete=models.PROTECT, related_name="entries"
    )
    medication = models.ForeignKey(
        "medications.Medication", on_delete=models.PROTECT, related_name="reconciliation_entries"
    )
    decision = models.CharField(max_length=16, choices=ReconciliationDecision.choices)
    reason = models.TextField(blank=True)
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["decided_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["reconciliation", "medication"],
                name="reconciliation_entry_once_per_medication",
                violation_error_message="This medication is already decided here.",
            )
        ]
        triggers = [*locks.append_only("reconciliation decisions are never changed or deleted")]

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.medication}"
