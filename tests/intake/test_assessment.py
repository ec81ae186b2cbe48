from __future__ import annotations

from collections.abc import Mapping

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from intake import asam
from intake.models import Assessment, AssessmentStatus, ReferralStatus, SafetyAlert
from intake.services.assessments import assessment_start
from intake.services.instruments import instrument_record
from iop.accounts.models import Role
from tests.intake.safety_plan_helpers import signed_plan
from tests.page_text import parse

PHQ9_ITEM9 = {str(i): 0 for i in range(1, 9)} | {"9": 1}
PHQ9_CLEAN = {str(i): 1 for i in range(1, 10)} | {"9": 0}
CSSRS_NONE = {"1": "no", "2": "no", "6": "no"}


def _step(assessment, step):
    return reverse("intake:assessment_step", args=[assessment.pk, step])


def _asam_post(ratings, placement=None, reason=""):
    data = {f"rating_{n}": str(r) for n, r in ratings.items()}
    data |= {f"notes_{n}": "" for n in ratings}
    if placement is not None:
        data["placement_level"] = str(placement.pk)
    data["placement_reason"] = reason
    return data


@pytest.fixture
def assessment(referral, staff):
    return assessment_start(referral=referral, by=staff[Role.INTAKE])


def test_starting_assessment_marks_referral_and_resumes_the_same_draft(referral, staff, login_as):
    browser = login_as(staff[Role.INTAKE])
    first = browser.post(reverse("intake:assessment_start", args=[referral.pk]))
    second = browser.post(reverse("intake:assessment_start", args=[referral.pk]))
    assert Assessment.objects.count() == 1
    assert first.url == second.url
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ASSESSING


def test_draft_survives_logout_and_is_resumed(assessment, staff, client):
    client.force_login(staff[Role.INTAKE])
    client.post(
        _step(assessment, "profile"),
        {"preferred_name": "Jo", "pronouns": "she/her", "feels_safe": "Sitting near the door"},
    )
    client.post(
        _step(assessment, "history"), {"presenting_problems": "Panic attacks since the accident"}
    )
    client.logout()
    client.force_login(staff[Role.INTAKE])
    detail = client.get(reverse("intake:referral_detail", args=[assessment.referral.pk]))
    assert _step(assessment, "situation") in detail.content.decode()  # resumes where it stopped
    page = client.get(_step(assessment, "history")).content.decode()
    assert "Panic attacks since the accident" in page
    assessment.client.refresh_from_db()
    assert assessment.client.preferred_name == "Jo"  # shown in every chart header from now on


def test_prefer_not_to_say_is_recorded_and_clears_the_answer(assessment, staff, login_as):
    login_as(staff[Role.INTAKE]).post(
        _step(assessment, "profile"),
        {"care_topics": "something", "decline_care_topics": "on"},
    )
    assessment.refresh_from_db()
    assert assessment.care_topics == ""
    assert assessment.declined_questions == ["care_topics"]


def test_asam_recommendation_and_reason_required_for_a_different_placement(
    assessment, staff, login_as
):
    from tests.factories import level

    browser = login_as(staff[Role.INTAKE])
    ratings = {1: 0, 2: 1, 3: 2, 4: 2, 5: 2, 6: 1}
    response = browser.post(_step(assessment, "asam"), _asam_post(ratings, level("2.5")))
    assert response.status_code == 400
    assert "The recommendation is ASAM 2.1" in response.content.decode()
    assert not assessment.asam_ratings.exists()  # nothing half-saved
    response = browser.post(
        _step(assessment, "asam"),
        _asam_post(ratings, level("2.5"), reason="Lives alone; daily structure needed"),
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.recommended_level.code == "2.1"
    assert assessment.placement_level.code == "2.5"
    page = browser.get(_step(assessment, "asam")).content.decode()
    assert "Why this level" in page
    # The reasons name the dimensions rated 2 that decided the level (not the legends, which
    # name every dimension).
    reasons = [li.text for li in parse(page).one(id="recommendation").find_all("li")]
    decided_by = [r.split(" (")[0] for r in reasons if r.startswith("Dimension ")]
    assert decided_by == ["Dimension 3", "Dimension 4", "Dimension 5"]
    assert all(" rated 2: " in r for r in reasons if r.startswith("Dimension "))


def test_asam_missing_rating_is_refused(assessment, staff, login_as):
    ratings = {1: 0, 2: 1, 3: 2, 4: 2, 5: 2}
    response = login_as(staff[Role.INTAKE]).post(_step(assessment, "asam"), _asam_post(ratings))
    assert "Rate this dimension from 0 to 4." in response.content.decode()


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ({1: 0, 2: 0, 3: 1, 4: 1, 5: 1, 6: 0}, "1"),
        ({1: 1, 2: 1, 3: 2, 4: 1, 5: 1, 6: 1}, "2.1"),
        ({1: 1, 2: 1, 3: 3, 4: 1, 5: 3, 6: 1}, "2.5"),
        ({1: 1, 2: 1, 3: 4, 4: 1, 5: 1, 6: 1}, "3.5"),
        ({1: 3, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0}, "3.7"),
    ],
)
def test_asam_rule(ratings, expected):
    result = asam.recommend(ratings, "3")
    assert result.code == expected
    assert result.reasons


def _complete_everything(assessment, staff, browser):
    from tests.factories import level

    browser.post(_step(assessment, "history"), {"presenting_problems": "Nightmares"})
    browser.post(
        _step(assessment, "situation"),
        {"housing": "stable", "occupation": "declined", "legal_status": "none"},
    )
    ratings = {1: 0, 2: 1, 3: 2, 4: 2, 5: 2, 6: 1}
    browser.post(_step(assessment, "asam"), _asam_post(ratings, level("2.1")))
    given: dict[str, Mapping[str, int | str]] = {
        "phq9": PHQ9_CLEAN,
        "cssrs": CSSRS_NONE,
        "pcl5": {str(i): 1 for i in range(1, 21)},
    }
    for code, answers in given.items():
        instrument_record(
            client=assessment.client,
            instrument=code,
            answers=answers,
            by=staff[Role.INTAKE],
            assessment=assessment,
        )


def test_safety_alert_blocks_completion_until_a_clinician_answers(assessment, staff, client):
    client.force_login(staff[Role.INTAKE])
    _complete_everything(assessment, staff, client)
    instrument_record(
        client=assessment.client,
        instrument="phq9",
        answers=PHQ9_ITEM9,
        by=staff[Role.INTAKE],
        assessment=assessment,
    )
    alert = SafetyAlert.objects.get()
    response = client.post(reverse("intake:assessment_complete", args=[assessment.pk]), follow=True)
    assert "open safety alert" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT
    # The chart header shows the open alert to every clinician.
    client.force_login(staff[Role.CLINICIAN])
    chart = client.get(reverse("clients:chart", args=[assessment.client.pk])).content.decode()
    assert "Open safety alert" in chart
    # Intake staff may not answer it; a clinician does.
    client.force_login(staff[Role.INTAKE])
    refused = client.post(
        reverse("intake:alert_acknowledge", args=[alert.pk]),
        {"risk_assessment": "x", "safety_plan_decision": "plan_completed"},
    )
    assert refused.status_code == 403
    client.force_login(staff[Role.CLINICIAN])
    empty = client.post(reverse("intake:alert_acknowledge", args=[alert.pk]), {})
    assert "Record the risk assessment before closing the alert." in empty.content.decode()
    signed_plan(assessment.client, staff[Role.CLINICIAN])  # written and signed with the client
    client.post(
        reverse("intake:alert_acknowledge", args=[alert.pk]),
        {
            "risk_assessment": "Passive ideation, no plan or intent; protective factors: daughter.",
            "safety_plan_decision": "plan_completed",
        },
    )
    client.force_login(staff[Role.INTAKE])
    client.post(reverse("intake:assessment_complete", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.COMPLETED
    assessment.referral.refresh_from_db()
    assert assessment.referral.status == ReferralStatus.READY


def test_completion_lists_what_is_missing(assessment, staff, login_as):
    browser = login_as(staff[Role.INTAKE])
    response = browser.post(
        reverse("intake:assessment_complete", args=[assessment.pk]), follow=True
    )
    page = response.content.decode()
    assert "Presenting problems are not recorded." in page
    assert "PHQ-9 has not been given." in page
    assert "Rate all six ASAM dimensions." in page


def test_completed_assessment_cannot_be_edited(assessment, staff, login_as):
    browser = login_as(staff[Role.INTAKE])
    _complete_everything(assessment, staff, browser)
    browser.post(reverse("intake:assessment_complete", args=[assessment.pk]))
    browser.post(_step(assessment, "history"), {"presenting_problems": "changed"})
    assessment.refresh_from_db()
    assert assessment.presenting_problems == "Nightmares"


def test_clinician_reads_assessment_but_cannot_edit(assessment, staff, login_as):
    browser = login_as(staff[Role.CLINICIAN])
    assert browser.get(_step(assessment, "profile")).status_code == 200
    assert (
        browser.post(_step(assessment, "history"), {"presenting_problems": "x"}).status_code == 403
    )
    assessment.refresh_from_db()
    assert assessment.presenting_problems == ""


def test_probation_officer_cannot_open_assessment(assessment, staff, login_as):
    assert login_as(staff[Role.PROBATION]).get(_step(assessment, "profile")).status_code == 403


def test_client_chart_query_count_does_not_grow_with_assessments(assessment, staff, login_as):
    browser = login_as(staff[Role.CLINICIAN])
    chart = reverse("clients:chart", args=[assessment.client.pk])
    instrument_record(
        client=assessment.client, instrument="phq9", answers=PHQ9_CLEAN, by=staff[Role.INTAKE]
    )
    with CaptureQueriesContext(connection) as few:
        browser.get(chart)
    for _ in range(8):
        instrument_record(
            client=assessment.client,
            instrument="gad7",
            answers={str(i): 1 for i in range(1, 8)},
            by=staff[Role.INTAKE],
        )
        instrument_record(
            client=assessment.client, instrument="phq9", answers=PHQ9_CLEAN, by=staff[Role.INTAKE]
        )
    with CaptureQueriesContext(connection) as many:
        browser.get(chart)
    assert len(many) == len(few)


def test_asam_preview_explains_the_recommendation_before_saving(assessment, staff, login_as):
    ratings = {1: 0, 2: 1, 3: 3, 4: 1, 5: 3, 6: 1}
    response = login_as(staff[Role.INTAKE]).post(
        reverse("intake:asam_preview", args=[assessment.pk]),
        _asam_post(ratings),
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert "Recommended: ASAM 2.5" in page
    reasons = [li.text for li in parse(page).one(id="recommendation").find_all("li")]
    assert any(r.startswith("Dimension 5 (") for r in reasons), reasons
    assert "<html" not in page
    assert not assessment.asam_ratings.exists()


def test_asam_preview_waits_for_all_six_ratings(assessment, staff, login_as):
    response = login_as(staff[Role.INTAKE]).post(
        reverse("intake:asam_preview", args=[assessment.pk]), {"rating_1": "2"}
    )
    assert "Rate all six dimensions" in response.content.decode()


def test_clinician_cannot_use_asam_preview(assessment, staff, login_as):
    response = login_as(staff[Role.CLINICIAN]).post(
        reverse("intake:asam_preview", args=[assessment.pk]), {"rating_1": "2"}
    )
    assert response.status_code == 403


def test_asam_recommendation_stays_on_screen_after_a_refused_save(assessment, staff, login_as):
    from tests.factories import level

    ratings = {1: 0, 2: 1, 3: 2, 4: 2, 5: 2, 6: 1}
    response = login_as(staff[Role.INTAKE]).post(
        _step(assessment, "asam"),
        _asam_post(ratings, level("2.5")),  # no reason given
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Recommended: ASAM 2.1" in page
    assert "Rate all six dimensions" not in page
    assert "Why this level" in page
    assert not assessment.asam_ratings.exists()


def test_asam_page_names_no_source_file(assessment, staff, login_as):
    browser = login_as(staff[Role.INTAKE])
    ratings = {1: 0, 2: 1, 3: 2, 4: 2, 5: 2, 6: 1}
    browser.post(_step(assessment, "asam"), _asam_post(ratings))
    page = browser.get(_step(assessment, "asam")).content.decode()
    assert "Recommended: ASAM 2.1" in page
    assert ".py" not in page


def test_review_names_instruments_and_dimensions_in_words(assessment, staff, client):
    client.force_login(staff[Role.INTAKE])
    _complete_everything(assessment, staff, client)

    page = client.get(_step(assessment, "review")).content.decode()

    assert "PHQ-9 (depression)" in page
    assert "C-SSRS (suicide risk)" in page
    assert "PCL-5 (PTSD symptoms)" in page
    assert "PHQ9" not in page
    assert "3. Emotional, behavioral or cognitive conditions: <strong>moderate risk (2 of 4)" in (
        page
    )
    assert "1. Acute intoxication and/or withdrawal potential: <strong>no risk (0 of 4)" in page
    assert "Dimension 1: 0" not in page
