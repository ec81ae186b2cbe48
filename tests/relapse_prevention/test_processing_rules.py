"""The signs of looping, flooding and poor recovery, each at its edge (program settings:
3 sessions, SUDS 5, check-in rise 3 points, DES-II rise 10 points)."""

from __future__ import annotations

import pytest

from iop.accounts.models import Role
from relapse_prevention.processing import (
    DISSOCIATION,
    HIGH,
    STALLED,
    processing_status,
)
from tests.relapse_prevention.processing_helpers import (
    baseline_of,
    check_in,
    client_in_processing,
    des,
    processing_note,
)
from treatment_plans.models import Phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinician(staff):
    return staff[Role.CLINICIAN]


@pytest.fixture
def plan(program, clinician):
    return client_in_processing(program, clinician)


def titles(plan) -> list[str]:
    return [sign.title for sign in processing_status(plan).signs]


def sessions(plan, by, ends, **kwargs):
    """Sessions a day apart, oldest first, ending at these SUDS."""
    for i, end in enumerate(ends):
        processing_note(plan, by, days_ago=8 - i, suds_end=end, **kwargs)


# ---------------------------------------------------------------- stalled


def test_two_sessions_give_no_sign_of_stalling(plan, clinician):
    sessions(plan, clinician, [4, 4])
    assert STALLED not in titles(plan)


def test_three_sessions_with_equal_end_suds_are_stalled(plan, clinician):
    sessions(plan, clinician, [4, 4, 4])
    status = processing_status(plan)
    (sign,) = [s for s in status.signs if s.title == STALLED]
    assert "EMDR: memory 1" in sign.text
    assert "SUDS at the end: 4, 4, 4" in sign.text
    assert "3 processing sessions without falling distress" in sign.rule
    assert status.label == "Pacing to review"


def test_end_suds_rising_over_three_sessions_is_stalled(plan, clinician):
    sessions(plan, clinician, [3, 2, 4])
    assert STALLED in titles(plan)


def test_end_suds_falling_across_three_sessions_is_on_track(plan, clinician):
    sessions(plan, clinician, [4, 4, 3])
    status = processing_status(plan)
    assert status.signs == []
    assert status.label == "On track"


def test_only_the_last_three_sessions_count(plan, clinician):
    sessions(plan, clinician, [2, 4, 4, 3])  # the last three fall: 4 -> 3
    assert STALLED not in titles(plan)


def test_sessions_on_another_target_do_not_count(plan, clinician):
    sessions(plan, clinician, [4, 4])
    processing_note(plan, clinician, days_ago=1, suds_end=4, target="memory 2")
    assert STALLED not in titles(plan)


def test_unsigned_notes_do_not_count(plan, clinician):
    sessions(plan, clinician, [4, 4])
    processing_note(plan, clinician, days_ago=1, suds_end=4, signed=False)
    assert STALLED not in titles(plan)


def test_the_setting_decides_how_many_sessions(plan, clinician):
    plan.program.processing_stall_sessions = 2
    plan.program.save(update_fields=["processing_stall_sessions"])
    sessions(plan, clinician, [4, 4])
    assert STALLED in titles(plan)


def test_cpt_sessions_without_a_target_are_read_together(plan, clinician):
    sessions(plan, clinician, [3, 3, 3], modality="cpt")
    (sign,) = processing_status(plan).signs
    assert "Cognitive Processing Therapy (CPT) has not fallen" in sign.text


# ---------------------------------------------------------------- distress still high


def test_latest_session_ending_at_the_threshold_is_high(plan, clinician):
    processing_note(plan, clinician, days_ago=2, suds_end=5)
    (sign,) = processing_status(plan).signs
    assert sign.title == HIGH
    assert "ended at SUDS 5" in sign.text
    assert "SUDS of 5 or more" in sign.rule


def test_latest_session_ending_one_below_is_not_high(plan, clinician):
    processing_note(plan, clinician, days_ago=3, suds_end=7)
    processing_note(plan, clinician, days_ago=2, suds_end=4)
    assert titles(plan) == []


def test_poor_recovery_at_the_edge_of_the_baseline(plan, clinician):
    baseline_of(plan, clinician, mood=7)
    processing_note(plan, clinician, days_ago=3, suds_end=2)
    check_in(plan, clinician, days_ago=2, mood=4)  # 7 - 3
    check_in(plan, clinician, days_ago=1, mood=7)  # later check-ins do not undo it
    (sign,) = processing_status(plan).signs
    assert sign.title == HIGH
    assert "poor recovery" in sign.text and "mood 4" in sign.text and "baseline of 7" in sign.text


def test_mood_one_point_short_of_the_rise_is_recovery(plan, clinician):
    baseline_of(plan, clinician, mood=7)
    processing_note(plan, clinician, days_ago=3, suds_end=2)
    check_in(plan, clinician, days_ago=2, mood=5)
    check_in(plan, clinician, days_ago=1, mood=1)  # not the first after the session
    assert titles(plan) == []


def test_no_baseline_yet_gives_no_recovery_sign(plan, clinician):
    processing_note(plan, clinician, days_ago=3, suds_end=2)
    check_in(plan, clinician, days_ago=2, mood=0)
    assert titles(plan) == []


# ---------------------------------------------------------------- rising dissociation


def test_des_rise_of_ten_points_after_admission_is_a_sign(plan, clinician):
    des(plan, clinician, 10, days_ago=20)  # at intake, before admission
    des(plan, clinician, 20, days_ago=2)
    (sign,) = processing_status(plan).signs
    assert sign.title == DISSOCIATION
    assert "DES-II 20" in sign.text and "up from 10" in sign.text


def test_des_rise_below_the_setting_is_not(plan, clinician):
    plan.program.processing_dissociation_rise = 20
    plan.program.save(update_fields=["processing_dissociation_rise"])
    des(plan, clinician, 10, days_ago=5)
    des(plan, clinician, 20, days_ago=2)
    assert titles(plan) == []


def test_des_reaching_thirty_from_below_is_a_sign(plan, clinician):
    plan.program.processing_dissociation_rise = 50
    plan.program.save(update_fields=["processing_dissociation_rise"])
    des(plan, clinician, 20, days_ago=5)
    des(plan, clinician, 30, days_ago=2)
    assert titles(plan) == [DISSOCIATION]


def test_des_rise_before_admission_is_not_a_sign(plan, clinician):
    des(plan, clinician, 10, days_ago=30)
    des(plan, clinician, 40, days_ago=20)
    assert titles(plan) == []


# ---------------------------------------------------------------- when the rules are read


def test_a_plan_not_in_processing_shows_no_signs(program, clinician):
    plan = client_in_processing(program, clinician)
    sessions(plan, clinician, [6, 6, 6])
    plan.phase = Phase.STABILIZATION
    status = processing_status(plan)
    assert status.signs == [] and status.label == "Not in trauma processing"
    assert [s.suds_end for s in status.targets[0].sessions] == [6, 6, 6]
