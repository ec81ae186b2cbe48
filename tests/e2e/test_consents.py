"""Intake staff write a probation consent, the client signs it on screen, then it is revoked."""

from __future__ import annotations

import datetime
import os
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from iop.accounts.models import Role
from tests.e2e.axe import assert_accessible
from tests.factories import ClientFactory, EpisodeFactory, member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SCREENSHOTS = os.environ.get("IOP_SCREENSHOTS")  # a folder, to look at the pages by eye


def shot(page: Page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/consent-{name}.png", full_page=True)


def test_probation_consent_written_signed_printed_and_revoked(
    page: Page, axe_page: Page, live_server, login, e2e_program
):
    intake = member(Role.INTAKE, e2e_program, email="intake@clinic.test")
    member(Role.PROBATION, e2e_program, first_name="Pat", last_name="Okafor")
    client: Any = ClientFactory(
        program=e2e_program, legal_first_name="Avery", legal_last_name="Alvarez"
    )
    EpisodeFactory(client=client)
    login(page, intake)
    page.goto(f"{live_server.url}/intake/clients/{client.pk}/consents/")
    page.get_by_role("link", name="Criminal justice disclosure (42 CFR 2.35)").click()

    page.get_by_label("Probation officer with an account here").select_option(label="Pat Okafor")
    page.get_by_label("Attendance").check()
    page.get_by_label("Purpose of the disclosure").fill("Monitoring progress for probation.")
    page.get_by_role("button", name="Save and go to signing").click()

    expect(page.get_by_text("Some parts of the consent need attention")).to_be_visible()
    expect(page.get_by_label("Purpose of the disclosure")).to_have_value(
        "Monitoring progress for probation."
    )
    shot(page, "1-missing")
    # Within the ten years an expiry may lie ahead.
    page.get_by_label("Expires on", exact=True).fill(
        (datetime.date.today() + datetime.timedelta(days=365)).isoformat()
    )
    page.get_by_label("Duration").fill("For the length of the probation term.")
    page.get_by_label("Or cannot be revoked until this event").fill("Final disposition")
    page.get_by_role("button", name="Save and go to signing").click()

    expect(page.get_by_text("Recipient: Pat Okafor, probation officer")).to_be_visible()
    shot(page, "2-sign")
    page.get_by_label("Full name, typed by the person signing").fill("avery  alvarez")
    page.get_by_label("I have read this consent").check()
    page.get_by_role("button", name="Sign consent").click()

    expect(page.get_by_text("Consent signed and witnessed")).to_be_visible()
    expect(page.get_by_text("SHA-256 of the signed text").first).to_be_visible()
    shot(page, "3-detail")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")

    page.get_by_role("link", name="Record a revocation").click()
    page.get_by_label("This event has happened: Final disposition").check()
    page.get_by_role("button", name="Record revocation").click()
    expect(page.get_by_text("Revocation recorded")).to_be_visible()
    shot(page, "4-revoked")

    login(axe_page, intake)
    for path in ["", "new/disclosure/"]:
        axe_page.goto(f"{live_server.url}/intake/clients/{client.pk}/consents/{path}")
        assert_accessible(axe_page)
