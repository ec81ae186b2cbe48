"""The lapse rules of the step-up candidates, at their edges: the program's count of lapses
(count - 1 does not fire), its window of days (the last day in, one day more out), an
entered-in-error lapse does not count; a lapse with an open safety alert; the flag appears
once a lapse is recorded, and is resolved (kept) when its rule stops firing."""

from __future__ import annotations

import pytest

from intake.services.instruments import instrument_record
from iop.accounts.models import Role
from relapse_prevention import tasks
from relapse_prevention.services.lapses import lapse_mark_entered_in_error
from scheduling.models import CandidateStatus, LevelChangeCandidate
from scheduling.services.candidates import candidates_evaluate
from tests.relapse_prevention.checkin_helpers import in_care, lapse

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinician(staff):
    return staff[Role.CLINICIAN]


@pytest.fixture
def episode(program, clinician):
    program.lapse_step_up_count = 2
    program.lapse_step_up_days = 14
    program.save()
    return in_care(program, clinician, admitted_days=40)


def flags(episode, **filters):
    return {c.rule: c for c in LevelChangeCandidate.objects.filter(episode=episode, **filters)}


def evaluate(program):
    candidates_evaluate(program, program.today())


def test_one_lapse_fewer_than_the_count_does_not_fire(program, clinician, episode):
    lapse(episode, clinician, days_ago=2)
    evaluate(program)
    assert "lapses_repeated" not in flags(episode)


def test_the_programs_count_of_lapses_fires_with_the_rule_and_dates(program, clinician, episode):
    first = lapse(episode, clinician, days_ago=5)
    second = lapse(episode, clinician, days_ago=1)
    evaluate(program)
    flag = flags(episode)["lapses_repeated"]
    assert flag.direction == "up"
    assert flag.rule_text == "2 lapses or more within the last 14 days (the program's setting)"
    assert flag.figures["dates"] == [first.occurred_on.isoformat(), second.occurred_on.isoformat()]
    assert flag.figures["text"].startswith("2 lapses: ")


def test_the_rule_reads_the_programs_settings(program, clinician, episode):
    program.lapse_step_up_count = 3
    program.lapse_step_up_days = 30
    program.save()
    for days in (25, 10):
        lapse(episode, clinician, days_ago=days)
    evaluate(program)
    assert "lapses_repeated" not in flags(episode)
    lapse(episode, clinician, days_ago=0)
    evaluate(program)
    assert flags(episode)["lapses_repeated"].rule_text.startswith(
        "3 lapses or more within the last 30 days"
    )


def test_the_last_day_of_the_window_counts(program, clinician, episode):
    lapse(episode, clinician, days_ago=13)  # the 14th day, today included
    lapse(episode, clinician, days_ago=0)
    evaluate(program)
    assert "lapses_repeated" in flags(episode)


def test_one_day_more_does_not_count(program, clinician, episode):
    lapse(episode, clinician, days_ago=14)
    lapse(episode, clinician, days_ago=0)
    evaluate(program)
    assert "lapses_repeated" not in flags(episode)


def test_an_entered_in_error_lapse_does_not_count_and_the_flag_is_resolved(
    program, clinician, episode
):
    lapse(episode, clinician, days_ago=3)
    wrong = lapse(episode, clinician, days_ago=1)
    evaluate(program)
    assert flags(episode)["lapses_repeated"].status == CandidateStatus.OPEN
    lapse_mark_entered_in_error(lapse=wrong, by=clinician, reason="Another client's.")
    evaluate(program)
    flag = flags(episode)["lapses_repeated"]
    assert flag.status == CandidateStatus.RESOLVED  # kept, not deleted


def _alert(episode, clinician):
    answers = {str(n): 1 for n in range(1, 10)}  # item 9 answered: a safety alert
    instrument_record(client=episode.client, instrument="phq9", answers=answers, by=clinician)


def test_a_lapse_with_an_open_safety_alert_fires(program, clinician, episode):
    _alert(episode, clinician)
    lapse(episode, clinician, days_ago=2, what="cocaine")
    evaluate(program)
    flag = flags(episode)["lapse_with_safety_alert"]
    assert flag.rule_text == "A lapse within the last 14 days while a safety alert is open"
    assert "Open safety alert" in flag.figures["text"]
    assert "lapses_repeated" not in flags(episode)


def test_a_lapse_without_an_alert_or_an_alert_without_a_lapse_does_not(
    program, clinician, episode, staff
):
    lapse(episode, clinician, days_ago=2)
    other = in_care(program, clinician, first="Casey", last="Morrow")
    _alert(other, clinician)
    evaluate(program)
    assert "lapse_with_safety_alert" not in flags(episode)
    assert "lapse_with_safety_alert" not in flags(other)


def test_a_lapse_outside_the_window_with_an_alert_does_not_fire(program, clinician, episode):
    _alert(episode, clinician)
    lapse(episode, clinician, days_ago=14)
    evaluate(program)
    assert "lapse_with_safety_alert" not in flags(episode)


def test_the_flag_appears_once_the_lapse_is_recorded(
    program, clinician, episode, monkeypatch, django_capture_on_commit_callbacks
):
    # The worker runs the task: here it runs in the test's process, as the worker would.
    monkeypatch.setattr(
        tasks.lapse_candidates_evaluate, "delay", lambda pid: tasks.lapse_candidates_evaluate(pid)
    )
    with django_capture_on_commit_callbacks(execute=True):
        lapse(episode, clinician, days_ago=4)
    assert "lapses_repeated" not in flags(episode)
    with django_capture_on_commit_callbacks(execute=True):
        second = lapse(episode, clinician, days_ago=1)
    assert flags(episode)["lapses_repeated"].status == CandidateStatus.OPEN
    with django_capture_on_commit_callbacks(execute=True):
        lapse_mark_entered_in_error(lapse=second, by=clinician, reason="Typed twice.")
    assert flags(episode)["lapses_repeated"].status == CandidateStatus.RESOLVED


def test_evaluating_twice_changes_nothing(program, clinician, episode):
    lapse(episode, clinician, days_ago=3)
    lapse(episode, clinician, days_ago=1)
    evaluate(program)
    done = candidates_evaluate(program, program.today())
    assert done == {"raised": 0, "updated": 0, "resolved": 0}


# ---------------------------------------------------------------- the step-down it holds back


@pytest.mark.parametrize(("days_ago", "suggested"), [(27, False), (28, True)])
def test_a_lapse_in_the_last_four_weeks_holds_back_the_step_down(
    program, staff, monkeypatch, days_ago, suggested
):
    from tests.scheduling.test_level_change_candidates import _step_down_ready

    ready = _step_down_ready(program, staff, monkeypatch)
    lapse(ready, staff[Role.CLINICIAN], days_ago=days_ago)
    evaluate(program)
    found = flags(ready).get("ready_for_step_down")
    assert (found is not None) == suggested
    if found is not None:
        assert "no lapse in the last 4 weeks" in found.rule_text


def test_a_lapse_entered_in_error_does_not_hold_back_the_step_down(program, staff, monkeypatch):
    from tests.scheduling.test_level_change_candidates import _step_down_ready

    ready = _step_down_ready(program, staff, monkeypatch)
    mistaken = lapse(ready, staff[Role.CLINICIAN], days_ago=3)
    lapse_mark_entered_in_error(lapse=mistaken, by=staff[Role.CLINICIAN], reason="Wrong client")
    evaluate(program)
    assert "ready_for_step_down" in flags(ready)
