"""Intake staff take a person from referral to admission; then the clinician finds them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from iop.accounts.models import Role
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import share_session
from tests.factories import member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def audit(page: Page, axe_page: Page) -> None:
    """axe-core on exactly what the user sees now (same session, CSP bypassed for axe only)."""
    share_session(page, axe_page)
    assert_accessible(axe_page)


def answer_every_item(page: Page, option: str) -> None:
    """Tick the same answer for every question of an instrument."""
    # The button closes the form: once it shows, every question is on the page to count
    # (under load the count could run while the page was still arriving; it failed once).
    expect(page.get_by_role("button", name="Score and save")).to_be_visible()
    items = page.locator("fieldset.item")
    for index in range(items.count()):
        item = items.nth(index)
        if item.get_by_label(option, exact=True).count():
            item.get_by_label(option, exact=True).check()


def give(page: Page, instrument: str, option: str, last_item: str | None = None) -> None:
    page.get_by_role("row", name=re.compile(instrument)).get_by_role("link").click()
    answer_every_item(page, option)
    if last_item:
        page.locator("fieldset.item").last.get_by_label(last_item, exact=True).check()
    page.get_by_role("button", name="Score and save").click()
    expect(page.get_by_text(f"{instrument} recorded")).to_be_visible()


def test_referral_to_admission_then_caseload(
    page: Page, axe_page: Page, live_server, login, e2e_program
):
    intake = member(Role.INTAKE, e2e_program, email="intake@clinic.test")
    clinician = member(
        Role.CLINICIAN, e2e_program, email="clin@clinic.test", first_name="Sam", last_name="Okafor"
    )
    login(page, intake)
    expect(page).to_have_url(re.compile(r"/intake/$"))
    audit(page, axe_page)

    # Referral
    page.get_by_role("link", name="New referral").click()
    page.get_by_label("Legal first name").fill("Quinn")
    page.get_by_label("Legal last name").fill("Harlow")
    page.get_by_label("Date of birth").fill("1990-06-14")
    page.get_by_label("Phone", exact=True).fill("202 555 0142")
    page.get_by_label("Source").select_option(label="Outpatient therapist")
    page.get_by_label("Reason for referral").fill("Nightmares, drinking to sleep")
    audit(page, axe_page)
    page.get_by_role("button", name="Save referral").click()
    expect(page.get_by_text("Referral of Quinn Harlow recorded.")).to_be_visible()
    referral_url = page.url
    audit(page, axe_page)

    # Assessment: the trauma-informed profile, history and situation
    page.get_by_role("button", name="Start intake assessment").click()
    page.get_by_label("Name you would like us to use").fill("Q")
    page.get_by_label("Pronouns").fill("they/them")
    page.get_by_label("What helps you feel safe here").fill("Sitting near the door")
    page.locator(".decline").first.get_by_label("Prefer not to say").check()
    audit(page, axe_page)
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("What brings you here now").fill("Nightmares since a robbery at work")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Housing").select_option(label="Stable housing")
    page.get_by_label("Employment or school").select_option(label="Employed full time")
    page.get_by_label("Legal status").select_option(label="No current legal involvement")
    page.get_by_role("button", name="Save and continue").click()

    # Screening instruments, scored on the server
    expect(page.get_by_role("heading", name="Screening instruments")).to_be_visible()
    audit(page, axe_page)
    give(page, "PHQ-9", "Several days", last_item="Not at all")  # item 9 not endorsed
    give(page, "C-SSRS", "No")
    give(page, "PCL-5", "A little bit")
    expect(
        page.get_by_role("row", name=re.compile("PHQ-9")).get_by_text("Mild depression")
    ).to_be_visible()

    # ASAM dimensions and placement
    page.get_by_role("link", name="Continue to ASAM dimensions").click()
    ratings = ["1 – mild", "1 – mild", "2 – moderate", "2 – moderate", "2 – moderate", "1 – mild"]
    for number, rating in enumerate(ratings, start=1):
        page.get_by_role("group", name=re.compile(f"Dimension {number}:")).get_by_label(
            rating
        ).check()
    # The recommendation and its reasons appear as the ratings are ticked (htmx), before saving.
    expect(page.get_by_text("Recommended: ASAM 2.1 Intensive outpatient")).to_be_visible()
    expect(page.get_by_text(re.compile("Dimension 3 .* rated 2"))).to_be_visible()
    page.get_by_label("Final placement").select_option(label="ASAM 2.1 Intensive outpatient")
    audit(page, axe_page)
    page.get_by_role("button", name="Save and continue").click()

    # Readiness, then review and complete
    expect(page.get_by_role("heading", name="Trauma readiness")).to_be_visible()
    audit(page, axe_page)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Review and complete")).to_be_visible()
    expect(page.get_by_text(re.compile(r"PHQ-9 \(depression\): 8"))).to_be_visible()
    expect(page.get_by_text("3. Emotional, behavioral or cognitive conditions")).to_be_visible()
    page.get_by_role("button", name="Complete intake assessment").click()
    expect(page.get_by_text("Intake assessment completed.")).to_be_visible()
    expect(page.get_by_text("The client has not signed consent to treatment.")).to_be_visible()

    # Consent to treatment, signed on screen
    page.get_by_role("link", name="View and record consents").click()
    page.get_by_role("link", name="Consent to treatment").click()
    expect(page.get_by_label("Treatment the client consents to")).to_contain_text("counseling")
    page.get_by_role("button", name="Save and go to signing").click()
    page.get_by_label("Full name, typed by the person signing").fill("Quinn Harlow")
    page.get_by_label(re.compile("I have read this consent")).check()
    audit(page, axe_page)
    page.get_by_role("button", name="Sign consent").click()
    expect(page.get_by_text("Consent signed and witnessed")).to_be_visible()

    # Admission
    page.goto(referral_url)
    expect(page.get_by_text("Proposed from the intake assessment: ASAM 2.1")).to_be_visible()
    expect(page.get_by_label("Level of care")).to_have_value(re.compile(r"\d+"))
    page.get_by_label("Primary clinician").select_option(label="Sam Okafor")
    audit(page, axe_page)
    page.get_by_role("button", name="Admit").click()
    expect(
        page.get_by_text(
            re.compile("Quinn Harlow admitted at ASAM 2.1|Q Harlow admitted at ASAM 2.1")
        )
    ).to_be_visible()
    expect(page.get_by_text("they/them").first).to_be_visible()
    expect(page.get_by_text("(202) 555-0142")).to_be_visible()

    # The clinician sees the new client on their caseload
    page.context.clear_cookies()
    login(page, clinician)
    expect(page.get_by_role("link", name="Q Harlow")).to_be_visible()
    page.get_by_role("link", name="Q Harlow").click()
    expect(page.get_by_text("Mild depression").first).to_be_visible()
    audit(page, axe_page)
