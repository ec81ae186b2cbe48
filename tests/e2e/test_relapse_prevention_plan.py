"""A clinician builds the relapse prevention plan with the client, both sign, and the client's
copy is printed; axe-core checks every page on the way."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect

from iop.accounts.models import Role
from relapse_prevention.models import RelapsePreventionPlan
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import share_session
from tests.factories import ClientFactory, EpisodeFactory, member
from tests.relapse_prevention.rp_plan_helpers import skill

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("celery_worker"),
]


def audit(page: Page, axe_page: Page) -> None:
    share_session(page, axe_page)
    assert_accessible(axe_page)


def add_form(page: Page, section: str, key: str):
    block = page.locator("section.plan-section").filter(
        has=page.get_by_role("heading", name=section, exact=True)
    )
    block.get_by_text(f"Add to {section.lower()}").click()
    return block.locator(f"form[action$='/parts/{key}/']")


def test_clinician_builds_signs_and_prints_the_plan(
    page: Page, axe_page: Page, live_server, login, e2e_program
):
    clinician = member(
        Role.CLINICIAN, e2e_program, email="sam@clinic.test", first_name="Sam", last_name="Okafor"
    )
    client = ClientFactory(program=e2e_program, legal_first_name="Quinn", legal_last_name="Harlow")
    EpisodeFactory(client=client, primary_clinician=clinician)
    skill(e2e_program, "Grounding: 5-4-3-2-1")

    login(page, clinician)
    page.goto(f"{live_server.url}/clients/{client.pk}/")
    chart = page.locator("section.rp-plan-section")
    expect(chart).to_contain_text("No signed plan yet.")
    chart.get_by_role("link", name="Open the plan").click()
    page.get_by_role("button", name="Start the plan").click()
    expect(page.get_by_role("heading", name="Version 1")).to_be_visible()
    audit(page, axe_page)

    form = add_form(page, "Triggers", "triggers")
    form.get_by_label("Category").select_option(label="Places")
    form.get_by_label("The trigger, in the client's words").fill("The bar on 5th Street")
    form.get_by_role("button", name="Add").click()
    expect(page.locator("#draft")).to_contain_text("The bar on 5th Street")

    form = add_form(page, "Warning signs", "warning_signs")
    form.get_by_label("Stage").select_option(label="Early")
    form.get_by_label("The warning sign").fill("I stop answering my sister's texts")
    form.get_by_role("button", name="Add").click()
    expect(page.locator("#draft")).to_contain_text("I stop answering my sister's texts")

    form = add_form(page, "Coping strategies", "coping")
    form.get_by_label("What works for me").fill("Name five things I can see")
    form.get_by_label("Group skill it uses").select_option(
        label="Grounding: 5-4-3-2-1 (Coping skills)"
    )
    form.get_by_role("button", name="Add").click()
    expect(page.locator("#draft")).to_contain_text("group skill: Grounding: 5-4-3-2-1")

    form = add_form(page, "Safe contacts", "contacts")
    form.get_by_label("Name").fill("Ana Ruiz")
    form.get_by_label("Relationship").fill("sister")
    form.get_by_label("When to call").fill("When I want to drink")
    form.get_by_role("button", name="Add").click()
    expect(page.locator("#draft")).to_contain_text("Give a phone number for this person.")
    form = page.locator("form[action$='/parts/contacts/']")
    form.get_by_label("Phone").fill("(202) 555-0143")
    form.get_by_role("button", name="Add").click()
    expect(page.locator("#draft")).to_contain_text("Ana Ruiz")

    form = add_form(page, "High-risk dates", "dates")
    form.get_by_label("Kind").select_option(label="Court date")
    form.get_by_label("What the day is").fill("Court hearing")
    day = e2e_program.today() + datetime.timedelta(days=10)
    form.locator("input[name='new-dates-on_date']").fill(day.isoformat())
    form.get_by_label("Plan for the day").fill("Go with my sponsor")
    form.get_by_role("button", name="Add").click()
    expect(page.locator("#draft")).to_contain_text("Court hearing")
    audit(page, axe_page)

    page.get_by_role("link", name="Go to signing").click()
    expect(page.locator(".plan-text")).to_contain_text("The bar on 5th Street")
    audit(page, axe_page)
    page.get_by_label("Your full name, typed by you").fill("Quinn Harlow")
    page.get_by_label("I made this plan with my counselor, and I agree to it.").check()
    page.get_by_role("button", name="Sign my plan").click()
    expect(
        page.get_by_text("Signed. The plan is locked once both of you have signed.")
    ).to_be_visible()
    page.get_by_label("I have read this plan with the client and I sign it.").check()
    page.get_by_role("button", name="Sign as clinician").click()
    expect(page.get_by_text("version 1 signed by both of you")).to_be_visible()
    expect(page.get_by_text("In effect").first).to_be_visible()
    audit(page, axe_page)

    page.get_by_role("button", name="Print the client copy").click()
    download_link = page.get_by_role("link", name="Download PDF")
    expect(download_link).to_be_visible(timeout=30_000)
    audit(page, axe_page)
    with page.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert RelapsePreventionPlan.objects.get(client=client).status == "in_effect"
