"""A probation officer signs in, finds the report disclosed to them, downloads it and checks
the copy; an altered copy is caught. Intake then reads the client's accounting of
disclosures. axe-core on every page."""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader, PdfWriter

from intake.models.consent import ConsentInformation, ConsentKind
from iop.accounts.models import Role
from iop.reports.clinical.services import report_draft, report_shown_hash, report_sign
from iop.reports.models import Report
from iop.reports.services import report_render_one
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import share_session
from tests.factories import ClientFactory, EpisodeFactory, member
from tests.intake.consent_helpers import make_consent, sign

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def audit(page: Page, axe_page: Page) -> None:
    share_session(page, axe_page)
    assert_accessible(axe_page)


def _disclosed_report(program, clinician, officer, intake, first, last):
    client: Any = ClientFactory(program=program, legal_first_name=first, legal_last_name=last)
    episode: Any = EpisodeFactory(client=client, primary_clinician=clinician)
    consent = sign(
        make_consent(
            client,
            officer,
            kind=ConsentKind.CRIMINAL_JUSTICE,
            information=[ConsentInformation.ATTENDANCE, ConsentInformation.PROGRESS_SUMMARY],
        ),
        intake,
    )
    end = program.today()
    report = report_draft(
        kind="compliance",
        client=client,
        episode=episode,
        start=episode.admitted_on,
        end=end,
        consent=consent,
        author=clinician,
    )
    report = report_sign(report=report, by=clinician, shown_sha256=report_shown_hash(report))
    assert report.document_id
    # Signing sent the render task on commit: a worker of another test may take it first.
    report_render_one(report_id=report.document_id)
    deadline = time.monotonic() + 30
    while not Report.objects.get(pk=report.document_id).is_ready:
        assert time.monotonic() < deadline, "the report was never rendered"
        time.sleep(0.2)
    return client, report


def test_officer_finds_downloads_and_checks_a_report(
    page: Page, axe_page: Page, live_server, login, e2e_program, tmp_path: Path
):
    clinician = member(Role.CLINICIAN, e2e_program, email="sam@clinic.test")
    intake = member(Role.INTAKE, e2e_program, email="ines@clinic.test")
    officer = member(
        Role.PROBATION, e2e_program, email="po@county.test", first_name="Chris", last_name="Park"
    )
    quinn, report = _disclosed_report(e2e_program, clinician, officer, intake, "Quinn", "Harlow")
    _, other = _disclosed_report(e2e_program, clinician, officer, intake, "Robin", "Adair")

    login(page, officer)
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Reports disclosed to you")).to_be_visible()
    table = page.locator("table.portal-table")
    expect(table).to_contain_text("Quinn Harlow")
    expect(table).to_contain_text("Robin Adair")
    audit(page, axe_page)

    page.get_by_label("Client").select_option(label="Quinn Harlow")
    page.get_by_role("button", name="Show").click()
    expect(table).to_contain_text(report.reference)
    expect(table).not_to_contain_text(other.reference)

    with page.expect_download() as download:
        page.get_by_role("link", name=f"Download {report.reference}").click()
    saved = tmp_path / "report.pdf"
    download.value.save_as(saved)

    page.get_by_role("link", name="Check a report's PDF").click()
    expect(page.get_by_role("heading", name="Check a report's PDF")).to_be_visible()
    audit(page, axe_page)
    page.get_by_label("The report's PDF").set_input_files(saved)
    page.get_by_role("button", name="Check the file").click()
    expect(
        page.get_by_role("heading", name="This is the report the program issued")
    ).to_be_visible()
    expect(page.locator(".verify-result")).to_contain_text(report.reference)
    audit(page, axe_page)

    writer = PdfWriter(clone_from=PdfReader(saved))
    writer.add_metadata({"/Subject": "edited"})
    out = io.BytesIO()
    writer.write(out)
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(out.getvalue())
    page.get_by_label("The report's PDF").set_input_files(altered)
    page.get_by_role("button", name="Check the file").click()
    expect(
        page.get_by_role("heading", name="This file is not the report as issued")
    ).to_be_visible()

    # The officer sees nothing else: the client's chart is refused.
    response = page.goto(f"{live_server.url}/clients/{quinn.pk}/")
    assert response is not None and response.status == 403

    page.context.clear_cookies()
    login(page, intake)
    page.goto(f"{live_server.url}/intake/clients/{quinn.pk}/consents/")
    page.get_by_role("link", name="Accounting of disclosures").click()
    expect(page.get_by_role("heading", name="Accounting of disclosures")).to_be_visible()
    expect(page.locator("table")).to_contain_text(report.reference)
    expect(page.locator("table")).to_contain_text("Chris Park")
    audit(page, axe_page)
