"""A client's medication list: what they take, who prescribed it, from when to when.

Entries are never deleted: a medication is stopped (with a date and a reason), and every
change is kept twice over, as a MedicationChange row that says who changed what and why, and
in the row-level history (pghistory).
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from iop import locks
from iop.accounts import permissions
from iop.base import TimeStampedModel
from iop.medications.classes import PSYCHIATRIC, DrugClass


class MedicationSource(models.TextChoices):
    REPORTED = "reported", "Reported by the client"
    OUTSIDE_RECORD = "outside_record", "Outside record"
    PRESCRIBED_HERE = "prescribed_here", "Prescribed here"


class Route(models.TextChoices):
    ORAL = "oral", "By mouth"
    SUBLINGUAL = "sublingual", "Under the tongue (sublingual)"
    INJECTION = "injection", "Injection"
    EXTENDED_RELEASE_INJECTION = "xr_injection", "Extended-release injection"
    TRANSDERMAL = "transdermal", "Skin patch"
    INHALED = "inhaled", "Inhaled"
    NASAL = "nasal", "Nasal"
    OTHER = "other", "Other"


class MedicationQuerySet(models.QuerySet["Medication"]):
    def visible_to(
        self, user: Any, capability: str = permissions.VIEW_MEDICATIONS
    ) -> MedicationQuerySet:
        return self.filter(client__program_id__in=permissions.program_ids_with(user, capability))

    def active_on(self, day: datetime.date) -> MedicationQuerySet:
        """Taken on ``day``: started on or before it, not stopped before it (the stop day
        itself still counts: a dose taken that morning shows on that day's screen)."""
        return self.filter(started_on__lte=day).filter(
            Q(stopped_on__isnull=True) | Q(stopped_on__gte=day)
        )

    def current(self) -> MedicationQuerySet:
        return self.filter(stopped_on__isnull=True)


@locks.track()
class Medication(TimeStampedModel):
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="medications"
    )
    name = models.CharField(
        max_length=120, help_text="As on the label, e.g. Buprenorphine/naloxone (Suboxone)."
    )
    drug_class = models.CharField(
        max_length=32,
        choices=DrugClass.choices,
        help_text="What a drug screen can match it to.",
    )
    dose = models.CharField(max_length=60, help_text="e.g. 8 mg/2 mg")
    route = models.CharField(max_length=16, choices=Route.choices, default=Route.ORAL)
    frequency = models.CharField(max_length=60, help_text="e.g. once daily, at bedtime")
    indication = models.CharField(max_length=200, blank=True)
    # A prescription made here names this program's prescriber; otherwise the outside
    # prescriber by name (or nobody, for an over-the-counter medication).
    prescriber = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="medications_prescribed",
    )
    outside_prescriber = models.CharField(max_length=120, blank=True)
    started_on = models.DateField(
        help_text="An approximate date is fine for a reported medication."
    )
    stopped_on = models.DateField(null=True, blank=True)
    stop_reason = models.CharField(max_length=300, blank=True)
    controlled = models.BooleanField("controlled substance", default=False)
    source = models.CharField(max_length=16, choices=MedicationSource.choices)

    objects = MedicationQuerySet.as_manager()

    class Meta:
        ordering = ["stopped_on", Lower("name")]
        constraints = [
            models.CheckConstraint(
                condition=Q(stopped_on__isnull=True) | Q(stopped_on__gte=models.F("started_on")),
                name="medication_stop_not_before_start",
                violation_error_message="The stop date cannot be before the start date.",
            ),
            models.UniqueConstraint(
                "client",
                Lower("name"),
                condition=Q(stopped_on__isnull=True),
                name="medication_one_current_entry_per_name",
                violation_error_message="This medication is already on the client's list.",
            ),
            models.CheckConstraint(
                condition=~Q(source="prescribed_here") | Q(prescriber__isnull=False),
                name="medication_prescribed_here_names_prescriber",
                violation_error_message="A prescription made here names its prescriber.",
            ),
        ]
        triggers = [*locks.never_deleted()]

    def __str__(self) -> str:
        return f"{self.name} {self.dose}"

    @property
    def psychiatric(self) -> bool:
        return self.drug_class in PSYCHIATRIC

    @property
    def prescriber_name(self) -> str:
        if self.prescriber is not None:
            return self.prescriber.get_full_name() or self.prescriber.email
        return self.outside_prescriber

    def is_active_on(self, day: datetime.date) -> bool:
        return self.started_on <= day and (self.stopped_on is None or self.stopped_on >= day)


class MedicationChangeKind(models.TextChoices):
    RECORDED = "recorded", "Recorded"
    PRESCRIBED = "prescribed", "Prescribed"
    CHANGED = "changed", "Changed"
    CONFIRMED = "confirmed", "Confirmed"
    STOPPED = "stopped", "Stopped"


class MedicationChange(models.Model):
    """One change to one entry, with who, when and why: the list's own history, append-only."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    medication = models.ForeignKey(Medication, on_delete=models.PROTECT, related_name="changes")
    kind = models.CharField(max_length=16, choices=MedicationChangeKind.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField()
    # Field name -> [before, after] for what this change altered (empty when confirmed).
    fields_changed = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    # Set when the change was made in a reconciliation (admission, medication visit).
    reconciliation = models.ForeignKey(
        "medications.Reconciliation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="changes",
    )

    class Meta:
        ordering = ["changed_at"]
        triggers = [*locks.append_only("medication changes are never changed or deleted")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.medication}"
