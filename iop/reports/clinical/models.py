"""Reports drawn from the record, signed by the clinician, and their disclosures.

A ``ClinicalReport`` is drafted from the record (its ``content`` is the record's sections
as they stood when drafted or last refreshed), edited only in its narrative fields, then
signed: the database then refuses any change, and a worker renders the signed content to
a PDF (an ``iop.reports.Report``, stored with its SHA-256). A report drafted for a
recipient holds only what that recipient's consent covers (``sections.scope_of``).

A ``Disclosure`` is one release of one signed report to one recipient under one consent:
never changed, never deleted; the accounting of disclosures lists them.
"""

from __future__ import annotations

import datetime
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
from iop.reports.clinical.sections import ReportKind
from iop.reports.models import Report
from iop.signatures.models import lock_when_signed


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SIGNED = "signed", "Signed"


class ClinicalReportQuerySet(models.QuerySet["ClinicalReport"]):
    def visible_to(
        self, user: Any, capability: str = permissions.VIEW_CLINICAL_RECORD
    ) -> ClinicalReportQuerySet:
        return self.filter(program_id__in=permissions.program_ids_with(user, capability))

    def drafts(self) -> ClinicalReportQuerySet:
        return self.filter(signed_at__isnull=True)

    def signed(self) -> ClinicalReportQuerySet:
        return self.filter(signed_at__isnull=False)


@locks.track()
class ClinicalReport(TimeStampedModel):
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="clinical_reports")
    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="+")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=ReportKind.choices)
    # The id printed on every page and checked at verification: short, and read aloud.
    reference = models.CharField(max_length=20, unique=True)
    period_start = models.DateField()
    period_end = models.DateField()
    # The recipient it is drafted for; none: a report for the chart, never disclosed.
    consent = models.ForeignKey(
        "intake.Consent", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Drafted by the reporting schedule of the consent, due for signature on this date.
    scheduled = models.BooleanField(default=False)
    due_on = models.DateField(null=True, blank=True)
    # Only the author signs (the primary clinician for a scheduled report).
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    # Drawn from the record: {"sections": [{"key", "title", ...data}], "left_out": [...]}
    content = models.JSONField(default=dict)
    drawn_at = models.DateTimeField()
    # The clinician's words, prefilled from the record (which ones a kind uses:
    # sections.NARRATIVE_FIELDS).
    executive_summary = models.TextField(blank=True)
    participation = models.TextField(blank=True)
    recommendation = models.TextField(blank=True)
    clinician_summary = models.TextField(blank=True)
    aftercare = models.TextField(blank=True)

    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_text = models.TextField(blank=True)
    content_sha256 = models.CharField(max_length=64, blank=True)
    # The rendering of the signed report (set once, by the sign service).
    document = models.OneToOneField(
        Report, null=True, blank=True, on_delete=models.PROTECT, related_name="clinical_report"
    )

    objects = ClinicalReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period_end", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="report_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(signed_at__isnull=True)
                | (~Q(content_sha256="") & Q(signed_by__isnull=False)),
                name="signed_report_has_signer_and_hash",
            ),
            # One scheduled report per consent and period: a beat task run twice drafts once.
            models.UniqueConstraint(
                fields=["consent", "period_start", "period_end"],
                condition=Q(scheduled=True),
                name="one_scheduled_report_per_period",
            ),
        ]
        triggers = [
            # The rendering is attached once after signing; nothing else changes.
            lock_when_signed(mutable=["document"]),
            locks.refuse(
                name="document_set_once",
                operation=pgtrigger.Update,
                rule="a signed report's document is set once",
                condition=pgtrigger.Condition(
                    'OLD."document_id" IS NOT NULL '
                    'AND OLD."document_id" IS DISTINCT FROM NEW."document_id"'
                ),
            ),
            *locks.never_deleted(
                "reports are never deleted; a signed one is corrected by a new one"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}"

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    @property
    def for_recipient(self) -> bool:
        return self.consent_id is not None

    @property
    def compliance_label(self) -> str:
        """The compliance status the report states ("" when it holds none)."""
        for section in self.content.get("sections", []):
            if section.get("key") == "compliance":
                return str(section.get("status_label", ""))
        return ""

    def overdue_on(self, day: datetime.date) -> bool:
        return not self.is_signed and self.due_on is not None and self.due_on < day


class DisclosureQuerySet(models.QuerySet["Disclosure"]):
    def visible_to(
        self, user: Any, capability: str = permissions.VIEW_CLINICAL_RECORD
    ) -> DisclosureQuerySet:
        return self.filter(report__program_id__in=permissions.program_ids_with(user, capability))

    def to_recipient(self, user: Any) -> DisclosureQuerySet:
        """What this officer may open now: disclosed to them, under a consent still in force.

        A revocation or an expiry takes effect at once: what was sent stays recorded as
        sent, but the portal no longer opens it.
        """
        from iop.reports.clinical.consents import consents

        return self.filter(recipient_user=user, consent__in=consents().in_force())


@locks.track()
class Disclosure(TimeStampedModel):
    report = models.ForeignKey(ClinicalReport, on_delete=models.PROTECT, related_name="disclosures")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    consent = models.ForeignKey("intake.Consent", on_delete=models.PROTECT, related_name="+")
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recipient_name = models.CharField(max_length=200, help_text="As the consent names them.")
    # What was disclosed, in the consent's terms (ConsentInformation values) and in words.
    information = models.JSONField(default=list)
    description = models.CharField(max_length=300)
    disclosed_at = models.DateTimeField()
    # None: disclosed by the reporting schedule once the report was signed.
    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The officer was told (no client name, no clinical word) through the outbox.
    notified = models.BooleanField(default=False)

    objects = DisclosureQuerySet.as_manager()

    class Meta:
        ordering = ["-disclosed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "consent"], name="one_disclosure_per_report_and_consent"
            )
        ]
        triggers = [
            locks.refuse(
                name="disclosure_is_a_fact",
                operation=pgtrigger.Update,
                rule="a disclosure is recorded once and never changed",
                condition=locks.Changed(
                    "report",
                    "client",
                    "consent",
                    "recipient_user",
                    "recipient_name",
                    "information",
                    "description",
                    "disclosed_at",
                    "disclosed_by",
                ),
            ),
            *locks.never_deleted("disclosures are never deleted (the accounting lists them)"),
        ]

    def __str__(self) -> str:
        return f"{self.report} to {self.recipient_name}"
