"""What the browser tests share: the Chromium to launch, screen sizes, and signing in."""

from __future__ import annotations

import re
from typing import Any, cast

from playwright.sync_api import Page, ViewportSize, expect

from tests.factories import PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
DESKTOP = ViewportSize(width=1366, height=900)
TABLET = ViewportSize(width=768, height=1024)


def sign_in(page: Page, live_server_url: str, email: str, password: str = PASSWORD) -> None:
    """Sign in through allauth's real form, as a person would."""
    page.goto(f"{live_server_url}/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def share_session(source: Page, target: Page) -> None:
    """Sign `target` in as `source`'s user (cheaper than another trip through the form)."""
    # Playwright types the cookies it returns and the cookies it accepts separately; same keys.
    target.context.add_cookies(cast(Any, source.context.cookies()))
    target.goto(source.url)
