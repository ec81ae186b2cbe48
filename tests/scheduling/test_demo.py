"""The demo seed: the program day is populated relative to today, and a rerun adds nothing."""

from __future__ import annotations

import datetime
import time

import pytest
from django.core.management import call_command

from family.models import (
    ClientPerson,
    FamilyAftercarePlan,
    FamilyGroupAttendance,
    FamilyGroupMember,
    FamilySessionGuest,
)
from groups.models import Group, RosterEntry, RosterStatus
from iop.accounts.models import Program, User
from iop.notifications.models import OutboxMessage
from iop.signatures.models import Signature
from relapse_prevention.models import CheckIn, Lapse
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
from scheduling.services.note_signing import note_shown_hash
from tests.family.demo_checks import family_is_seeded
from tests.relapse_prevention.demo_checks import (
    check_ins_and_lapses_are_seeded,
    relapse_prevention_plans_are_seeded,
    trauma_processing_is_seeded,
)


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Track,
            Group,
            Session,
            SessionAttendee,
            ProgressNote,
            FollowUpTask,
            Closure,
            CheckIn,
            Lapse,
            ClientPerson,
            FamilySessionGuest,
            FamilyGroupMember,
            FamilyGroupAttendance,
            FamilyAftercarePlan,
            OutboxMessage,
        )
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
        "Family evenings",
        "Morning IOP",
    ]
    closed = Group.objects.get(program=program, admission="closed", kind__code="trauma-focused")
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
    # One cancelled by the program; the others are the discharged clients' own visits.
    cancelled = Session.objects.filter(program=program, status="cancelled")
    assert cancelled.exclude(cancel_reason__startswith="Discharged (").count() == 1

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

    _discharges_are_seeded(program, sam, today)
    _admitted_through_intake(program)
    # One seed for every check of it: seeding is the slowest thing the suite does.
    _history_is_what_the_services_write_on_the_day()
    check_ins_and_lapses_are_seeded(program, sam)
    relapse_prevention_plans_are_seeded(program, sam)
    trauma_processing_is_seeded(program)
    family_is_seeded(program)

    before = counts()
    started = time.monotonic()
    call_command("seed_demo", "--force")
    assert counts() == before
    print(f"seed took {took:.1f} s, rerun {time.monotonic() - started:.1f} s")


def _history_is_what_the_services_write_on_the_day():
    """The seed runs the real services on each event's own day, so what it leaves behind is what
    the app itself would have left: a past visit booked before it happened, by its booker, with
    a lead; a note signed after its session ended over the very text the chart shows."""
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


def _admitted_through_intake(program):
    """Every admitted client came through intake in its order, as on screen: the referral,
    then the intake assessment completed, then the consent to treatment signed, then the
    episode opened at the assessment's placement (so the demo cannot drift from intake)."""
    from intake.models import Assessment, Consent, Referral
    from iop.clients.models import Episode

    episodes = Episode.objects.filter(program=program).select_related("client")
    assert episodes.count() == 40
    for episode in episodes:
        referral = Referral.objects.get(client=episode.client, status="admitted")
        (assessment,) = Assessment.objects.filter(referral=referral, status="completed")
        consent = Consent.objects.get(
            client=episode.client, kind="treatment", signed_at__isnull=False
        )
        first_level = episode.level_changes.get(from_level=None)
        assert referral.received_on <= episode.admitted_on
        completed, signed = assessment.completed_at, consent.signed_at
        assert completed is not None and signed is not None
        assert referral.created_at < assessment.created_at < completed < signed
        assert signed < episode.created_at
        assert program.local_date(episode.created_at) == episode.admitted_on
        assert assessment.placement_level_id == first_level.to_level_id
        assert assessment.recommended_level_id == first_level.to_level_id
        assert assessment.instrument_results.filter(instrument="phq9").exists()


def _discharges_are_seeded(program, sam, today):
    """Discharges of four kinds, each closed (or recorded) through the services on its day."""
    from iop.clients.discharge_steps import discharge_missing
    from iop.clients.models import Episode
    from iop.reports.clinical.models import ClinicalReport
    from scheduling.discharge import waiting_context
    from scheduling.models import FollowUpKind, FollowUpStatus
    from treatment_plans.models import AftercareAppointment, AftercareContact

    day = datetime.timedelta(days=1)
    episodes = Episode.objects.filter(program=program)
    completed = episodes.get(discharge_reason="completed", discharged_on=today - 10 * day)
    stepped = episodes.get(discharge_reason="step_down", discharged_on=today - 20 * day)
    left = episodes.get(discharge_reason="left_ama", discharged_on=today - 5 * day)
    planned = episodes.get(discharge_planned_on=today + 5 * day)
    for episode, kind, ago in (
        (completed, "discharge", 10),
        (stepped, "transition", 20),
        (left, "discharge", 5),
    ):
        assert ClinicalReport.objects.filter(
            episode=episode, kind=kind, signed_at__isnull=False
        ).exists()
        assert not discharge_missing(episode, episode.discharge_reason, today - ago * day)
    assert AftercareAppointment.objects.filter(plan__episode=completed).count() == 2
    assert AftercareContact.objects.filter(plan__episode=completed).count() == 2
    assert stepped.receiving_provider == "Lakeside Counseling Center"
    assert AftercareAppointment.objects.filter(
        plan__episode=stepped, with_whom__contains="Lakeside Counseling Center"
    ).exists()
    assert "988" in AftercareContact.objects.get(plan__episode=left).name

    calls = FollowUpTask.objects.filter(kind=FollowUpKind.DISCHARGE_CALL)
    # The completion's 7-day call is due and open on the primary clinician's Today.
    due = calls.get(episode=completed, due_on=today - 3 * day)
    assert due.status == FollowUpStatus.OPEN and due.assigned_to == sam and due.due_on <= today
    # The step down's was made, with what was said.
    made = calls.get(episode=stepped, due_on=today - 13 * day)
    assert made.status == FollowUpStatus.DONE and "Lakeside" in made.outcome

    # The planned one is still in care, missing its final measures and aftercare plan.
    assert planned.discharged_on is None and planned.primary_clinician == sam
    missing = {s.key for s in discharge_missing(planned, "completed", today + 5 * day)}
    assert {"final_measures", "aftercare"} <= missing
    rows = waiting_context(sam, [program])["rows"]
    assert [row["episode"] for row in rows] == [planned]

    # None of them is a client another story tells about.
    story_clients = {completed.client, stepped.client, left.client, planned.client}
    assert not {c.display_name for c in story_clients} & {
        "Jamie Hughes",
        "Taylor Owens",
        "Sky Thibodeaux",
    }
