"""Stepping up and down: a proposal with a fresh ASAM rating and the record as evidence, a
director's decision (never the proposer's own), and the change taking effect in one
transaction: level history, track and future sessions, weekly hours, plan review due."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.utils import DatabaseError

from iop.accounts.models import Role
from iop.clients.models import LevelOfCareChange
from scheduling.models import (
    AttendeeStatus,
    LevelChangeProposal,
    ProposalStatus,
    SessionAttendee,
    TrackEnrolment,
    TrackPlan,
)
from scheduling.services import calendar
from scheduling.services.enrolment import track_enrol
from scheduling.services.hours import minimum_minutes, week_start_of
from scheduling.services.level_changes import (
    justification_draft,
    level_change_decide,
    level_change_evidence,
    level_change_propose,
    level_changes_due_apply,
)
from tests.factories import ClientFactory, EpisodeFactory, level, member
from tests.scheduling.core_helpers import track_with_group

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
# Dimensions 3 and 5 significant: the decision aid recommends partial hospitalization (2.5).
STEP_UP = {1: 0, 2: 1, 3: 3, 4: 2, 5: 3, 6: 1}
TEXTS = {
    "why_this_level": "Daily structure is needed: symptoms escalated this month.",
    "why_not_lower": "IOP hours have not held the gains.",
    "why_not_higher": "Safe at home, no withdrawal risk.",
}


@pytest.fixture
def director2(program):
    return member(Role.DIRECTOR, program, email="second.director@clinic.test")


@pytest.fixture
def episode(program, staff):
    today = program.today()
    return EpisodeFactory(
        client=ClientFactory(program=program, legal_first_name="Morgan"),
        admitted_on=today - 30 * DAY,
        level_of_care=level("2.1"),
        primary_clinician=staff[Role.CLINICIAN],
    )


def _propose(episode, by, **changes):
    values = {
        "to_level": level("2.5"),
        "effective_on": episode.program.today(),
        "track_plan": TrackPlan.KEEP,
        "track": None,
        "ratings": STEP_UP,
        "notes": {3: "Panic attacks most days."},
        **TEXTS,
    }
    values.update(changes)
    return level_change_propose(episode=episode, by=by, **values)


def test_the_proposal_keeps_the_rating_the_recommendation_and_the_evidence(episode, staff):
    proposal = _propose(episode, staff[Role.CLINICIAN])
    assert proposal.status == ProposalStatus.PENDING
    assert proposal.from_level.code == "2.1" and proposal.to_level.code == "2.5"
    assert proposal.asam_ratings == {str(k): v for k, v in STEP_UP.items()}
    assert proposal.recommended_code == "2.5"
    assert any("Dimension 3" in reason for reason in proposal.recommended_reasons)
    keys = [s["key"] for s in proposal.evidence["sections"]]
    assert keys == ["attendance", "hours", "drug_screens", "instruments", "objectives"]
    assert proposal.direction == "Step up"
    # Nothing moves until a director approves.
    episode.refresh_from_db()
    assert episode.level_of_care.code == "2.1"


def test_the_drafted_justification_cites_the_decision_aid(episode):
    evidence = level_change_evidence(episode, today=episode.program.today())
    draft = justification_draft(
        episode=episode, to_level=level("2.5"), ratings=STEP_UP, evidence=evidence
    )
    assert draft["why_this_level"].startswith("The decision aid recommends ASAM 2.5")
    assert "ASAM 2.1" in draft["why_not_lower"]
    assert "ASAM 3" in draft["why_not_higher"] and "rated 3 of 4" in draft["why_not_higher"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ratings": {1: 0, 2: 1, 3: 3, 4: 2, 5: 3}}, "Rate all six ASAM dimensions"),
        ({"ratings": {**STEP_UP, 6: 5}}, "0 (none) to 4 (severe)"),
        ({"why_not_higher": "  "}, "Write this part"),
        ({"to_level": "current"}, "already at that level"),
        ({"to_level": "3.5"}, "name the provider who takes the client on"),
        ({"effective_on": "before admission"}, "before admission"),
        ({"effective_on": "yesterday"}, "today or later"),
        ({"track_plan": TrackPlan.LEAVE}, "not in a track to leave"),
        ({"track_plan": TrackPlan.MOVE}, "Choose one of this program's tracks"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(
    episode, staff, changes, message
):
    today = episode.program.today()
    if changes.get("to_level") == "current":
        changes["to_level"] = level("2.1")
    elif changes.get("to_level") == "3.5":
        changes["to_level"] = level("3.5")
    if changes.get("effective_on") == "before admission":
        changes["effective_on"] = episode.admitted_on - DAY
    elif changes.get("effective_on") == "yesterday":
        changes["effective_on"] = today - DAY
    with pytest.raises(ValidationError, match=re.escape(message)):
        _propose(episode, staff[Role.CLINICIAN], **changes)
    assert not LevelChangeProposal.objects.exists()


def test_a_change_dated_before_the_last_change_is_refused(episode, staff, director2):
    later = episode.program.today() + 10 * DAY
    first = _propose(episode, staff[Role.CLINICIAN], effective_on=later)
    level_change_decide(proposal=first, by=staff[Role.DIRECTOR], approve=True, comment="")
    with time_machine.travel(later + 2 * DAY):
        assert level_changes_due_apply() == 1
        with pytest.raises(ValidationError, match="before the last change of level"):
            _propose(
                episode,
                staff[Role.CLINICIAN],
                to_level=level("2.1"),
                effective_on=later - DAY,
                ratings={1: 0, 2: 0, 3: 2, 4: 1, 5: 1, 6: 1},
            )


def test_one_pending_proposal_per_episode(episode, staff):
    _propose(episode, staff[Role.CLINICIAN])
    with pytest.raises(ValidationError, match="already awaiting a director"):
        _propose(episode, staff[Role.DIRECTOR])
    assert LevelChangeProposal.objects.count() == 1


def test_only_a_director_other_than_the_proposer_decides(episode, staff, director2):
    proposal = _propose(episode, staff[Role.DIRECTOR])
    with pytest.raises(ValidationError, match="another director decides it"):
        level_change_decide(proposal=proposal, by=staff[Role.DIRECTOR], approve=True, comment="")
    with pytest.raises(PermissionDenied):
        level_change_decide(proposal=proposal, by=staff[Role.CLINICIAN], approve=True, comment="")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING
    level_change_decide(proposal=proposal, by=director2, approve=True, comment="Agreed.")
    with pytest.raises(ValidationError, match="decided already"):
        level_change_decide(proposal=proposal, by=director2, approve=False, comment="No.")


def test_intake_staff_cannot_propose(episode, staff):
    with pytest.raises(PermissionDenied):
        _propose(episode, staff[Role.INTAKE])


def test_returned_with_a_comment_and_proposed_again(episode, staff):
    proposal = _propose(episode, staff[Role.CLINICIAN])
    with pytest.raises(ValidationError, match="Say why it is returned"):
        level_change_decide(proposal=proposal, by=staff[Role.DIRECTOR], approve=False, comment="")
    level_change_decide(
        proposal=proposal, by=staff[Role.DIRECTOR], approve=False, comment="Try IOP 4 days first."
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.RETURNED
    assert proposal.decision_comment == "Try IOP 4 days first."
    again = _propose(episode, staff[Role.CLINICIAN])
    assert again.pk != proposal.pk
    episode.refresh_from_db()
    assert episode.level_of_care.code == "2.1"


def test_approval_takes_effect_at_once_everywhere(program, episode, staff):
    today = program.today()
    start = today - 14 * DAY
    old_track, _ = track_with_group(
        program, name="Evening IOP", group_name="IOP group", starts_on=start
    )
    new_track, _ = track_with_group(
        program, name="Day PHP", days=(1, 2, 3, 4, 5), group_name="PHP group", starts_on=start
    )
    calendar.sessions_generate()
    track_enrol(
        episode=episode, track=old_track, starts_on=today - 7 * DAY, actor=staff[Role.DIRECTOR]
    )
    minimum_before = minimum_minutes(episode, week_start_of(today))
    proposal = _propose(episode, staff[Role.CLINICIAN], track_plan=TrackPlan.MOVE, track=new_track)
    level_change_decide(proposal=proposal, by=staff[Role.DIRECTOR], approve=True, comment="")

    episode.refresh_from_db()
    assert episode.level_of_care.code == "2.5"
    change = LevelOfCareChange.objects.get(episode=episode)
    assert change.from_level is not None
    assert (change.from_level.code, change.to_level.code, change.effective_on) == (
        "2.1",
        "2.5",
        today,
    )
    current = TrackEnrolment.objects.current().get(episode=episode)
    assert current.track == new_track
    assert TrackEnrolment.objects.get(episode=episode, track=old_track).ended_on == today
    upcoming = SessionAttendee.objects.filter(
        episode=episode, status=AttendeeStatus.EXPECTED, session__occurs_on__gt=today
    )
    tracks = set(upcoming.values_list("session__group__name", flat=True))
    assert tracks == {"PHP group"}
    assert minimum_minutes(episode, week_start_of(today)) > minimum_before
    proposal.refresh_from_db()
    assert proposal.change == change and proposal.applied_at is not None


def test_a_change_dated_ahead_takes_effect_on_its_day_once(program, episode, staff):
    ahead = program.today() + 5 * DAY
    proposal = _propose(episode, staff[Role.CLINICIAN], effective_on=ahead)
    level_change_decide(proposal=proposal, by=staff[Role.DIRECTOR], approve=True, comment="")
    assert level_changes_due_apply() == 0
    episode.refresh_from_db()
    assert episode.level_of_care.code == "2.1"
    with time_machine.travel(datetime.datetime.combine(ahead, datetime.time(12), program.zone)):
        assert level_changes_due_apply() == 1
        assert level_changes_due_apply() == 0
    episode.refresh_from_db()
    assert episode.level_of_care.code == "2.5"
    assert LevelOfCareChange.objects.filter(episode=episode).count() == 1


def test_the_proposal_as_written_is_locked_by_the_database(episode, staff):
    proposal = _propose(episode, staff[Role.CLINICIAN])
    with pytest.raises(DatabaseError), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE scheduling_levelchangeproposal SET why_this_level = 'changed' WHERE id = %s",
            [proposal.pk],
        )
    with pytest.raises(DatabaseError), connection.cursor() as cursor:
        cursor.execute("DELETE FROM scheduling_levelchangeproposal WHERE id = %s", [proposal.pk])


def test_the_plan_review_falls_due_on_the_change(program, episode, staff):
    from tests.treatment_plans.plan_helpers import active_plan

    plan = active_plan(episode, staff[Role.CLINICIAN], staff[Role.DIRECTOR])
    plan.refresh_from_db()
    assert plan.review_due_on is not None and plan.review_due_on > program.today()
    proposal = _propose(episode, staff[Role.CLINICIAN])
    level_change_decide(proposal=proposal, by=staff[Role.DIRECTOR], approve=True, comment="")
    plan.refresh_from_db()
    assert plan.review_due_on == program.today()


# ---------------------------------------------------------------- to another provider


def test_a_level_this_program_does_not_run_needs_the_receiving_provider(episode, staff):
    with pytest.raises(ValidationError) as refused:
        _propose(episode, staff[Role.CLINICIAN], to_level=level("3.5"))
    assert "This program does not run ASAM 3.5: name the provider" in str(refused.value)
    assert not LevelChangeProposal.objects.filter(episode=episode).exists()


def test_an_approved_move_to_residential_records_the_discharge_to_that_provider(
    episode, staff, director2
):
    from iop.clients.discharge_steps import discharge_steps
    from iop.clients.models import Episode
    from iop.clients.services import episode_discharge_close
    from tests.discharge_helpers import discharge_steps_complete

    track, _group = track_with_group(episode.program)
    track_enrol(episode=episode, track=track, starts_on=episode.admitted_on, actor=director2)
    proposal = _propose(
        episode,
        staff[Role.CLINICIAN],
        to_level=level("3.5"),
        track_plan=TrackPlan.MOVE,  # ignored: the client leaves the program
        receiving_provider="Hillcrest Residential",
        receiving_provider_contact="Intake line (202) 555-0150",
    )
    assert proposal.track_plan == TrackPlan.LEAVE and proposal.to_another_provider
    level_change_decide(proposal=proposal, by=staff[Role.DIRECTOR], approve=True, comment="")
    proposal.refresh_from_db()
    moved = Episode.objects.get(pk=episode.pk)
    assert proposal.applied_at is not None and proposal.change is None
    # The level here does not change; the discharge to the provider is recorded and waits on
    # its steps, the transition summary among them.
    assert moved.level_of_care.code == "2.1" and moved.is_open
    assert (moved.discharge_planned_on, moved.discharge_planned_reason) == (
        episode.program.today(),
        "step_up",
    )
    assert moved.receiving_provider == "Hillcrest Residential"
    steps = {s.key: s for s in discharge_steps(moved, "step_up", episode.program.today())}
    assert steps["discharge_summary"].title == "Transition summary"
    assert steps["discharge_summary"].done is False
    discharge_steps_complete(moved, kind="step_up", clinician=staff[Role.CLINICIAN])
    episode_discharge_close(episode=moved, by=staff[Role.DIRECTOR])
    moved.refresh_from_db()
    assert moved.discharged_on == episode.program.today() and moved.discharge_reason == "step_up"
    assert not TrackEnrolment.objects.current().filter(episode=episode).exists()
