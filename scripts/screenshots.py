"""Screenshots of every page each demo role sees, at desktop and tablet widths.

Not a test: point it at a running demo (``manage.py seed_demo``) and look at the PNGs.

    DEMO_PASSWORD=demo-clinic-2026 .venv/bin/python scripts/screenshots.py \
        --base-url http://127.0.0.1:8000 /tmp/screenshots

Uses Debian's Chromium (/usr/bin/chromium); never downloads a browser. Prints a warning
for any page wider than the window (content that would scroll sideways on a tablet).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

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
VIEWPORTS = {
    "desktop": ViewportSize(width=1366, height=900),
    "tablet": ViewportSize(width=768, height=1024),
}
# The demo logins from iop/accounts/demo.py, one per role.
DEMO_LOGINS = [
    ("intake", "intake@demo.test"),
    ("clinician", "clinician@demo.test"),
    ("prescriber", "prescriber@demo.test"),
    ("director", "director@demo.test"),
    ("probation", "probation@demo.test"),
    ("administrator", "admin@demo.test"),
]

# Tables or cards whose content sticks out of their box, or scrolls sideways inside it.
OVERFLOW_JS = """
() => [...document.querySelectorAll("main table, main .card, main form")].flatMap((el) => {
  const box = el.parentElement.getBoundingClientRect();
  const own = el.getBoundingClientRect();
  const name = el.tagName.toLowerCase() + (el.className ? "." + el.className.split(" ")[0] : "");
  const out = Math.round(own.right - box.right);
  if (out > 1) return [`${name} sticks out ${out}px`];
  if (el.tagName === "TABLE" && el.parentElement.scrollWidth > el.parentElement.clientWidth + 1)
    return [`${name} scrolls sideways`];
  return [];
})
"""


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Shooter:
    def __init__(self, browser: Browser, base_url: str, password: str, out_dir: Path) -> None:
        self.browser, self.base_url, self.password, self.out_dir = (
            browser,
            base_url.rstrip("/"),
            password,
            out_dir,
        )
        self.saved: list[Path] = []
        self.overflowing: list[str] = []

    def shoot(self, page: Page, name: str) -> None:
        page.wait_for_load_state("networkidle")
        path = self.out_dir / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        self.saved.append(path)
        extra = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if extra > 0:
            self.overflowing.append(f"{path.name}: {extra}px wider than the window")
        for problem in page.evaluate(OVERFLOW_JS):
            self.overflowing.append(f"{path.name}: {problem}")

    def login_page(self, viewport: str) -> None:
        context = self.browser.new_context(viewport=VIEWPORTS[viewport])
        page = context.new_page()
        page.goto(f"{self.base_url}/accounts/login/")
        self.shoot(page, f"{viewport}-signed-out-login")
        page.get_by_label("Email").fill("nobody@demo.test")
        page.get_by_label("Password").fill("wrong-password-for-screenshot")
        page.get_by_role("button", name=re.compile("sign in", re.I)).click()
        self.shoot(page, f"{viewport}-signed-out-login-error")
        page.goto(f"{self.base_url}/accounts/password/reset/")
        self.shoot(page, f"{viewport}-signed-out-password-reset")
        context.close()

    def role_pages(self, viewport: str, role: str, email: str) -> None:
        context = self.browser.new_context(viewport=VIEWPORTS[viewport])
        page = context.new_page()
        page.goto(f"{self.base_url}/accounts/login/")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(self.password)
        page.get_by_role("button", name=re.compile("sign in", re.I)).click()
        page.wait_for_url(lambda url: "/accounts/login" not in url)
        prefix = f"{viewport}-{role}"
        nav = page.locator("nav[aria-label=Main] a")
        links = [
            (nav.nth(i).inner_text(), nav.nth(i).get_attribute("href") or "/")
            for i in range(nav.count())
        ]
        for label, href in links:
            if not page.url.endswith(href):  # the first one is usually where sign-in landed
                page.goto(f"{self.base_url}{href}")
            self.shoot(page, f"{prefix}-{slug(label)}")
            if label == "Clients":
                self.flagged_chart(page, prefix)
            else:
                self.first_record(page, f"{prefix}-{slug(label)}")
        if role == "clinician":
            # allauth's own pages, in the app's layout: two-factor set-up.
            page.goto(f"{self.base_url}/accounts/2fa/totp/activate/")
            self.shoot(page, f"{prefix}-two-factor-confirm")
            page.get_by_label("Password").fill(self.password)
            page.get_by_role("button", name="Confirm").click()
            self.shoot(page, f"{prefix}-two-factor-setup")
            if viewport == "desktop":
                self.idle_warning(page, prefix)
        context.close()

    def flagged_chart(self, page: Page, prefix: str) -> None:
        """The chart of a client with a safety flag: the header must show it."""
        row = page.locator("#client-results tbody tr").filter(has=page.locator(".flag-pill"))
        if row.count() == 0:
            return
        row.first.get_by_role("link").first.click()
        page.wait_for_load_state()
        self.shoot(page, f"{prefix}-client-chart")

    def first_record(self, page: Page, prefix: str) -> None:
        """The page behind the first row of the page's first table, if it links anywhere."""
        link = page.locator("main table tbody tr").first.get_by_role("link").first
        if link.count() == 0:
            return
        link.click()
        page.wait_for_load_state()
        self.shoot(page, f"{prefix}-first-record")
        page.go_back()

    def idle_warning(self, page: Page, prefix: str) -> None:
        # Open the dialog the idle timer would open, without waiting for it.
        page.evaluate("document.getElementById('idle-warning').showModal()")
        self.shoot(page, f"{prefix}-idle-warning")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", default="/tmp/screenshots", type=Path)  # noqa: S108
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    args = parser.parse_args()
    password = os.environ.get("DEMO_PASSWORD", "demo-clinic-2026")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        shooter = Shooter(browser, args.base_url, password, args.out_dir)
        for viewport in VIEWPORTS:
            shooter.login_page(viewport)
            for role, email in DEMO_LOGINS:
                shooter.role_pages(viewport, role, email)
        browser.close()
    for path in shooter.saved:
        print(path)
    for warning in shooter.overflowing:
        print(f"WARNING {warning}", file=sys.stderr)
    return 1 if shooter.overflowing else 0


if __name__ == "__main__":
    sys.exit(main())
