"""The plan page's trauma processing panel, the decision page, the confirmation, and Today:
who gets in, who is refused, and another program's records are 404."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from iop.accounts.models import Role
from relapse_prevention.models import PacingDecision, ProcessingDecision
from relapse_prevention.services.processing import processing_decision_record
from tests.factories import member
from tests.relapse_prevention.processing_helpers import client_in_processing, processing_note

pytestmark = pytest.mark.django_db
TODAY = reverse("scheduling:today")


@pytest.fixture
def clinician(staff):
    return staff[Role.CLINICIAN]


@pytest.fixture
def director(staff):
    return staff[Role.DIRECTOR]


def stalled_client(program, clinician, last_name="Vale", target="memory 1"):
    plan = client_in_processing(
        program, clinician, legal_first_name="Jordan", legal_last_name=last_name
    )
    for i in range(3):
        processing_note(plan, clinician, days_ago=6 - i, suds_end=4, target=target)
    return plan


@pytest.fixture
def plan(program, clinician):
    return stalled_client(program, clinician)


def page(browser, plan):
    return browser.get(reverse("treatment_plans:plan_detail", args=[plan.pk]))


def decide_url(plan):
    return reverse("relapse_prevention:processing_decision_create", args=[plan.pk])


def confirm_url(decision):
    return reverse("relapse_prevention:processing_decision_confirm", args=[decision.pk])


def record(plan, by):
    return processing_decision_record(
        plan=plan, by=by, decision=PacingDecision.SLOW, reason="Shorter sets."
    )


# ---------------------------------------------------------------- the plan page


def test_the_plan_page_shows_the_signs_the_suds_and_the_decision_form(plan, clinician, login_as):
    shown = page(login_as(clinician), plan)
    assert shown.status_code == 200
    text = shown.text
    assert "Trauma processing: pacing" in text and "Pacing to review" in text
    assert "Stalled" in text and "SUDS at the end: 4, 4, 4" in text
    assert "<caption>EMDR: memory 1</caption>" in text
    assert "Record the decision" in text and "Slow the pacing" in text
    assert "Confirm the pacing decision" not in text


def test_an_on_track_plan_says_so(program, clinician, login_as):
    plan = client_in_processing(program, clinician)
    processing_note(plan, clinician, days_ago=2, suds_end=1)
    text = page(login_as(clinician), plan).text
    assert "On track" in text and "Record the decision" not in text


def test_the_clinician_records_a_decision(plan, clinician, login_as):
    browser = login_as(clinician)
    posted = browser.post(decide_url(plan), {"decision": "slow", "reason": "Shorter sets."})
    assert posted.status_code == 302
    decision = ProcessingDecision.objects.get()
    assert decision.decided_by == clinician and decision.decision == "slow"
    text = page(browser, plan).text
    assert "Decision awaiting confirmation" in text
    assert "Awaiting a supervisor" in text and "Confirm the pacing decision" not in text


def test_a_decision_without_a_reason_is_refused_and_nothing_saved(plan, clinician, login_as):
    posted = login_as(clinician).post(decide_url(plan), {"decision": "slow", "reason": " "})
    assert posted.status_code == 400
    assert "This field is required." in posted.text
    assert not ProcessingDecision.objects.exists()


def test_the_director_confirms_on_the_plan_page(plan, clinician, director, login_as):
    decision = record(plan, clinician)
    browser = login_as(director)
    assert "Confirm the pacing decision" in page(browser, plan).text
    assert browser.post(confirm_url(decision)).status_code == 302
    decision.refresh_from_db()
    assert decision.confirmed_by == director
    text = page(browser, plan).text
    assert "Latest confirmed decision" in text and "On track" in text


def test_the_recorder_sees_no_confirm_button_and_is_refused(plan, director, login_as):
    decision = record(plan, director)
    browser = login_as(director)
    assert "Confirm the pacing decision" not in page(browser, plan).text
    browser.post(confirm_url(decision))
    decision.refresh_from_db()
    assert decision.confirmed_at is None


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.PRESCRIBER, Role.INTAKE])
def test_roles_without_confirm_readiness_are_refused(plan, clinician, staff, login_as, role):
    decision = record(plan, clinician)
    assert login_as(staff[role]).post(confirm_url(decision)).status_code == 403
    decision.refresh_from_db()
    assert decision.confirmed_at is None


@pytest.mark.parametrize("role", [Role.PRESCRIBER, Role.INTAKE])
def test_roles_without_edit_plans_cannot_decide(plan, staff, login_as, role):
    browser = login_as(staff[role])
    assert browser.post(decide_url(plan), {"decision": "slow", "reason": "x"}).status_code == 403
    assert not ProcessingDecision.objects.exists()


def test_another_programs_decision_and_plan_are_404(plan, clinician, other_program, login_as):
    decision = record(plan, clinician)
    other_director = member(Role.DIRECTOR, other_program, email="d@hillside.test")
    browser = login_as(other_director)
    assert browser.post(confirm_url(decision)).status_code == 404
    assert browser.get(decide_url(plan)).status_code == 404
    decision.refresh_from_db()
    assert decision.confirmed_at is None


def test_the_plan_page_query_count_does_not_grow(
    program, plan, clinician, director, login_as, django_assert_max_num_queries
):
    browser = login_as(director)
    with CaptureQueriesContext(connection) as first:
        page(browser, plan)
    for i in range(6):
        processing_note(plan, clinician, days_ago=9 - i * 0.1, suds_end=5, target=f"memory {i + 2}")
    record(plan, clinician)
    with django_assert_max_num_queries(len(first)):
        shown = page(browser, plan)
    assert shown.text.count("<caption>") == 7


# ---------------------------------------------------------------- Today


def test_today_shows_the_primary_clinician_pacing_to_review(plan, clinician, login_as):
    text = login_as(clinician).get(TODAY).text
    assert "Trauma processing: pacing to review" in text
    assert "Jordan Vale" in text or "Jordan" in text
    assert reverse("treatment_plans:plan_detail", args=[plan.pk]) in text
    # Nothing that should not be read aloud in the room: no targets, signs or scores.
    assert "memory 1" not in text and "SUDS" not in text and "Stalled" not in text


def test_today_leaves_out_other_clinicians_clients(plan, program, login_as):
    colleague = member(Role.CLINICIAN, program, email="colleague@clinic.test")
    assert "pacing to review" not in login_as(colleague).get(TODAY).text


def test_today_shows_the_director_decisions_awaiting_confirmation(
    plan, clinician, director, login_as
):
    record(plan, clinician)
    text = login_as(director).get(TODAY).text
    assert "Pacing decisions awaiting your confirmation" in text
    assert reverse("treatment_plans:plan_detail", args=[plan.pk]) in text
    # The clinician who recorded it sees it no longer as to review.
    assert "Trauma processing: pacing to review" not in login_as(clinician).get(TODAY).text


def test_today_query_count_does_not_grow(
    program, plan, clinician, login_as, django_assert_max_num_queries
):
    browser = login_as(clinician)
    with CaptureQueriesContext(connection) as first:
        browser.get(TODAY)
    for name in ("Ash", "Birch", "Cedar", "Dale"):
        stalled_client(program, clinician, last_name=name)
    with django_assert_max_num_queries(len(first)):
        text = browser.get(TODAY).text
    assert text.count("record a pacing decision") == 5
