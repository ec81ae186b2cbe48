"""The outbox end to end: a real Celery worker over the real Redis sends what PostgreSQL holds.

The worker runs in a thread of this process (see tests/celery_worker.py), so Django's locmem
mail outbox and the settings fixture are shared with it.
"""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Callable

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from iop.celery import app
from iop.notifications.models import Channel, OutboxMessage, OutboxStatus
from iop.notifications.services import MAX_ATTEMPTS, outbox_enqueue
from iop.notifications.tasks import outbox_send, outbox_send_due
from tests.celery_worker import TASK_TIMEOUT, drain_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("celery_worker")]


class FailingSMSBackend:
    def send(self, *, to: str, body: str) -> None:
        raise ConnectionError("SMS provider unreachable")


class RecordingSMSBackend:
    sent: list[tuple[str, str]] = []

    def send(self, *, to: str, body: str) -> None:
        self.sent.append((to, body))


def wait_until(condition: Callable[[], bool], timeout: float = TASK_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {condition.__doc__}")
        time.sleep(0.05)


def enqueue_email(key: str = "reminder-1", **kwargs: object) -> OutboxMessage | None:
    return outbox_enqueue(
        channel=Channel.EMAIL,
        recipient="client@example.test",
        subject="Your group tomorrow",
        body="Reminder: you have an appointment tomorrow at 10:00.",
        dedupe_key=key,
        **kwargs,  # type: ignore[arg-type]
    )


def test_ping_answers_pong_through_the_worker():
    assert app.send_task("iop.ping").get(timeout=TASK_TIMEOUT) == "pong"


def test_worker_leaves_django_logging_alone(settings):
    # start_worker sets Celery's root handler at level ERROR; the worker's Django fixup then
    # re-applies settings.LOGGING. Other tests' log records depend on that.
    root = logging.getLogger()
    assert logging.getLevelName(root.level) == settings.LOGGING["root"]["level"]
    assert any(type(handler) is logging.StreamHandler for handler in root.handlers)


def test_enqueued_email_is_sent_by_the_worker_after_commit():
    with transaction.atomic():
        message = enqueue_email()
        assert message is not None
        drain_worker()  # had the task gone out before commit, it would have found no row
        assert mail.outbox == []

    def sent() -> bool:
        """the message is sent"""
        return OutboxMessage.objects.get(pk=message.pk).status == OutboxStatus.SENT

    wait_until(sent)
    message.refresh_from_db()
    assert message.sent_at is not None
    assert message.attempts == 1
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["client@example.test"], "Your group tomorrow")
    ]


def test_text_message_goes_through_the_sms_backend(settings):
    settings.IOP_SMS_BACKEND = f"{__name__}.RecordingSMSBackend"
    RecordingSMSBackend.sent.clear()
    with transaction.atomic():
        outbox_enqueue(
            channel=Channel.SMS, recipient="+15550100", body="See you at 10.", dedupe_key="t"
        )
    drain_worker()
    assert RecordingSMSBackend.sent == [("+15550100", "See you at 10.")]
    assert mail.outbox == []


def test_same_dedupe_key_twice_makes_one_message():
    with transaction.atomic():
        first = enqueue_email("plan-review-42")
        second = enqueue_email("plan-review-42")
    drain_worker()
    with transaction.atomic():
        third = enqueue_email("plan-review-42")
    drain_worker()

    assert first is not None
    assert second is None and third is None
    assert OutboxMessage.objects.count() == 1
    assert len(mail.outbox) == 1


def test_sending_one_message_many_times_delivers_it_once():
    with transaction.atomic():
        message = enqueue_email()  # its own send goes out on commit
    assert message is not None
    outbox_send.delay(str(message.pk))
    outbox_send.delay(str(message.pk))
    outbox_send_due.delay()
    outbox_send_due.delay()
    drain_worker()

    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert message.attempts == 1
    assert len(mail.outbox) == 1


def test_due_sweep_sends_a_message_whose_time_has_come():
    later = timezone.now() + datetime.timedelta(hours=1)
    with transaction.atomic():
        message = enqueue_email(send_after=later)
    assert message is not None
    drain_worker()
    assert mail.outbox == []  # not due: nothing was sent on commit

    OutboxMessage.objects.filter(pk=message.pk).update(send_after=timezone.now())
    outbox_send_due.delay()
    outbox_send_due.delay()
    drain_worker()
    assert OutboxMessage.objects.get(pk=message.pk).status == OutboxStatus.SENT
    assert len(mail.outbox) == 1


def test_failing_backend_is_retried_later_then_marked_failed(settings):
    settings.IOP_SMS_BACKEND = f"{__name__}.FailingSMSBackend"
    with transaction.atomic():
        message = outbox_enqueue(
            channel=Channel.SMS, recipient="+15550100", body="See you at 10.", dedupe_key="r"
        )
    assert message is not None

    for attempt in range(1, MAX_ATTEMPTS + 1):
        if attempt > 1:  # the retry is due: the beat sweep picks it up
            OutboxMessage.objects.filter(pk=message.pk).update(send_after=timezone.now())
            outbox_send_due.delay()
        before = timezone.now()
        drain_worker()
        message.refresh_from_db()
        assert message.attempts == attempt
        assert message.last_error == "SMS provider unreachable"
        if attempt < MAX_ATTEMPTS:
            assert message.status == OutboxStatus.PENDING
            assert message.send_after > before + datetime.timedelta(minutes=1)
    assert message.status == OutboxStatus.FAILED
    assert message.sent_at is None

    OutboxMessage.objects.filter(pk=message.pk).update(send_after=timezone.now())
    outbox_send_due.delay()
    drain_worker()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.FAILED, MAX_ATTEMPTS)


def test_message_stuck_in_sending_is_released_and_sent_by_the_sweep():
    def sending(key: str, minutes_ago: int) -> OutboxMessage:
        message = OutboxMessage.objects.create(
            channel=Channel.EMAIL,
            recipient=f"{key}@example.test",
            subject="Reminder",
            body="Reminder: you have an appointment tomorrow.",
            dedupe_key=key,
            status=OutboxStatus.SENDING,
            attempts=1,
        )
        at = timezone.now() - datetime.timedelta(minutes=minutes_ago)
        OutboxMessage.objects.filter(pk=message.pk).update(updated_at=at, send_after=at)
        return message

    stuck = sending("stuck", minutes_ago=20)  # its worker died mid-send
    in_flight = sending("in-flight", minutes_ago=1)  # a live worker is sending it right now
    outbox_send_due.delay()
    drain_worker()

    stuck.refresh_from_db()
    in_flight.refresh_from_db()
    assert (stuck.status, stuck.attempts) == (OutboxStatus.SENT, 2)
    assert (in_flight.status, in_flight.attempts) == (OutboxStatus.SENDING, 1)
    assert [m.to for m in mail.outbox] == [["stuck@example.test"]]
