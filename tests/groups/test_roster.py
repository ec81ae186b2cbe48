"""Closed groups: fixed membership, a waitlist when full, promotion when a place frees up."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from groups.models import Admission, RosterEntry
from groups.services import roster_add, roster_remove
from iop.accounts.models import Role
from scheduling.services.attendance import attendance_record
from scheduling.services.calendar import sessions_generate
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

pytestmark = pytest.mark.django_db
BEFORE = datetime.date(2026, 3, 1)


@pytest.fixture
def seeking_safety(program):
    _, block = track_with_group(
        program, group_name="Seeking Safety", admission=Admission.CLOSED, capacity=2
    )
    sessions_generate(program=program, today=MON, until=day(10))
    return block.group


def test_a_closed_group_waitlists_when_full(seeking_safety, program, staff):
    clinician = staff[Role.CLINICIAN]
    ada, ben, cy, di = (admit(program, first=n) for n in ("Ada", "Ben", "Cy", "Di"))
    with at(program, BEFORE, 12, tick=True):
        entries = [
            roster_add(group=seeking_safety, episode=e, actor=clinician, on=MON)
            for e in (ada, ben, cy, di)
        ]
    assert [e.status for e in entries] == ["member", "member", "waitlisted", "waitlisted"]
    first, second = entries[2].waitlisted_at, entries[3].waitlisted_at
    assert first is not None and second is not None and first < second
    assert [expected_names(s) for s in sessions_of(seeking_safety)] == [["Ada", "Ben"]] * 6


def test_leaving_promotes_the_first_on_the_waitlist_into_future_sessions(
    seeking_safety, program, staff
):
    clinician = staff[Role.CLINICIAN]
    ada, ben, cy, di = (admit(program, first=n) for n in ("Ada", "Ben", "Cy", "Di"))
    with at(program, BEFORE, 12, tick=True):
        ada_entry, *_ = [
            roster_add(group=seeking_safety, episode=e, actor=clinician, on=MON)
            for e in (ada, ben, cy, di)
        ]
    monday = sessions_of(seeking_safety)[0]
    with at(program, day(0), 12, 30):
        attendance_record(
            session=monday,
            marks={place(monday, ada).pk: ("present", None), place(monday, ben).pk: ("late", 150)},
            actor=clinician,
        )
    # Wednesday 4 March, 13:00: that morning's session has been held.
    with at(program, day(2), 13):
        roster_remove(entry=ada_entry, left_on=day(2), reason="Moved away", actor=clinician)
    cy_entry = RosterEntry.objects.get(episode=cy, group=seeking_safety)
    assert (cy_entry.status, cy_entry.joined_on) == ("member", day(2))
    assert RosterEntry.objects.get(episode=di).status == "waitlisted"
    assert [expected_names(s) for s in sessions_of(seeking_safety)] == [
        ["Ada", "Ben"], ["Ada", "Ben"],
        ["Ben", "Cy"], ["Ben", "Cy"], ["Ben", "Cy"], ["Ben", "Cy"],
    ]  # fmt: skip
    # Past records are unchanged; the future place is marked removed, not deleted.
    assert (place(monday, ada).attendance, place(monday, ada).minutes_attended) == ("present", 180)
    later = place(sessions_of(seeking_safety)[-1], ada)
    assert (later.status, later.removed_reason) == ("removed", "Moved away")
    # Sessions generated afterwards follow the new roster.
    sessions_generate(program=program, today=day(2), until=day(14))
    assert expected_names(sessions_of(seeking_safety)[-1]) == ["Ben", "Cy"]


def test_leaving_the_waitlist_promotes_nobody(seeking_safety, program, staff):
    clinician = staff[Role.CLINICIAN]
    ada, ben, cy = (admit(program, first=n) for n in ("Ada", "Ben", "Cy"))
    with at(program, BEFORE, 12):
        *_, waiting = [
            roster_add(group=seeking_safety, episode=e, actor=clinician, on=MON)
            for e in (ada, ben, cy)
        ]
        roster_remove(entry=waiting, left_on=MON, reason="Chose another group", actor=clinician)
    assert RosterEntry.objects.get(pk=waiting.pk).status == "left"
    assert [expected_names(s) for s in sessions_of(seeking_safety)] == [["Ada", "Ben"]] * 6


def test_the_same_client_cannot_hold_two_places(seeking_safety, program, staff):
    ada = admit(program, first="Ada")
    with at(program, BEFORE, 12):
        roster_add(group=seeking_safety, episode=ada, actor=staff[Role.CLINICIAN], on=MON)
        with pytest.raises(ValidationError) as refused:
            roster_add(group=seeking_safety, episode=ada, actor=staff[Role.CLINICIAN], on=MON)
    assert refused.value.messages == ["This client is already a member of Seeking Safety."]


def test_leaving_needs_a_reason(seeking_safety, program, staff):
    ada = admit(program, first="Ada")
    with at(program, BEFORE, 12):
        entry = roster_add(group=seeking_safety, episode=ada, actor=staff[Role.CLINICIAN], on=MON)
        with pytest.raises(ValidationError):
            roster_remove(entry=entry, left_on=MON, reason=" ", actor=staff[Role.CLINICIAN])
    assert RosterEntry.objects.get(pk=entry.pk).status == "member"


def test_a_client_of_another_program_cannot_join(seeking_safety, other_program, staff):
    stranger = admit(other_program, first="Zed")
    with pytest.raises(ValidationError):
        roster_add(group=seeking_safety, episode=stranger, actor=staff[Role.CLINICIAN], on=MON)
    assert not RosterEntry.objects.exists()


def test_a_full_open_group_refuses_a_direct_roster_add(program, staff):
    _, block = track_with_group(program, capacity=1)
    ada, ben = admit(program, first="Ada"), admit(program, first="Ben")
    with at(program, BEFORE, 12):
        roster_add(group=block.group, episode=ada, actor=staff[Role.CLINICIAN], on=MON)
        with pytest.raises(ValidationError) as refused:
            roster_add(group=block.group, episode=ben, actor=staff[Role.CLINICIAN], on=MON)
    assert refused.value.messages == ["Process group is full (1 of 1 places taken)."]
