"""Who answers a safety alert, by when, who is told (outbox), and what directors see once
it is overdue or nobody is assigned."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from intake.services.alerts import alert_notify, alerts_open
from iop.accounts.models import Membership, Role
from iop.notifications.models import OutboxMessage
from iop.notifications.services import outbox_send_one
from tests.factories import ClientFactory, EpisodeFactory, member
from tests.intake.alerts_helpers import CLINICAL_WORDS, alert_raise

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 4)


def local(program, hour, minute=0, day=DAY):
    zone = zoneinfo.ZoneInfo(program.time_zone)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zone)


@pytest.fixture
def admitted(program, staff):
    """A client whose primary clinician is the program's clinician."""
    client = ClientFactory(program=program, legal_first_name="Robin", legal_last_name="Vale")
    EpisodeFactory(client=client, primary_clinician=staff[Role.CLINICIAN])
    return client


@pytest.fixture
def referred(program):
    """A newly referred client: no episode, so no primary clinician."""
    return ClientFactory(program=program, legal_first_name="Sasha", legal_last_name="Lind")


def messages_to(user):
    return list(OutboxMessage.objects.filter(recipient=user.email))


# --- due time ------------------------------------------------------------------------------


def test_due_today_by_the_programs_limit(program, staff, admitted):
    alert_raise(admitted, staff[Role.CLINICIAN], local(program, 10))
    (item,) = alerts_open(program_ids=[program.pk], now=local(program, 11))
    assert item.due_words == "risk assessment due today by 5:00 PM"
    assert not item.overdue


def test_the_limit_is_a_program_setting(program, staff, admitted):
    program.alert_overdue_at = datetime.time(19, 30)
    program.save()
    alert_raise(admitted, staff[Role.CLINICIAN], local(program, 10))
    (item,) = alerts_open(program_ids=[program.pk], now=local(program, 18))
    assert item.due_words == "risk assessment due today by 7:30 PM"


def test_an_evening_alert_is_due_by_the_end_of_that_day(program, staff, admitted):
    alert_raise(admitted, staff[Role.CLINICIAN], local(program, 18, 15))
    (item,) = alerts_open(program_ids=[program.pk], now=local(program, 19))
    assert item.due_words == "risk assessment due today by the end of the day"
    (late,) = alerts_open(program_ids=[program.pk], now=local(program, 8, day=DAY.replace(day=5)))
    assert late.overdue
    assert late.due_words == "risk assessment overdue since the end of Wed Mar 4"


# --- responsible and told ------------------------------------------------------------------


def test_primary_clinician_answers_and_is_told_without_a_name_or_clinical_word(
    program, staff, admitted, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks() as sends:
        alert = alert_raise(admitted, staff[Role.INTAKE])
    (item,) = alerts_open(client_ids=[admitted.pk])
    assert item.responsible == [staff[Role.CLINICIAN]]
    (message,) = messages_to(staff[Role.CLINICIAN])
    assert message.dedupe_key == f"safety-alert:{alert.pk}:{staff[Role.CLINICIAN].pk}"
    assert sends  # the outbox task is enqueued once the alert commits
    assert outbox_send_one(message_id=message.pk)
    (email,) = mailoutbox
    assert email.to == [staff[Role.CLINICIAN].email]
    text = f"{email.subject} {email.body}".lower()
    assert "needs follow-up today" in text
    for word in (admitted.legal_first_name, admitted.legal_last_name, admitted.record_number):
        assert word.lower() not in text
    assert not [w for w in CLINICAL_WORDS if w in text]
    assert not messages_to(staff[Role.DIRECTOR])  # the clinician answers it


def test_with_no_primary_clinician_the_directors_answer_and_are_told(
    program, other_program, staff, referred
):
    second_director = member(Role.DIRECTOR, program)
    elsewhere = member(Role.DIRECTOR, other_program)
    alert_raise(referred, staff[Role.INTAKE])
    (item,) = alerts_open(client_ids=[referred.pk])
    assert {u.pk for u in item.responsible} == {staff[Role.DIRECTOR].pk, second_director.pk}
    assert len(messages_to(staff[Role.DIRECTOR])) == 1
    assert len(messages_to(second_director)) == 1
    assert not messages_to(elsewhere) and not messages_to(staff[Role.CLINICIAN])
    body = messages_to(staff[Role.DIRECTOR])[0].body.lower()
    assert "sasha" not in body and "lind" not in body
    assert not [w for w in CLINICAL_WORDS if w in body]


def test_on_call_staff_are_told_too(program, staff, admitted):
    on_call = member(Role.CLINICIAN, program)
    Membership.objects.filter(user=on_call).update(on_call_for_safety_alerts=True)
    alert_raise(admitted, staff[Role.INTAKE])
    assert len(messages_to(on_call)) == 1
    assert len(messages_to(staff[Role.CLINICIAN])) == 1


def test_telling_twice_queues_nothing_more(program, staff, admitted):
    alert = alert_raise(admitted, staff[Role.INTAKE])
    assert alert_notify(alert=alert) == 0
    assert OutboxMessage.objects.filter(dedupe_key__startswith="safety-alert:").count() == 1


# --- directors: census and Today -----------------------------------------------------------


def test_unassigned_alert_on_the_census_and_directors_today(program, staff, referred, login_as):
    alert_raise(referred, staff[Role.INTAKE], local(program, 10))
    director = login_as(staff[Role.DIRECTOR])
    with time_machine.travel(local(program, 11), tick=False):
        census = director.get(reverse("dashboard:census")).content.decode()
        today = director.get(reverse("scheduling:today")).content.decode()
    for page in (census, today):
        assert "Sasha Lind" in page
        assert "No primary clinician yet: the program’s directors answer it." in page
        assert "Risk assessment due today by 5:00 PM" in page


def test_overdue_shown_to_directors_after_the_limit(program, staff, admitted, login_as):
    alert_raise(admitted, staff[Role.CLINICIAN], local(program, 10))
    director = login_as(staff[Role.DIRECTOR])
    with time_machine.travel(local(program, 16, 59), tick=False):
        before = director.get(reverse("dashboard:census")).content.decode()
        today_before = director.get(reverse("scheduling:today")).content.decode()
    # Until then it is the clinician's to answer: not on the directors' pages.
    assert "Safety alerts needing a director" not in before
    assert "Open safety alerts" not in today_before
    with time_machine.travel(local(program, 17, 1), tick=False):
        census = director.get(reverse("dashboard:census")).content.decode()
        today = director.get(reverse("scheduling:today")).content.decode()
    assert "Safety alerts needing a director" in census and "Open safety alerts" in today
    overdue = "Robin Vale</strong></a>: <strong>Risk assessment overdue since 5:00 PM today"
    for page in (census, today):
        assert overdue in page


def test_census_alerts_stay_in_the_program(program, other_program, staff, login_as):
    elsewhere = ClientFactory(program=other_program, legal_first_name="Noor")
    alert_raise(elsewhere, member(Role.CLINICIAN, other_program))
    page = login_as(staff[Role.DIRECTOR]).get(reverse("dashboard:census")).content.decode()
    assert "Noor" not in page and "Safety alerts needing a director" not in page
