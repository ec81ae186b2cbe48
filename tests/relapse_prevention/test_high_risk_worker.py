"""The high-risk date reminders through the beat task and a real Celery worker
(tests/celery_worker.py): each message reaches its person once, however often beat runs."""

from __future__ import annotations

import datetime
import time

import pytest
from django.conf import settings
from django.core import mail

from iop.celery import app
from iop.notifications.models import OutboxMessage, OutboxStatus
from relapse_prevention.tasks import high_risk_reminders_send
from tests.celery_worker import TASK_TIMEOUT, drain_worker
from tests.relapse_prevention.high_risk_fixtures import (
    SENSITIVE_WORDS,
    client_episode,
    clinic,
    clinician_in,
    court_date,
    plan_with_dates,
)

NAME = "relapse_prevention.tasks.high_risk_reminders_send"


def test_the_task_is_registered_under_the_name_beat_uses():
    entries = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == NAME]
    assert entries == [{"task": NAME, "schedule": 3600.0}]
    assert high_risk_reminders_send.name == NAME
    assert NAME in app.tasks


def wait_for_sent(count: int) -> None:
    deadline = time.monotonic() + TASK_TIMEOUT
    while OutboxMessage.objects.filter(status=OutboxStatus.SENT).count() < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"fewer than {count} messages sent after {TASK_TIMEOUT} s")
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("celery_worker")
def test_the_worker_sends_each_reminder_once():
    # No quiet hours, so the test does not depend on the time of day it runs at.
    program = clinic(quiet_hours_start=datetime.time(0, 0), quiet_hours_end=datetime.time(0, 0))
    clinician = clinician_in(program, email="dana@clinic.test")
    episode = client_episode(program, clinician=clinician, channel="email", first_name="Rowan")
    on = program.today() + datetime.timedelta(days=program.high_risk_reminder_days)
    plan_with_dates(episode, court_date(on, label="Custody hearing"))

    high_risk_reminders_send.delay()
    high_risk_reminders_send.delay()
    drain_worker()  # both sweeps have run
    drain_worker()  # and the sends they queued on commit
    wait_for_sent(2)
    high_risk_reminders_send.delay()  # the next hour's sweep finds nothing new
    drain_worker()
    drain_worker()

    assert OutboxMessage.objects.count() == 2
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("dana@clinic.test", "A high-risk date is coming"),
        ("rowan@example.test", "Thinking of you"),
    ]
    for message in mail.outbox:
        text = message.body.lower()
        assert "rowan" not in text and "custody" not in text
    (to_client,) = [m for m in mail.outbox if m.to == ["rowan@example.test"]]
    assert not [word for word in SENSITIVE_WORDS if word in to_client.body.lower()]
