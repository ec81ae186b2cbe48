"""Session reminders to clients and note reminders to clinicians: who, when, which text.

The sweep functions take ``now``; the outbox rows they write are the observable result
(the real worker's sending is in test_tasks.py)."""

from __future__ import annotations

import datetime

import pytest

from iop.accounts.models import Role
from iop.notifications.models import OutboxMessage
from scheduling.models import (
    AttendeeStatus,
    NoteFormat,
    ProgressNote,
    SessionKind,
    SessionStatus,
)
from scheduling.services.reminders import (
    note_reminders_enqueue,
    reminder_send_at,
    session_reminders_enqueue,
)
from tests.factories import ProgramFactory, member
from tests.scheduling.factories import RoomFactory, local
from tests.scheduling.reminders_helpers import (
    CLINICAL_WORDS,
    attendee,
    booked_session,
    expect,
    group_session,
)

TUE = datetime.date(2026, 11, 24)  # a Tuesday
MON = TUE - datetime.timedelta(days=1)


@pytest.fixture
def program(db):
    """Defaults: reminded 24 h before, quiet hours 21:00-08:00, New York time."""
    return ProgramFactory(name="Riverside Trauma Recovery IOP")


def messages() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.order_by("recipient"))


# ---------------------------------------------------------------- when


@pytest.mark.parametrize(
    ("hours_before", "session_day", "session_at", "sent_day", "sent_at"),
    [
        # Outside quiet hours: exactly N hours before.
        (24, TUE, (9, 0), MON, (9, 0)),
        # 07:00 the day before is quiet; quiet hours end at 08:00, before the session.
        (24, TUE, (7, 0), MON, (8, 0)),
        # 12 h before an evening group falls at 06:00: sent when quiet hours end.
        (12, TUE, (18, 0), TUE, (8, 0)),
        # 2 h before a 07:00 session is 05:00; quiet hours end after it starts, so the
        # reminder goes in the half hour before quiet hours begin, the evening before.
        (2, TUE, (7, 0), MON, (20, 30)),
        # 2 h before an 08:30 session is 06:30; 08:00 leaves less than the hour of lead.
        (2, TUE, (8, 30), MON, (20, 30)),
        # Across the end of daylight saving (02:00, Sunday 1 Nov 2026): the hours are real
        # hours, so 24 h before Sunday 09:00 EST is Saturday 10:00 EDT.
        (24, datetime.date(2026, 11, 1), (9, 0), datetime.date(2026, 10, 31), (10, 0)),
    ],
)
def test_reminder_time_honours_quiet_hours(
    program, hours_before, session_day, session_at, sent_day, sent_at
):
    program.reminder_hours_before = hours_before
    starts_at = local(program, session_day, *session_at)
    assert reminder_send_at(program=program, starts_at=starts_at) == local(
        program, sent_day, *sent_at
    )


def test_sweep_queues_a_reminder_when_its_time_comes_and_once(program):
    avery = attendee(program, email="avery@example.test")
    session = group_session(program, TUE, 9)
    (place,) = expect(session, avery)

    assert session_reminders_enqueue(now=local(program, MON, 8, 45)) == 0
    assert OutboxMessage.objects.count() == 0

    assert session_reminders_enqueue(now=local(program, MON, 9, 0)) == 1
    assert session_reminders_enqueue(now=local(program, MON, 9, 15)) == 0
    assert session_reminders_enqueue(now=local(program, TUE, 7, 45)) == 0
    (message,) = messages()
    assert message.recipient == "avery@example.test"
    assert message.channel == "email"
    assert message.dedupe_key == (
        f"session-reminder:{place.pk}:{session.pk}:2026-11-24T14:00:00+00:00"
    )


def test_no_reminder_is_queued_in_quiet_hours_it_waits_for_morning(program):
    """A session booked at 22:00 for tomorrow 09:00: its time has passed, but it is night."""
    avery = attendee(program)
    expect(group_session(program, TUE, 9), avery)
    assert session_reminders_enqueue(now=local(program, MON, 22, 0)) == 0
    assert session_reminders_enqueue(now=local(program, TUE, 2, 0)) == 0
    assert session_reminders_enqueue(now=local(program, TUE, 7, 59)) == 0
    assert session_reminders_enqueue(now=local(program, TUE, 8, 0)) == 1


def test_no_reminder_within_the_last_hour(program):
    expect(group_session(program, TUE, 9), attendee(program))
    assert session_reminders_enqueue(now=local(program, TUE, 8, 15)) == 0


def test_moved_session_is_reminded_again_for_its_new_time(program):
    avery = attendee(program)
    session = group_session(program, TUE, 9)
    expect(session, avery)
    assert session_reminders_enqueue(now=local(program, MON, 9, 0)) == 1

    session.starts_at = local(program, TUE, 14)
    session.ends_at = local(program, TUE, 15, 30)
    session.save()
    assert session_reminders_enqueue(now=local(program, MON, 14, 0)) == 1
    assert session_reminders_enqueue(now=local(program, MON, 14, 15)) == 0
    first, second = OutboxMessage.objects.order_by("created_at")
    assert "9:00 AM" in first.body and "2:00 PM" in second.body


# ---------------------------------------------------------------- who


def test_each_client_by_their_own_channel(program):
    by_email = attendee(program, channel="email", email="e@example.test", first_name="Emma")
    by_text = attendee(program, channel="sms", phone="+15550101", first_name="Theo")
    no_reminders = attendee(program, channel="none", email="n@example.test", first_name="Nell")
    text_without_phone = attendee(program, channel="sms", first_name="Pia")
    expect(group_session(program, TUE, 9), by_email, by_text, no_reminders, text_without_phone)

    assert session_reminders_enqueue(now=local(program, MON, 9)) == 2
    assert [(m.channel, m.recipient) for m in messages()] == [
        ("sms", "+15550101"),
        ("email", "e@example.test"),
    ]


def test_cancelled_sessions_removed_attendees_and_discharged_clients_get_nothing(program):
    cancelled = group_session(program, TUE, 9)
    expect(cancelled, attendee(program, first_name="Cato"))
    cancelled.status = SessionStatus.CANCELLED
    cancelled.cancel_reason = "Closed for the holiday"
    cancelled.save()

    held = group_session(program, TUE, 9, group_name="Process group")
    removed, discharged, stays = expect(
        held,
        attendee(program, first_name="Remy"),
        attendee(program, first_name="Dora"),
        attendee(program, first_name="Stella"),
    )
    removed.status = AttendeeStatus.REMOVED
    removed.removed_reason = "Changed track"
    removed.save()
    episode = discharged.episode
    # Fixed dates: admitted well before the discharge, whatever day the suite runs.
    episode.admitted_on = MON - datetime.timedelta(days=30)
    episode.discharged_on = MON - datetime.timedelta(days=2)
    episode.discharge_reason = "completed"
    episode.save()

    assert session_reminders_enqueue(now=local(program, MON, 9)) == 1
    assert [m.recipient for m in messages()] == [stays.client.email]


def test_other_programs_sessions_are_reminded_in_their_own_time_zone(program):
    west = ProgramFactory(name="Coastal", time_zone="America/Los_Angeles")
    expect(group_session(west, TUE, 9), attendee(west, first_name="Wes"))
    # 09:00 Monday in New York is 06:00 in Los Angeles: quiet there, and not yet due.
    assert session_reminders_enqueue(now=local(program, MON, 9)) == 0
    assert session_reminders_enqueue(now=local(west, MON, 9)) == 1
    assert "9:00 AM" in messages()[0].body


# ---------------------------------------------------------------- what


def test_discreet_text_names_no_program_no_group_and_no_clinical_word(program):
    room = RoomFactory(program=program, name="Trauma Room B")
    session = group_session(program, TUE, 9, group_name="PTSD Skills", room=room)
    email, text = expect(
        session,
        attendee(program, email="d@example.test", first_name="Dee"),
        attendee(program, channel="sms", phone="+15550102", first_name="Sol"),
    )
    session_reminders_enqueue(now=local(program, MON, 9))

    expected = (
        "Reminder: your appointment on Tue 24 Nov at 9:00 AM. Reply or call if you cannot come."
    )
    assert sorted(m.body for m in messages()) == [expected, expected]
    for message in messages():
        whole = f"{message.subject}\n{message.body}".lower()
        assert program.name.lower() not in whole
        assert "riverside" not in whole
        assert [word for word in CLINICAL_WORDS if word in whole] == []
        assert email.client.legal_last_name.lower() not in whole


def test_full_text_when_the_client_chose_it_still_names_no_group_or_diagnosis(program):
    room = RoomFactory(program=program, name="Room B")
    session = group_session(program, TUE, 9, group_name="PTSD Skills", room=room)
    expect(session, attendee(program, discreet=False))
    session_reminders_enqueue(now=local(program, MON, 9))

    (message,) = messages()
    assert message.body == (
        "Reminder from Riverside Trauma Recovery IOP: your group session on Tue 24 Nov at "
        "9:00 AM (until 10:30 AM), Room B. Reply or call if you cannot come."
    )
    assert "ptsd" not in message.body.lower() and "skills" not in message.body.lower()


def test_full_text_of_a_booked_video_session_names_the_clinician_and_the_link(program):
    clinician = member(Role.CLINICIAN, program, first_name="Sam", last_name="Okafor")
    session = booked_session(
        program,
        TUE,
        15,
        kind=SessionKind.INDIVIDUAL,
        clinician=clinician,
        telehealth_url="https://video.example.test/r/abc",
    )
    expect(session, attendee(program, discreet=False))
    session_reminders_enqueue(now=local(program, MON, 15))
    (message,) = messages()
    assert message.body == (
        "Reminder from Riverside Trauma Recovery IOP: your individual session with Sam Okafor "
        "on Tue 24 Nov at 3:00 PM (until 3:50 PM) by video: https://video.example.test/r/abc. "
        "Reply or call if you cannot come."
    )


# ---------------------------------------------------------------- note reminders


def note(session, episode, author, *, signed: bool = False) -> ProgressNote:
    return ProgressNote.objects.create(
        program=session.program,
        client=episode.client,
        episode=episode,
        session=session,
        kind=session.kind,
        format=NoteFormat.GROUP,
        body={"participation": "Took part."},
        author=author,
        signed_at=session.ends_at if signed else None,
        signed_by=author if signed else None,
        content_sha256="0" * 64 if signed else "",
    )


def held(session, *places, attendance: str = "present"):
    for place in places:
        place.attendance = attendance
        place.minutes_attended = session.duration_minutes if attendance == "present" else 0
        place.save()


@pytest.fixture
def charting(program):
    """Ana: two unsigned notes (one late) and a session she led with no note for a client
    who came. Ben: everything signed. Sessions on Friday 20 and Monday 23 November."""
    ana = member(Role.CLINICIAN, program, email="ana@clinic.test", first_name="Ana")
    ben = member(Role.CLINICIAN, program, email="ben@clinic.test", first_name="Ben")
    friday, monday = datetime.date(2026, 11, 20), MON
    clients = [attendee(program, first_name=name) for name in ("Zelda", "Yusuf", "Xena")]

    old = group_session(program, friday, 9)
    group_session_staff(old, ana)
    places = expect(old, *clients)
    held(old, *places)
    note(old, clients[0], ana)  # late: Friday's, still unsigned on Tuesday
    note(old, clients[1], ana, signed=True)
    # clients[2] came and has no note: Friday's session is still to chart

    recent = group_session(program, monday, 18, group_name="Evening process")
    group_session_staff(recent, ana)
    held(recent, *expect(recent, clients[0]))
    note(recent, clients[0], ana)  # not late yet on Tuesday morning

    bens = group_session(program, monday, 9, group_name="Ben's group")
    group_session_staff(bens, ben)
    absent = expect(bens, clients[1])
    held(bens, *absent, attendance="absent_unexcused")  # nobody came: nothing to write
    return {"ana": ana, "ben": ben, "clients": clients}


def group_session_staff(session, user):
    from tests.scheduling.factories import staff_session

    staff_session(session, user)


def test_one_note_reminder_a_day_with_counts_and_no_client_names(program, charting):
    assert note_reminders_enqueue(now=local(program, TUE, 7, 0)) == 0  # quiet hours
    assert note_reminders_enqueue(now=local(program, TUE, 8, 0)) == 1
    assert note_reminders_enqueue(now=local(program, TUE, 9, 0)) == 0
    assert note_reminders_enqueue(now=local(program, TUE, 16, 0)) == 0

    (message,) = messages()
    assert message.recipient == "ana@clinic.test"
    assert message.body.startswith(
        "You have 2 unsigned session notes (1 late: more than 24 hours after the session) "
        "and 1 session you led still to chart. Sign in to see them."
    )
    for client in (episode.client for episode in charting["clients"]):
        assert client.legal_first_name.lower() not in message.body.lower()
        assert client.record_number.lower() not in message.body.lower()

    wednesday = TUE + datetime.timedelta(days=1)
    assert note_reminders_enqueue(now=local(program, wednesday, 8, 0)) == 1
    assert OutboxMessage.objects.filter(recipient="ana@clinic.test").count() == 2
