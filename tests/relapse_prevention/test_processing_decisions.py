"""Pacing decisions: recorded by a clinician on the signs shown, confirmed by another
supervisor or director, final once confirmed, and answering the signs before them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from iop.accounts.models import Role
from relapse_prevention.models import PacingDecision, ProcessingDecision
from relapse_prevention.processing import processing_status
from relapse_prevention.services.processing import (
    processing_decision_confirm,
    processing_decision_record,
)
from tests.factories import member
from tests.relapse_prevention.processing_helpers import client_in_processing, processing_note
from treatment_plans.models import Phase, PhaseChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinician(staff):
    return staff[Role.CLINICIAN]


@pytest.fixture
def director(staff):
    return staff[Role.DIRECTOR]


@pytest.fixture
def stalled(program, clinician):
    plan = client_in_processing(program, clinician)
    for i in range(3):
        processing_note(plan, clinician, days_ago=6 - i, suds_end=4)
    return plan


def record(plan, by, decision=PacingDecision.SLOW, reason="Shorter sets; more grounding."):
    return processing_decision_record(plan=plan, by=by, decision=decision, reason=reason)


def test_the_decision_keeps_the_signs_it_answers(stalled, clinician):
    decision = record(stalled, clinician)
    assert decision.signs.startswith("Stalled: end-of-session distress on EMDR: memory 1")
    assert "(setting: 3 processing sessions without falling distress)" in decision.signs
    status = processing_status(stalled)
    assert status.pending == decision
    assert status.label == "Pacing decision awaiting a supervisor's confirmation"


def test_a_reason_and_a_listed_decision_are_needed(stalled, clinician):
    with pytest.raises(ValidationError) as refused:
        record(stalled, clinician, decision="stop", reason="  ")
    assert refused.value.message_dict == {
        "decision": ["Choose one of the decisions listed."],
        "reason": ["Say why: what you weighed, and what changes for the client."],
    }
    assert not ProcessingDecision.objects.exists()


def test_nothing_to_decide_when_on_track(program, clinician):
    plan = client_in_processing(program, clinician)
    processing_note(plan, clinician, days_ago=2, suds_end=1)
    with pytest.raises(ValidationError, match="on track"):
        record(plan, clinician)


def test_one_decision_awaits_confirmation_at_a_time(stalled, clinician):
    record(stalled, clinician)
    with pytest.raises(ValidationError, match="already awaiting"):
        record(stalled, clinician)


def test_a_prescriber_cannot_record(stalled, staff):
    with pytest.raises(PermissionDenied):
        record(stalled, staff[Role.PRESCRIBER])


def test_the_recorder_cannot_confirm(stalled, director):
    decision = record(stalled, director)
    with pytest.raises(ValidationError, match="another supervisor or director"):
        processing_decision_confirm(decision=decision, by=director)
    assert ProcessingDecision.objects.get().confirmed_at is None


def test_a_clinician_without_confirm_readiness_cannot_confirm(stalled, clinician, program):
    decision = record(stalled, clinician)
    colleague = member(Role.CLINICIAN, program, email="colleague@clinic.test")
    with pytest.raises(PermissionDenied):
        processing_decision_confirm(decision=decision, by=colleague)
    assert ProcessingDecision.objects.get().confirmed_at is None


def test_confirmed_decision_addresses_the_earlier_signs(stalled, clinician, director):
    decision = processing_decision_confirm(decision=record(stalled, clinician), by=director)
    assert decision.confirmed_by == director
    status = processing_status(stalled)
    assert status.signs == [] and status.label == "On track"
    assert status.latest_confirmed == decision
    assert stalled.phase == Phase.PROCESSING  # slowing the pacing keeps the phase


def test_a_new_sign_after_the_decision_shows_again(stalled, clinician, director):
    processing_decision_confirm(decision=record(stalled, clinician), by=director)
    processing_note(stalled, clinician, days_ago=0.1, suds_end=4, signed_at=timezone.now())
    (sign,) = processing_status(stalled).signs
    assert "SUDS at the end: 4, 4, 4" in sign.text


def test_confirming_a_return_to_stabilization_changes_the_phase(stalled, clinician, director):
    decision = record(stalled, clinician, PacingDecision.STABILIZE, "Flooding; back to skills.")
    processing_decision_confirm(decision=decision, by=director)
    stalled.refresh_from_db()
    assert stalled.phase == Phase.STABILIZATION
    change = PhaseChange.objects.get(plan=stalled)
    assert (change.from_phase, change.to_phase) == (Phase.PROCESSING, Phase.STABILIZATION)
    assert "Flooding; back to skills." in change.reason and change.created_by == director
    assert ProcessingDecision.objects.get().phase_change == change


def test_confirmed_only_once_and_then_final(stalled, clinician, director, program):
    decision = processing_decision_confirm(decision=record(stalled, clinician), by=director)
    other = member(Role.DIRECTOR, program, email="other-director@clinic.test")
    with pytest.raises(ValidationError, match="already confirmed"):
        processing_decision_confirm(decision=decision, by=other)
    with pytest.raises(DatabaseError), transaction.atomic():
        ProcessingDecision.objects.filter(pk=decision.pk).update(reason="changed")
    with pytest.raises(DatabaseError), transaction.atomic():
        ProcessingDecision.objects.filter(pk=decision.pk).delete()
