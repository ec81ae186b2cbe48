"""An outbox of messages in PostgreSQL, sent by Celery: no message is lost or sent twice."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from iop.base import TimeStampedModel


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "Text message"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "Waiting to send"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    # Not sent, and never will be: the recipient may no longer be contacted (e.g. a family
    # member the client marked "do not contact" after the reminder was queued).
    WITHHELD = "withheld", "Withheld"


class OutboxQuerySet(models.QuerySet["OutboxMessage"]):
    def due(self) -> OutboxQuerySet:
        return self.filter(status=OutboxStatus.PENDING, send_after__lte=timezone.now())


class OutboxMessage(TimeStampedModel):
    """Message text must carry no clinical detail (no diagnosis, no program type)."""

    channel = models.CharField(max_length=8, choices=Channel.choices)
    recipient = models.CharField(max_length=254)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    # One reminder per purpose: enqueueing the same key twice is a no-op.
    dedupe_key = models.CharField(max_length=200, unique=True)
    # Who the message is to, for the checks made again when it is sent (iop.notifications.
    # holds): e.g. "family-person:<link id>". Empty for messages no one can withhold.
    hold_key = models.CharField(max_length=80, blank=True, default="", db_default="")
    send_after = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=8, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        ordering = ["send_after"]
        indexes = [
            models.Index(fields=["status", "send_after"]),
            models.Index(fields=["hold_key"], condition=~models.Q(hold_key=""), name="outbox_held"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} to {self.recipient} ({self.get_status_display()})"
