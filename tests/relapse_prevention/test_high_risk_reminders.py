"""High-risk date reminders: the primary clinician by email, the client only if they chose
reminders, each exactly once however often the hourly sweep runs, in the program's zone,
across a year boundary and the daylight-saving changes, never in quiet hours."""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.urls import reverse

from iop.clients.models import Episode
from iop.notifications.models import OutboxMessage
from relapse_prevention.models import PlanHighRiskDate
from relapse_prevention.services.high_risk_dates import (
    high_risk_occurrence,
    high_risk_reminders_enqueue,
)
from tests.factories import ClientFactory, EpisodeFactory
from tests.relapse_prevention.high_risk_fixtures import (
    NEW_YORK,
    SENSITIVE_WORDS,
    anniversary,
    client_episode,
    clinic,
    clinician_in,
    court_date,
    plan_with_dates,
)
from tests.scheduling.reminders_helpers import CLINICAL_WORDS

NY = zoneinfo.ZoneInfo(NEW_YORK)
UTC = datetime.UTC
HOUR = datetime.timedelta(hours=1)


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def ny(day: str, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(d(day), datetime.time(hour, minute), tzinfo=NY)


def every_hour(start: datetime.datetime, end: datetime.datetime) -> Iterator[datetime.datetime]:
    """Every real hour (in UTC, so a daylight-saving change neither skips nor repeats one)."""
    moment = start.astimezone(UTC)
    while moment <= end.astimezone(UTC):
        yield moment
        moment += HOUR


def sweep_hourly(start: datetime.datetime, end: datetime.datetime) -> list[datetime.datetime]:
    """Run the sweep at every hour; the local moments at which it queued anything."""
    return [
        moment.astimezone(NY)
        for moment in every_hour(start, end)
        if high_risk_reminders_enqueue(now=moment)
    ]


def outbox() -> list[tuple[str, str]]:
    return sorted(OutboxMessage.objects.values_list("channel", "recipient"))


@pytest.fixture
def program(db):
    return clinic()


@pytest.fixture
def clinician(program):
    return clinician_in(program, email="dana@clinic.test")


# ---------------------------------------------------------------- the next occurrence


class Row:
    def __init__(self, on: str, recurs: bool) -> None:
        self.on_date, self.recurs_yearly = d(on), recurs


@pytest.mark.parametrize(
    ("on", "recurs", "today", "expected"),
    [
        ("2027-01-03", False, "2026-12-27", "2027-01-03"),  # ahead: itself
        ("2026-12-01", False, "2026-12-27", None),  # a one-off date passed: none
        ("2026-12-27", False, "2026-12-27", "2026-12-27"),  # today counts
        ("2019-01-03", True, "2026-12-27", "2027-01-03"),  # into next year
        ("2019-01-03", True, "2027-01-03", "2027-01-03"),  # this year's, on the day
        ("2019-01-03", True, "2027-01-04", "2028-01-03"),  # passed: next year's
        ("2028-05-01", True, "2026-12-27", "2028-05-01"),  # a yearly date starts on its date
        ("2024-02-29", True, "2027-01-10", "2027-02-28"),  # Feb 29 on Feb 28 otherwise
        ("2024-02-29", True, "2027-03-01", "2028-02-29"),  # and on Feb 29 in a leap year
        ("2024-02-29", True, "2028-02-29", "2028-02-29"),
    ],
)
def test_next_occurrence(on, recurs, today, expected):
    found = high_risk_occurrence(Row(on, recurs), d(today))
    assert found == (d(expected) if expected else None)


# ---------------------------------------------------------------- exactly once


def test_one_reminder_each_however_often_the_sweep_runs(program, clinician):
    episode = client_episode(program, clinician=clinician, channel="email")
    plan_with_dates(episode, court_date(d("2026-05-20")))
    sent_at = sweep_hourly(ny("2026-05-11", 0), ny("2026-05-22", 0))
    # The reminder day (7 days before) once quiet hours end at 08:00, and never again.
    assert sent_at == [ny("2026-05-13", 8)]
    assert outbox() == [("email", "avery@example.test"), ("email", "dana@clinic.test")]
    for moment in every_hour(ny("2026-05-13", 8), ny("2026-05-13", 20)):
        assert high_risk_reminders_enqueue(now=moment) == 0


def test_a_yearly_date_across_the_year_boundary_once_each_year(program, clinician):
    episode = client_episode(program, clinician=clinician, channel="sms")
    plan_with_dates(episode, anniversary(d("2019-01-03")))
    first = sweep_hourly(ny("2026-12-25", 0), ny("2027-01-05", 0))
    assert first == [ny("2026-12-27", 8)]
    second = sweep_hourly(ny("2027-12-25", 0), ny("2028-01-05", 0))
    assert second == [ny("2027-12-27", 8)]
    keys = sorted(OutboxMessage.objects.values_list("dedupe_key", flat=True))
    assert len(keys) == 4
    assert sum("2027-01-03" in key for key in keys) == 2
    assert sum("2028-01-03" in key for key in keys) == 2


@pytest.mark.parametrize(
    ("sunday", "quiet_end", "sent_local"),
    [
        # Spring forward (2:00 becomes 3:00) on Sunday Mar 8, 2026.
        pytest.param("2026-03-08", datetime.time(8, 0), (8, 0), id="march-8am"),
        # Quiet hours end inside the skipped hour: the first hour after it.
        pytest.param("2026-03-08", datetime.time(2, 30), (3, 0), id="march-in-the-gap"),
        # Fall back (2:00 becomes 1:00 again) on Sunday Nov 1, 2026.
        pytest.param("2026-11-01", datetime.time(8, 0), (8, 0), id="november-8am"),
        # Quiet hours end in the repeated hour: sent in its first pass, not again.
        pytest.param("2026-11-01", datetime.time(1, 0), (1, 0), id="november-repeated-hour"),
    ],
)
def test_a_reminder_day_on_a_daylight_saving_sunday_sends_once(db, sunday, quiet_end, sent_local):
    program = clinic(quiet_hours_end=quiet_end)
    episode = client_episode(program, clinician=clinician_in(program), channel="email")
    occurrence = d(sunday) + datetime.timedelta(days=7)
    plan_with_dates(episode, anniversary(occurrence.replace(year=2015)))
    sent_at = sweep_hourly(ny(sunday, 0) - 24 * HOUR, ny(sunday, 0) + 48 * HOUR)
    assert len(sent_at) == 1
    assert (sent_at[0].date(), sent_at[0].hour, sent_at[0].minute) == (d(sunday), *sent_local)
    assert sent_at[0].fold == 0  # the first 1:00 of the November Sunday
    assert OutboxMessage.objects.count() == 2


def test_not_before_quiet_hours_end_in_the_programs_zone(db):
    program = clinic(time_zone="America/Los_Angeles", quiet_hours_end=datetime.time(9, 0))
    episode = client_episode(program, clinician=clinician_in(program), channel="email")
    plan_with_dates(episode, court_date(d("2026-06-10")))
    la = zoneinfo.ZoneInfo("America/Los_Angeles")
    morning = datetime.datetime(2026, 6, 3, 8, 59, tzinfo=la)
    # 8:59 in Los Angeles is already 11:59 in New York: still quiet where the program is.
    assert high_risk_reminders_enqueue(now=morning) == 0
    assert high_risk_reminders_enqueue(now=morning + datetime.timedelta(minutes=1)) == 2


def test_a_sweep_that_missed_the_day_catches_up_while_the_date_is_ahead(program, clinician):
    episode = client_episode(program, clinician=clinician)
    plan_with_dates(episode, court_date(d("2026-05-20")))
    assert high_risk_reminders_enqueue(now=ny("2026-05-12", 12)) == 0  # 8 days before
    assert high_risk_reminders_enqueue(now=ny("2026-05-18", 12)) == 1  # missed the 13th
    assert high_risk_reminders_enqueue(now=ny("2026-05-19", 12)) == 0


def test_on_the_day_itself_and_never_after(program, clinician):
    late = client_episode(program, clinician=clinician, first_name="Lee")
    plan_with_dates(late, court_date(d("2026-05-20")))
    gone = client_episode(program, clinician=clinician, first_name="Gale")
    plan_with_dates(gone, court_date(d("2026-05-19")))
    assert high_risk_reminders_enqueue(now=ny("2026-05-20", 9)) == 1
    (message,) = OutboxMessage.objects.all()
    assert "high-risk date today, May 20, 2026: see Today." in message.body


# ---------------------------------------------------------------- who gets what


def test_the_clinician_email_names_no_client_and_links_to_today(program, clinician):
    episode = client_episode(program, clinician=clinician, first_name="Marisol")
    plan_with_dates(episode, anniversary(d("2019-01-03"), label="Day my brother died"))
    assert high_risk_reminders_enqueue(now=ny("2026-12-27", 9)) == 1
    (message,) = OutboxMessage.objects.all()
    assert (message.channel, message.recipient) == ("email", "dana@clinic.test")
    assert message.subject == "A high-risk date is coming"
    assert message.body.startswith(
        "A client on your caseload has a high-risk date coming on Jan 3, 2027: see Today."
    )
    assert settings.IOP_BASE_URL + reverse("scheduling:today") in message.body
    client = episode.client
    for word in ("Marisol", client.legal_last_name, client.record_number, "brother", "died"):
        assert word not in message.body and word not in message.subject


def test_no_client_message_without_reminders_chosen(program, clinician):
    episode = client_episode(program, clinician=clinician, channel="none")
    plan_with_dates(episode, court_date(d("2026-05-20")))
    high_risk_reminders_enqueue(now=ny("2026-05-13", 9))
    assert outbox() == [("email", "dana@clinic.test")]


@pytest.mark.parametrize(
    ("channel", "address"), [("email", "avery@example.test"), ("sms", "+15550100")]
)
def test_the_client_by_their_channel_in_discreet_words(program, clinician, channel, address):
    episode = client_episode(program, clinician=clinician, channel=channel)
    plan_with_dates(
        episode,
        court_date(d("2026-05-20"), label="Custody hearing"),
        anniversary(d("2011-05-20"), label="Anniversary of the fire"),
    )
    high_risk_reminders_enqueue(now=ny("2026-05-13", 9))
    # Two dates on the day: the clinician hears of each, the client once.
    (message,) = OutboxMessage.objects.exclude(recipient="dana@clinic.test")
    assert (message.channel, message.recipient) == (channel, address)
    assert message.subject == "Thinking of you"
    assert message.body == (
        "Your care team is thinking of you this week. If things feel heavy, "
        "call us at (555) 010-2000 or call or text 988."
    )
    text = f"{message.subject} {message.body}".lower()
    for word in [*SENSITIVE_WORDS, *CLINICAL_WORDS, "custody", "hearing", "fire", "riverside"]:
        assert word not in text, word
    assert OutboxMessage.objects.filter(recipient="dana@clinic.test").count() == 2


def test_a_client_who_chose_full_reminders_hears_the_program_name_not_the_date(program, clinician):
    episode = client_episode(program, clinician=clinician, channel="email", discreet=False)
    plan_with_dates(episode, anniversary(d("2011-05-20"), label="Anniversary of the fire"))
    high_risk_reminders_enqueue(now=ny("2026-05-13", 9))
    message = OutboxMessage.objects.get(recipient="avery@example.test")
    assert message.subject == "From Riverside IOP"
    assert message.body.startswith("Riverside IOP: your care team is thinking of you this week.")
    for word in [*SENSITIVE_WORDS, "fire"]:
        assert word not in message.body.lower()


def test_without_a_program_line_only_988(db):
    program = clinic(crisis_line_phone="", letterhead_phone="")
    episode = client_episode(program, clinician=clinician_in(program), channel="sms")
    plan_with_dates(episode, court_date(d("2026-05-20")))
    high_risk_reminders_enqueue(now=ny("2026-05-13", 9))
    message = OutboxMessage.objects.get(channel="sms")
    assert message.body.endswith("If things feel heavy, call or text 988.")


def test_a_longer_reminder_window_says_the_weeks_ahead(db):
    program = clinic(high_risk_reminder_days=21)
    episode = client_episode(program, clinician=clinician_in(program), channel="sms")
    plan_with_dates(episode, court_date(d("2026-05-31")))
    assert high_risk_reminders_enqueue(now=ny("2026-05-09", 9)) == 0  # 22 days before
    assert high_risk_reminders_enqueue(now=ny("2026-05-10", 9)) == 2
    message = OutboxMessage.objects.get(channel="sms")
    assert "thinking of you in the weeks ahead" in message.body


# ---------------------------------------------------------------- which plans


def test_a_re_signed_plan_with_the_same_date_sends_nothing_again(program, clinician):
    episode = client_episode(program, clinician=clinician, channel="email")
    first = plan_with_dates(episode, anniversary(d("2019-01-03")))
    assert high_risk_reminders_enqueue(now=ny("2026-12-27", 9)) == 2
    # A new version copies the date forward as a new row, and is signed.
    second = plan_with_dates(episode, anniversary(d("2019-01-03")), previous=first)
    assert second.high_risk_dates.get().pk != first.high_risk_dates.get().pk
    for moment in every_hour(ny("2026-12-27", 10), ny("2027-01-03", 20)):
        assert high_risk_reminders_enqueue(now=moment) == 0
    assert OutboxMessage.objects.count() == 2


def test_a_new_version_with_a_new_date_reminds_of_that_one_only(program, clinician):
    episode = client_episode(program, clinician=clinician)
    first = plan_with_dates(episode, anniversary(d("2019-01-03")))
    high_risk_reminders_enqueue(now=ny("2026-12-27", 9))
    plan_with_dates(
        episode, anniversary(d("2019-01-03")), court_date(d("2027-01-02")), previous=first
    )
    assert high_risk_reminders_enqueue(now=ny("2026-12-28", 9)) == 1
    assert OutboxMessage.objects.count() == 2


def test_a_draft_or_superseded_plan_sends_nothing(program, clinician):
    drafted = client_episode(program, clinician=clinician, channel="email", first_name="Drew")
    plan_with_dates(drafted, court_date(d("2026-05-20")), sign=False)
    replaced = client_episode(program, clinician=clinician, channel="email", first_name="Rae")
    old = plan_with_dates(replaced, court_date(d("2026-05-20")))
    plan_with_dates(replaced, previous=old)  # the new version dropped the date
    for moment in every_hour(ny("2026-05-13", 0), ny("2026-05-21", 0)):
        assert high_risk_reminders_enqueue(now=moment) == 0
    assert not OutboxMessage.objects.exists()
    assert PlanHighRiskDate.objects.count() == 2  # the dates are there, just not in effect


def test_nothing_for_a_client_with_no_open_episode(program, clinician):
    client = ClientFactory(program=program, reminder_channel="email", email="sam@example.test")
    episode: Episode = EpisodeFactory.create(
        client=client,
        primary_clinician=clinician,
        admitted_on=d("2026-01-05"),
        discharged_on=d("2026-04-01"),
        discharge_reason="completed",
    )
    plan_with_dates(episode, court_date(d("2026-05-20")))
    assert high_risk_reminders_enqueue(now=ny("2026-05-13", 9)) == 0


def test_no_primary_clinician_still_reminds_the_client_who_chose_it(program):
    episode = client_episode(program, clinician=None, channel="sms")
    plan_with_dates(episode, court_date(d("2026-05-20")))
    assert high_risk_reminders_enqueue(now=ny("2026-05-13", 9)) == 1
    assert outbox() == [("sms", "+15550100")]


def test_an_inactive_program_is_not_swept(db):
    program = clinic(active=False)
    episode = client_episode(program, clinician=clinician_in(program), channel="sms")
    plan_with_dates(episode, court_date(d("2026-05-20")))
    assert high_risk_reminders_enqueue(now=ny("2026-05-13", 9)) == 0


def test_feb_29_is_reminded_once_before_feb_28_in_a_common_year(program, clinician):
    episode = client_episode(program, clinician=clinician, channel="email")
    plan_with_dates(episode, anniversary(d("2024-02-29")))
    assert sweep_hourly(ny("2027-02-19", 0), ny("2027-03-01", 0)) == [ny("2027-02-21", 8)]
    assert sweep_hourly(ny("2028-02-20", 0), ny("2028-03-01", 0)) == [ny("2028-02-22", 8)]
    assert OutboxMessage.objects.filter(dedupe_key__contains="2027-02-28").count() == 2
    assert OutboxMessage.objects.filter(dedupe_key__contains="2028-02-29").count() == 2


# ---------------------------------------------------------------- queries


def test_a_sweep_reads_in_a_fixed_number_of_queries(program, django_assert_max_num_queries):
    for n in range(8):
        episode = client_episode(
            program, clinician=clinician_in(program), channel="sms", first_name=f"C{n}"
        )
        plan_with_dates(episode, court_date(d("2026-05-20")), anniversary(d("2019-05-18")))
    assert (
        high_risk_reminders_enqueue(now=ny("2026-05-13", 9)) == 8 * 4
    )  # two dates: each to the clinician and the client
    # Everything is queued: the next sweep only reads (programs, episodes, dates, outbox
    # keys; and the savepoint of its transaction).
    with django_assert_max_num_queries(6):
        assert high_risk_reminders_enqueue(now=ny("2026-05-13", 10)) == 0
