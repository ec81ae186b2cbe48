"""The client list narrows as you type (htmx), keeps a shareable URL, and fits a tablet."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import TABLET

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def result_names(page: Page) -> list[str]:
    return page.locator("#client-results tbody tr td:first-child").all_inner_texts()


def test_search_narrows_the_list_in_place_and_updates_the_url(
    page: Page, live_server, login, clinician, flagged_client
):
    login(page, clinician)
    page.goto(f"{live_server.url}/clients/")
    assert len(result_names(page)) == 4
    page.evaluate("window.__sameDocument = true")  # gone if the page reloads

    with page.expect_response(lambda r: "q=Brooks" in r.url) as searched:
        page.get_by_label("Name or record number").fill("Brooks")

    assert searched.value.request.headers.get("hx-request") == "true"
    expect(page.locator("#client-results tbody tr")).to_have_count(1)
    assert result_names(page) == ["Jamie Brooks"]
    expect(page).to_have_url(re.compile(r"/clients/\?q=Brooks"))
    assert page.evaluate("window.__sameDocument") is True
    expect(page.get_by_label("Name or record number")).to_be_focused()


def test_search_with_no_match_says_so(page: Page, live_server, login, clinician, flagged_client):
    login(page, clinician)
    page.goto(f"{live_server.url}/clients/")

    page.get_by_label("Name or record number").fill("Nobody")

    expect(page.locator("#client-results")).to_contain_text("No client matches “Nobody”.")


def test_clinician_journey_at_tablet_width(
    page: Page, live_server, login, clinician, flagged_client
):
    """Today -> flagged client's chart -> client list -> sign out, nothing wider than the screen."""
    page.set_viewport_size(TABLET)
    login(page, clinician)

    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    flagged_row = page.locator("tbody tr").filter(has_text="Avery Alvarez")
    expect(flagged_row).to_contain_text("Suicide risk")  # the safety column is not hidden
    assert_fits_the_screen(page)

    flagged_row.get_by_role("link", name="Avery Alvarez").click()
    expect(page.get_by_role("list", name="Safety flags")).to_be_in_viewport()
    assert_fits_the_screen(page)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Clients").click()
    page.get_by_label("Name or record number").fill("Carter")
    expect(page.locator("#client-results tbody tr")).to_have_count(1)
    assert_fits_the_screen(page)

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def assert_fits_the_screen(page: Page) -> None:
    too_wide = page.evaluate(
        """() => [...document.querySelectorAll("body *")]
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
            .map((el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : ""))"""
    )
    assert too_wide == [], f"Wider than the {page.viewport_size} screen: {too_wide[:10]}"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
