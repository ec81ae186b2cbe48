from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from intake.models import Consent, ConsentKind, ReferralStatus
from intake.services.assessments import assessment_complete, assessment_start
from iop.accounts.models import Role
from iop.clients.models import Episode
from tests.factories import level
from tests.intake.test_assessment import _complete_everything


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
        "admitted_on": timezone.localdate().isoformat(),
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
    assert ready_referral.client.display_name in census


def test_admission_date_in_future_refused(ready_referral, staff, login_as):
    _sign_treatment_consent(ready_referral.client, staff[Role.INTAKE])
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
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
