from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from groups.models import Admission
from groups.services import roster_add
from iop.accounts.models import Role
from scheduling.models import Closure, Session, SessionStaff, Track, TrackBlock
from scheduling.services.calendar import (
    block_save,
    closure_add,
    session_cancel,
    session_move,
    sessions_generate,
    track_save,
)
from scheduling.services.enrolment import track_enrol
from tests.scheduling.core_helpers import (
    MON,
    admit,
    at,
    day,
    expected_names,
    sessions_of,
    track_with_group,
)
from tests.scheduling.factories import local

pytestmark = pytest.mark.django_db
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
UTC = datetime.UTC


def local_times(sessions: list[Session]) -> list[str]:
    return [f"{timezone.localtime(s.starts_at, NEW_YORK):%a %d %H:%M}" for s in sessions]


# ---------------------------------------------------------------- daylight saving


def test_spring_forward_keeps_nine_o_clock_local_and_moves_utc(program):
    track, block = track_with_group(program, block=(datetime.time(9), datetime.time(10, 30)))
    created = sessions_generate(program=program, today=MON, until=day(10))
    sessions = sessions_of(block.group)
    assert created == 6
    assert local_times(sessions) == [
        "Mon 02 09:00", "Wed 04 09:00", "Thu 05 09:00",
        "Mon 09 09:00", "Wed 11 09:00", "Thu 12 09:00",
    ]  # fmt: skip
    # EST is UTC-5 before Sunday 8 March, EDT is UTC-4 after it.
    assert [s.starts_at.astimezone(UTC).hour for s in sessions] == [14, 14, 14, 13, 13, 13]
    assert all(s.duration_minutes == 90 for s in sessions)
    assert [s.occurs_on for s in sessions] == [day(0), day(2), day(3), day(7), day(9), day(10)]


def test_fall_back_keeps_evening_time_local_and_moves_utc(program):
    track, block = track_with_group(
        program,
        name="Evening IOP",
        days=(2, 3, 4),
        hours=(18, 21),
        block=(datetime.time(18), datetime.time(21)),
        starts_on=datetime.date(2026, 10, 1),
    )
    sessions_generate(
        program=program, today=datetime.date(2026, 10, 26), until=datetime.date(2026, 11, 5)
    )
    sessions = sessions_of(block.group)
    assert local_times(sessions) == [
        "Tue 27 18:00", "Wed 28 18:00", "Thu 29 18:00",
        "Tue 03 18:00", "Wed 04 18:00", "Thu 05 18:00",
    ]  # fmt: skip
    # EDT (UTC-4) until Sunday 1 November, then EST (UTC-5).
    assert [s.starts_at.astimezone(UTC).hour for s in sessions] == [22, 22, 22, 23, 23, 23]
    assert all(s.duration_minutes == 180 for s in sessions)


# ---------------------------------------------------------------- generation


def test_generation_is_idempotent(program):
    track_with_group(program)
    assert sessions_generate(program=program, today=MON, until=day(13)) == 6
    assert sessions_generate(program=program, today=MON, until=day(13)) == 0
    assert sessions_generate(program=program, today=MON, until=day(20)) == 3
    assert Session.objects.count() == 9


def test_generation_defaults_to_the_program_weeks_ahead(program):
    program.sessions_weeks_ahead = 2
    program.save()
    track_with_group(program)
    sessions_generate(program=program, today=MON)
    assert Session.objects.count() == 6 + 1  # through Monday 16 March inclusive


def test_generation_starts_on_the_track_first_day_and_skips_inactive(program, other_program):
    track_with_group(program, starts_on=day(7))
    quiet, _ = track_with_group(program, name="Paused", group_name="Paused group")
    quiet.active = False
    quiet.save()
    track_with_group(other_program)
    assert sessions_generate(program=program, today=MON, until=day(13)) == 3
    assert {s.occurs_on for s in Session.objects.filter(program=program)} == {
        day(7),
        day(9),
        day(10),
    }


def test_closures_are_skipped_for_the_program_or_the_one_track(program):
    morning, m_block = track_with_group(program)
    evening, e_block = track_with_group(
        program,
        name="Evening IOP",
        hours=(18, 21),
        block=(datetime.time(18), datetime.time(21)),
        group_name="Evening process",
    )
    Closure.objects.create(program=program, date=day(2), reason="Staff training")
    Closure.objects.create(program=program, track=evening, date=day(3), reason="Room repairs")
    sessions_generate(program=program, today=MON, until=day(4))
    assert [s.occurs_on for s in sessions_of(m_block.group)] == [day(0), day(3)]
    assert [s.occurs_on for s in sessions_of(e_block.group)] == [day(0)]


def test_topics_follow_the_curriculum_and_cycle_from_the_last_session(program):
    _, block = track_with_group(program, topic_titles=("Values", "Triggers", "Coping plans"))
    sessions_generate(program=program, today=MON, until=day(2))
    sessions_generate(program=program, today=MON, until=day(13))
    titles = [s.topic_title for s in sessions_of(block.group)]
    assert titles == ["Values", "Triggers", "Coping plans", "Values", "Triggers", "Coping plans"]
    fourth = sessions_of(block.group)[3].topic
    assert fourth is not None and fourth.position == 1


def test_generated_sessions_carry_facilitators_and_the_roster(program, staff):
    clinician = staff[Role.CLINICIAN]
    track, block = track_with_group(program, facilitator=clinician)
    closed_track, closed_block = track_with_group(
        program,
        name="Trauma track",
        group_name="Seeking Safety",
        admission=Admission.CLOSED,
        hours=(13, 15),
        block=(datetime.time(13), datetime.time(15)),
    )
    ada, ben, cy = (admit(program, first=n) for n in ("Ada", "Ben", "Cy"))
    with at(program, datetime.date(2026, 3, 1), 12):
        track_enrol(episode=ada, track=track, starts_on=MON, actor=clinician)
        track_enrol(episode=ben, track=track, starts_on=day(7), actor=clinician)
        roster_add(group=closed_block.group, episode=cy, actor=clinician, on=MON)
    sessions_generate(program=program, today=MON, until=day(7))
    first, *_, later = sessions_of(block.group)
    assert expected_names(first) == ["Ada"]
    assert expected_names(later) == ["Ada", "Ben"]
    assert list(SessionStaff.objects.filter(session=first).values_list("user", "role")) == [
        (clinician.pk, "lead")
    ]
    # A closed group takes its roster, whatever track the client is in.
    assert [expected_names(s) for s in sessions_of(closed_block.group)] == [["Cy"]] * 4


def test_generation_never_puts_more_than_the_group_capacity_in_a_session(program, staff):
    track, block = track_with_group(program, capacity=2)
    clients = [admit(program, first=n) for n in ("Ada", "Ben", "Cy")]
    # Enrolments made outside the service (e.g. imported): generation still caps the group.
    from scheduling.models import TrackEnrolment

    for i, episode in enumerate(clients):
        TrackEnrolment.objects.create(episode=episode, track=track, starts_on=day(i))
    sessions_generate(program=program, today=MON, until=day(9))
    assert [expected_names(s) for s in sessions_of(block.group)] == [
        ["Ada"],
        ["Ada", "Ben"],
        ["Ada", "Ben"],
        ["Ada", "Ben"],
        ["Ada", "Ben"],
    ]


# ---------------------------------------------------------------- tracks and blocks


def save_track(program, user, **overrides):
    fields = {
        "program": program,
        "name": "Morning IOP",
        "days": [1, 3, 4],
        "starts_at": datetime.time(9),
        "ends_at": datetime.time(12),
        "starts_on": MON,
        "actor": user,
    }
    return track_save(**{**fields, **overrides})


def test_a_sixth_iop_day_is_refused_with_a_clear_message(program, staff):
    with pytest.raises(ValidationError) as refused:
        save_track(program, staff[Role.DIRECTOR], days=[1, 2, 3, 4, 5, 6])
    assert "at most 5 days a week" in refused.value.message_dict["days"][0]
    assert not Track.objects.exists()


def test_fewer_than_three_days_is_not_intensive_outpatient(program, staff):
    with pytest.raises(ValidationError) as refused:
        save_track(program, staff[Role.DIRECTOR], days=[1, 3])
    assert refused.value.message_dict["days"] == [
        "An intensive outpatient track meets at least 3 days a week; 2 were chosen."
    ]


def test_a_track_ending_before_it_starts_is_refused(program, staff):
    with pytest.raises(ValidationError) as refused:
        save_track(
            program, staff[Role.DIRECTOR], starts_at=datetime.time(12), ends_at=datetime.time(9)
        )
    assert refused.value.message_dict["ends_at"] == [
        "The end (09:00) must be after the start (12:00)."
    ]


def test_a_valid_track_and_block_are_saved(program, staff):
    director = staff[Role.DIRECTOR]
    track = save_track(program, director, days=[4, 1, 3])
    assert track.days == [1, 3, 4] and track.hours_per_day == 3
    _, other = track_with_group(program, name="Other")
    block = block_save(
        track=track,
        group=other.group,
        starts_at=datetime.time(9),
        ends_at=datetime.time(10, 30),
        days=[1, 3],
        actor=director,
    )
    assert TrackBlock.objects.get(pk=block.pk).days == [1, 3]


def test_block_outside_its_track_hours_or_days_is_refused(program, staff):
    track, block = track_with_group(program, block=(datetime.time(9), datetime.time(10, 30)))
    director = staff[Role.DIRECTOR]
    with pytest.raises(ValidationError) as refused:
        block_save(
            track=track,
            group=block.group,
            starts_at=datetime.time(11),
            ends_at=datetime.time(12, 30),
            actor=director,
        )
    assert refused.value.message_dict["ends_at"] == [
        "11:00-12:30 is outside Morning IOP's hours (09:00-12:00)."
    ]
    with pytest.raises(ValidationError) as refused:
        block_save(
            track=track,
            group=block.group,
            starts_at=datetime.time(10, 45),
            ends_at=datetime.time(12),
            days=[2],
            actor=director,
        )
    assert refused.value.message_dict["days"] == ["Morning IOP does not meet on Tuesday."]
    with pytest.raises(ValidationError) as refused:
        block_save(
            track=track,
            group=block.group,
            starts_at=datetime.time(10),
            ends_at=datetime.time(11),
            actor=director,
        )
    assert "Overlaps the Process group block (09:00-10:30)" in str(refused.value)
    assert TrackBlock.objects.count() == 1


def test_narrowing_a_track_around_its_blocks_is_refused(program, staff):
    track, _ = track_with_group(program, block=(datetime.time(9), datetime.time(12)))
    with pytest.raises(ValidationError) as refused:
        save_track(program, staff[Role.DIRECTOR], track=track, ends_at=datetime.time(11))
    assert "would fall outside the track's hours" in str(refused.value)
    track.refresh_from_db()
    assert track.ends_at == datetime.time(12)


# ---------------------------------------------------------------- closures, moves, cancels


def test_a_closure_cancels_the_sessions_already_generated_that_day(program, staff):
    _, block = track_with_group(program)
    sessions_generate(program=program, today=MON, until=day(3))
    with at(program, datetime.date(2026, 3, 1), 12):
        closure_add(program=program, date=day(2), reason="Snow day", actor=staff[Role.DIRECTOR])
    wednesday = Session.objects.get(occurs_on=day(2))
    assert (wednesday.status, wednesday.cancel_reason) == ("cancelled", "Closed: Snow day")
    assert Session.objects.scheduled().count() == 2
    sessions_generate(program=program, today=MON, until=day(3))
    assert Session.objects.filter(occurs_on=day(2)).count() == 1


def test_a_closure_needs_a_reason_and_a_day_to_come(program, staff):
    with at(program, day(3), 12), pytest.raises(ValidationError) as refused:
        closure_add(program=program, date=day(2), reason="Snow", actor=staff[Role.DIRECTOR])
    assert refused.value.message_dict["date"] == [
        "A closure cannot be added for a day that has passed."
    ]
    with at(program, day(0), 12), pytest.raises(ValidationError):
        closure_add(program=program, date=day(2), reason="  ", actor=staff[Role.DIRECTOR])
    assert not Closure.objects.exists()


def test_cancelling_needs_a_reason(program, staff):
    track_with_group(program)
    sessions_generate(program=program, today=MON, until=day(0))
    session = Session.objects.get()
    with pytest.raises(ValidationError) as refused:
        session_cancel(session=session, reason=" ", actor=staff[Role.CLINICIAN])
    assert refused.value.message_dict["reason"] == ["Give a reason for cancelling this session."]
    session_cancel(session=session, reason="Facilitator ill", actor=staff[Role.CLINICIAN])
    session.refresh_from_db()
    assert (session.status, session.cancel_reason, session.cancelled_by) == (
        "cancelled",
        "Facilitator ill",
        staff[Role.CLINICIAN],
    )


def test_moving_a_session_keeps_local_date_and_refuses_the_past(program, staff):
    track_with_group(program, block=(datetime.time(9), datetime.time(10, 30)))
    sessions_generate(program=program, today=MON, until=day(3))
    wednesday = Session.objects.get(occurs_on=day(2))
    clinician = staff[Role.CLINICIAN]
    with at(program, day(1), 12):
        session_move(
            session=wednesday,
            starts_at=local(program, day(4), 10),
            ends_at=local(program, day(4), 11, 30),
            actor=clinician,
        )
    wednesday.refresh_from_db()
    assert wednesday.occurs_on == day(4)
    monday = Session.objects.get(occurs_on=day(0))
    with at(program, day(1), 12), pytest.raises(ValidationError) as refused:
        session_move(
            session=monday,
            starts_at=local(program, day(4), 13),
            ends_at=local(program, day(4), 14),
            actor=clinician,
        )
    assert refused.value.messages == [
        "This session has already started or taken place; it cannot be moved."
    ]
    monday.refresh_from_db()
    assert monday.occurs_on == day(0)


def test_moving_a_session_onto_a_clients_other_session_is_refused(program, staff):
    clinician = staff[Role.CLINICIAN]
    track, block = track_with_group(program, block=(datetime.time(9), datetime.time(10, 30)))
    _, late_block = track_with_group(
        program,
        name="Afternoon",
        hours=(13, 16),
        block=(datetime.time(13), datetime.time(14)),
        group_name="Skills group",
        admission=Admission.CLOSED,
    )
    ada = admit(program, first="Ada")
    with at(program, datetime.date(2026, 3, 1), 12):
        track_enrol(episode=ada, track=track, starts_on=MON, actor=clinician)
        roster_add(group=late_block.group, episode=ada, actor=clinician, on=MON)
    sessions_generate(program=program, today=MON, until=day(0))
    morning = Session.objects.get(group=block.group)
    with at(program, datetime.date(2026, 3, 1), 12), pytest.raises(ValidationError) as refused:
        session_move(
            session=morning,
            starts_at=local(program, day(0), 13, 30),
            ends_at=local(program, day(0), 15),
            actor=clinician,
        )
    assert refused.value.messages == [
        f"{ada.client.display_name} is already booked at that time: "
        "Skills group on Mon 2 Mar at 13:00-14:00."
    ]
