"""The idle warning: "Are you still there?" before the program's idle timeout ends the session.

The browser's clock is Playwright's fake clock, so no test waits a real minute; the server's
side of the session is moved back in time directly.
"""

from __future__ import annotations

import re
import time
from importlib import import_module

import pytest
from django.conf import settings
from playwright.sync_api import BrowserContext, Page, expect

from iop.accounts.middleware import LAST_ACTIVITY_KEY

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def server_session(context: BrowserContext):
    key = next(c["value"] for c in context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=key)


def last_active_seconds_ago(context: BrowserContext, seconds: float) -> None:
    session = server_session(context)
    session[LAST_ACTIVITY_KEY] = time.time() - seconds
    session.save()


@pytest.fixture
def signed_in_with_two_minute_timeout(page: Page, login, e2e_program, clinician) -> Page:
    e2e_program.idle_timeout_minutes = 2  # the warning shows in the last minute
    e2e_program.save()
    page.clock.install()
    login(page, clinician)
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    page.clock.pause_at(time.time() + 2)  # from here on, timers fire only when the test says
    return page


def test_idle_warning_appears_and_stay_signed_in_keeps_the_session(
    signed_in_with_two_minute_timeout: Page, live_server
):
    page = signed_in_with_two_minute_timeout
    last_active_seconds_ago(page.context, 110)  # the server has 10 seconds left
    dialog = page.get_by_role("dialog", name="Are you still there?")

    page.clock.run_for(61_000)  # the page's own clock reaches the last minute, then asks

    expect(dialog).to_be_visible()
    # The countdown comes from the server's clock, not the page's: about 10 seconds.
    expect(page.locator("#idle-countdown")).to_have_text(re.compile(r"^([1-9]|10)$"))
    expect(dialog.get_by_role("button", name="Stay signed in")).to_be_focused()

    dialog.get_by_role("button", name="Stay signed in").click()

    expect(dialog).to_be_hidden()
    renewed = float(server_session(page.context)[LAST_ACTIVITY_KEY])
    assert time.time() - renewed < 5
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Clients").click()
    expect(page).to_have_url(re.compile(r"/clients/$"))
    expect(page.get_by_role("heading", name="Clients")).to_be_visible()


def test_a_late_answer_from_before_stay_signed_in_does_not_bring_the_warning_back(
    signed_in_with_two_minute_timeout: Page, live_server
):
    page = signed_in_with_two_minute_timeout
    last_active_seconds_ago(page.context, 110)
    dialog = page.get_by_role("dialog", name="Are you still there?")
    page.clock.run_for(61_000)
    expect(dialog).to_be_visible()

    # The next tick asks the server again; its answer (about 9 seconds left) is held back
    # until the clinician has clicked "Stay signed in", as on a slow connection.
    held = []
    page.route("**/session/status", lambda route: held.append((route, route.fetch())))
    with page.expect_request("**/session/status"):
        page.clock.run_for(1_000)
    dialog.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()
    route, answer = held[0]
    route.fulfill(response=answer)
    page.unroute("**/session/status")
    page.wait_for_timeout(500)  # real time for the page to read the late answer

    # Looked at once, not waited for: the next tick would ask again and close it.
    assert dialog.is_hidden()
    page.clock.run_for(2_000)
    assert dialog.is_hidden()


def test_unanswered_idle_warning_signs_out(signed_in_with_two_minute_timeout: Page, live_server):
    page = signed_in_with_two_minute_timeout
    last_active_seconds_ago(page.context, 121)  # the server's idle time has run out

    page.clock.fast_forward("02:01")

    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.goto(f"{live_server.url}/schedule/today/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/schedule/today/"))
