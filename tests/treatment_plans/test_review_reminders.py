"""Reminders for plans due: a real Celery worker runs the beat task; each is sent once."""

from __future__ import annotations

import datetime
import time

import pytest
import time_machine
from django.conf import settings
from django.core import mail

from iop.accounts.models import Role
from iop.celery import app
from iop.notifications.models import OutboxMessage, OutboxStatus
from tests.celery_worker import TASK_TIMEOUT, drain_worker
from tests.factories import member
from tests.treatment_plans.review_helpers import (
    PHQ9_BELOW_10,
    admit,
    local_noon,
    make_plan,
    program_named,
)
from treatment_plans.services.reviews import plan_reminders_enqueue
from treatment_plans.tasks import plan_reminders_send

CLINICAL_WORDS = ["phq", "ptsd", "trauma", "depress", "nightmare", "substance", "diagnos", "iop"]


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


@pytest.fixture
def caseload(db):
    """Per clinician: one review overdue, one first plan due soon, one plan reviewed on time."""
    program = program_named("Riverside")
    today = program.today()
    ana = member(Role.CLINICIAN, program, email="ana@clinic.test")
    ben = member(Role.CLINICIAN, program, email="ben@clinic.test")
    overdue = admit(
        program,
        legal_first_name="Zelda",
        legal_last_name="Quill",
        clinician=ana,
        admitted_on=today - days(60),
    )
    plan = make_plan(
        overdue,
        activated_at=local_noon(today - days(40)),
        review_due_on=today - days(10),
        objectives=[PHQ9_BELOW_10],
    )
    first_plan = admit(
        program,
        legal_first_name="Yusuf",
        legal_last_name="Orme",
        clinician=ben,
        admitted_on=today - days(5),  # due in 2 days
    )
    on_time = admit(program, clinician=ana, admitted_on=today - days(20))
    make_plan(on_time, activated_at=local_noon(today - days(12)), review_due_on=today + days(18))
    unassigned = admit(program, admitted_on=today - days(30))  # listed; nobody to email
    return {
        "plan": plan,
        "ana": ana,
        "ben": ben,
        "clients": [overdue.client, first_plan.client],
        "unassigned": unassigned,
    }


def wait_until_sent(count: int) -> None:
    deadline = time.monotonic() + TASK_TIMEOUT
    while OutboxMessage.objects.filter(status=OutboxStatus.SENT).count() < count:
        if time.monotonic() > deadline:
            raise AssertionError("reminders were not sent in time")
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("celery_worker")
def test_worker_running_the_task_twice_sends_one_reminder_per_due_plan(caseload):
    plan_reminders_send.delay()
    plan_reminders_send.delay()
    drain_worker()  # both sweeps have run
    drain_worker()  # and the sends they queued on commit
    wait_until_sent(2)

    messages = {m.recipient: m for m in OutboxMessage.objects.all()}
    assert set(messages) == {"ana@clinic.test", "ben@clinic.test"}
    assert all(m.status == OutboxStatus.SENT and m.attempts == 1 for m in messages.values())
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@clinic.test", "ben@clinic.test"]

    ana_body = messages["ana@clinic.test"].body
    due = caseload["plan"].review_due_on
    assert ana_body.startswith(
        f"A treatment plan review on your caseload was due on {due.day} {due:%b} and is overdue."
    )
    assert "Sign in to see which." in ana_body and "/plans/due/mine/" in ana_body
    assert messages["ben@clinic.test"].body.startswith("A first treatment plan on your caseload")
    for email in mail.outbox:
        text = f"{email.subject}\n{email.body}".lower()
        for client in caseload["clients"]:
            for name in (client.legal_first_name, client.legal_last_name, client.record_number):
                assert name.lower() not in text
        assert not [word for word in CLINICAL_WORDS if word in text]


@pytest.mark.django_db
def test_overdue_after_due_soon_is_a_second_reminder_but_reruns_add_none(caseload):
    assert plan_reminders_enqueue() == 2
    assert plan_reminders_enqueue() == 0
    first_plan_key = OutboxMessage.objects.get(recipient="ben@clinic.test").dedupe_key
    assert first_plan_key.endswith(":due_soon")
    # A week later the first plan is overdue: one more, then nothing again.
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC) + days(7)):
        assert plan_reminders_enqueue() == 1
        assert plan_reminders_enqueue() == 0
    assert OutboxMessage.objects.filter(recipient="ben@clinic.test").count() == 2


def test_the_task_is_on_the_beat_schedule_and_registered():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert plan_reminders_send.name == "treatment_plans.tasks.plan_reminders_send"
    assert plan_reminders_send.name in scheduled
    assert plan_reminders_send.name in app.tasks
