"""A planned completion from start to close, through the pages: the director records it and
sees what it requires; the primary clinician gives the final PHQ-9, writes the aftercare plan
and signs the discharge summary; the director sees every step done and closes the episode.
axe-core on the discharge page before and after the steps."""

from __future__ import annotations

import datetime
import re
from urllib.parse import unquote_plus

import pytest
from playwright.sync_api import Page, expect

from iop.accounts.models import Role
from iop.clients.models import Episode
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import share_session
from tests.factories import ClientFactory, EpisodeFactory, level, member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# The family aftercare plan's step is done at once: this client named no one to involve.
STEPS = [
    "Final measures",
    "Discharge summary",
    "Aftercare plan",
    "Family aftercare plan",
    "Follow-up calls",
]


def audit(page: Page, axe_page: Page) -> None:
    share_session(page, axe_page)
    assert_accessible(axe_page)


def step(page: Page, title: str):
    # "Aftercare plan" must not also match "Family aftercare plan": the title starts the text.
    steps = page.locator("#discharge-steps .discharge-step")
    return steps.filter(has_text=re.compile(rf"(To do|Done)\s+{re.escape(title)}"))


def test_director_records_clinician_completes_director_closes(
    page: Page, axe_page: Page, live_server, login, e2e_program
):
    clinician = member(
        Role.CLINICIAN, e2e_program, email="sam@clinic.test", first_name="Sam", last_name="Okafor"
    )
    director = member(Role.DIRECTOR, e2e_program, email="dana@clinic.test")
    client = ClientFactory(program=e2e_program, legal_first_name="Quinn", legal_last_name="Harlow")
    episode = EpisodeFactory(
        client=client,
        admitted_on=e2e_program.today() - datetime.timedelta(days=42),
        level_of_care=level("2.1"),
        primary_clinician=clinician,
    )
    today = e2e_program.today()
    chart = f"{live_server.url}/clients/{client.pk}/"

    # 1. The director records a planned completion for today; the steps follow the kind.
    login(page, director)
    page.goto(chart)
    page.get_by_role("link", name="Discharge…").click()
    expect(page.get_by_role("heading", name="Steps before the episode closes")).to_be_visible()
    page.get_by_label("Kind of discharge").select_option(label="Planned completion")
    expect(page.get_by_role("heading", name="Steps for planned completion")).to_be_visible()
    expect(step(page, "Final measures")).to_contain_text("To do")
    expect(step(page, "Aftercare plan")).to_contain_text("To do")
    page.get_by_label("Discharge date").fill(today.isoformat())
    page.get_by_role("button", name="Record the discharge").click()
    expect(page.locator(".message-success")).to_contain_text("Discharge recorded for")
    for title in STEPS[:3]:
        expect(step(page, title)).to_contain_text("To do")
    expect(step(page, "Follow-up calls")).to_contain_text("Done")
    expect(step(page, "Family aftercare plan")).to_contain_text("Done")
    expect(page.get_by_role("button", name="Close the episode now")).to_have_count(0)
    audit(page, axe_page)

    # 2. The clinician does the steps from the chart.
    page.context.clear_cookies()
    login(page, clinician)
    page.goto(chart)
    section = page.locator("section[aria-labelledby=chart-discharge-title]")
    expect(section).to_contain_text("3 steps to do before the episode closes")

    section.get_by_role("link", name="Give the PHQ-9").click()
    items = page.locator("fieldset.item")
    # The button closes the form: once it shows, every question is there to count.
    expect(page.get_by_role("button", name="Score and save")).to_be_visible()
    for index in range(items.count()):
        items.nth(index).get_by_label("Not at all", exact=True).check()
    page.get_by_role("button", name="Score and save").click()
    expect(page.locator(".message-success")).to_contain_text("PHQ-9 recorded")
    expect(section).to_contain_text("2 steps to do before the episode closes")

    section.get_by_role("link", name="Open the aftercare plan").click()
    expect(page.get_by_role("heading", name="Aftercare plan")).to_be_visible()
    next_week = today + datetime.timedelta(days=7)
    form = page.locator("#appointment-form")
    form.get_by_label("Kind of appointment").select_option(label="Primary care")
    form.get_by_label("With", exact=True).fill("Dr. Park")
    form.get_by_label("Date", exact=True).fill(next_week.isoformat())
    form.get_by_label("Time", exact=True).fill("09:00")
    form.get_by_role("button", name="Add the appointment").click()
    expect(page.get_by_text("Appointment added.")).to_be_visible()
    contact = page.locator("#contact-form")
    contact.get_by_label("Name", exact=True).fill("Casey")
    contact.get_by_label("Role or relationship").fill("sponsor")
    contact.get_by_label("When to call").fill("when cravings rise")
    contact.get_by_role("button", name="Add the contact").click()
    expect(page.get_by_text("Contact added.")).to_be_visible()

    page.goto(chart)
    expect(section).to_contain_text("1 step to do before the episode closes")
    section.get_by_role("link", name="Draft the discharge summary").click()
    expect(page.get_by_role("heading", name="New report")).to_be_visible()
    expect(page.get_by_label("Report", exact=True)).to_have_value("discharge")
    page.get_by_role("button", name="Draft from the record").click()
    expect(page.get_by_text("Drafted from the record.")).to_be_visible()
    page.get_by_role("textbox", name="Clinician's summary").fill(
        "Quinn met the goals of the program and is sleeping through the night."
    )
    aftercare = page.get_by_role("textbox", name="Aftercare", exact=True)
    aftercare.fill("Primary care with Dr. Park next week; calls Casey when cravings rise.")
    # Wait for the save that carries the last part (an earlier part's save may answer first).
    with page.expect_response(
        lambda r: (
            r.request.method == "POST"
            and "/narrative/" in r.url
            and "calls Casey when cravings rise" in unquote_plus(r.request.post_data or "")
        )
    ):
        aftercare.blur()
    expect(page.locator("#narrative-status")).to_contain_text("Saved at")
    # The signature covers the text shown: reload so the page shows (and hashes) what was saved.
    page.reload()
    expect(page.get_by_role("textbox", name="Aftercare", exact=True)).to_have_value(
        "Primary care with Dr. Park next week; calls Casey when cravings rise."
    )
    page.get_by_role("button", name="Sign and lock").click()
    expect(page.get_by_text("Signed and locked.")).to_be_visible()
    page.goto(chart)
    expect(section).to_contain_text("Every step is done.")

    # 3. The director sees every step done and closes the episode.
    page.context.clear_cookies()
    login(page, director)
    page.goto(f"{live_server.url}/clients/episodes/{episode.pk}/discharge/")
    expect(page.locator("#discharge-steps .discharge-step")).to_have_count(len(STEPS))
    for title in STEPS:
        expect(step(page, title)).to_contain_text("Done")
    expect(page.locator("#discharge-steps .discharge-step-missing")).to_have_count(0)
    audit(page, axe_page)
    page.get_by_role("button", name="Close the episode now").click()
    expect(page.locator(".message-success")).to_contain_text("Discharged. Future sessions")
    episodes = page.locator("section[aria-labelledby=episodes-title]")
    expect(episodes).to_contain_text(f"discharged {today:%b} {today.day}, {today.year}")
    expect(episodes).to_contain_text("Planned completion")
    expect(page.get_by_role("link", name="Discharge…")).to_have_count(0)

    closed = Episode.objects.get(pk=episode.pk)
    assert closed.discharged_on == today and closed.discharge_reason == "completed"
