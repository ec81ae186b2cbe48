"""A new consent starts from what the clinic already knows: the referral's officer and court
case, the program's own consent-to-treatment wording. One message per problem on the form."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from intake.models import Consent, ConsentKind, Referral, ReferralSource, TreatmentConsentText
from intake.services.consents import consent_text
from iop.accounts.models import Role
from iop.audit.models import AuditAction, AuditEvent
from tests.factories import member
from tests.intake.consent_helpers import disclosure_post, in_days, make_consent, sign

pytestmark = pytest.mark.django_db

WORDING_URL = reverse("intake:treatment_consent_text")


def create_url(client, kind):
    return reverse("intake:consent_create", args=[client.pk, kind])


def _court_referral(client, officer=None, officer_name=""):
    return Referral.objects.create(
        program=client.program,
        client=client,
        received_on=timezone.localdate(),
        source=ReferralSource.COURT,
        court_case_number="CR-2026-0113",
        probation_officer=officer,
        probation_officer_name=officer_name,
        reason="Condition of probation",
    )


# --- Criminal justice consent: the referral's officer and case ----------------------------


def test_criminal_justice_consent_offers_the_referrals_officer_and_case(
    login_as, staff, client_record
):
    officer = member(Role.PROBATION, client_record.program, first_name="Pat", last_name="Okafor")
    _court_referral(client_record, officer=officer)

    response = login_as(staff[Role.INTAKE]).get(
        create_url(client_record, ConsentKind.CRIMINAL_JUSTICE)
    )

    form = response.context["form"]
    assert str(form["recipient_user"].value()) == str(officer.pk)
    assert "court case CR-2026-0113" in form["purpose"].value()
    assert "CR-2026-0113" in form["duration"].value()
    assert form["irrevocable_until_event"].value() == "Final disposition of court case CR-2026-0113"
    page = response.content.decode()
    assert "The probation officer and court case from the referral are filled in" in page
    assert f'<option value="{officer.pk}" selected>' in page


def test_an_officer_without_an_account_is_offered_by_name(login_as, staff, client_record):
    _court_referral(client_record, officer_name="Dana Whitfield")

    form = (
        login_as(staff[Role.INTAKE])
        .get(create_url(client_record, ConsentKind.CRIMINAL_JUSTICE))
        .context["form"]
    )

    assert form["recipient_name"].value() == "Dana Whitfield, probation officer"
    assert not form["recipient_user"].value()


def test_the_offered_defaults_save_as_a_complete_criminal_justice_consent(
    login_as, staff, client_record
):
    officer = member(Role.PROBATION, client_record.program)
    _court_referral(client_record, officer=officer)
    browser = login_as(staff[Role.INTAKE])
    url = create_url(client_record, ConsentKind.CRIMINAL_JUSTICE)
    form = browser.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data |= {"information": ["attendance"], "expires_on": in_days(180).isoformat()}

    assert browser.post(url, data).status_code == 302

    consent = Consent.objects.get()
    assert consent.recipient_user == officer
    assert consent.irrevocable_until_event == "Final disposition of court case CR-2026-0113"


def test_a_self_referral_offers_no_recipient(login_as, staff, referral):
    form = (
        login_as(staff[Role.INTAKE])
        .get(create_url(referral.client, ConsentKind.CRIMINAL_JUSTICE))
        .context["form"]
    )
    assert not form["recipient_user"].value()
    assert not form["recipient_name"].value()


# --- One message per problem ---------------------------------------------------------------


def test_an_expired_date_gets_one_message_not_two(login_as, staff, client_record):
    officer = member(Role.PROBATION, client_record.program)
    data = disclosure_post(officer, expires_on=in_days(-3).isoformat())

    response = login_as(staff[Role.INTAKE]).post(
        create_url(client_record, ConsentKind.DISCLOSURE), data
    )

    form = response.context["form"]
    assert form.errors == {"expires_on": ["The expiry date has already passed."]}
    page = response.content.decode()
    assert "Give an expiry date or an expiry event." not in page
    assert "missing" not in page
    assert not Consent.objects.exists()


# --- Consent to treatment: the program's wording, kept per program -------------------------


def test_consent_to_treatment_starts_from_the_programs_wording(login_as, staff, client_record):
    TreatmentConsentText.objects.create(
        program=client_record.program,
        treatment="Riverside's intensive outpatient program, including medication management.",
        withdrawal_terms="Tell any counselor; you can stop at any time.",
        created_by=staff[Role.DIRECTOR],
    )

    form = (
        login_as(staff[Role.INTAKE])
        .get(create_url(client_record, ConsentKind.TREATMENT))
        .context["form"]
    )

    assert form["purpose"].value() == (
        "Riverside's intensive outpatient program, including medication management."
    )
    assert form["revocation_terms"].value() == "Tell any counselor; you can stop at any time."


def test_without_its_own_wording_a_program_starts_from_the_standard_text(
    login_as, staff, client_record
):
    form = (
        login_as(staff[Role.INTAKE])
        .get(create_url(client_record, ConsentKind.TREATMENT))
        .context["form"]
    )
    assert "group and individual counseling" in form["purpose"].value()
    assert "telling your counselor" in form["revocation_terms"].value()


def test_director_changes_the_wording_with_an_audit_event_and_history(
    login_as, staff, client_record, other_program
):
    other = TreatmentConsentText.objects.create(
        program=other_program, treatment="Hillside text", withdrawal_terms="Hillside terms"
    )
    director = login_as(staff[Role.DIRECTOR])
    page = director.get(WORDING_URL)
    assert page.status_code == 200
    assert "group and individual counseling" in page.content.decode()

    for words in ["First wording.", "Second wording, with medication management."]:
        response = director.post(
            WORDING_URL,
            {"treatment": words, "withdrawal_terms": "Tell staff.", "change_note": "Reviewed"},
        )
        assert response.status_code == 302

    versions = TreatmentConsentText.objects.filter(program=client_record.program)
    assert [v.treatment for v in versions] == [
        "Second wording, with medication management.",
        "First wording.",
    ]
    events = list(AuditEvent.objects.filter(action=AuditAction.CONSENT_TEXT_CHANGED))
    assert len(events) == 2
    assert {(e.actor, e.program) for e in events} == {(staff[Role.DIRECTOR], client_record.program)}
    assert (
        events[0].summary
        == f"Consent-to-treatment text of {client_record.program} changed: Reviewed"
    )
    history = director.get(WORDING_URL).content.decode()
    assert "First wording." in history and "(current)" in history
    other.refresh_from_db()
    assert other.treatment == "Hillside text"  # another program's wording is untouched

    form = (
        login_as(staff[Role.INTAKE])
        .get(create_url(client_record, ConsentKind.TREATMENT))
        .context["form"]
    )
    assert form["purpose"].value() == "Second wording, with medication management."


def test_empty_wording_is_refused_and_nothing_saved(login_as, staff):
    response = login_as(staff[Role.DIRECTOR]).post(
        WORDING_URL, {"treatment": "  ", "withdrawal_terms": "Tell staff."}
    )
    assert response.status_code == 400
    assert "Describe the treatment the client consents to." in response.content.decode()
    assert not TreatmentConsentText.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.CONSENT_TEXT_CHANGED).exists()


@pytest.mark.parametrize(
    "role", [Role.CLINICIAN, Role.INTAKE, Role.PRESCRIBER, Role.ADMINISTRATOR, Role.PROBATION]
)
def test_only_the_director_changes_the_wording(login_as, staff, role):
    browser = login_as(staff[role])
    assert browser.get(WORDING_URL).status_code == 403
    refused = browser.post(WORDING_URL, {"treatment": "Mine", "withdrawal_terms": "Mine"})
    assert refused.status_code == 403
    assert not TreatmentConsentText.objects.exists()


def test_a_director_of_another_program_cannot_change_this_programs_wording(
    login_as, program, other_program
):
    outsider = member(Role.DIRECTOR, other_program)
    url = f"{WORDING_URL}?program={program.pk}"
    browser = login_as(outsider)
    assert browser.get(url).status_code == 404
    assert browser.post(url, {"treatment": "x", "withdrawal_terms": "y"}).status_code == 404
    assert not TreatmentConsentText.objects.filter(program=program).exists()


def test_a_signed_consent_keeps_its_words_after_the_wording_changes(login_as, staff, client_record):
    consent = make_consent(
        client_record,
        kind=ConsentKind.TREATMENT,
        purpose="The wording of the day it was signed.",
        revocation_terms="Tell staff.",
        recipient_name="",
        information=[],
    )
    signed = sign(consent, staff[Role.INTAKE])
    before = consent_text(signed)
    login_as(staff[Role.DIRECTOR]).post(
        WORDING_URL, {"treatment": "New wording.", "withdrawal_terms": "New terms."}
    )
    signed.refresh_from_db()
    assert consent_text(signed) == before
    page = login_as(staff[Role.INTAKE]).get(reverse("intake:consent_detail", args=[signed.pk]))
    assert "The wording of the day it was signed." in page.content.decode()


def test_wording_page_query_count_does_not_grow_with_versions(
    login_as, staff, program, django_assert_max_num_queries
):
    browser = login_as(staff[Role.DIRECTOR])
    browser.get(WORDING_URL)
    for n in range(12):
        TreatmentConsentText.objects.create(
            program=program,
            treatment=f"v{n}",
            withdrawal_terms="t",
            created_by=staff[Role.DIRECTOR],
        )
    with django_assert_max_num_queries(12):
        browser.get(WORDING_URL)
