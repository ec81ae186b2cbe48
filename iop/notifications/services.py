from __future__ import annotations

import datetime
import logging
from uuid import UUID

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from iop.notifications.holds import hold_reason
from iop.notifications.models import Channel, OutboxMessage, OutboxStatus
from iop.notifications.sms import get_sms_backend

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def outbox_enqueue(
    *,
    channel: str,
    recipient: str,
    subject: str = "",
    body: str,
    dedupe_key: str,
    send_after: datetime.datetime | None = None,
    hold_key: str = "",
) -> OutboxMessage | None:
    """Queue a message once per dedupe key; sends after the surrounding transaction commits.

    ``hold_key`` names the recipient for the checks made again at sending (holds.py)."""
    message, created = OutboxMessage.objects.get_or_create(
        dedupe_key=dedupe_key,
        defaults={
            "channel": channel,
            "recipient": recipient,
            "subject": subject,
            "body": body,
            "send_after": send_after or timezone.now(),
            "hold_key": hold_key,
        },
    )
    if not created:
        return None
    if message.send_after <= timezone.now():
        from iop.notifications.tasks import outbox_send

        transaction.on_commit(lambda: outbox_send.delay(str(message.pk)))
    return message


def _claim(message_id: UUID | str) -> OutboxMessage | None:
    """Mark one pending message as sending; a second worker finds nothing to claim."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, status=OutboxStatus.PENDING)
            .first()
        )
        if message is None:
            return None
        message.status = OutboxStatus.SENDING
        message.attempts += 1
        message.save(update_fields=["status", "attempts", "updated_at"])
        return message


def _deliver(message: OutboxMessage) -> None:
    if message.channel == Channel.EMAIL:
        # Set-password links are made now, so the stored body never holds a usable token.
        from iop.accounts.services import invitation_links_fill

        body = invitation_links_fill(message.body)
        send_mail(message.subject, body, settings.DEFAULT_FROM_EMAIL, [message.recipient])
    else:
        get_sms_backend().send(to=message.recipient, body=message.body)


def outbox_withhold(*, hold_key: str, reason: str) -> int:
    """Withhold every message to this recipient not yet sent; returns how many."""
    return OutboxMessage.objects.filter(
        hold_key=hold_key, status__in=[OutboxStatus.PENDING, OutboxStatus.FAILED]
    ).update(status=OutboxStatus.WITHHELD, last_error=reason[:2000], updated_at=timezone.now())


def outbox_send_one(*, message_id: UUID | str) -> bool:
    """Send one message at most once. Returns True when this call sent it."""
    message = _claim(message_id)
    if message is None:
        return False
    # Asked again at sending: the recipient may have been marked do-not-contact since.
    reason = hold_reason(message.hold_key)
    if reason:
        message.status = OutboxStatus.WITHHELD
        message.last_error = reason[:2000]
        message.save(update_fields=["status", "last_error", "updated_at"])
        return False
    try:
        _deliver(message)
    except Exception as exc:  # any backend failure: keep the message and retry later
        logger.warning("Outbox message %s failed: %s", message.pk, exc)
        failed = message.attempts >= MAX_ATTEMPTS
        message.status = OutboxStatus.FAILED if failed else OutboxStatus.PENDING
        message.last_error = str(exc)[:2000]
        message.send_after = timezone.now() + datetime.timedelta(minutes=2**message.attempts)
        message.save(update_fields=["status", "last_error", "send_after", "updated_at"])
        return False
    message.status = OutboxStatus.SENT
    message.sent_at = timezone.now()
    message.save(update_fields=["status", "sent_at", "updated_at"])
    return True


def outbox_send_due() -> int:
    """The beat sweep: sends whatever is due, including messages whose first try failed."""
    ids = list(OutboxMessage.objects.due().values_list("pk", flat=True)[:500])
    return sum(outbox_send_one(message_id=pk) for pk in ids)


def outbox_release_stuck(*, older_than: datetime.timedelta) -> int:
    """A worker that died mid-send leaves 'sending'; hand those back for another try."""
    cutoff = timezone.now() - older_than
    return OutboxMessage.objects.filter(status=OutboxStatus.SENDING, updated_at__lt=cutoff).update(
        status=OutboxStatus.PENDING
    )
