"""The demo's trauma processing: one client's EMDR sessions stall on one target, and another
client's pacing decision is recorded and confirmed."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from iop.accounts.models import Program
from relapse_prevention.models import ProcessingDecision
from relapse_prevention.processing import STALLED, current_plans_in_processing, processing_statuses

pytestmark = pytest.mark.django_db


def test_the_demo_shows_a_stall_and_a_confirmed_decision():
    call_command("seed_demo", "--force")
    program = Program.objects.get(name__startswith="Riverside")
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
