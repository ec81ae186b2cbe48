"""A clinician proposes a step down with the drafted justification; a director approves it
and the chart shows the new level at once. axe-core on each page."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from iop.accounts.models import Role
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import share_session
from tests.factories import ClientFactory, EpisodeFactory, level, member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

STABLE = {1: "0", 2: "0", 3: "1", 4: "1", 5: "1", 6: "1"}


def audit(page: Page, axe_page: Page) -> None:
    share_session(page, axe_page)
    assert_accessible(axe_page)


def test_clinician_proposes_a_step_down_and_a_director_approves(
    page: Page, axe_page: Page, live_server, login, e2e_program
):
    clinician = member(Role.CLINICIAN, e2e_program, email="sam@clinic.test")
    director = member(Role.DIRECTOR, e2e_program, email="dana@clinic.test")
    client = ClientFactory(program=e2e_program, legal_first_name="Quinn", legal_last_name="Harlow")
    EpisodeFactory(
        client=client,
        admitted_on=e2e_program.today() - datetime.timedelta(days=40),
        level_of_care=level("2.1"),
        primary_clinician=clinician,
    )

    login(page, clinician)
    page.goto(f"{live_server.url}/clients/{client.pk}/")
    page.get_by_role("link", name="Propose a change").click()
    expect(page.get_by_role("heading", name="Propose a change of level of care")).to_be_visible()
    audit(page, axe_page)
    page.get_by_label("Move to").select_option(label="ASAM 1 Outpatient")
    for number, rating in STABLE.items():
        page.locator(f"#id_rating_{number}").select_option(rating)
    page.get_by_role("button", name="Draft the justification").click()
    expect(page.get_by_role("heading", name="The decision aid recommends ASAM 1")).to_be_visible()
    expect(page.get_by_label("Why this level")).to_contain_text(
        "The decision aid recommends ASAM 1"
    )
    page.get_by_label("Why not the level above").fill(
        "Stable for a month: IOP hours are no longer needed."
    )
    page.get_by_role("button", name="Send to a director").click()
    expect(page.get_by_text("Sent to a director for a decision.")).to_be_visible()
    audit(page, axe_page)

    page.context.clear_cookies()
    login(page, director)
    page.goto(f"{live_server.url}/schedule/today/")
    page.get_by_role("link", name="Quinn Harlow: step down to ASAM 1").click()
    expect(page.get_by_role("heading", name="Your decision")).to_be_visible()
    audit(page, axe_page)
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Approved: the change takes effect on its date.")).to_be_visible()
    page.goto(f"{live_server.url}/clients/{client.pk}/")
    expect(page.locator("#level-section-title").locator("..").locator("..")).to_contain_text(
        "Now at ASAM 1 Outpatient"
    )
    # The census has no lag: the director sees the move at once.
    page.goto(f"{live_server.url}/census/")
    row = page.get_by_role("row", name=re.compile("ASAM 1 Outpatient"))
    expect(row).to_have_count(1)
    expect(row.get_by_role("link")).to_have_text(re.compile(r"^1\b"))
