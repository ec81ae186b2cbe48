"""A clinician drafts a court compliance report for the probation officer, writes its parts,
sees what the consent leaves out, signs, and watches the PDF being made by a real worker."""

from __future__ import annotations

from urllib.parse import unquote_plus

import pytest
from playwright.sync_api import Page, expect

from intake.models.consent import ConsentInformation, ConsentKind
from iop.accounts.models import Role
from iop.reports.clinical.models import ClinicalReport, Disclosure
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import share_session
from tests.factories import ClientFactory, EpisodeFactory, member
from tests.intake.consent_helpers import make_consent, sign

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("celery_worker"),
]


def audit(page: Page, axe_page: Page) -> None:
    share_session(page, axe_page)
    assert_accessible(axe_page)


def test_clinician_drafts_edits_signs_and_the_pdf_is_made(
    page: Page, axe_page: Page, live_server, login, e2e_program
):
    clinician = member(
        Role.CLINICIAN, e2e_program, email="sam@clinic.test", first_name="Sam", last_name="Okafor"
    )
    intake = member(Role.INTAKE, e2e_program, email="ines@clinic.test")
    officer = member(
        Role.PROBATION, e2e_program, email="po@county.test", first_name="Chris", last_name="Park"
    )
    client = ClientFactory(program=e2e_program, legal_first_name="Quinn", legal_last_name="Harlow")
    EpisodeFactory(client=client, primary_clinician=clinician)
    sign(
        make_consent(
            client,
            officer,
            kind=ConsentKind.CRIMINAL_JUSTICE,
            information=[ConsentInformation.ATTENDANCE, ConsentInformation.PROGRESS_SUMMARY],
        ),
        intake,
    )

    login(page, clinician)
    page.goto(f"{live_server.url}/clients/{client.pk}/")
    page.get_by_role("link", name="New report").click()
    expect(page.get_by_role("heading", name="New report")).to_be_visible()
    audit(page, axe_page)
    page.get_by_label("Who it is for").select_option(
        label="Chris Park: attendance, progress summary"
    )
    page.get_by_role("button", name="Draft from the record").click()

    expect(page.get_by_text("Drafted from the record.")).to_be_visible()
    left_out = page.locator("#left-out")
    expect(left_out).to_contain_text("Drug screens")
    expect(left_out).to_contain_text("The consent does not cover drug screen results.")
    audit(page, axe_page)

    page.get_by_role("textbox", name="Summary").fill("Quinn attended as ordered this week.")
    page.get_by_role("textbox", name="Participation").fill("Takes part and is on time.")
    recommendation = page.get_by_role("textbox", name="Recommendation")
    recommendation.fill("Continue in the program; next report in one week.")
    # Wait for the save that carries the last part (an earlier part's save may answer first).
    with page.expect_response(
        lambda r: (
            r.request.method == "POST"
            and "/narrative/" in r.url
            and "next report in one week" in unquote_plus(r.request.post_data or "")
        )
    ):
        recommendation.blur()
    expect(page.locator("#narrative-status")).to_contain_text("Saved at")
    page.reload()
    expect(page.get_by_role("textbox", name="Recommendation")).to_have_value(
        "Continue in the program; next report in one week."
    )

    page.get_by_role("button", name="Sign and lock").click()
    expect(page.get_by_text("Signed and locked. The PDF is being made.")).to_be_visible()
    # The worker renders it; the page polls and shows the download without a reload.
    download_link = page.get_by_role("link", name="Download the PDF")
    expect(download_link).to_be_visible(timeout=30_000)
    expect(page.locator("#disclosure-state")).to_contain_text("Disclosed to Chris Park")
    audit(page, axe_page)
    with page.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename.endswith(".pdf")

    report = ClinicalReport.objects.get()
    assert report.is_signed and report.document is not None and report.document.is_ready
    assert Disclosure.objects.filter(report=report, recipient_user=officer).exists()
