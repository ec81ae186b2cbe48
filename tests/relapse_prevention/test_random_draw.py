"""The random draw: exact per week, uniform over the days, once a day, each program's zone."""

from __future__ import annotations

import collections
import datetime
import random
import zoneinfo

import pytest
import time_machine
from django.db import IntegrityError, ProgrammingError, transaction

from iop.accounts.models import Role
from relapse_prevention.models import (
    RandomDraw,
    RandomSelection,
    SelectionOutcome,
    Specimen,
    Validity,
)
from relapse_prevention.services import random_screens as service
from tests.factories import ClientFactory, EpisodeFactory, ProgramFactory
from tests.relapse_prevention.random_helpers import panel, schedule

MONDAY = datetime.date(2026, 11, 2)
WEEKDAYS = [MONDAY + datetime.timedelta(days=i) for i in range(5)]
# The chi-square value with 4 degrees of freedom beyond which p < 0.001.
CHI2_4DF_P001 = 18.467


def simulate_week(days, times, rng):
    taken: list[datetime.date] = []
    for day in days:
        if service.decide_today(
            day=day, days=days, taken=len(taken), times_per_week=times, rng=rng
        ):
            taken.append(day)
    return taken


def test_many_weeks_exactly_k_never_twice_a_day_and_uniform_over_weekdays():
    rng = random.Random(20261202)
    counts: collections.Counter[int] = collections.Counter()
    weeks = 2000
    for _ in range(weeks):
        taken = simulate_week(WEEKDAYS, 3, rng)
        assert len(taken) == 3
        assert len(set(taken)) == 3
        counts.update(d.weekday() for d in taken)
    expected = weeks * 3 / 5
    chi2 = sum((counts[w] - expected) ** 2 / expected for w in range(5))
    assert chi2 < CHI2_4DF_P001, counts


def test_fewer_collection_days_than_owed_selects_every_day():
    rng = random.Random(1)
    days = [MONDAY, MONDAY + datetime.timedelta(days=3)]
    for _ in range(50):
        assert simulate_week(days, 3, rng) == days


def test_a_day_without_a_session_is_never_drawn_when_the_client_has_sessions():
    days = [MONDAY, MONDAY + datetime.timedelta(days=2)]
    tuesday = MONDAY + datetime.timedelta(days=1)
    for seed in range(30):
        rng = random.Random(seed)
        assert not service.decide_today(day=tuesday, days=days, taken=0, times_per_week=5, rng=rng)


def _at(zone: str, day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(zone)
    )


@pytest.fixture
def ny_client(program, staff):
    with time_machine.travel(_at("America/New_York", MONDAY - datetime.timedelta(3), 12)):
        client = EpisodeFactory(client=ClientFactory(program=program)).client
        schedule(client, staff[Role.CLINICIAN], times=3)
    return client


def test_the_beat_task_draws_k_a_week_once_a_day_and_is_idempotent(ny_client):
    for week in range(3):
        for offset in range(7):
            day = MONDAY + datetime.timedelta(days=7 * week + offset)
            with time_machine.travel(_at("America/New_York", day, 6), tick=False):
                service.draws_due(random.Random(week * 10 + offset))
                before = RandomSelection.objects.count()
                service.draws_due(random.Random(99))  # the same morning: nothing more
                assert RandomSelection.objects.count() == before
        monday = MONDAY + datetime.timedelta(days=7 * week)
        week_days = (monday, monday + datetime.timedelta(days=6))
        assert RandomSelection.objects.filter(day__range=week_days).count() == 3
    # A draw is recorded for each weekday (the collection days), selected or not.
    assert RandomDraw.objects.count() == 15


def test_before_five_in_the_morning_nothing_is_drawn_and_nothing_ahead(ny_client):
    with time_machine.travel(_at("America/New_York", MONDAY, 4, 59), tick=False):
        assert service.draws_due(random.Random(1)) == 0
    with time_machine.travel(_at("America/New_York", MONDAY, 5, 1), tick=False):
        service.draws_due(random.Random(1))
    assert not RandomSelection.objects.filter(day__gt=MONDAY).exists()
    assert set(RandomDraw.objects.values_list("day", flat=True)) == {MONDAY}


def test_each_program_draws_on_its_own_morning(staff):
    with time_machine.travel(_at("America/New_York", MONDAY - datetime.timedelta(3), 12)):
        kiribati = ProgramFactory(name="Line Islands", time_zone="Pacific/Kiritimati")
        new_york = ProgramFactory(name="Hudson", time_zone="America/New_York")
        far = EpisodeFactory(client=ClientFactory(program=kiribati)).client
        near = EpisodeFactory(client=ClientFactory(program=new_york)).client
        schedule(far, staff[Role.CLINICIAN], times=5)
        schedule(near, staff[Role.CLINICIAN], times=5)
    # 09:00 UTC Monday: 23:00 Monday on Kiritimati, 04:00 Monday in New York.
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC), tick=False):
        service.draws_due(random.Random(3))
    assert list(RandomSelection.objects.values_list("client", "day")) == [(far.pk, MONDAY)]
    # 11:00 UTC: 06:00 Monday in New York, 01:00 Tuesday on Kiritimati (too early there).
    with time_machine.travel(datetime.datetime(2026, 11, 2, 11, tzinfo=datetime.UTC), tick=False):
        service.draws_due(random.Random(3))
    assert set(RandomSelection.objects.values_list("client", "day")) == {
        (far.pk, MONDAY),
        (near.pk, MONDAY),
    }


def test_never_twice_the_same_day_in_the_database(ny_client, staff):
    sched = ny_client.random_screenings.get()
    with time_machine.travel(_at("America/New_York", MONDAY, 6), tick=False):
        RandomSelection.objects.create(
            client=ny_client,
            episode=sched.episode,
            schedule=sched,
            day=MONDAY,
            drawn_at=datetime.datetime.now(datetime.UTC),
        )
        with pytest.raises(IntegrityError), transaction.atomic():
            RandomSelection.objects.create(
                client=ny_client,
                episode=sched.episode,
                schedule=sched,
                day=MONDAY,
                drawn_at=datetime.datetime.now(datetime.UTC),
            )


def _selected_monday(client):
    with time_machine.travel(_at("America/New_York", MONDAY, 6), tick=False):
        sched = client.random_screenings.get()
        sched.times_per_week = 5
        sched.save()
        service.draws_due(random.Random(1))
    return RandomSelection.objects.get(client=client, day=MONDAY)


def test_the_no_show_sweep_records_one_no_show_after_the_day(ny_client, staff):
    selection = _selected_monday(ny_client)
    with time_machine.travel(_at("America/New_York", MONDAY, 19, 59), tick=False):
        assert service.no_shows_due() == 0
    with time_machine.travel(_at("America/New_York", MONDAY, 20, 30), tick=False):
        assert service.no_shows_due() == 1
        assert service.no_shows_due() == 0
    selection.refresh_from_db()
    specimen = Specimen.objects.get()
    assert selection.outcome == SelectionOutcome.NO_SHOW
    assert selection.specimen == specimen
    assert specimen.validity == Validity.NO_SHOW
    assert specimen.ordered_by == staff[Role.CLINICIAN]
    assert specimen.collected_by is None
    assert specimen.panel == panel()
    assert specimen.collected_at == _at("America/New_York", MONDAY, 23, 59).replace(second=59)
    with pytest.raises(ProgrammingError, match="never deleted"), transaction.atomic():
        selection.delete()


def test_a_specimen_given_that_day_marks_the_selection_collected(ny_client, staff):
    selection = _selected_monday(ny_client)
    assert service.selection_for(ny_client, MONDAY) == selection
    assert service.selection_for(ny_client, MONDAY + datetime.timedelta(1)) is None
    specimen = Specimen.objects.create(
        client=ny_client,
        episode=selection.episode,
        panel=panel(),
        ordered_by=staff[Role.CLINICIAN],
        collected_by=staff[Role.CLINICIAN],
        collected_at=_at("America/New_York", MONDAY, 10),
        specimen_type="urine",
        validity=Validity.NORMAL,
    )
    service.selection_collected(selection, specimen)
    selection.refresh_from_db()
    assert selection.outcome == SelectionOutcome.COLLECTED
    with time_machine.travel(_at("America/New_York", MONDAY, 21), tick=False):
        assert service.no_shows_due() == 0
    assert Specimen.objects.count() == 1
