"""Booking individual, family and medication sessions: each conflict refused and named,
nothing saved."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from iop.accounts.models import Role
from scheduling.models import Closure, Session, SessionAttendee, SessionStaff
from scheduling.services.bookings import session_book
from scheduling.services.calendar import sessions_generate
from scheduling.services.enrolment import track_enrol
from tests.factories import member
from tests.scheduling.core_helpers import MON, admit, at, day, track_with_group
from tests.scheduling.factories import RoomFactory, local

BEFORE = datetime.date(2026, 3, 1)
OUTSIDE = "is outside program hours on Wednesdays (08:00-21:00)."
FUTURE = datetime.date(2099, 3, 4)  # a Wednesday, later than any real clock


@pytest.fixture
def setup(db, program, staff):
    clinician = staff[Role.CLINICIAN]
    track, _ = track_with_group(
        program, facilitator=clinician, block=(datetime.time(9), datetime.time(10, 30))
    )
    ada = admit(program, first="Ada", clinician=clinician)
    with at(program, BEFORE, 12):
        track_enrol(episode=ada, track=track, starts_on=MON, actor=clinician)
    sessions_generate(program=program, today=MON, until=day(3))
    return clinician, ada, RoomFactory(program=program, name="Room 2", capacity=3)


def book(program, episode, staff, *, on=day(2), start=(13, 0), end=(13, 50), **kw):
    fields = {
        "program": program,
        "kind": "individual",
        "episode": episode,
        "staff": staff,
        "starts_at": local(program, on, *start),
        "ends_at": local(program, on, *end),
        "actor": staff,
    }
    with at(program, BEFORE, 12):
        return session_book(**{**fields, **kw})


def refused(program, episode, staff, **kw) -> list[str]:
    before = Session.objects.count(), SessionAttendee.objects.count(), SessionStaff.objects.count()
    with pytest.raises(ValidationError) as error:
        book(program, episode, staff, **kw)
    after = Session.objects.count(), SessionAttendee.objects.count(), SessionStaff.objects.count()
    assert after == before, "nothing is saved when a booking is refused"
    return error.value.messages


def test_a_clear_booking_saves_session_staff_and_client(setup, program):
    clinician, ada, room = setup
    session = book(program, ada, clinician, room=room)
    assert (session.kind, session.occurs_on, session.room) == ("individual", day(2), room)
    assert list(session.staff.all()) == [clinician]
    assert [a.episode for a in session.attendees.all()] == [ada]


def test_a_client_already_in_group_is_refused(setup, program, staff):
    clinician, ada, room = setup
    other = member(Role.CLINICIAN, program)
    assert refused(program, ada, other, start=(10, 0), end=(10, 50), room=room) == [
        f"{ada.client.display_name} is already booked at that time: "
        "Process group on Wed 4 Mar at 09:00-10:30."
    ]


def test_a_staff_member_already_facilitating_is_refused(setup, program):
    clinician, _, room = setup
    ben = admit(program, first="Ben")
    assert refused(program, ben, clinician, start=(10, 0), end=(10, 50), room=room) == [
        f"{clinician.display_name} is already booked at that time: "
        "Process group on Wed 4 Mar at 09:00-10:30."
    ]


def test_a_room_in_use_or_too_small_is_refused(setup, program, staff):
    clinician, ada, room = setup
    book(program, ada, clinician, room=room)
    ben = admit(program, first="Ben")
    other = member(Role.CLINICIAN, program)
    assert refused(program, ben, other, start=(13, 30), end=(14, 0), room=room) == [
        "Room 2 is already in use at that time: Individual therapy on Wed 4 Mar at 13:00-13:50."
    ]
    cupboard = RoomFactory(program=program, name="Quiet room", capacity=1)
    assert refused(program, ben, other, start=(15, 0), end=(15, 50), room=cupboard) == [
        "Quiet room holds 1 people; this session has 2."
    ]


@pytest.mark.parametrize(
    ("on", "start", "end", "message"),
    [
        (day(2), (7, 0), (7, 50), f"07:00-07:50 {OUTSIDE}"),
        (day(2), (20, 30), (21, 20), f"20:30-21:20 {OUTSIDE}"),
        (day(6), (10, 0), (10, 50), "The program is not open on Sundays."),
    ],
)  # fmt: skip
def test_outside_program_hours_is_refused(setup, program, on, start, end, message):
    clinician, ada, room = setup
    assert refused(program, ada, clinician, on=on, start=start, end=end, room=room) == [message]


def test_a_closed_day_is_refused(setup, program):
    clinician, ada, room = setup
    Closure.objects.create(program=program, date=day(1), reason="Staff training")
    assert refused(program, ada, clinician, on=day(1), room=room) == [
        "The program is closed on Tue 3 Mar: Staff training."
    ]


def test_end_before_start_and_no_place_are_refused(setup, program):
    clinician, ada, _ = setup
    messages = refused(program, ada, clinician, start=(14, 0), end=(13, 0))
    assert messages == [
        "Choose a room or give a telehealth link.",
        "The end must be after the start.",
    ]


def test_medication_management_needs_a_prescriber(setup, program, staff):
    clinician, ada, _ = setup
    assert refused(
        program, ada, clinician, kind="medication", telehealth_url="https://meet.example/abc"
    ) == [
        f"Medication management is booked with a prescriber; {clinician.display_name} "
        "is not a prescriber in this program."
    ]
    visit = book(
        program,
        ada,
        staff[Role.PRESCRIBER],
        kind="medication",
        telehealth_url="https://meet.example/abc",
    )
    assert (visit.kind, visit.room, visit.telehealth_url) == (
        "medication",
        None,
        "https://meet.example/abc",
    )


def test_a_booking_in_the_past_is_refused(setup, program):
    clinician, ada, room = setup
    with at(program, day(2), 14), pytest.raises(ValidationError) as error:
        session_book(
            program=program,
            kind="individual",
            episode=ada,
            staff=clinician,
            starts_at=local(program, day(2), 13),
            ends_at=local(program, day(2), 13, 50),
            actor=clinician,
            room=room,
        )
    assert error.value.messages == ["A session cannot be booked in the past."]


@pytest.mark.django_db(transaction=True)
def test_two_racing_bookings_for_the_same_client_cannot_both_pass(program, staff):
    """Each thread has its own database connection; the row locks serialise them."""
    ada = admit(program, first="Ada")
    room_a = RoomFactory(program=program, name="Room A")
    room_b = RoomFactory(program=program, name="Room B")
    clinicians = [member(Role.CLINICIAN, program) for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def attempt(clinician, room) -> None:
        try:
            barrier.wait()
            session_book(
                program=program,
                kind="individual",
                episode=ada,
                staff=clinician,
                starts_at=local(program, FUTURE, 13),
                ends_at=local(program, FUTURE, 13, 50),
                actor=clinician,
                room=room,
            )
            outcomes.append("booked")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [
        threading.Thread(target=attempt, args=(c, r))
        for c, r in zip(clinicians, (room_a, room_b), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("booked") == 1
    [refusal] = [o for o in outcomes if o != "booked"]
    assert refusal.startswith(f"{ada.client.display_name} is already booked at that time")
    assert Session.objects.count() == 1
