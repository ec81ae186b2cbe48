"""The demo seed: the program day is populated relative to today, and a rerun adds nothing."""

from __future__ import annotations

import datetime
import time

import pytest
from django.core.management import call_command

from groups.models import Group, RosterEntry, RosterStatus
from iop.accounts.models import Program, User
from iop.signatures.models import Signature
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
from scheduling.services.notes import note_shown_hash


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

    # Changes of level of care: one client up and back down, one step-up awaiting a decision.
    from scheduling.models import LevelChangeProposal

    proposals = LevelChangeProposal.objects.filter(program=program).select_related("to_level")
    applied = proposals.filter(applied_at__isnull=False).order_by("effective_on")
    assert [p.to_level.code for p in applied] == ["2.5", "2.1"]
    assert proposals.pending().count() == 1
    assert all(p.evidence["sections"] for p in proposals)
    # This morning's flags: candidates for a step up and one for a step down, open.
    from scheduling.models import LevelChangeCandidate

    flagged = LevelChangeCandidate.objects.open().filter(program=program)
    assert flagged.filter(direction="up").exists()
    assert flagged.filter(direction="down", rule="ready_for_step_down").count() == 1

    before = counts()
    started = time.monotonic()
    call_command("seed_demo", "--force")
    assert counts() == before
    print(f"seed took {took:.1f} s, rerun {time.monotonic() - started:.1f} s")


@pytest.mark.django_db
def test_demo_history_is_what_the_services_write_on_the_day():
    """The seed runs the real services on each event's own day, so what it leaves behind is what
    the app itself would have left: a past visit booked before it happened, by its booker, with
    a lead; a note signed after its session ended over the very text the chart shows."""
    call_command("seed_demo", "--force")
    program = Program.objects.get(name__startswith="Riverside")

    visits = Session.objects.filter(
        program=program,
        kind__in=[SessionKind.INDIVIDUAL, SessionKind.MEDICATION],
        starts_at__lt=program.now(),
    ).prefetch_related("staff_links", "attendees")
    assert visits.count() > 10
    for visit in visits:
        assert visit.created_at < visit.starts_at, "booked on the day it was seeded, not before"
        assert visit.created_by_id is not None
        assert [link.role for link in visit.staff_links.all()] == ["lead"]
        assert len(visit.attendees.all()) == 1

    signed = list(
        ProgressNote.objects.filter(program=program, signed_at__isnull=False)
        .select_related("session")
        .order_by("pk")[:40]
    )
    assert len(signed) == 40
    for note in signed:
        assert note.signed_at is not None and note.signed_at > note.session.ends_at
        (signature,) = Signature.for_object(note).filter(role="clinician")
        assert signature.content_sha256 == note_shown_hash(note)
