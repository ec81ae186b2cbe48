"""The probation officer's portal: only their reports, while consent holds; downloads
logged; a PDF checked against what the program issued; the accounting of disclosures."""

from __future__ import annotations

import datetime
import hashlib
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from iop.accounts.models import Role
from iop.audit.models import RecordView
from iop.reports.clinical.models import Disclosure
from iop.reports.services import report_render_one
from tests.reports.test_disclosure import _consent, _signed

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(program):
    from tests.factories import member

    return member(Role.PROBATION, program, email="officer@county.test")


@pytest.fixture
def other_officer(program):
    from tests.factories import member

    return member(Role.PROBATION, program, email="other@county.test")


def _disclosed(client, staff, officer, **consent_fields):
    consent = _consent(client, staff, officer, **consent_fields)
    report = _signed(client, staff, consent)
    assert report_render_one(report_id=report.document_id)
    report.refresh_from_db()
    disclosure = Disclosure.objects.get(report=report)
    return report, disclosure


def _login(django_client, user):
    django_client.force_login(user)
    return django_client


def _revoke(consent, by):
    type(consent).objects.filter(pk=consent.pk).update(
        revoked_at=timezone.now(), revoked_recorded_by=by
    )


def test_officer_finds_downloads_and_each_view_is_logged(client, client_record, staff, officer):
    report, disclosure = _disclosed(client_record, staff, officer)
    http = _login(client, officer)
    page = http.get(reverse("reports:disclosed"))
    assert page.status_code == 200
    body = page.content.decode()
    assert client_record.legal_name in body and report.reference in body
    assert RecordView.objects.filter(user=officer, page="Portal reports").count() == 1

    download = http.get(reverse("reports:disclosed_download", args=[disclosure.pk]))
    assert download.status_code == 200
    data = b"".join(download.streaming_content)
    assert hashlib.sha256(data).hexdigest() == report.document.sha256
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert report.reference in text and "42 CFR part 2" in text
    assert RecordView.objects.filter(
        user=officer, client=client_record, page="Portal report PDF"
    ).exists()


def test_another_officers_report_is_404_and_not_listed(
    client, client_record, staff, officer, other_officer
):
    report, disclosure = _disclosed(client_record, staff, officer)
    http = _login(client, other_officer)
    assert http.get(reverse("reports:disclosed_download", args=[disclosure.pk])).status_code == 404
    page = http.get(reverse("reports:disclosed")).content.decode()
    assert report.reference not in page and "No reports have been disclosed to you" in page
    assert not RecordView.objects.filter(user=other_officer, client=client_record).exists()


def test_revocation_closes_the_portal_at_once_but_the_accounting_keeps_it(
    client, client_record, staff, officer
):
    report, disclosure = _disclosed(
        client_record, staff, officer, kind="disclosure", irrevocable_until_event="x"
    )
    _revoke(disclosure.consent, staff[Role.INTAKE])
    http = _login(client, officer)
    assert http.get(reverse("reports:disclosed_download", args=[disclosure.pk])).status_code == 404
    assert report.reference not in http.get(reverse("reports:disclosed")).content.decode()
    assert Disclosure.objects.filter(pk=disclosure.pk).exists()  # sent stays recorded as sent

    director = _login(client, staff[Role.DIRECTOR])
    accounting = director.get(reverse("clinical_reports:accounting", args=[client_record.pk]))
    text = accounting.content.decode()
    assert report.reference in text and "since revoked" in text


def test_an_expired_consent_closes_the_portal_too(client, client_record, staff, officer):
    report, disclosure = _disclosed(client_record, staff, officer)
    assert disclosure.consent.expires_on is not None
    after = disclosure.consent.expires_on + datetime.timedelta(days=2)
    http = _login(client, officer)
    url = reverse("reports:disclosed_download", args=[disclosure.pk])
    assert http.get(url).status_code == 200
    with time_machine.travel(datetime.datetime.combine(after, datetime.time(12), datetime.UTC)):
        http = _login(client, officer)  # signed in again: the idle logoff ended the session
        assert http.get(url).status_code == 404
        assert report.reference not in http.get(reverse("reports:disclosed")).content.decode()


def test_filters_by_client_and_date_with_a_clear_message_for_a_bad_range(
    client, client_record, staff, officer
):
    report, _ = _disclosed(client_record, staff, officer)
    http = _login(client, officer)
    url = reverse("reports:disclosed")
    today = timezone.localdate()
    shown = http.get(url, {"client": str(client_record.pk), "disclosed_from": today}).content
    assert report.reference.encode() in shown
    later = http.get(url, {"disclosed_from": today + datetime.timedelta(days=1)}).content.decode()
    assert report.reference not in later and "No report matches" in later
    bad = http.get(
        url, {"disclosed_from": today, "disclosed_to": today - datetime.timedelta(days=3)}
    ).content.decode()
    assert "The end date is before the start date." in bad


def test_the_portal_costs_the_same_queries_for_one_report_or_five(
    client, client_record, staff, officer
):
    _disclosed(client_record, staff, officer)
    http = _login(client, officer)
    url = reverse("reports:disclosed")
    http.get(url)
    with CaptureQueriesContext(connection) as one:
        assert http.get(url).status_code == 200
    for _ in range(4):
        _disclosed(client_record, staff, officer)
    with CaptureQueriesContext(connection) as five:
        page = http.get(url)
    assert page.content.decode().count("Download<span") == 5
    assert len(five) == len(one)


# ---------------------------------------------------------------- verification


def _upload(http, data, name="report.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return http.post(
        reverse("reports:verify"),
        {"document": SimpleUploadedFile(name, data, content_type="application/pdf")},
    )


def _stored(report):
    from iop.reports.services import report_open

    with report_open(report.document) as stored:
        return stored.read()


def test_the_issued_copy_is_confirmed(client, client_record, staff, officer):
    report, _ = _disclosed(client_record, staff, officer)
    page = _upload(_login(client, officer), _stored(report)).content.decode()
    assert "This is the report the program issued" in page and report.reference in page


def test_an_altered_copy_is_detected_by_the_reference_it_claims(
    client, client_record, staff, officer
):
    report, _ = _disclosed(client_record, staff, officer)
    data = _stored(report)
    # Someone opens the PDF in an editor and saves it with a change: still a readable PDF.
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.add_metadata({"/Subject": "Compliant"})
    out = io.BytesIO()
    writer.write(out)
    altered = out.getvalue()
    assert altered != data
    page = _upload(_login(client, officer), altered).content.decode()
    assert "This file is not the report as issued" in page and report.reference in page
    assert "This is the report the program issued" not in page


def test_another_officers_report_is_not_confirmed_to_this_one(
    client, client_record, staff, officer, other_officer
):
    report, _ = _disclosed(client_record, staff, officer)
    page = _upload(_login(client, other_officer), _stored(report)).content.decode()
    assert "No report issued to you matches this file" in page
    assert client_record.legal_name not in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"hello, not a pdf", "That file is not a PDF"),
        (b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024), "larger than 20 MB"),
    ],
)
def test_bad_uploads_get_a_clear_message(client, staff, data, message):
    page = _upload(_login(client, staff[Role.DIRECTOR]), data)
    assert page.status_code == 400 and message in page.content.decode()


def test_a_forged_pdf_is_not_recognized(client, staff):
    forged = b"%PDF-1.4\n% R-ABCDEFGH\n%%EOF\n"
    page = _upload(_login(client, staff[Role.DIRECTOR]), forged).content.decode()
    assert "No report issued to you matches this file" in page


# ---------------------------------------------------------------- accounting of disclosures


def test_the_accounting_lists_three_years_and_prints(client, client_record, staff, officer):
    # A disclosure recorded more than three years ago is past what 2.25 asks for.
    Disclosure.objects.create(
        report=_signed(client_record, staff, None),
        client=client_record,
        consent=_consent(client_record, staff, officer),
        recipient_user=officer,
        recipient_name="Old recipient",
        information=["attendance"],
        description="An old report",
        disclosed_at=timezone.now() - datetime.timedelta(days=3 * 365 + 5),
    )
    report, _ = _disclosed(client_record, staff, officer)
    http = _login(client, staff[Role.INTAKE])
    page = http.get(reverse("clinical_reports:accounting", args=[client_record.pk]))
    text = page.content.decode()
    assert report.reference in text and "Old recipient" not in text
    assert "Attendance" in text  # what was disclosed, in words
    assert RecordView.objects.filter(page="Accounting of disclosures").count() == 1

    pdf = http.get(reverse("clinical_reports:accounting_pdf", args=[client_record.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    printed = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    squeezed = "".join(printed.split())  # table cells wrap inside words
    assert "Accounting of disclosures" in printed and report.reference in squeezed
    assert client_record.legal_name in printed and "Old recipient" not in printed


def test_the_accounting_costs_the_same_queries_for_one_or_four(
    client, client_record, staff, officer
):
    _disclosed(client_record, staff, officer)
    http = _login(client, staff[Role.DIRECTOR])
    url = reverse("clinical_reports:accounting", args=[client_record.pk])
    http.get(url)
    with CaptureQueriesContext(connection) as one:
        http.get(url)
    for _ in range(3):
        _disclosed(client_record, staff, officer)
    with CaptureQueriesContext(connection) as four:
        assert http.get(url).content.decode().count("<tr>") == 5
    assert len(four) == len(one)
