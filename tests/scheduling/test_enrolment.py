"""Rolling admission, track changes and discharge: future sessions only, past records kept."""

from __future__ import annotations

import datetime
from typing import cast

import pytest
from django.core.exceptions import ValidationError

from groups.models import RosterEntry
from iop.accounts.models import Role
from scheduling.models import Session, SessionKind, TrackEnrolment
from scheduling.services.attendance import attendance_record
from scheduling.services.calendar import sessions_generate
from scheduling.services.enrolment import (
    episode_leave_future_sessions,
    track_enrol,
    track_unenrol,
)
from tests.scheduling.core_helpers import (
    MON,
    admit,
    at,
    day,
    expected_names,
    place,
    sessions_of,
    track_with_group,
)
from tests.scheduling.factories import RoomFactory, SessionFactory, local, staff_session

pytestmark = pytest.mark.django_db
BEFORE = datetime.date(2026, 3, 1)  # the Sunday before the first session


@pytest.fixture
def day_setup(program, staff):
    clinician = staff[Role.CLINICIAN]
    morning, m_block = track_with_group(program, block=(datetime.time(9), datetime.time(12)))
    evening, e_block = track_with_group(
        program,
        name="Evening IOP",
        hours=(18, 21),
        block=(datetime.time(18), datetime.time(21)),
        group_name="Evening process",
    )
    ada = admit(program, first="Ada", clinician=clinician)
    with at(program, BEFORE, 12):
        track_enrol(episode=ada, track=morning, starts_on=MON, actor=clinician)
    sessions_generate(program=program, today=MON, until=day(10))
    return clinician, morning, m_block.group, evening, e_block.group, ada


def test_enrolment_puts_the_client_on_the_open_groups_roster(day_setup):
    clinician, morning, group, _, _, ada = day_setup
    entry = RosterEntry.objects.get(episode=ada)
    assert (entry.group, entry.status, entry.joined_on) == (group, "member", MON)
    assert [expected_names(s) for s in sessions_of(group)] == [["Ada"]] * 6


def test_rolling_admission_joins_future_sessions_only(day_setup, program):
    clinician, morning, group, _, _, _ = day_setup
    ben = admit(program, first="Ben")
    # Thursday 5 March, 13:00: that morning's group has been held.
    with at(program, day(3), 13):
        track_enrol(episode=ben, track=morning, starts_on=day(3), actor=clinician)
    assert [expected_names(s) for s in sessions_of(group)] == [
        ["Ada"], ["Ada"], ["Ada"],
        ["Ada", "Ben"], ["Ada", "Ben"], ["Ada", "Ben"],
    ]  # fmt: skip
    # Sessions generated later pick the new client up too.
    sessions_generate(program=program, today=day(3), until=day(14))
    assert expected_names(sessions_of(group)[-1]) == ["Ada", "Ben"]


def test_track_change_leaves_old_future_sessions_and_keeps_the_past(day_setup, program):
    clinician, morning, group, evening, evening_group, ada = day_setup
    monday = sessions_of(group)[0]
    with at(program, day(0), 12, 30):
        attendance_record(
            session=monday, marks={place(monday, ada).pk: ("present", None)}, actor=clinician
        )
    with at(program, day(3), 13):
        track_enrol(episode=ada, track=evening, starts_on=day(3), actor=clinician)
    old = TrackEnrolment.objects.get(episode=ada, track=morning)
    assert (old.ended_on, old.ended_reason) == (day(3), "Moved to Evening IOP")
    places = [place(s, ada) for s in sessions_of(group)]
    assert [p.status for p in places] == ["expected"] * 3 + ["removed"] * 3
    assert places[-1].removed_reason == "Moved to Evening IOP"
    assert (places[0].attendance, places[0].minutes_attended) == ("present", 180)
    # Thursday evening has not started yet: the client is expected there from today.
    assert [expected_names(s) for s in sessions_of(evening_group)] == [[]] * 2 + [["Ada"]] * 4
    assert RosterEntry.objects.get(episode=ada, group=group).status == "left"
    assert RosterEntry.objects.get(episode=ada, group=evening_group).status == "member"
    # Generating more weeks keeps the client in the new track only.
    sessions_generate(program=program, today=day(3), until=day(17))
    assert expected_names(sessions_of(group)[-1]) == []
    assert expected_names(sessions_of(evening_group)[-1]) == ["Ada"]


def test_enrolling_in_the_same_track_twice_is_refused(day_setup):
    clinician, morning, _, _, _, ada = day_setup
    with pytest.raises(ValidationError) as refused:
        track_enrol(episode=ada, track=morning, starts_on=day(7), actor=clinician)
    assert refused.value.messages == ["This client is already enrolled in Morning IOP."]


def test_a_full_open_group_refuses_the_enrolment_naming_it(day_setup, program):
    clinician, morning, group, _, _, _ = day_setup
    group.capacity = 1
    group.save()
    ben = admit(program, first="Ben")
    with at(program, BEFORE, 12), pytest.raises(ValidationError) as refused:
        track_enrol(episode=ben, track=morning, starts_on=MON, actor=clinician)
    assert refused.value.messages == [
        "Process group is full (1 of 1 places taken); free a place or raise its capacity first."
    ]
    assert not TrackEnrolment.objects.filter(episode=ben).exists()
    assert not RosterEntry.objects.filter(episode=ben).exists()


def test_unenrolling_needs_a_reason_and_frees_future_sessions(day_setup, program):
    clinician, morning, group, _, _, ada = day_setup
    with at(program, day(3), 13), pytest.raises(ValidationError):
        track_unenrol(episode=ada, ended_on=day(3), reason="", actor=clinician)
    with at(program, day(3), 13):
        track_unenrol(episode=ada, ended_on=day(7), reason="Working days now", actor=clinician)
    assert [expected_names(s) for s in sessions_of(group)] == [["Ada"]] * 3 + [[]] * 3
    assert RosterEntry.objects.get(episode=ada).left_on == day(7)


def test_discharge_leaves_future_sessions_and_cancels_booked_ones(day_setup, program):
    clinician, morning, group, _, _, ada = day_setup
    wednesday = sessions_of(group)[1]
    with at(program, day(2), 12, 5):
        attendance_record(
            session=wednesday,
            marks={place(wednesday, ada).pk: ("absent_excused", None)},
            actor=clinician,
        )
    individual = cast(
        Session,
        SessionFactory(
            program=program,
            kind=SessionKind.INDIVIDUAL,
            occurs_on=day(8),
            starts_at=local(program, day(8), 13),
            ends_at=local(program, day(8), 13, 50),
            room=RoomFactory(program=program),
        ),
    )
    staff_session(individual, clinician)
    individual.attendees.create(episode=ada, client=ada.client)
    with at(program, day(3), 13):
        left = episode_leave_future_sessions(
            episode=ada, left_on=day(3), reason="Discharged: completed treatment", actor=clinician
        )
    assert left == 4  # three group sessions and the individual one
    places = [place(s, ada) for s in sessions_of(group)]
    assert [p.status for p in places] == ["expected"] * 3 + ["removed"] * 3
    assert (places[1].attendance, places[1].minutes_attended) == ("absent_excused", 0)
    individual.refresh_from_db()
    assert (individual.status, individual.cancel_reason) == (
        "cancelled",
        "Discharged: completed treatment",
    )
    assert TrackEnrolment.objects.get(episode=ada).ended_on == day(3)
    assert RosterEntry.objects.get(episode=ada).status == "left"
    assert Session.objects.filter(group=group, status="scheduled").count() == 6
