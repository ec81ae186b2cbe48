"""Stored reports: PDFs drawn from the record, rendered by a worker, kept unchanged.

A report row is requested (pending), claimed by one worker (rendering), then either
ready, with its file in the reports storage (``STORAGES["reports"]``: MEDIA_ROOT by default,
an S3-compatible bucket in production) and the file's SHA-256, or failed with the error.
Once ready it is final: the database refuses any change to the row, and no report is
ever deleted. A new copy of the same document is a new report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q

from iop import locks
from iop.accounts import permissions
from iop.accounts.models import Program
from iop.base import TimeStampedModel
from iop.clients.models import Client


class ReportStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be made"
    RENDERING = "rendering", "Being made"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class ReportQuerySet(models.QuerySet["Report"]):
    def visible_to(self, user: Any) -> ReportQuerySet:
        return self.filter(
            program_id__in=permissions.program_ids_with(user, permissions.VIEW_CLINICAL_RECORD)
        )

    def about(self, subject: models.Model) -> ReportQuerySet:
        return self.filter(subject_type=subject._meta.label, subject_id=subject.pk)

    def ready(self) -> ReportQuerySet:
        return self.filter(status=ReportStatus.READY)


@locks.track()
class Report(TimeStampedModel):
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="reports")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=40, help_text="A registered renderer, e.g. plan_clinical.")
    # What it was drawn from, named without importing the feature app.
    subject_type = models.CharField(max_length=80, help_text="E.g. treatment_plans.TreatmentPlan")
    subject_id = models.UUIDField()
    title = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.PENDING
    )
    file_path = models.CharField(max_length=200, blank=True, help_text="Relative to MEDIA_ROOT.")
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="ready")
                | (~Q(file_path="") & Q(sha256__regex=r"^[0-9a-f]{64}$") & Q(size__gt=0)),
                name="report_ready_has_file",
            )
        ]
        triggers = [
            locks.refuse(
                name="ready_is_final",
                operation=pgtrigger.Update,
                rule="a ready report is final; render a new one",
                condition=pgtrigger.Q(old__status="ready"),
            ),
            *locks.never_deleted("reports are never deleted"),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.kind} report"

    @property
    def in_progress(self) -> bool:
        return self.status in (ReportStatus.PENDING, ReportStatus.RENDERING)

    @property
    def is_ready(self) -> bool:
        return self.status == ReportStatus.READY

    @property
    def path(self) -> Path:
        """The stored file on this machine's disk, when the reports storage is a local one
        (tests and scripts; the app reads files with ``services.report_open``)."""
        from iop.reports.storage import report_storage

        return Path(report_storage().path(self.file_path))
