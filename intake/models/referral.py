from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from iop import locks
from iop.accounts import permissions
from iop.accounts.models import Program
from iop.base import TimeStampedModel
from iop.clients.models import Client
from iop.phones import phone_display


class ReferralSource(models.TextChoices):
    SELF = "self", "Self"
    FAMILY = "family", "Family or friend"
    COURT = "court", "Court or probation"
    STEP_DOWN = "step_down", "Hospital or residential step-down"
    THERAPIST = "therapist", "Outpatient therapist"
    OTHER = "other", "Other"


class Urgency(models.TextChoices):
    ROUTINE = "routine", "Routine (within 7 days)"
    URGENT = "urgent", "Urgent (within 48 hours)"
    SAME_DAY = "same_day", "Same day"


class ReferralStatus(models.TextChoices):
    NEW = "new", "New"
    CONTACTING = "contacting", "Contacting"
    ASSESSING = "assessing", "Assessment under way"
    READY = "ready", "Assessed, ready to admit"
    ADMITTED = "admitted", "Admitted"
    CLOSED = "closed", "Closed without admission"


class ReferralQuerySet(models.QuerySet["Referral"]):
    def visible_to(self, user: Any, capability: str = permissions.VIEW_CLIENTS) -> ReferralQuerySet:
        return self.filter(program_id__in=permissions.program_ids_with(user, capability))

    def open(self) -> ReferralQuerySet:
        return self.exclude(status__in=[ReferralStatus.ADMITTED, ReferralStatus.CLOSED])


@locks.track()
class Referral(TimeStampedModel):
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="referrals")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="referrals")
    received_on = models.DateField()
    source = models.CharField(max_length=12, choices=ReferralSource.choices)
    referrer_name = models.CharField(
        "referrer's name", max_length=200, blank=True, help_text="Person or organization."
    )
    referrer_contact = models.CharField("referrer's phone or email", max_length=200, blank=True)
    court_case_number = models.CharField(max_length=60, blank=True)
    probation_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals_supervised",
        help_text="The officer's account, when they receive reports through this app.",
    )
    probation_officer_name = models.CharField(max_length=200, blank=True)
    reason = models.TextField("reason for referral")
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    status = models.CharField(
        max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.NEW
    )
    closed_reason = models.CharField(max_length=200, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-created_at"]
        triggers = locks.never_deleted()

    def __str__(self) -> str:
        return f"Referral of {self.client} on {self.received_on:%Y-%m-%d}"

    @property
    def referrer_contact_display(self) -> str:
        """An email address as typed; a phone number in national format."""
        if self.referrer_contact.startswith("+"):
            return phone_display(self.referrer_contact)
        return self.referrer_contact

    def clean(self) -> None:
        if self.source == ReferralSource.COURT and not self.court_case_number:
            raise ValidationError(
                {"court_case_number": "A court or probation referral needs the case number."}
            )
        if self.source == ReferralSource.COURT and not (
            self.probation_officer_id or self.probation_officer_name
        ):
            raise ValidationError(
                {"probation_officer_name": "Name the probation officer (or choose their account)."}
            )


class ContactMethod(models.TextChoices):
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    EMAIL = "email", "Email"
    IN_PERSON = "in_person", "In person"


class ContactOutcome(models.TextChoices):
    REACHED = "reached", "Reached"
    MESSAGE = "message", "Left a message"
    NO_ANSWER = "no_answer", "No answer"
    WRONG_NUMBER = "wrong_number", "Wrong number"
    DECLINED = "declined", "Declined services"


@locks.track()
class ContactAttempt(TimeStampedModel):
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="contacts")
    attempted_at = models.DateTimeField()
    method = models.CharField(max_length=10, choices=ContactMethod.choices)
    outcome = models.CharField(max_length=12, choices=ContactOutcome.choices)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-attempted_at"]
        triggers = locks.never_deleted()

    def __str__(self) -> str:
        return f"{self.get_method_display()}: {self.get_outcome_display()}"
