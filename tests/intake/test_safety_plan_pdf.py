"""The client copy of a safety plan: made by the reports kernel, in the client's words, with
988, 911 and the program's own line, and no scores or risk language."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from intake.documents import SAFETY_PLAN_CLIENT
from intake.models import InstrumentResult
from iop.accounts.models import Role
from iop.audit.models import RecordView
from iop.reports.models import Report, ReportStatus
from iop.reports.services import report_render_one, report_request
from tests.intake.safety_plan_helpers import WORDS, client_with_alert, signed_plan, written_draft


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def pdf_text(pdf: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def plan(program, staff):
    program.crisis_line_name, program.crisis_line_phone = "Riverside after-hours line", "555-0100"
    program.save()
    clinician = staff[Role.CLINICIAN]
    return signed_plan(client_with_alert(program, clinician), clinician)


def rendered(plan, by) -> bytes:
    report = report_request(kind=SAFETY_PLAN_CLIENT, client=plan.client, subject=plan, by=by)
    assert report_render_one(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.READY
    return report.path.read_bytes()


def test_the_client_copy_has_their_words_and_the_crisis_lines(plan, staff):
    text = pdf_text(rendered(plan, staff[Role.CLINICIAN]))
    for field in ("warning_signs", "help_contacts", "safer_environment", "reasons_for_living"):
        assert words(WORDS[field]) in text
    assert "call or text 988" in text
    assert "Riverside after-hours line: 555-0100" in text
    assert "call 911" in text
    assert f"You ({plan.client.legal_name})" in text


def test_the_client_copy_has_no_scores_or_risk_language(plan, staff):
    result = InstrumentResult.objects.get(client=plan.client)
    text = pdf_text(rendered(plan, staff[Role.CLINICIAN]))
    for clinical in ("PHQ", result.band, "Suicide risk", "risk", "alert", "score"):
        assert clinical.casefold() not in text.casefold(), clinical


def test_the_program_line_prints_as_signed_even_after_it_changes(plan, program, staff):
    program.crisis_line_phone = "555-0999"
    program.save()
    text = pdf_text(rendered(plan, staff[Role.CLINICIAN]))
    assert "555-0100" in text and "555-0999" not in text


def test_a_draft_is_not_printed(program, staff, login_as):
    clinician = staff[Role.CLINICIAN]
    draft = written_draft(client_with_alert(program, clinician), clinician)
    response = login_as(clinician).post(
        reverse("intake:safety_plan_report_request", args=[draft.pk])
    )
    assert response.status_code == 404
    assert not Report.objects.exists()


def test_asking_for_the_copy_and_downloading_it(plan, staff, login_as):
    clinician = staff[Role.CLINICIAN]
    http = login_as(clinician)
    response = http.post(reverse("intake:safety_plan_report_request", args=[plan.pk]))
    report = Report.objects.get(kind=SAFETY_PLAN_CLIENT)
    assert response["Location"] == reverse("intake:safety_plan_report_status", args=[report.pk])
    report_render_one(report_id=report.pk)
    page = http.get(reverse("intake:safety_plan_detail", args=[plan.pk]))
    download = reverse("intake:safety_plan_report_download", args=[report.pk])
    assert download in page.text
    response = http.get(download)
    assert response.status_code == 200
    assert words(WORDS["reasons_for_living"]) in pdf_text(b"".join(response.streaming_content))
    assert RecordView.objects.filter(page="Safety plan PDF (client copy)").exists()


@pytest.mark.parametrize("role", [Role.INTAKE, Role.PROBATION, Role.ADMINISTRATOR])
def test_other_roles_cannot_download_the_copy(role, plan, staff, login_as):
    report = report_request(
        kind=SAFETY_PLAN_CLIENT, client=plan.client, subject=plan, by=staff[Role.CLINICIAN]
    )
    report_render_one(report_id=report.pk)
    url = reverse("intake:safety_plan_report_download", args=[report.pk])
    assert login_as(staff[role]).get(url).status_code == 403


def test_a_clinician_of_another_program_cannot_download_it(plan, staff, other_program, login_as):
    from tests.factories import member

    report = report_request(
        kind=SAFETY_PLAN_CLIENT, client=plan.client, subject=plan, by=staff[Role.CLINICIAN]
    )
    report_render_one(report_id=report.pk)
    outsider = member(Role.CLINICIAN, other_program)
    url = reverse("intake:safety_plan_report_download", args=[report.pk])
    assert login_as(outsider).get(url).status_code == 404
