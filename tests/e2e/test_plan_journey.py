"""A clinician writes the treatment plan with the client in one sitting; the director co-signs."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from iop.accounts.models import Role
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import share_session
from tests.factories import ClientFactory, EpisodeFactory, member
from tests.treatment_plans.plan_helpers import completed_intake

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CLIENT_WORDS = "I want to sleep without a drink and walk my dog in the park again."
DRINK_WORDS = "Stop the wine after work so I can keep my job."


def audit(page: Page, axe_page: Page) -> None:
    """axe-core on exactly what the user sees now (same session, CSP bypassed for axe only)."""
    share_session(page, axe_page)
    assert_accessible(axe_page)


def add_template(page: Page, title: str) -> None:
    page.get_by_label("Template").select_option(label=title)
    page.get_by_role("button", name="Add to the plan").click()
    expect(page.get_by_text(f"Added “{title}”")).to_be_visible()


def test_clinician_writes_and_everyone_signs_the_plan(
    page: Page, axe_page: Page, live_server, login, e2e_program
):
    clinician = member(
        Role.CLINICIAN, e2e_program, email="sam@clinic.test", first_name="Sam", last_name="Okafor"
    )
    director = member(
        Role.DIRECTOR, e2e_program, email="dana@clinic.test", first_name="Dana", last_name="Reyes"
    )
    intake = member(Role.INTAKE, e2e_program, email="intake@clinic.test")
    client = ClientFactory(program=e2e_program, legal_first_name="Quinn", legal_last_name="Harlow")
    EpisodeFactory(client=client, primary_clinician=clinician)
    completed_intake(client, intake)

    # The clinician opens the client's chart and starts the plan.
    login(page, clinician)
    page.goto(f"{live_server.url}/clients/{client.pk}/")
    audit(page, axe_page)
    page.get_by_role("button", name="Write the treatment plan").click()
    expect(page.get_by_role("heading", name="Treatment plan, version 1")).to_be_visible()
    expect(page.get_by_text("Add a problem from the library").first).to_be_visible()
    audit(page, axe_page)

    # Two problems from the library (htmx: the page stays put and refreshes the plan).
    add_template(page, "Trauma symptoms: intrusions and avoidance")
    add_template(page, "Alcohol use disorder: early recovery")
    problem = page.get_by_role("article", name="Problem 1")
    expect(problem.get_by_text("Seeking Safety")).to_be_visible()
    expect(problem.get_by_text(re.compile(r"Held:.*No readiness review"))).to_be_visible()
    audit(page, axe_page)

    # A template's goal is only a suggestion: nothing is in the client's words yet.
    expect(problem.get_by_text("Not yet in Quinn")).to_be_visible()
    expect(problem.locator(".suggestion")).to_contain_text("I want to sleep through the night")
    expect(page.get_by_role("link", name="Ready to sign")).to_have_count(0)

    # The goals, in the client's own words.
    problem.get_by_role("link", name="Write the goal with the client").click()
    field = page.get_by_label("Goal in the client's own words")
    expect(field).to_be_focused()
    expect(field).to_have_value("")
    expect(page.get_by_role("note", name="Suggested wording")).to_be_visible()
    audit(page, axe_page)
    field.fill(CLIENT_WORDS)
    page.get_by_role("button", name="Save goal").click()
    expect(page.get_by_text("Goal saved.")).to_be_visible()
    expect(problem.locator(".client-words")).to_contain_text(CLIENT_WORDS)
    second = page.get_by_role("article", name="Problem 2")
    second.get_by_role("link", name="Write the goal with the client").click()
    page.get_by_label("Goal in the client's own words").fill(DRINK_WORDS)
    page.get_by_role("button", name="Save goal").click()
    expect(second.locator(".client-words")).to_contain_text(DRINK_WORDS)

    # The primary diagnosis, found by a live search of the ICD-10-CM code list.
    expect(page.get_by_text("Record the primary diagnosis (ICD-10-CM).")).to_be_visible()
    page.get_by_role("link", name="Add a diagnosis").click()
    search = page.get_by_label("Search ICD-10-CM by code or words")
    # htmx focuses the box once it has wired up the swapped-in form: typing before that
    # would fire no search (the race that failed on a slower machine).
    expect(search).to_be_focused()
    search.press_sequentially("ptsd chronic")
    choice = page.get_by_role("radio", name=re.compile("F43.12 Post-traumatic stress disorder"))
    # The first search in a process loads the code list (from the shared cache, or the package).
    expect(choice).to_be_visible(timeout=60_000)
    choice.check()
    expect(page.get_by_role("radio", name="Primary")).to_be_checked()
    audit(page, axe_page)
    page.get_by_role("button", name="Add diagnosis").click()
    expect(page.get_by_text("Added F43.12 Post-traumatic stress disorder, chronic")).to_be_visible()

    # Strengths and discharge, then ready to sign.
    page.get_by_role("link", name="Edit strengths, preferences and discharge").click()
    page.get_by_label("Strengths", exact=True).fill(
        "Loves her dog; steady job; a sister who visits."
    )
    page.get_by_label("Discharge criteria").fill("PCL-5 below 33; 30 days without alcohol.")
    page.get_by_role("button", name="Save details").click()
    expect(page.get_by_text("Plan details saved.")).to_be_visible()
    page.get_by_role("link", name="Ready to sign").click()
    expect(page.get_by_role("heading", name="Sign the treatment plan, version 1")).to_be_visible()
    expect(page.get_by_text(CLIENT_WORDS)).to_be_visible()
    audit(page, axe_page)

    # The clinician signs, then the client signs on the same screen.
    clinician_box = page.get_by_role("region", name="Clinician")
    clinician_box.get_by_label("I have read this plan and I sign it.").check()
    clinician_box.get_by_role("button", name="Sign as clinician").click()
    expect(page.get_by_text("Signed by you as the clinician.")).to_be_visible()
    client_box = page.get_by_role("region", name="Client", exact=True)
    client_box.get_by_label("Client's full name, typed by the client").fill("Quinn Harlow")
    client_box.get_by_label(re.compile("I have read this plan, or had it read to me")).check()
    audit(page, axe_page)
    client_box.get_by_role("button", name="Client signs").click()
    expect(
        page.get_by_text("Signed by the client. Waiting for co-signature by Dana Reyes.")
    ).to_be_visible()
    page.get_by_role("link", name="Back to the plan").click()
    expect(page.get_by_text("Waiting for co-signature by Dana Reyes.")).to_be_visible()
    expect(page.get_by_role("link", name="Ready to sign")).to_have_count(0)

    # The director finds the plan in the list of plans waiting for co-signature.
    page.context.clear_cookies()
    login(page, director)
    page.goto(live_server.url)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="To co-sign").click()
    expect(page.get_by_role("heading", name="Plans waiting for your co-signature")).to_be_visible()
    audit(page, axe_page)
    page.get_by_role("link", name="Read and co-sign the plan of Quinn Harlow").click()
    cosigner = page.get_by_role("region", name="Co-signer (director)")
    expect(cosigner).to_be_visible()
    audit(page, axe_page)
    cosigner.get_by_label("I have read this plan and I sign it.").check()
    cosigner.get_by_role("button", name="Co-sign the plan").click()
    expect(page.get_by_text("Version 1 is now the active treatment plan")).to_be_visible()
    expect(page.locator(".plan-head .status-pill")).to_have_text("Active")
    expect(page.get_by_role("button", name="Revise the plan (new version)")).to_be_visible()
    audit(page, axe_page)

    # The director records the 30-day review: every objective rated, with the evidence beside it.
    page.get_by_role("link", name="Record a review").click()
    expect(page.get_by_text("Evidence:").first).to_be_visible()
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_text("Nothing was saved: see the messages below.")).to_be_visible()
    objectives = page.locator("fieldset.item")
    for index in range(objectives.count()):
        objectives.nth(index).get_by_label("Progressing", exact=True).check()
    audit(page, axe_page)
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_text(re.compile("Review recorded"))).to_be_visible()
    expect(page.get_by_text(re.compile("Next review: "))).to_be_visible()
