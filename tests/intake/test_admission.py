from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from intake.models import Assessment, Consent, ConsentKind, ReferralStatus
from intake.services.assessments import assessment_complete, assessment_start
from iop.accounts.models import Role
from iop.clients.models import Episode
from tests.dashboard.helpers import figure_url, figure_value
from tests.factories import level
from tests.intake.test_assessment import _complete_everything
from tests.superuser import superuser_past_the_locks


@pytest.fixture
def ready_referral(referral, staff, client):
    assessment = assessment_start(referral=referral, by=staff[Role.INTAKE])
    client.force_login(staff[Role.INTAKE])
    _complete_everything(assessment, staff, client)
    assessment_complete(assessment=assessment, by=staff[Role.INTAKE])
    referral.refresh_from_db()
    return referral


def _sign_treatment_consent(client_record, witness):
    return Consent.objects.create(
        client=client_record,
        kind=ConsentKind.TREATMENT,
        discloser="Riverside IOP",
        signed_name=client_record.legal_name,
        signer_relationship="client",
        signed_at=timezone.now(),
        witness=witness,
    )


def _admit(browser, referral, clinician, **overrides):
    data = {
        "level": str(level("2.1").pk),
        "primary_clinician": str(clinician.pk),
        "admitted_on": referral.program.today().isoformat(),
    } | overrides
    return browser.post(reverse("intake:admit", args=[referral.pk]), data)


def test_admission_needs_signed_treatment_consent(ready_referral, staff, login_as):
    browser = login_as(staff[Role.INTAKE])
    response = _admit(browser, ready_referral, staff[Role.CLINICIAN])
    assert not Episode.objects.exists()
    page = browser.get(response.url).content.decode()
    assert "has not signed consent to treatment" in page


def test_admission_opens_episode_and_client_is_on_caseload(ready_referral, staff, client):
    _sign_treatment_consent(ready_referral.client, staff[Role.INTAKE])
    client.force_login(staff[Role.INTAKE])
    response = _admit(client, ready_referral, staff[Role.CLINICIAN])
    episode = Episode.objects.get()
    assert response.url == reverse("clients:chart", args=[ready_referral.client.pk])
    assert episode.level_of_care.code == "2.1"
    assert episode.level_changes.get().to_level == episode.level_of_care
    ready_referral.refresh_from_db()
    assert ready_referral.status == ReferralStatus.ADMITTED
    client.force_login(staff[Role.CLINICIAN])
    today = client.get(reverse("scheduling:today")).content.decode()
    assert ready_referral.client.display_name in today
    client.force_login(staff[Role.DIRECTOR])
    census = client.get(reverse("dashboard:census")).content.decode()
    assert figure_value(census, "active") == "1"
    admissions = client.get(figure_url(ready_referral.client.program, "admissions"))
    assert ready_referral.client.display_name in admissions.content.decode()


def test_admission_date_in_future_refused(ready_referral, staff, login_as):
    _sign_treatment_consent(ready_referral.client, staff[Role.INTAKE])
    tomorrow = (ready_referral.program.today() + datetime.timedelta(days=1)).isoformat()
    response = _admit(
        login_as(staff[Role.INTAKE]), ready_referral, staff[Role.CLINICIAN], admitted_on=tomorrow
    )
    assert response.status_code == 400
    assert "Admission date cannot be in the future." in response.content.decode()
    assert not Episode.objects.exists()


def test_admission_refused_before_assessment_completed(referral, staff, login_as):
    _sign_treatment_consent(referral.client, staff[Role.INTAKE])
    browser = login_as(staff[Role.INTAKE])
    _admit(browser, referral, staff[Role.CLINICIAN])
    assert not Episode.objects.exists()


def test_clinician_cannot_admit(ready_referral, staff, login_as):
    _sign_treatment_consent(ready_referral.client, staff[Role.INTAKE])
    response = _admit(login_as(staff[Role.CLINICIAN]), ready_referral, staff[Role.CLINICIAN])
    assert response.status_code == 403
    assert not Episode.objects.exists()


# --- The assessment's placement is proposed at admission -----------------------------------


def _ready_with_placement(referral, staff, browser, placement, reason=""):
    from tests.intake.test_assessment import _asam_post, _step

    assessment = assessment_start(referral=referral, by=staff[Role.INTAKE])
    browser.force_login(staff[Role.INTAKE])
    _complete_everything(assessment, staff, browser)
    ratings = {1: 0, 2: 1, 3: 2, 4: 2, 5: 2, 6: 1}  # the rule recommends 2.1
    browser.post(_step(assessment, "asam"), _asam_post(ratings, placement, reason))
    assessment_complete(assessment=assessment, by=staff[Role.INTAKE])
    _sign_treatment_consent(referral.client, staff[Role.INTAKE])
    return assessment


def test_admission_proposes_the_level_chosen_in_the_assessment(referral, staff, client):
    _ready_with_placement(
        referral, staff, client, placement=level("2.5"), reason="Lives alone; needs structure"
    )

    response = client.get(reverse("intake:referral_detail", args=[referral.pk]))

    assert response.context["admission_form"]["level"].value() == level("2.5").pk
    page = response.content.decode()
    assert f'<option value="{level("2.5").pk}" selected>' in page
    assert "Proposed from the intake assessment: ASAM 2.5" in page
    _admit(client, referral, staff[Role.CLINICIAN], level=str(level("2.5").pk))
    change = Episode.objects.get().level_changes.get()
    assert change.reason == "Admission placement per the intake ASAM assessment"


def test_an_assessment_without_a_chosen_level_proposes_its_recommendation(referral, staff, client):
    assessment = _ready_with_placement(referral, staff, client, placement=level("2.1"))
    # Assessments recorded before a final placement was required carry only the recommendation
    # (a completed assessment is locked, so only the suite's superuser can recreate that).
    with superuser_past_the_locks():
        Assessment.objects.filter(pk=assessment.pk).update(placement_level=None)

    response = client.get(reverse("intake:referral_detail", args=[referral.pk]))

    assert response.context["admission_form"]["level"].value() == level("2.1").pk
    assert "Proposed from the intake assessment: ASAM 2.1" in response.content.decode()


def test_admission_before_the_referral_date_is_refused(ready_referral, staff, login_as):
    _sign_treatment_consent(ready_referral.client, staff[Role.INTAKE])
    ready_referral.received_on = ready_referral.program.today() - datetime.timedelta(days=3)
    ready_referral.save()
    before = (ready_referral.received_on - datetime.timedelta(days=1)).isoformat()
    response = _admit(
        login_as(staff[Role.INTAKE]), ready_referral, staff[Role.CLINICIAN], admitted_on=before
    )
    assert response.status_code == 400
    assert "cannot be before the referral was received" in response.content.decode()
    assert not Episode.objects.exists()
