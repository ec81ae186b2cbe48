from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from intake.models.consent import Consent, ConsentKind, ConsentStatus
from intake.services.consents import consent_revoke, consent_text
from iop.accounts.models import Role
from iop.audit.models import RecordView
from iop.signatures.models import Signature, content_hash
from tests.factories import member
from tests.intake.consent_helpers import (
    criminal_justice_post,
    disclosure_post,
    in_days,
    make_consent,
    sign,
    signatures,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(program):
    return member(Role.PROBATION, program, first_name="Pat", last_name="Okafor")


@pytest.fixture
def intake(staff):
    return staff[Role.INTAKE]


@pytest.fixture
def consent(client_record, officer):
    return make_consent(client_record, officer)


@pytest.fixture
def signed(consent, intake):
    return sign(consent, intake)


def create_url(client, kind):
    return reverse("intake:consent_create", args=[client.pk, kind])


def consent_url(name, consent):
    return reverse(f"intake:{name}", args=[consent.pk])


# --- Writing a consent: every element or nothing is saved ---------------------------------

ELEMENTS = [
    ({"discloser": ""}, "discloser", "Say who may disclose."),
    ({"recipient_user": ""}, "recipient_name", "Name the recipient"),
    ({"information": []}, "information", "Choose what may be disclosed."),
    ({"purpose": "  "}, "purpose", "State the purpose of the disclosure."),
    (
        {"expires_on": "", "expiry_event": ""},
        "expires_on",
        "Give an expiry date or an expiry event.",
    ),
    ({"revocation_terms": ""}, "revocation_terms", "State the right to revoke and how."),
]
CJ_ELEMENTS = [
    ({"duration": ""}, "duration", "A criminal justice consent states its duration."),
    (
        {"irrevocable_until": "", "irrevocable_until_event": ""},
        "irrevocable_until",
        "cannot be revoked",
    ),
]
CASES = [
    *[(ConsentKind.DISCLOSURE, *element) for element in ELEMENTS],
    *[(ConsentKind.CRIMINAL_JUSTICE, *element) for element in ELEMENTS + CJ_ELEMENTS],
]


@pytest.mark.parametrize(("kind", "blanked", "field", "message"), CASES)
def test_consent_missing_an_element_is_refused_beside_the_field(
    login_as, intake, client_record, officer, kind, blanked, field, message
):
    post = criminal_justice_post if kind == ConsentKind.CRIMINAL_JUSTICE else disclosure_post
    data = post(officer, **blanked)

    response = login_as(intake).post(create_url(client_record, kind), data)

    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field]), form.errors
    assert set(form.errors) == {field}
    assert not Consent.objects.exists()
    # What was typed is kept, and the message sits beside its field.
    assert form["purpose"].value() == data["purpose"]
    assert f'id="id_{field}_error"' in response.content.decode()


@pytest.mark.parametrize(
    ("kind", "post"),
    [
        (ConsentKind.DISCLOSURE, disclosure_post),
        (ConsentKind.CRIMINAL_JUSTICE, criminal_justice_post),
    ],
)
def test_full_consent_is_saved_and_goes_to_signing(
    login_as, intake, client_record, officer, kind, post
):
    response = login_as(intake).post(create_url(client_record, kind), post(officer))

    consent = Consent.objects.get()
    assert response.status_code == 302
    assert response.url == consent_url("consent_sign", consent)
    assert consent.kind == kind
    assert consent.client == client_record
    assert consent.recipient_user == officer
    assert consent.information == ["attendance", "drug_screens"]
    assert consent.created_by == intake
    assert consent.status == ConsentStatus.DRAFT
    if kind == ConsentKind.CRIMINAL_JUSTICE:
        assert consent.irrevocable_until == in_days(90)


def test_disclosure_form_offers_only_probation_officers_of_the_clients_program(
    login_as, intake, client_record, officer, other_program, staff
):
    member(Role.PROBATION, other_program, first_name="Elsewhere")

    response = login_as(intake).get(create_url(client_record, ConsentKind.DISCLOSURE))

    choices = set(response.context["form"].fields["recipient_user"].queryset)
    assert choices == {officer, staff[Role.PROBATION]}
    assert response.context["form"]["discloser"].value() == "Riverside IOP"


def test_two_recipients_at_once_are_refused(login_as, intake, client_record, officer):
    data = disclosure_post(officer, recipient_name="Someone Else")

    response = login_as(intake).post(create_url(client_record, ConsentKind.DISCLOSURE), data)

    assert "Name one recipient" in str(response.context["form"].errors["recipient_name"])
    assert not Consent.objects.exists()


def test_recipient_by_class_is_enough(login_as, intake, client_record, officer):
    data = disclosure_post(officer, recipient_user="", recipient_class="My treating providers")

    login_as(intake).post(create_url(client_record, ConsentKind.DISCLOSURE), data)

    assert Consent.objects.get().recipient_display == "My treating providers"


def test_treatment_consent_is_saved(login_as, intake, client_record):
    url = create_url(client_record, ConsentKind.TREATMENT)
    form = login_as(intake).get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}

    response = login_as(intake).post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    assert Consent.objects.get().kind == ConsentKind.TREATMENT


def test_unknown_kind_is_404(login_as, intake, client_record):
    assert login_as(intake).get(create_url(client_record, "anything")).status_code == 404


# --- Signing ------------------------------------------------------------------------------


def test_sign_page_shows_the_full_text(login_as, intake, consent):
    response = login_as(intake).get(consent_url("consent_sign", consent))

    page = response.content.decode()
    assert response.context["form"]["text_sha256"].value() == content_hash(consent_text(consent))
    for line in ("Pat Okafor, probation officer", "Attendance; Drug screen results"):
        assert line in page
    assert consent.client.legal_name in page


def test_signing_records_client_and_witness_signatures_over_the_text_shown(
    login_as, intake, consent
):
    url = consent_url("consent_sign", consent)
    shown = login_as(intake).get(url).context["form"]["text_sha256"].value()

    response = login_as(intake).post(
        url,
        {
            "relationship": "client",
            "typed_name": f"  {consent.client.legal_name.upper()}  ",
            "confirm": "on",
            "text_sha256": shown,
        },
    )

    assert response.status_code == 302
    client_sig, witness_sig = signatures(consent)
    assert (client_sig.role, client_sig.signer_name) == (
        "client",
        consent.client.legal_name.upper(),
    )
    assert (witness_sig.role, witness_sig.signer) == ("witness", intake)
    assert client_sig.content_sha256 == witness_sig.content_sha256 == shown
    assert shown == content_hash(consent_text(consent))
    consent.refresh_from_db()
    assert consent.signed_at == client_sig.signed_at
    assert consent.witness == intake
    assert consent.signer_relationship == "client"
    assert consent.status == ConsentStatus.ACTIVE


def test_signing_with_a_name_that_is_not_the_clients_is_refused(login_as, intake, consent):
    response = login_as(intake).post(
        consent_url("consent_sign", consent),
        {
            "relationship": "client",
            "typed_name": "Somebody Else",
            "confirm": "on",
            "text_sha256": content_hash(consent_text(consent)),
        },
    )

    assert (
        "does not match the client's legal name" in response.context["form"].errors["typed_name"][0]
    )
    consent.refresh_from_db()
    assert consent.signed_at is None
    assert not Signature.objects.exists()


def test_an_authorized_representative_signs_with_their_own_name(intake, consent):
    from intake.services.consents import consent_shown_hash, consent_sign

    consent_sign(
        consent=consent,
        typed_name="Maria Guardian",
        relationship="representative",
        witness=intake,
        ip_address=None,
        shown_sha256=consent_shown_hash(consent),
    )

    assert [s.role for s in signatures(consent)] == ["representative", "witness"]


def test_the_signing_service_refuses_a_text_other_than_the_one_shown(intake, consent):
    from intake.services.consents import consent_shown_hash, consent_sign

    shown = consent_shown_hash(consent)
    consent.purpose = "Something the client was not shown."
    consent.save()
    with pytest.raises(ValidationError, match="The consent changed since this page was opened"):
        consent_sign(
            consent=consent,
            typed_name=consent.client.legal_name,
            relationship="client",
            witness=intake,
            ip_address=None,
            shown_sha256=shown,
        )
    consent.refresh_from_db()
    assert consent.signed_at is None and not Signature.objects.exists()


def test_signing_refuses_if_the_text_changed_since_it_was_shown(login_as, intake, consent):
    response = login_as(intake).post(
        consent_url("consent_sign", consent),
        {
            "relationship": "client",
            "typed_name": consent.client.legal_name,
            "confirm": "on",
            "text_sha256": "0" * 64,
        },
    )

    assert "changed since this page was opened" in str(response.context["form"].errors)
    assert not Signature.objects.exists()


def test_signing_needs_the_confirmation_box(login_as, intake, consent):
    response = login_as(intake).post(
        consent_url("consent_sign", consent),
        {
            "relationship": "client",
            "typed_name": consent.client.legal_name,
            "text_sha256": content_hash(consent_text(consent)),
        },
    )

    assert "confirm" in response.context["form"].errors
    assert not Signature.objects.exists()


def test_a_draft_past_its_expiry_date_cannot_be_signed(client_record, officer, intake):
    draft = make_consent(client_record, officer, expires_on=in_days(-1))

    with pytest.raises(ValidationError, match="expiry date has passed"):
        sign(draft, intake)
    assert not Signature.objects.exists()


def test_a_signed_consent_cannot_be_signed_again(intake, signed):
    with pytest.raises(ValidationError, match="already signed"):
        sign(signed, intake)
    assert len(signatures(signed)) == 2


# --- The lock on signed consents ----------------------------------------------------------


def test_database_refuses_raw_update_of_a_signed_consents_purpose(signed):
    table = Consent._meta.db_table
    with pytest.raises(DatabaseError, match="signed records are locked"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET purpose = %s WHERE id = %s", ["Other", signed.pk])

    signed.refresh_from_db()
    assert signed.purpose.startswith("Monitoring progress")


def test_database_refuses_queryset_update_of_a_signed_consents_recipient(signed):
    with pytest.raises(DatabaseError), transaction.atomic():
        Consent.objects.filter(pk=signed.pk).update(recipient_name="Someone else")


def test_database_allows_revocation_fields_on_a_signed_consent(signed, intake):
    table = Consent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET revoked_at = now(), revocation_note = %s, "
            "revoked_recorded_by_id = %s WHERE id = %s",
            ["Letter received", intake.pk, signed.pk],
        )

    signed.refresh_from_db()
    assert signed.revocation_note == "Letter received"


def test_an_unsigned_draft_can_still_be_updated(consent):
    # The lock is on signed rows only: a draft's words are still the staff's to correct.
    assert Consent.objects.filter(pk=consent.pk).update(purpose="Corrected purpose") == 1
    consent.refresh_from_db()
    assert consent.purpose == "Corrected purpose"
    assert consent_text(consent).count("Purpose of the disclosure: Corrected purpose") == 1


def test_signed_consent_page_offers_no_edit(login_as, intake, signed):
    page = login_as(intake).get(consent_url("consent_detail", signed)).content.decode()

    assert consent_url("consent_sign", signed) not in page
    assert "cannot be edited" in page
    assert consent_url("consent_revoke", signed) in page


# --- Revocation and expiry ----------------------------------------------------------------


def test_revoked_consent_no_longer_authorizes(login_as, intake, officer, signed):
    assert list(Consent.objects.authorizing(recipient=officer, information="attendance")) == [
        signed
    ]

    response = login_as(intake).post(
        consent_url("consent_revoke", signed),
        {"revoked_on": timezone.localdate().isoformat(), "note": "Signed letter at front desk"},
    )

    assert response.status_code == 302
    assert not Consent.objects.authorizing(recipient=officer, information="attendance").exists()
    signed.refresh_from_db()
    assert signed.status == ConsentStatus.REVOKED
    assert signed.revoked_recorded_by == intake
    assert signed.revocation_note == "Signed letter at front desk"


def test_consent_authorizes_only_what_it_names(officer, signed):
    assert not Consent.objects.authorizing(recipient=officer, information="plan_summary").exists()


def test_expired_consent_no_longer_authorizes(client_record, officer, intake):
    consent = sign(make_consent(client_record, officer, expires_on=in_days(5)), intake)
    assert Consent.objects.authorizing(recipient=officer, information="attendance").exists()

    with time_machine.travel(timezone.now() + datetime.timedelta(days=7)):
        assert not Consent.objects.authorizing(recipient=officer, information="attendance").exists()
        assert consent.status == ConsentStatus.EXPIRED


def test_revoking_an_unsigned_consent_is_refused(login_as, intake, consent):
    with pytest.raises(ValidationError, match="never signed"):
        consent_revoke(consent=consent, by=intake, revoked_on=timezone.localdate(), note="")

    response = login_as(intake).post(
        consent_url("consent_revoke", consent), {"revoked_on": timezone.localdate().isoformat()}
    )
    assert "never signed" in response.content.decode()
    consent.refresh_from_db()
    assert consent.revoked_at is None


def test_revocation_cannot_be_dated_in_the_future(intake, signed):
    with pytest.raises(ValidationError, match="future"):
        consent_revoke(consent=signed, by=intake, revoked_on=in_days(1), note="")


def test_criminal_justice_consent_is_irrevocable_until_its_date(
    login_as, client_record, officer, intake
):
    consent = sign(
        make_consent(
            client_record,
            officer,
            kind=ConsentKind.CRIMINAL_JUSTICE,
            irrevocable_until=in_days(30),
        ),
        intake,
    )
    response = login_as(intake).post(
        consent_url("consent_revoke", consent), {"revoked_on": timezone.localdate().isoformat()}
    )

    assert "cannot be revoked before" in response.content.decode()
    consent.refresh_from_db()
    assert consent.revoked_at is None

    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        consent_revoke(consent=consent, by=intake, revoked_on=timezone.localdate(), note="")
        assert not Consent.objects.authorizing(recipient=officer, information="attendance").exists()


def test_criminal_justice_consent_irrevocable_until_an_event_needs_the_event(
    client_record, officer, intake
):
    consent = sign(
        make_consent(
            client_record,
            officer,
            kind=ConsentKind.CRIMINAL_JUSTICE,
            irrevocable_until_event="Final disposition of the probation",
        ),
        intake,
    )
    today = timezone.localdate()

    with pytest.raises(ValidationError, match="Final disposition"):
        consent_revoke(consent=consent, by=intake, revoked_on=today, note="")
    consent_revoke(consent=consent, by=intake, revoked_on=today, note="", event_passed=True)

    consent.refresh_from_db()
    assert consent.status == ConsentStatus.REVOKED


# --- Who may do what ----------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.INTAKE, Role.CLINICIAN, Role.PRESCRIBER, Role.DIRECTOR])
def test_care_team_reads_consents(login_as, staff, signed, role):
    http = login_as(staff[role])

    assert http.get(reverse("intake:consent_list", args=[signed.client_id])).status_code == 200
    detail = http.get(consent_url("consent_detail", signed))
    assert detail.status_code == 200
    assert http.get(consent_url("consent_pdf", signed)).status_code == 200
    # Only intake staff are offered revocation.
    offered = consent_url("consent_revoke", signed) in detail.content.decode()
    assert offered == (role == Role.INTAKE)


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.PRESCRIBER, Role.DIRECTOR])
def test_clinical_staff_cannot_write_sign_or_revoke(
    login_as, staff, client_record, officer, consent, role
):
    http = login_as(staff[role])
    draft = consent

    assert (
        http.post(
            create_url(client_record, ConsentKind.DISCLOSURE), disclosure_post(officer)
        ).status_code
        == 403
    )
    sign_data = {"relationship": "client", "typed_name": client_record.legal_name, "confirm": "on"}
    assert http.post(consent_url("consent_sign", draft), sign_data).status_code == 403
    assert http.post(consent_url("consent_revoke", draft), {}).status_code == 403
    assert Consent.objects.count() == 1
    assert not Signature.objects.exists()


@pytest.mark.parametrize("role", [Role.PROBATION, Role.ADMINISTRATOR])
def test_probation_and_administrators_are_refused(login_as, staff, signed, role):
    http = login_as(staff[role])

    for url in [
        reverse("intake:consent_list", args=[signed.client_id]),
        consent_url("consent_detail", signed),
        consent_url("consent_pdf", signed),
        consent_url("consent_sign", signed),
        consent_url("consent_revoke", signed),
        create_url(signed.client, ConsentKind.DISCLOSURE),
    ]:
        assert http.get(url).status_code == 403, url
    assert not RecordView.objects.exists()


def test_the_recipient_officer_cannot_read_the_consent_in_the_intake_record(
    login_as, officer, signed
):
    assert login_as(officer).get(consent_url("consent_detail", signed)).status_code == 403


def test_another_programs_consent_is_404(login_as, other_program, other_client, staff):
    theirs = make_consent(other_client)
    http = login_as(staff[Role.INTAKE])

    assert http.get(consent_url("consent_detail", theirs)).status_code == 404
    assert http.get(reverse("intake:consent_list", args=[other_client.pk])).status_code == 404
    assert http.get(create_url(other_client, ConsentKind.DISCLOSURE)).status_code == 404
    assert http.post(consent_url("consent_revoke", theirs), {}).status_code == 404


def test_the_client_chart_links_to_the_consent(login_as, staff, signed):
    response = login_as(staff[Role.CLINICIAN]).get(
        reverse("clients:chart", args=[signed.client_id])
    )

    assert consent_url("consent_detail", signed) in response.content.decode()


def test_intake_staff_of_another_program_cannot_sign_here(login_as, other_program, consent):
    outsider = member(Role.INTAKE, other_program)

    assert login_as(outsider).get(consent_url("consent_sign", consent)).status_code == 404


# --- Record-view log and PDF download -----------------------------------------------------


def test_each_pdf_download_writes_a_record_view(login_as, staff, signed):
    http = login_as(staff[Role.CLINICIAN])

    for _ in range(2):
        response = http.get(consent_url("consent_pdf", signed))
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")

    views = RecordView.objects.filter(page="Consent PDF")
    assert views.count() == 2
    assert {(v.user, v.client) for v in views} == {(staff[Role.CLINICIAN], signed.client)}
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store, private"


def test_an_unsigned_consent_has_no_pdf(login_as, intake, consent):
    assert login_as(intake).get(consent_url("consent_pdf", consent)).status_code == 404


def test_consent_pages_write_record_views(login_as, intake, signed):
    http = login_as(intake)
    http.get(consent_url("consent_detail", signed))
    http.get(reverse("intake:consent_list", args=[signed.client_id]))

    assert sorted(RecordView.objects.values_list("page", flat=True)) == ["Consent", "Consents"]


def test_signed_consent_keeps_the_text_that_was_signed(signed, login_as, intake):
    """A later change of legal name must not change what the record says was signed."""
    signed_name = signed.client.legal_name
    client = signed.client
    client.legal_first_name = "Renamed"
    client.save()
    page = login_as(intake).get(reverse("intake:consent_detail", args=[signed.pk])).content.decode()
    assert signed_name in page
    hashes = {s.content_sha256 for s in Signature.for_object(signed)}
    assert hashes == {content_hash(Consent.objects.get(pk=signed.pk).signed_text)}
