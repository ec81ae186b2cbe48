"""The program day's beat tasks through a real Celery worker (tests/celery_worker.py):
reminders reach each client exactly once, however often the sweeps run and even when a
worker died while sending."""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.utils import timezone

from groups.models import Group
from iop.accounts.models import Program, Role
from iop.celery import app
from iop.notifications.models import OutboxMessage, OutboxStatus
from iop.notifications.tasks import outbox_send_due
from scheduling.models import NoteFormat, ProgressNote, Session
from scheduling.services.reminders import session_reminders_enqueue
from scheduling.tasks import note_reminders_send, session_reminders_send, sessions_generate_ahead
from tests.celery_worker import TASK_TIMEOUT, drain_worker
from tests.factories import ProgramFactory, member
from tests.scheduling.factories import (
    GroupFactory,
    TrackBlockFactory,
    TrackFactory,
    facilitate,
    staff_session,
    topics,
)
from tests.scheduling.reminders_helpers import attendee, expect, group_session

TASKS = {
    "scheduling.tasks.sessions_generate_ahead": sessions_generate_ahead,
    "scheduling.tasks.session_reminders_send": session_reminders_send,
    "scheduling.tasks.note_reminders_send": note_reminders_send,
}


class RecordingSMSBackend:
    sent: list[tuple[str, str]] = []

    def send(self, *, to: str, body: str) -> None:
        self.sent.append((to, body))


def test_the_tasks_are_registered_under_the_names_beat_uses():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    for name, task in TASKS.items():
        assert task.name == name
        assert name in scheduled
        assert name in app.tasks


def wait_until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + TASK_TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {TASK_TIMEOUT} s: {condition.__doc__}")
        time.sleep(0.05)


def sent(count: int) -> Callable[[], bool]:
    def condition() -> bool:
        """the expected number of messages were sent"""
        return OutboxMessage.objects.filter(status=OutboxStatus.SENT).count() >= count

    return condition


@pytest.fixture
def tomorrow_group(transactional_db, settings):
    """A group in 23 hours (reminders are due an hour ago): one client by email, one by
    text, one who wants none. No quiet hours, so the test does not depend on the clock."""
    settings.IOP_SMS_BACKEND = f"{__name__}.RecordingSMSBackend"
    RecordingSMSBackend.sent.clear()
    program = ProgramFactory(
        name="Riverside",
        quiet_hours_start=datetime.time(0, 0),
        quiet_hours_end=datetime.time(0, 0),
    )
    starts_at = timezone.now() + datetime.timedelta(hours=23)
    local = starts_at.astimezone(datetime.UTC)
    session = group_session(program, local.date(), local.hour, local.minute)
    session.starts_at = starts_at
    session.ends_at = starts_at + datetime.timedelta(minutes=90)
    session.save()
    expect(
        session,
        attendee(program, email="emma@example.test", first_name="Emma"),
        attendee(program, channel="sms", phone="+15550101", first_name="Theo"),
        attendee(program, channel="none", first_name="Nell"),
    )
    return session


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("celery_worker")
def test_reminders_are_sent_once_when_the_sweep_runs_twice(tomorrow_group):
    session_reminders_send.delay()
    session_reminders_send.delay()
    drain_worker()  # both sweeps have run
    drain_worker()  # and the sends they queued on commit
    wait_until(sent(2))

    session_reminders_send.delay()  # a later sweep finds nothing new
    drain_worker()
    drain_worker()
    messages = list(OutboxMessage.objects.order_by("channel"))
    assert [(m.channel, m.status, m.attempts) for m in messages] == [
        ("email", OutboxStatus.SENT, 1),
        ("sms", OutboxStatus.SENT, 1),
    ]
    assert [email.to for email in mail.outbox] == [["emma@example.test"]]
    assert mail.outbox[0].body.startswith("Reminder: your appointment on ")
    assert [to for to, _ in RecordingSMSBackend.sent] == ["+15550101"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("celery_worker")
def test_reminder_whose_worker_died_mid_send_is_sent_once_by_the_next_sweeps(tomorrow_group):
    with transaction.atomic():
        assert session_reminders_enqueue() == 2
        # The state a worker leaves when it dies after claiming the message, before sending.
        OutboxMessage.objects.update(
            status=OutboxStatus.SENDING,
            attempts=1,
            updated_at=timezone.now() - datetime.timedelta(minutes=20),
        )
    drain_worker()  # the sends queued on commit find nothing left to claim
    assert mail.outbox == [] and RecordingSMSBackend.sent == []

    session_reminders_send.delay()  # the reminder sweep does not queue them again
    outbox_send_due.delay()  # the outbox sweep hands back what is stuck and sends it
    outbox_send_due.delay()
    session_reminders_send.delay()
    drain_worker()
    drain_worker()
    wait_until(sent(2))

    assert OutboxMessage.objects.count() == 2
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {2}
    assert len(mail.outbox) == 1
    assert len(RecordingSMSBackend.sent) == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("celery_worker")
def test_note_reminder_is_one_email_per_clinician_per_day(tomorrow_group):
    program = tomorrow_group.program
    ana = member(Role.CLINICIAN, program, email="ana@clinic.test")
    yesterday = group_session(program, timezone.localdate() - datetime.timedelta(days=1), 9)
    staff_session(yesterday, ana)
    (place,) = expect(yesterday, attendee(program, first_name="Zelda"))
    ProgressNote.objects.create(
        program=program,
        client=place.client,
        episode=place.episode,
        session=yesterday,
        kind=yesterday.kind,
        format=NoteFormat.GROUP,
        author=ana,
    )
    note_reminders_send.delay()
    note_reminders_send.delay()
    drain_worker()
    drain_worker()
    wait_until(sent(1))
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["ana@clinic.test"], "Session notes to finish")
    ]
    assert "Zelda" not in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("celery_worker")
def test_generating_ahead_through_the_worker_is_idempotent():
    program: Program = ProgramFactory.create(name="Riverside")
    today = timezone.localdate()
    track = TrackFactory(program=program, days=[1, 3, 4], starts_on=today)
    group: Group = GroupFactory.create(program=program, name="Process group")
    topics(group, "Check-in", "Boundaries", "Coping ahead")
    facilitate(group, member(Role.CLINICIAN, program))
    TrackBlockFactory(track=track, group=group)

    sessions_generate_ahead.delay()
    drain_worker()
    generated = Session.objects.filter(program=program).count()
    # Six weeks ahead by default, three days a week (give or take today).
    assert 17 <= generated <= 19

    sessions_generate_ahead.delay()
    sessions_generate_ahead.delay()
    drain_worker()
    assert Session.objects.filter(program=program).count() == generated
