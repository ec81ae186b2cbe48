"""The specimen page (reading, medications of the day), interpreting, signing, the database
lock and addenda."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from iop.accounts.models import Role
from iop.audit.models import RecordView
from iop.signatures.models import Signature
from iop.signatures.text import content_hash
from relapse_prevention.models import Specimen, SpecimenAddendum, Validity
from relapse_prevention.services import screens as services
from tests.factories import member
from tests.relapse_prevention.screens_helpers import on_buprenorphine, record

pytestmark = pytest.mark.django_db


def _page(login_as, user, specimen):
    return login_as(user).get(reverse("relapse_prevention:specimen", args=[specimen.pk]))


def test_page_marks_explained_and_unexplained_in_words(login_as, staff, client_record):
    clinician = staff[Role.CLINICIAN]
    on_buprenorphine(client_record, staff[Role.PRESCRIBER])
    specimen = record(client_record, clinician, positives=("buprenorphine", "cocaine"))
    page = _page(login_as, clinician, specimen)
    text = page.content.decode()
    assert page.status_code == 200
    assert (
        "Positive (screen, not confirmed), consistent with prescribed buprenorphine/naloxone"
        in text
    )
    assert "Not explained</span>Positive (screen, not confirmed), not explained" in text
    assert "Unexplained positive: Cocaine metabolite (benzoylecgonine)." in text
    assert "Buprenorphine/naloxone" in text.split('id="active-medications"')[1]
    assert RecordView.objects.filter(client=client_record, page="Drug screen").exists()


def test_a_refusal_reads_as_a_refusal_not_a_positive(login_as, staff, client_record):
    clinician = staff[Role.CLINICIAN]
    specimen = record(client_record, clinician, validity=Validity.REFUSED, results=[])
    text = _page(login_as, clinician, specimen).content.decode()
    assert "Refused: no specimen collected" in text
    assert "Positive" not in text and "Negative for every" not in text


def test_a_dilute_specimen_is_noted(login_as, staff, client_record):
    clinician = staff[Role.CLINICIAN]
    specimen = record(client_record, clinician, validity=Validity.DILUTE)
    assert "Dilute specimen: a negative result may not be reliable." in (
        _page(login_as, clinician, specimen).content.decode()
    )


def test_directors_read_others_are_refused(login_as, staff, client_record, other_program):
    specimen = record(client_record, staff[Role.CLINICIAN])
    assert _page(login_as, staff[Role.DIRECTOR], specimen).status_code == 200
    for role in (Role.INTAKE, Role.PROBATION, Role.ADMINISTRATOR):
        assert _page(login_as, staff[role], specimen).status_code == 403
    stranger = member(Role.CLINICIAN, other_program, email="stranger@clinic.test")
    assert _page(login_as, stranger, specimen).status_code == 404


def test_page_query_count_does_not_grow_with_results(
    login_as, staff, client_record, django_assert_max_num_queries
):
    clinician = staff[Role.CLINICIAN]
    on_buprenorphine(client_record, staff[Role.PRESCRIBER])
    specimen = record(client_record, clinician, positives=("buprenorphine", "cocaine"))
    http = login_as(clinician)
    http.get(reverse("relapse_prevention:specimen", args=[specimen.pk]))
    with django_assert_max_num_queries(32):
        assert _page(login_as, clinician, specimen).status_code == 200


def _interpreted(client_record, clinician, **kwargs):
    specimen = record(client_record, clinician, positives=("cocaine",), **kwargs)
    services.specimen_interpret(
        specimen=specimen, actor=clinician, interpretation="Discussed in session."
    )
    return specimen


def _shown(specimen):
    return content_hash(services.specimen_signed_text(services.specimen_for_signing(specimen.pk)))


def test_sign_through_the_page_stores_text_and_hash(login_as, staff, client_record):
    clinician = staff[Role.CLINICIAN]
    specimen = _interpreted(client_record, clinician)
    http = login_as(clinician)
    page = _page(login_as, clinician, specimen).content.decode()
    assert _shown(specimen) in page
    response = http.post(
        reverse("relapse_prevention:specimen_sign", args=[specimen.pk]),
        {"text_sha256": _shown(specimen)},
    )
    assert response.status_code == 302
    specimen.refresh_from_db()
    assert specimen.is_signed and specimen.signed_by == clinician
    assert "Interpretation: Discussed in session." in specimen.signed_text
    assert "Unexplained positive: Cocaine metabolite" in specimen.signed_text
    assert specimen.content_sha256 == content_hash(specimen.signed_text)
    signature = Signature.for_object(specimen).get()
    assert signature.content_sha256 == specimen.content_sha256
    assert "Signed and locked" in _page(login_as, clinician, specimen).content.decode()


def test_signing_needs_an_interpretation(staff, client_record):
    clinician = staff[Role.CLINICIAN]
    specimen = record(client_record, clinician)
    with pytest.raises(ValidationError, match="Write the interpretation"):
        services.specimen_sign(specimen=specimen, actor=clinician, shown_sha256=_shown(specimen))
    with pytest.raises(ValidationError):
        services.specimen_interpret(specimen=specimen, actor=clinician, interpretation="  ")
    specimen.refresh_from_db()
    assert not specimen.is_signed and specimen.interpretation == ""


def test_only_the_interpreter_signs(staff, client_record):
    clinician, colleague = staff[Role.CLINICIAN], staff[Role.PRESCRIBER]
    specimen = _interpreted(client_record, clinician)
    with pytest.raises(PermissionDenied, match="only they sign"):
        services.specimen_sign(specimen=specimen, actor=colleague, shown_sha256=_shown(specimen))
    with pytest.raises(PermissionDenied):
        services.specimen_interpret(specimen=specimen, actor=colleague, interpretation="Mine.")
    specimen.refresh_from_db()
    assert not specimen.is_signed and specimen.interpretation == "Discussed in session."


def test_a_text_changed_since_shown_is_not_signed(staff, client_record):
    clinician = staff[Role.CLINICIAN]
    specimen = _interpreted(client_record, clinician)
    shown = _shown(specimen)
    services.specimen_interpret(specimen=specimen, actor=clinician, interpretation="Changed.")
    with pytest.raises(ValidationError, match="changed since this page was opened"):
        services.specimen_sign(specimen=specimen, actor=clinician, shown_sha256=shown)
    assert not Specimen.objects.get().is_signed


def _signed(client_record, clinician):
    specimen = _interpreted(client_record, clinician)
    return services.specimen_sign(specimen=specimen, actor=clinician, shown_sha256=_shown(specimen))


def _raw(sql, *params):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_database_refuses_changing_a_signed_specimen_and_its_results(staff, client_record):
    specimen = _signed(client_record, staff[Role.CLINICIAN])
    _raw("UPDATE relapse_prevention_specimen SET validity = 'dilute' WHERE id = %s", specimen.pk)
    _raw("UPDATE relapse_prevention_specimen SET interpretation = 'x' WHERE id = %s", specimen.pk)
    _raw(
        "UPDATE relapse_prevention_analyteresult SET screen_result = 'negative' "
        "WHERE specimen_id = %s",
        specimen.pk,
    )
    _raw("DELETE FROM relapse_prevention_analyteresult WHERE specimen_id = %s", specimen.pk)
    _raw("DELETE FROM relapse_prevention_specimen WHERE id = %s", specimen.pk)
    _raw("TRUNCATE relapse_prevention_specimen CASCADE")
    assert specimen.results.filter(screen_result="positive").exists()
    with pytest.raises(ValidationError, match="signed and locked"):
        services.specimen_results_save(specimen=specimen, actor=staff[Role.CLINICIAN], results=[])


def test_an_unsigned_specimen_can_still_be_corrected(staff, client_record):
    specimen = record(client_record, staff[Role.CLINICIAN])
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE relapse_prevention_specimen SET validity = 'dilute' WHERE id = %s",
            [specimen.pk],
        )
    specimen.refresh_from_db()
    assert specimen.validity == "dilute"


def test_addendum_is_signed_shown_and_append_only(login_as, staff, client_record):
    clinician = staff[Role.CLINICIAN]
    specimen = _signed(client_record, clinician)
    response = login_as(clinician).post(
        reverse("relapse_prevention:specimen_addendum", args=[specimen.pk]),
        {"text": "Lab confirmation received: cocaine confirmed."},
    )
    assert response.status_code == 302
    addendum = SpecimenAddendum.objects.get()
    assert Signature.for_object(addendum).get().signer == clinician
    assert "Lab confirmation received" in _page(login_as, clinician, specimen).content.decode()
    _raw("UPDATE relapse_prevention_specimenaddendum SET text = 'x' WHERE id = %s", addendum.pk)
    _raw("DELETE FROM relapse_prevention_specimenaddendum WHERE id = %s", addendum.pk)


def test_an_empty_addendum_gets_a_message_and_nothing_is_saved(login_as, staff, client_record):
    clinician = staff[Role.CLINICIAN]
    specimen = _signed(client_record, clinician)
    response = login_as(clinician).post(
        reverse("relapse_prevention:specimen_addendum", args=[specimen.pk]), {"text": " "}
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not SpecimenAddendum.objects.exists()


def test_no_addendum_before_signing(staff, client_record):
    clinician = staff[Role.CLINICIAN]
    specimen = record(client_record, clinician)
    with pytest.raises(ValidationError, match="addenda are for signed screens"):
        services.specimen_addendum_add(specimen=specimen, actor=clinician, text="Note.")
