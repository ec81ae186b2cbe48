from __future__ import annotations

import datetime
from typing import Any

import pgtrigger
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from iop import locks
from iop.accounts import permissions
from iop.accounts.models import Program
from iop.base import TimeStampedModel
from iop.clients.models import Client
from iop.reports.clinical.terms import ConsentInformation, ReportingFrequency
from iop.signatures.models import lock_when_signed

REVOCATION_TERMS = (
    "You may revoke this consent at any time, in writing, by giving or sending a signed "
    "statement to the program's privacy officer, except to the extent that the program has "
    "already acted in reliance on it."
)


NOT_YET_REVOCABLE = "this consent cannot be revoked before its irrevocable-until date"


class ConsentKind(models.TextChoices):
    TREATMENT = "treatment", "Consent to treatment"
    DISCLOSURE = "disclosure", "Consent to disclose (42 CFR 2.31)"
    CRIMINAL_JUSTICE = "criminal_justice", "Criminal justice disclosure (42 CFR 2.35)"


class ConsentStatus(models.TextChoices):
    DRAFT = "draft", "Awaiting signature"
    ACTIVE = "active", "In force"
    EXPIRED = "expired", "Expired"
    REVOKED = "revoked", "Revoked"


class SignerRelationship(models.TextChoices):
    CLIENT = "client", "The client"
    REPRESENTATIVE = "representative", "Authorized representative"


class ConsentQuerySet(models.QuerySet["Consent"]):
    def visible_to(self, user: Any, capability: str = permissions.VIEW_CLIENTS) -> ConsentQuerySet:
        return self.filter(client__program_id__in=permissions.program_ids_with(user, capability))

    def in_force(self, on: datetime.date | None = None) -> ConsentQuerySet:
        """Signed, not revoked, not past its expiry date (expiry events are checked by staff)."""
        if on is not None:
            unexpired = Q(expires_on__gte=on)
        else:
            # Each client's program has its own today: one condition per time zone in use
            # (a handful, however many programs), read in one small query.
            unexpired = Q(pk__in=[])
            zones = Program.objects.order_by().values_list("time_zone", flat=True).distinct()
            for zone in zones:
                today = Program(time_zone=zone).today()
                unexpired |= Q(client__program__time_zone=zone, expires_on__gte=today)
        return self.filter(signed_at__isnull=False, revoked_at__isnull=True).filter(
            Q(expires_on__isnull=True) | unexpired
        )

    def reporting(self) -> ConsentQuerySet:
        """In force, with a court-ordered reporting frequency and a recipient account."""
        return (
            self.in_force()
            .filter(kind=ConsentKind.CRIMINAL_JUSTICE, recipient_user__isnull=False)
            .exclude(reporting_frequency="")
        )

    def report_choices(self, client: Any) -> ConsentQuerySet:
        """The consents a report for this client may be drafted under (not treatment)."""
        return self.in_force().filter(client=client).exclude(kind=ConsentKind.TREATMENT)

    def authorizing(self, *, recipient: Any, information: str) -> ConsentQuerySet:
        return (
            self.in_force()
            .exclude(kind=ConsentKind.TREATMENT)
            .filter(recipient_user=recipient, information__contains=[information])
        )


@locks.track()
class Consent(TimeStampedModel):
    """A consent with every element 42 CFR 2.31 requires; locked once signed."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="consents")
    kind = models.CharField(max_length=20, choices=ConsentKind.choices)
    discloser = models.CharField(
        "who may disclose", max_length=200, help_text="The program or person that may disclose."
    )
    recipient_user = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consents_received",
        verbose_name="recipient (probation officer account)",
    )
    recipient_name = models.CharField(
        "recipient by name", max_length=200, blank=True, help_text="A named person or agency."
    )
    recipient_class = models.CharField(
        "recipient by class", max_length=200, blank=True, help_text="E.g. 'my treating providers'."
    )
    information = ArrayField(
        models.CharField(max_length=20, choices=ConsentInformation.choices),
        default=list,
        blank=True,
        verbose_name="what may be disclosed",
    )
    purpose = models.TextField("purpose of the disclosure", blank=True)
    expires_on = models.DateField("expires on", null=True, blank=True)
    expiry_event = models.CharField("or expires on this event", max_length=200, blank=True)
    revocation_terms = models.TextField("right to revoke and how", default=REVOCATION_TERMS)
    # 42 CFR 2.35: criminal justice consents state duration and when they become revocable.
    duration = models.CharField(max_length=200, blank=True)
    irrevocable_until = models.DateField("cannot be revoked until", null=True, blank=True)
    irrevocable_until_event = models.CharField(
        "or cannot be revoked until this event", max_length=200, blank=True
    )
    # The court order's reporting schedule: compliance reports are drafted when due and,
    # once signed, disclosed to the recipient's account.
    reporting_frequency = models.CharField(
        "court-ordered reports",
        max_length=20,
        choices=ReportingFrequency.choices,
        blank=True,
        help_text="Leave empty when the court asks for no regular report.",
    )

    signed_name = models.CharField("full name as typed by the signer", max_length=200, blank=True)
    signer_relationship = models.CharField(
        max_length=16, choices=SignerRelationship.choices, blank=True
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    # Kept as signed, so the record still shows it after, say, a change of legal name.
    signed_text = models.TextField(blank=True)
    witness = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_recorded_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revocation_note = models.TextField(blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        triggers = [
            lock_when_signed(mutable=["revoked_at", "revoked_recorded_by", "revocation_note"]),
            # The fields the lock leaves open record a revocation: once, on a signed consent,
            # and (42 CFR 2.35) not before an irrevocable-until date. The date is read in
            # UTC and in the program's zone, so the service's midnight-of-the-day revocation
            # passes either way. An irrevocable-until *event* is for staff to confirm.
            locks.LockTrigger(
                name="revoked_once",
                when=pgtrigger.Before,
                operation=pgtrigger.Update,
                condition=locks.Changed("revoked_at", "revoked_recorded_by", "revocation_note"),
                func=f"""
                    IF OLD.revoked_at IS NOT NULL THEN
                        {locks.refusal("a revocation is recorded once and never undone")}
                    END IF;
                    IF NEW.revoked_at IS NULL OR NEW.revoked_recorded_by_id IS NULL
                       OR OLD.signed_at IS NULL THEN
                        {locks.refusal("only a signed consent is revoked, by someone, at a time")}
                    END IF;
                    IF NEW.irrevocable_until IS NOT NULL AND GREATEST(
                        (NEW.revoked_at AT TIME ZONE 'UTC')::date,
                        (SELECT (NEW.revoked_at AT TIME ZONE p.time_zone)::date
                         FROM clients_client c JOIN accounts_program p ON p.id = c.program_id
                         WHERE c.id = NEW.client_id)
                    ) < NEW.irrevocable_until THEN
                        {locks.refusal(NOT_YET_REVOCABLE)}
                    END IF;
                    RETURN NEW;
                """,  # noqa: S608  (our own constants, never input)
            ),
            *locks.never_deleted("consents are never deleted; a signed one is revoked"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.client}"

    @property
    def status(self) -> str:
        if self.revoked_at:
            return ConsentStatus.REVOKED
        if not self.signed_at:
            return ConsentStatus.DRAFT
        if self.expires_on and self.expires_on < self.client.program.today():
            return ConsentStatus.EXPIRED
        return ConsentStatus.ACTIVE

    def get_status_display(self) -> str:
        return ConsentStatus(self.status).label

    @property
    def recipient_display(self) -> str:
        if self.recipient_user_id:
            return self.recipient_user.display_name  # type: ignore[union-attr]
        return self.recipient_name or self.recipient_class

    def information_labels(self) -> list[str]:
        return [ConsentInformation(value).label for value in self.information]

    def can_be_revoked_on(self, day: datetime.date) -> bool:
        return not (self.irrevocable_until and day < self.irrevocable_until)

    def clean(self) -> None:
        """Every element of 42 CFR 2.31 (and 2.35 for criminal justice) must be present."""
        if self.kind == ConsentKind.TREATMENT:
            return
        errors: dict[str, str] = {}
        if not self.discloser.strip():
            errors["discloser"] = "Say who may disclose."
        if not (self.recipient_user_id or self.recipient_name.strip() or self.recipient_class):
            errors["recipient_name"] = "Name the recipient: an account, a person or a class."
        if not self.information:
            errors["information"] = "Choose what may be disclosed."
        if not self.purpose.strip():
            errors["purpose"] = "State the purpose of the disclosure."
        if not (self.expires_on or self.expiry_event.strip()):
            errors["expires_on"] = "Give an expiry date or an expiry event."
        if not self.revocation_terms.strip():
            errors["revocation_terms"] = "State the right to revoke and how."
        if self.reporting_frequency:
            if self.kind != ConsentKind.CRIMINAL_JUSTICE:
                errors["reporting_frequency"] = (
                    "Only a criminal justice consent carries a court-ordered reporting schedule."
                )
            elif not self.recipient_user_id:
                errors["reporting_frequency"] = (
                    "Scheduled reports go to the officer's account: choose the recipient's "
                    "account above."
                )
            elif ConsentInformation.ATTENDANCE not in self.information:
                errors["reporting_frequency"] = (
                    "A compliance report needs attendance among what may be disclosed."
                )
        if self.kind == ConsentKind.CRIMINAL_JUSTICE:
            if not self.duration.strip():
                errors["duration"] = "A criminal justice consent states its duration."
            if not (self.irrevocable_until or self.irrevocable_until_event.strip()):
                errors["irrevocable_until"] = (
                    "State the time or event until which it cannot be revoked "
                    "(no later than final disposition)."
                )
        if errors:
            raise ValidationError(errors)
