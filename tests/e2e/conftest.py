"""Browser tests: pytest-playwright driving Debian's Chromium against pytest-django's live server.

Never run `playwright install`: the browser is /usr/bin/chromium.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from iop.accounts.models import Role
from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, DESKTOP, sign_in
from tests.factories import (
    ClientFactory,
    EpisodeFactory,
    ProgramFactory,
    SafetyFlagFactory,
    member,
)

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# to touch the database from it. Browser tests only.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

expect.set_options(timeout=5_000)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every browser test runs transactional with a serialized rollback. One without it
    leaves the flushed database with new content type ids, and every browser test after it
    then fails in set-up (restoring the serialized ones collides): refuse it at collection."""
    here = os.path.dirname(__file__)
    for item in items:
        if not str(item.path).startswith(here) or not item.name.startswith("test_"):
            continue
        marker = item.get_closest_marker("django_db")
        if marker is None or not marker.kwargs.get("serialized_rollback"):
            raise pytest.UsageError(
                f"{item.nodeid}: mark browser tests django_db(transaction=True, "
                "serialized_rollback=True), as the other files here do"
            )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": DESKTOP}


@pytest.fixture
def e2e_program(transactional_db):
    return ProgramFactory(name="Riverside IOP")


@pytest.fixture
def csp_violations(context: BrowserContext) -> Iterator[list[str]]:
    """Console errors from the strict CSP (an inline script or style the page should not have)."""
    seen: list[str] = []

    def record(message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            seen.append(message.text)

    context.on("console", record)
    yield seen


@pytest.fixture
def page(context: BrowserContext, csp_violations: list[str]) -> Iterator[Page]:
    """The default page enforces the app's CSP and fails the test if the CSP blocked anything."""
    page = context.new_page()
    yield page
    assert csp_violations == [], "The Content-Security-Policy blocked something:\n" + "\n".join(
        csp_violations
    )


@pytest.fixture
def axe_page(browser: Browser, live_server) -> Iterator[Page]:
    """A page whose context ignores the CSP, so axe-core can be injected. For audits only."""
    context = browser.new_context(viewport=DESKTOP, bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def login(live_server) -> Callable[..., None]:
    def _login(page: Page, user) -> None:
        sign_in(page, live_server.url, user.email)

    return _login


@pytest.fixture
def clinician(e2e_program):
    return member(Role.CLINICIAN, e2e_program, email="clinician@clinic.test")


@pytest.fixture
def flagged_client(e2e_program, clinician):
    """Avery Alvarez, on the clinician's caseload with a suicide-risk flag, among three others."""
    client = ClientFactory(
        program=e2e_program, legal_first_name="Avery", legal_last_name="Alvarez", pronouns="she/her"
    )
    EpisodeFactory(client=client, primary_clinician=clinician)
    SafetyFlagFactory(client=client, kind="suicide_risk", note="Safety plan in chart")
    for first, last in (("Jamie", "Brooks"), ("Mei", "Carter"), ("Marcus", "Dawson")):
        other = ClientFactory(program=e2e_program, legal_first_name=first, legal_last_name=last)
        EpisodeFactory(client=other, primary_clinician=clinician)
    return client
