"""Disclosing a signed report: only under a consent in force that covers what it holds."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from intake.models.consent import ConsentInformation, ConsentKind
from iop.accounts.models import Role
from iop.notifications.models import OutboxMessage
from iop.reports.clinical.disclosure import disclose_signed, report_disclose
from iop.reports.clinical.models import Disclosure
from iop.reports.clinical.services import report_draft, report_shown_hash, report_sign
from tests.intake.consent_helpers import make_consent, sign

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(program):
    from tests.factories import member

    return member(Role.PROBATION, program, email="officer@county.test")


def _signed(client, staff, consent, before_signing=None):
    clinician = staff[Role.CLINICIAN]
    episode = client.episodes.first()
    end = client.program.today() - datetime.timedelta(days=1)
    report = report_draft(
        kind="compliance",
        client=client,
        episode=episode,
        start=max(episode.admitted_on, end - datetime.timedelta(days=6)),
        end=end,
        consent=consent,
        author=clinician,
    )
    if before_signing:
        before_signing()
    return report_sign(report=report, by=clinician, shown_sha256=report_shown_hash(report))


def _consent(client, staff, officer, **fields):
    fields.setdefault("kind", ConsentKind.CRIMINAL_JUSTICE)
    return sign(make_consent(client, officer, **fields), staff[Role.INTAKE])


def test_disclosed_once_and_officer_told_without_phi(
    client_record, staff, officer, django_capture_on_commit_callbacks
):
    report = _signed(client_record, staff, _consent(client_record, staff, officer))
    first = report_disclose(report, by=staff[Role.CLINICIAN])
    again = report_disclose(report, by=staff[Role.CLINICIAN])
    assert first.pk == again.pk and Disclosure.objects.count() == 1
    message = OutboxMessage.objects.get()
    assert message.recipient == "officer@county.test"
    text = message.subject + message.body
    assert "waiting for you in the portal" in text
    for word in (client_record.legal_first_name, client_record.legal_last_name, "compliance"):
        assert word.lower() not in text.lower()


def test_not_signed_is_refused(client_record, staff, officer):
    consent = _consent(client_record, staff, officer)
    episode = client_record.episodes.first()
    report = report_draft(
        kind="compliance",
        client=client_record,
        episode=episode,
        start=episode.admitted_on,
        end=client_record.program.today(),
        consent=consent,
        author=staff[Role.CLINICIAN],
    )
    with pytest.raises(ValidationError, match="signed report"):
        report_disclose(report, by=staff[Role.CLINICIAN])
    assert not Disclosure.objects.exists()


def test_report_for_the_chart_has_no_recipient(client_record, staff):
    report = _signed(client_record, staff, None)
    with pytest.raises(ValidationError, match="no consent"):
        report_disclose(report, by=staff[Role.CLINICIAN])
    assert disclose_signed(report) is None
    assert not Disclosure.objects.exists()


def test_revoked_consent_discloses_nothing(client_record, staff, officer):
    consent = _consent(
        client_record, staff, officer, irrevocable_until_event="x", kind="disclosure"
    )

    def revoke():
        type(consent).objects.filter(pk=consent.pk).update(
            revoked_at=timezone.now(), revoked_recorded_by=staff[Role.INTAKE]
        )

    # Drafted while the consent was in force, signed after its revocation: not disclosed.
    report = _signed(client_record, staff, consent, before_signing=revoke)
    report.consent.refresh_from_db()
    with pytest.raises(ValidationError, match="revoked"):
        report_disclose(report, by=staff[Role.CLINICIAN])
    assert disclose_signed(report) is None
    assert not Disclosure.objects.exists() and not OutboxMessage.objects.exists()


def test_scope_not_covering_a_section_is_refused(client_record, staff, officer):
    consent = _consent(client_record, staff, officer)
    report = _signed(client_record, staff, None)  # for the chart: every section
    report.consent = consent  # as if disclosed under a narrower consent
    report.consent_id = consent.pk
    with pytest.raises(ValidationError, match="does not cover"):
        report_disclose(report, by=staff[Role.CLINICIAN])
    assert not Disclosure.objects.exists()


def test_no_recipient_account_says_hand_it_over(client_record, staff):
    consent = sign(
        make_consent(client_record, None, information=list(ConsentInformation)),
        staff[Role.INTAKE],
    )
    report = _signed(client_record, staff, consent)
    with pytest.raises(ValidationError, match="another way"):
        report_disclose(report, by=staff[Role.CLINICIAN])
    assert not Disclosure.objects.exists()
