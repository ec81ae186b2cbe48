"""The demo seed: the program day is populated relative to today, and a rerun adds nothing."""

from __future__ import annotations

import datetime
import time

import pytest
from django.core.management import call_command

from groups.models import Group, RosterEntry, RosterStatus
from iop.accounts.models import Program, User
from scheduling.models import (
    Closure,
    FollowUpTask,
    ProgressNote,
    Session,
    SessionAttendee,
    SessionKind,
    Track,
)
from scheduling.services.hours import hours_shortfall, week_start_of


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Track, Group, Session, SessionAttendee, ProgressNote, FollowUpTask, Closure)
    }


@pytest.mark.django_db
def test_demo_program_day_is_seeded_once(capsys):
    started = time.monotonic()
    call_command("seed_demo", "--force")
    took = time.monotonic() - started

    program = Program.objects.get(name__startswith="Riverside")
    today = program.today()
    sam = User.objects.get(email="clinician@demo.test")
    assert sorted(Track.objects.filter(program=program).values_list("name", flat=True)) == [
        "Day Track",
        "Evening IOP",
        "Morning IOP",
    ]
    closed = Group.objects.get(program=program, admission="closed")
    assert closed.kind.code == "trauma-focused"
    assert RosterEntry.objects.filter(group=closed, status=RosterStatus.MEMBER).count() == 6
    assert RosterEntry.objects.filter(group=closed, status=RosterStatus.WAITLISTED).count() == 2

    mine = Session.objects.filter(program=program, staff_links__user=sam)
    assert mine.filter(occurs_on=today).exists()
    week = week_start_of(today)
    assert mine.filter(occurs_on__range=(week, week + datetime.timedelta(days=6))).count() > 3
    assert Session.objects.filter(program=program, occurs_on__gt=today).count() > 100
    assert Session.objects.filter(kind=SessionKind.MEDICATION).exists()
    assert Closure.objects.filter(program=program).count() == 1
    holiday = Closure.objects.get(program=program).date
    assert not Session.objects.filter(program=program, occurs_on=holiday).exists()
    assert Session.objects.filter(program=program, status="cancelled").count() == 1

    notes = ProgressNote.objects.filter(program=program)
    assert notes.signed().count() > 50
    assert notes.unsigned().exists()
    assert SessionAttendee.objects.filter(attendance="absent_unexcused").exists()
    if today.isoweekday() > 1:  # on a Monday morning nobody can have missed anything yet
        assert hours_shortfall(program_ids=[program.pk])

    before = counts()
    started = time.monotonic()
    call_command("seed_demo", "--force")
    assert counts() == before
    print(f"seed took {took:.1f} s, rerun {time.monotonic() - started:.1f} s")
