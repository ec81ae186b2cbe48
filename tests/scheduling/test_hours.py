"""Weekly hours against the level of care, and the same-day "can no longer reach it" flag."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from iop.accounts.models import Role
from scheduling.models import Session
from scheduling.services.attendance import attendance_record
from scheduling.services.calendar import session_cancel, sessions_generate
from scheduling.services.enrolment import track_enrol
from scheduling.services.hours import hours_shortfall, weekly_hours
from tests.factories import level
from tests.scheduling.core_helpers import MON, admit, at, day, place, track_with_group

pytestmark = pytest.mark.django_db
BEFORE = datetime.date(2026, 3, 1)


@pytest.fixture
def week(program, staff):
    """Three 3-hour sessions this week (Mon, Wed, Thu): exactly 9 hours on offer."""
    clinician = staff[Role.CLINICIAN]
    track, _ = track_with_group(program)
    adult = admit(program, first="Ada", clinician=clinician)
    teen = admit(program, first="Tess", clinician=clinician, born=datetime.date(2010, 6, 1))
    with at(program, BEFORE, 12):
        for episode in (adult, teen):
            track_enrol(episode=episode, track=track, starts_on=MON, actor=clinician)
    sessions_generate(program=program, today=MON, until=day(6))
    return clinician, list(Session.objects.order_by("starts_at")), adult, teen


def take(program, session, clinician, when, **marks_by_episode):
    with at(program, *when):
        attendance_record(
            session=session,
            marks={place(session, e).pk: v for e, v in marks_by_episode.values()},
            actor=clinician,
        )


def test_weekly_hours_add_attended_and_remaining_minutes(week, program):
    clinician, (mon, wed, thu), adult, teen = week
    take(
        program,
        mon,
        clinician,
        (day(0), 12, 30),
        a=(adult, ("late", 150)),
        t=(teen, ("present", None)),
    )
    hours = weekly_hours(episodes=[adult, teen], week_start=MON)
    assert (hours[adult.pk].attended_minutes, hours[adult.pk].remaining_scheduled_minutes) == (
        150,
        360,
    )
    assert (hours[adult.pk].minimum_minutes, hours[teen.pk].minimum_minutes) == (540, 360)
    assert not hours[adult.pk].can_reach  # 150 + 360 < 540: already short after being late
    assert hours[teen.pk].can_reach and hours[teen.pk].attended_hours == 3


def test_an_absence_flags_the_client_the_same_day(week, program):
    clinician, (mon, wed, thu), adult, teen = week
    take(
        program,
        mon,
        clinician,
        (day(0), 12, 30),
        a=(adult, ("present", None)),
        t=(teen, ("present", None)),
    )
    assert hours_shortfall(program_ids=[program.pk], on=day(2)) == []
    # Wednesday noon: Ada missed the morning group; 3 + 3 hours left is under 9.
    take(
        program,
        wed,
        clinician,
        (day(2), 12),
        a=(adult, ("absent_unexcused", None)),
        t=(teen, ("absent_excused", None)),
    )
    flagged = hours_shortfall(program_ids=[program.pk], on=day(2))
    assert [(h.episode_id, h.attended_minutes, h.remaining_scheduled_minutes) for h in flagged] == [
        (adult.pk, 180, 180)
    ]  # the adolescent's minimum is 6 hours: still reachable


def test_a_cancelled_session_counts_as_lost_hours(week, program):
    clinician, (mon, wed, thu), adult, teen = week
    session_cancel(session=thu, reason="Facilitator ill", actor=clinician)
    flagged = hours_shortfall(program_ids=[program.pk], on=day(0))
    assert [h.episode_id for h in flagged] == [adult.pk]


def test_the_program_minimum_is_a_setting(week, program):
    clinician, (mon, wed, thu), adult, teen = week
    session_cancel(session=thu, reason="Facilitator ill", actor=clinician)
    program.iop_min_weekly_hours = 6
    program.save()
    assert hours_shortfall(program_ids=[program.pk], on=day(0)) == []


def test_other_levels_use_their_own_minimum_and_admission_week_is_not_flagged(week, program):
    clinician, (mon, wed, thu), adult, teen = week
    session_cancel(session=thu, reason="Facilitator ill", actor=clinician)
    php = admit(program, first="Pat", clinician=clinician)
    php.level_of_care = level("2.5")
    php.save()
    newcomer = admit(program, first="Nia", admitted_on=day(1))
    monday_admission = admit(program, first="Mo", admitted_on=MON)
    hours = weekly_hours(episodes=[php, newcomer, monday_admission], week_start=MON)
    assert hours[php.pk].minimum_minutes == 1200
    assert hours[newcomer.pk].partial_week
    # Admitted on the Monday itself: still the admission week, not flagged.
    assert hours[monday_admission.pk].partial_week
    flagged = {h.episode_id for h in hours_shortfall(program_ids=[program.pk], on=day(0))}
    assert flagged == {adult.pk, php.pk}


def test_other_weeks_do_not_count(week, program):
    clinician, (mon, wed, thu), adult, teen = week
    take(
        program,
        mon,
        clinician,
        (day(0), 12, 30),
        a=(adult, ("present", None)),
        t=(teen, ("present", None)),
    )
    next_week = weekly_hours(episodes=[adult], week_start=day(7))[adult.pk]
    assert (next_week.attended_minutes, next_week.remaining_scheduled_minutes) == (0, 0)


def test_weekly_hours_take_a_constant_number_of_queries(week, program):
    clinician, sessions, adult, teen = week
    small = [adult]
    with CaptureQueriesContext(connection) as few:
        weekly_hours(episodes=small, week_start=MON)
    more = [adult, teen] + [admit(program, first=f"Extra{i}") for i in range(8)]
    sessions_generate(program=program, today=MON, until=day(20))
    with CaptureQueriesContext(connection) as many:
        result = weekly_hours(episodes=more, week_start=MON)
    assert len(result) == 10
    assert len(few) == len(many) == 4  # episodes (client joined), programs, levels, totals
    with CaptureQueriesContext(connection) as flagged:
        hours_shortfall(program_ids=[program.pk], on=day(0))
    assert len(flagged) == 4  # programs, episodes (client joined), levels, attendance totals
