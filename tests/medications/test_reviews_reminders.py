"""Psychiatric review reminders: in each program's morning, one email per (prescriber,
client, due date), no PHI, through the real Celery worker too."""

from __future__ import annotations

import datetime
import time
from typing import cast

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from iop.accounts.models import Program, Role
from iop.celery import app
from iop.clients.models import Client, Episode
from iop.medications.tasks import (
    BODY,
    psychiatric_review_reminders_enqueue,
    psychiatric_review_reminders_send,
)
from iop.notifications.models import OutboxMessage, OutboxStatus
from tests.celery_worker import TASK_TIMEOUT, drain_worker
from tests.factories import ClientFactory, EpisodeFactory, ProgramFactory, member
from tests.medications.review_helpers import TODAY, at, days_ago, medication, on_cadence, reconciled


def recipients() -> list[str]:
    return sorted(OutboxMessage.objects.values_list("recipient", flat=True))


@pytest.fixture
def due_today(program):
    """Two prescribers; one client overdue, one due in 2 days (not reminded yet)."""
    ana = member(Role.PRESCRIBER, program, email="ana@clinic.test")
    ben = member(Role.PRESCRIBER, program, email="ben@clinic.test")
    member(Role.CLINICIAN, program, email="clinician@clinic.test")
    member(Role.DIRECTOR, program, email="director@clinic.test")
    overdue = on_cadence(program, "Zelda", admitted_days_ago=40, prescriber=ana)
    reconciled(overdue, ana, on=days_ago(16))
    on_cadence(program, "Yusuf", admitted_days_ago=12)
    return {"ana": ana, "ben": ben, "overdue": overdue}


@pytest.mark.django_db
def test_one_reminder_per_prescriber_and_rerunning_adds_none(due_today, other_program):
    member(Role.PRESCRIBER, other_program, email="elsewhere@clinic.test")
    with at(due_today["overdue"].program, TODAY, 9):
        assert psychiatric_review_reminders_enqueue() == 2
        assert psychiatric_review_reminders_enqueue() == 0
    with at(due_today["overdue"].program, TODAY, 10):
        assert psychiatric_review_reminders_enqueue() == 0
    assert recipients() == ["ana@clinic.test", "ben@clinic.test"]


@pytest.mark.django_db
def test_overdue_the_next_morning_is_not_sent_again(due_today):
    program = due_today["overdue"].program
    with at(program, TODAY, 9):
        assert psychiatric_review_reminders_enqueue() == 2
    with at(program, TODAY + datetime.timedelta(days=1), 9):
        assert psychiatric_review_reminders_enqueue() == 0


@pytest.mark.django_db
def test_a_new_due_date_after_a_new_reconciliation_is_reminded_again(due_today):
    program, ana = due_today["overdue"].program, due_today["ana"]
    with at(program, TODAY, 9):
        assert psychiatric_review_reminders_enqueue() == 2
    reconciled(due_today["overdue"], ana, on=TODAY, hour=11)
    with at(program, TODAY + datetime.timedelta(days=1), 9):
        assert psychiatric_review_reminders_enqueue() == 0  # reviewed: due in 13 days
    # Two weeks on, the next review is due today: one more each, for that due date.
    later = TODAY + datetime.timedelta(days=14)
    with at(program, later, 9):
        assert psychiatric_review_reminders_enqueue() == 4  # Zelda again, Yusuf overdue: x2
    keys = OutboxMessage.objects.filter(recipient="ana@clinic.test").values_list(
        "dedupe_key", flat=True
    )
    assert sorted(k.rsplit(":", 1)[1] for k in keys) == sorted(
        [
            days_ago(2).isoformat(),
            later.isoformat(),
            (days_ago(12) + datetime.timedelta(14)).isoformat(),
        ]
    )


@pytest.mark.django_db
def test_sent_in_the_programs_own_morning(db):
    east = cast(Program, ProgramFactory(name="East", time_zone="America/New_York"))
    west = cast(Program, ProgramFactory(name="West", time_zone="America/Los_Angeles"))
    for program, email in ((east, "east@clinic.test"), (west, "west@clinic.test")):
        member(Role.PRESCRIBER, program, email=email)
        on_cadence(program, "Parker", admitted_days_ago=20)
    with at(east, TODAY, 7, 50):
        assert psychiatric_review_reminders_enqueue() == 0  # before the morning everywhere
    with at(east, TODAY, 8, 10):  # 05:10 in Los Angeles
        assert psychiatric_review_reminders_enqueue() == 1
    assert recipients() == ["east@clinic.test"]
    with at(west, TODAY, 8, 10):  # 11:10 in New York: still morning, already sent
        assert psychiatric_review_reminders_enqueue() == 1
    assert recipients() == ["east@clinic.test", "west@clinic.test"]


@pytest.mark.django_db
def test_not_queued_in_the_afternoon(due_today):
    with at(due_today["overdue"].program, TODAY, 12, 5):
        assert psychiatric_review_reminders_enqueue() == 0


def _a_zone_where_it_is_nine_now() -> str:
    """An Etc/GMT zone whose local hour is 9 now (Etc/GMT+5 is UTC-5)."""
    hour = timezone.now().hour
    offset = (9 - hour + 12) % 24 - 12  # -12..11
    return "Etc/GMT" + (f"-{offset}" if offset > 0 else f"+{-offset}")


def _wait_until_sent(count: int) -> None:
    deadline = time.monotonic() + TASK_TIMEOUT
    while OutboxMessage.objects.filter(status=OutboxStatus.SENT).count() < count:
        if time.monotonic() > deadline:
            raise AssertionError("reminders were not sent in time")
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("celery_worker")
def test_the_worker_running_the_task_twice_sends_once_and_without_phi(db):
    program = cast(Program, ProgramFactory(name="Harbor", time_zone=_a_zone_where_it_is_nine_now()))
    assert program.now().hour == 9
    member(Role.PRESCRIBER, program, email="rx@clinic.test")
    client = cast(
        Client,
        ClientFactory(program=program, legal_first_name="Quintana", legal_last_name="Marisol"),
    )
    episode = cast(
        Episode, EpisodeFactory(client=client, admitted_on=program.today() - datetime.timedelta(20))
    )
    medication(
        client, name="Quetiapine", drug_class="antipsychotic", started_on=episode.admitted_on
    )
    psychiatric_review_reminders_send.delay()
    psychiatric_review_reminders_send.delay()
    drain_worker()  # both sweeps have run
    drain_worker()  # and the send they queued on commit
    _wait_until_sent(1)
    (message,) = OutboxMessage.objects.all()
    assert message.status == OutboxStatus.SENT and message.attempts == 1
    (email,) = mail.outbox
    assert email.to == ["rx@clinic.test"]
    assert email.body == BODY
    assert "A client's psychiatric medication review is due. Sign in to see Today." in email.body
    text = f"{email.subject}\n{email.body}".lower()
    for word in ("quintana", "marisol", client.record_number.lower(), "quetiapine", "harbor"):
        assert word not in text


def test_the_task_is_on_the_beat_schedule_and_registered():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    name = "iop.medications.tasks.psychiatric_review_reminders_send"
    assert psychiatric_review_reminders_send.name == name
    assert name in scheduled and name in app.tasks
