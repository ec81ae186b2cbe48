"""Drafting a report from the record, writing its parts, what consent leaves out, signing
(only the author, once), the lock, the rendering's progress and the PDF it makes."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.utils import DatabaseError
from django.urls import reverse
from pypdf import PdfReader

from intake.models.consent import ConsentInformation, ConsentKind
from intake.services.consents import consent_revoke
from iop.accounts.models import Role
from iop.reports.clinical import services
from iop.reports.clinical.models import ClinicalReport
from iop.reports.services import report_render_one
from tests.factories import member
from tests.intake.consent_helpers import make_consent, sign

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
SUMMARY = "Attended every group this week; engaged and on time."


@pytest.fixture
def officer(program):
    return member(Role.PROBATION, program, email="officer@county.test")


@pytest.fixture
def attendance_only(client_record, staff, officer):
    """A criminal justice consent to the officer for attendance and progress, not screens."""
    consent = make_consent(
        client_record,
        officer,
        kind=ConsentKind.CRIMINAL_JUSTICE,
        information=[ConsentInformation.ATTENDANCE, ConsentInformation.PROGRESS_SUMMARY],
    )
    return sign(consent, staff[Role.INTAKE])


def _period(client):
    episode = client.episodes.get()
    end = client.program.today() - DAY
    return episode, max(episode.admitted_on, end - 6 * DAY), end


def _draft(client, author, consent=None, kind="compliance"):
    episode, start, end = _period(client)
    return services.report_draft(
        kind=kind,
        client=client,
        episode=episode,
        start=start,
        end=end,
        consent=consent,
        author=author,
    )


def _write_parts(report, by):
    return services.narrative_save(
        report=report, by=by, data={f: SUMMARY for f in services.narrative_fields(report)}
    )


def _sign(report, by):
    return services.report_sign(
        report=report, by=by, shown_sha256=services.report_shown_hash(report)
    )


def _pdf_text(report):
    report.refresh_from_db()
    assert report_render_one(report_id=report.document_id)
    report.document.refresh_from_db()
    reader = PdfReader(io.BytesIO(report.document.path.read_bytes()))
    return "\n".join(page.extract_text() for page in reader.pages)


# ---------------------------------------------------------------- drafting from the page


def test_a_clinician_drafts_from_the_chart(client_record, staff, login_as):
    browser = login_as(staff[Role.CLINICIAN])
    chart = browser.get(reverse("clients:chart", args=[client_record.pk])).content.decode()
    assert reverse("clinical_reports:new", args=[client_record.pk]) in chart
    episode, start, end = _period(client_record)
    response = browser.post(
        reverse("clinical_reports:new", args=[client_record.pk]),
        {"kind": "compliance", "period_start": start, "period_end": end, "recipient": "chart"},
    )
    report = ClinicalReport.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "clinical_reports:report", args=[report.pk]
    )
    page = browser.get(response.url).content.decode()
    assert report.reference in page
    assert client_record.legal_name in page
    assert "Sign and lock" in page


@pytest.mark.parametrize(
    ("start_days", "end_days", "message"),
    [
        (3, 5, "cannot end before it starts"),
        (-1, -3, "cannot end in the future"),
        (60, 50, "before the client was admitted"),
    ],
)
def test_bad_periods_are_refused_and_nothing_is_saved(
    client_record, staff, login_as, start_days, end_days, message
):
    today = client_record.program.today()
    response = login_as(staff[Role.CLINICIAN]).post(
        reverse("clinical_reports:new", args=[client_record.pk]),
        {
            "kind": "compliance",
            "period_start": today - start_days * DAY,
            "period_end": today - end_days * DAY,
            "recipient": "chart",
        },
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ClinicalReport.objects.exists()


def test_a_revoked_consent_cannot_be_the_recipient(client_record, staff, officer):
    consent = sign(make_consent(client_record, officer, irrevocable_until=None), staff[Role.INTAKE])
    consent_revoke(
        consent=consent,
        by=staff[Role.INTAKE],
        revoked_on=client_record.program.today(),
        note="Revoked in writing.",
    )
    with pytest.raises(ValidationError, match="not in force"):
        _draft(client_record, staff[Role.CLINICIAN], consent)
    assert not ClinicalReport.objects.exists()


def test_intake_staff_and_officers_cannot_draft(client_record, staff, login_as):
    for role in (Role.INTAKE, Role.PROBATION, Role.ADMINISTRATOR):
        response = login_as(staff[role]).get(
            reverse("clinical_reports:new", args=[client_record.pk])
        )
        assert response.status_code == 403


# ---------------------------------------------------------------- what consent leaves out


def test_the_draft_says_what_the_consent_leaves_out_before_signing(
    client_record, staff, attendance_only, login_as
):
    report = _draft(client_record, staff[Role.CLINICIAN], attendance_only)
    keys = [s["key"] for s in report.content["sections"]]
    assert "drug_screens" not in keys and "attendance" in keys
    page = (
        login_as(staff[Role.CLINICIAN])
        .get(reverse("clinical_reports:report", args=[report.pk]))
        .content.decode()
    )
    notice = page.index("Left out of this report")
    assert "The consent does not cover drug screen results." in page
    assert notice < page.index("Sign and lock")


def test_a_left_out_section_never_reaches_the_pdf(
    client_record, staff, attendance_only, django_capture_on_commit_callbacks
):
    clinician = staff[Role.CLINICIAN]
    report = _write_parts(_draft(client_record, clinician, attendance_only), clinician)
    with django_capture_on_commit_callbacks():
        report = _sign(report, clinician)
    text = _pdf_text(report)
    assert report.reference in text
    assert SUMMARY in text
    lines = [line.strip() for line in text.splitlines()]
    assert "Drug screens" not in lines  # no such section heading
    assert "No drug screen was collected" not in text
    assert "outside what this report's consent covers" in text  # the status says why
    assert "protected by Federal confidentiality rules (42 CFR part 2)" in text


# ---------------------------------------------------------------- writing and signing


def test_the_parts_save_as_the_clinician_types(client_record, staff, login_as):
    clinician = staff[Role.CLINICIAN]
    report = _draft(client_record, clinician)
    field = services.narrative_fields(report)[0]
    response = login_as(clinician).post(
        reverse("clinical_reports:narrative", args=[report.pk]),
        {field: "Steady week."},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "Saved at" in response.content.decode()
    report.refresh_from_db()
    assert getattr(report, field) == "Steady week."


def test_signing_needs_every_part_written(client_record, staff):
    clinician = staff[Role.CLINICIAN]
    report = _draft(client_record, clinician)
    services.narrative_save(
        report=report, by=clinician, data={f: "" for f in services.narrative_fields(report)}
    )
    report.refresh_from_db()
    with pytest.raises(ValidationError, match="before signing"):
        _sign(report, clinician)
    report.refresh_from_db()
    assert not report.is_signed


def test_only_the_author_signs(client_record, staff, program, login_as):
    author = staff[Role.CLINICIAN]
    colleague = member(Role.CLINICIAN, program, email="colleague@clinic.test")
    report = _write_parts(_draft(client_record, author), author)
    page = login_as(colleague).get(reverse("clinical_reports:report", args=[report.pk]))
    assert "Sign and lock" not in page.content.decode()
    assert f"Only {author.display_name}" in page.content.decode()
    response = login_as(colleague).post(
        reverse("clinical_reports:sign", args=[report.pk]),
        {"text_sha256": services.report_shown_hash(report)},
    )
    assert response.status_code == 403
    report.refresh_from_db()
    assert not report.is_signed


def test_signing_twice_is_refused(client_record, staff, login_as):
    clinician = staff[Role.CLINICIAN]
    report = _write_parts(_draft(client_record, clinician), clinician)
    shown = services.report_shown_hash(report)
    browser = login_as(clinician)
    browser.post(reverse("clinical_reports:sign", args=[report.pk]), {"text_sha256": shown})
    response = browser.post(
        reverse("clinical_reports:sign", args=[report.pk]), {"text_sha256": shown}, follow=True
    )
    assert "already signed" in response.content.decode()
    assert ClinicalReport.objects.get().document is not None


def test_a_changed_report_is_not_signed_unread(client_record, staff):
    clinician = staff[Role.CLINICIAN]
    report = _write_parts(_draft(client_record, clinician), clinician)
    shown = services.report_shown_hash(report)
    services.narrative_save(
        report=report, by=clinician, data={services.narrative_fields(report)[0]: "Changed."}
    )
    report.refresh_from_db()
    with pytest.raises(ValidationError, match="changed since you opened it"):
        services.report_sign(report=report, by=clinician, shown_sha256=shown)


def test_a_signed_report_is_locked_by_the_database(client_record, staff):
    clinician = staff[Role.CLINICIAN]
    report = _sign(_write_parts(_draft(client_record, clinician), clinician), clinician)
    for statement, refusal in (
        (
            "UPDATE clinical_reports_clinicalreport SET recommendation = 'x' WHERE id = %s",
            "signed records are locked",
        ),
        ("DELETE FROM clinical_reports_clinicalreport WHERE id = %s", "never deleted"),
    ):
        with connection.cursor() as cursor:
            cursor.execute("SAVEPOINT s")
            with pytest.raises(DatabaseError, match=refusal):
                cursor.execute(statement, [report.pk])
            cursor.execute("ROLLBACK TO SAVEPOINT s")
    report.refresh_from_db()
    assert report.recommendation == SUMMARY


# ---------------------------------------------------------------- rendering and Today


def test_the_page_shows_progress_then_the_download(
    client_record, staff, login_as, django_capture_on_commit_callbacks
):
    clinician = staff[Role.CLINICIAN]
    report = _write_parts(_draft(client_record, clinician), clinician)
    with django_capture_on_commit_callbacks():
        report = _sign(report, clinician)
    browser = login_as(clinician)
    status_url = reverse("clinical_reports:status", args=[report.pk])
    waiting = browser.get(status_url).content.decode()
    assert "being made" in waiting and 'hx-trigger="every 2s"' in waiting
    _pdf_text(report)
    ready = browser.get(status_url).content.decode()
    assert "Download the PDF" in ready and "hx-trigger" not in ready
    download = browser.get(reverse("clinical_reports:download", args=[report.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_today_lists_my_reports_to_sign(client_record, staff, login_as):
    clinician = staff[Role.CLINICIAN]
    _draft(client_record, clinician)
    page = login_as(clinician).get(reverse("scheduling:today")).content.decode()
    assert "Reports to sign" in page and client_record.display_name in page
    other = login_as(staff[Role.PRESCRIBER]).get(reverse("scheduling:today")).content.decode()
    assert "No report is waiting for your signature." in other


def test_the_report_page_query_count_is_bounded(
    client_record, staff, login_as, django_assert_max_num_queries
):
    clinician = staff[Role.CLINICIAN]
    report = _draft(client_record, clinician)
    browser = login_as(clinician)
    url = reverse("clinical_reports:report", args=[report.pk])
    browser.get(url)
    with django_assert_max_num_queries(25):
        assert browser.get(url).status_code == 200
