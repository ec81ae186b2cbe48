"""What the demo seed leaves for relapse prevention, checked inside the one seeded demo test
(tests/scheduling/test_demo.py): seeding is the slowest thing the suite does, so it is done
once for every check of it."""

from __future__ import annotations

import datetime

from iop.accounts.models import Program, User
from iop.clients.models import Episode
from relapse_prevention.checkin_today import rises_context
from relapse_prevention.high_risk_today import high_risk_today_context
from relapse_prevention.models import (
    CheckIn,
    Lapse,
    ProcessingDecision,
    RelapsePlanReview,
    RelapsePreventionPlan,
)
from relapse_prevention.processing import (
    STALLED,
    current_plans_in_processing,
    processing_statuses,
)
from scheduling.models import LevelChangeCandidate


def check_ins_and_lapses_are_seeded(program: Program, clinician: User) -> None:
    """Weeks of check-ins, one clearly rising craving that Today shows the demo clinician,
    lapses for two clients (one confirmed by a screen), and the step-up candidate the
    repeated lapses raise."""
    assert CheckIn.objects.filter(program=program).values("episode").distinct().count() >= 5
    assert CheckIn.objects.filter(program=program).count() >= 40
    rows = rises_context(clinician, [program])["rows"]
    assert len(rows) == 1 and "Craving 8" in rows[0]["text"]
    lapses = Lapse.objects.filter(program=program)
    assert lapses.values("client").distinct().count() == 2
    assert lapses.filter(specimen__isnull=False).count() == 1
    assert LevelChangeCandidate.objects.filter(program=program, rule="lapses_repeated").exists()
    # The discharge demo leaves these clients in care: nothing is told after a discharge.
    assert not CheckIn.objects.filter(episode__discharged_on__isnull=False).exists()
    assert not lapses.filter(episode__discharged_on__isnull=False).exists()


def relapse_prevention_plans_are_seeded(program: Program, clinician: User) -> None:
    """Signed plans for most active clients, a second version after a lapse, a review still
    due after yesterday's lapse, and a court date this week on the clinician's Today."""
    in_effect = RelapsePreventionPlan.objects.in_effect().filter(program=program)
    open_clients = Episode.objects.open().filter(program=program).values("client")
    assert in_effect.filter(client__in=open_clients).count() * 2 > open_clients.count()
    assert in_effect.filter(version=2).exists()
    assert RelapsePlanReview.objects.filter(program=program, occasion="lapse").exists()
    (row,) = high_risk_today_context(clinician, [program])["rows"]
    assert row.occurrence - program.today() == datetime.timedelta(days=4)


def trauma_processing_is_seeded(program: Program) -> None:
    """One client's EMDR sessions stall on one target; another client's pacing decision is
    recorded and confirmed, and leaves them on track."""
    plans = current_plans_in_processing(program=program)
    statuses = processing_statuses(plans)
    stalled = [p for p in plans if STALLED in [s.title for s in statuses[p.episode_id].signs]]
    assert len(stalled) == 1
    (target,) = statuses[stalled[0].episode_id].targets
    assert [s.suds_end for s in target.sessions] == [5, 5, 6]
    decision = ProcessingDecision.objects.get(program=program)
    assert decision.confirmed_at is not None and decision.confirmed_by != decision.decided_by
    assert decision.episode_id != stalled[0].episode_id
    assert statuses[decision.episode_id].label == "On track"
