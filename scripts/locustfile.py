"""Load test of the main pages with locust. Not a test of the suite.

Simulated staff sign in with the demo accounts (``manage.py seed_demo``) and move through
their day as a clinic would: clinicians (four in five users) mostly on Today, opening
a client's chart, their week, and the group notes page of one of today's sessions when
Today lists one; the director on Today, the census, one of its lists and the week of the
whole program. Each user waits 2 to 8 seconds between pages (reading, typing).

The server must run with ``IOP_REQUIRE_MFA=false`` (the demo accounts then sign in with a
password alone). Run, against a server on port 8134 (README.md, "Load test"):

    .venv/bin/locust -f scripts/locustfile.py --headless -u 50 -r 5 -t 2m \\
        --host http://127.0.0.1:8134

``DEMO_PASSWORD`` overrides the demo password, as for seed_demo.
"""

from __future__ import annotations

import os
import random
import re
from typing import Any

from locust import HttpUser, between, task

PASSWORD = os.environ.get("DEMO_PASSWORD", "demo-clinic-2026")
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
CHART = re.compile(rf'href="(/clients/{UUID}/)"')
SESSION_NOTES = re.compile(rf'href="(/schedule/sessions/{UUID}/notes/)"')
# Attendance is taken on the session's own page (the notes URL's parent).
SESSION_ATTENDANCE = "/schedule/sessions/{}/"
CENSUS_LIST = re.compile(rf'href="(/census/{UUID}/[a-z_]+/)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Staff(HttpUser):
    abstract = True
    email = ""
    wait_time = between(2, 8)

    def on_start(self) -> None:
        self.charts: list[str] = []
        self.notes: list[str] = []
        self.lists: list[str] = []
        page = self.client.get("/accounts/login/", name="sign in (form)")
        token = CSRF.search(page.text)
        with self.client.post(
            "/accounts/login/",
            {
                "login": self.email,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="sign in",
            catch_response=True,
        ) as response:
            if "/accounts/login/" in response.url or "/mfa/" in response.url:
                response.failure(f"not signed in (landed on {response.url})")
        self.today()

    def page(self, url: str, name: str) -> Any:
        with self.client.get(url, name=name, catch_response=True) as response:
            if "/accounts/login/" in response.url:
                response.failure("signed out")
            return response

    def today(self) -> None:
        response = self.page("/schedule/today/", "Today")
        text = response.text or ""
        self.charts = sorted(set(CHART.findall(text))) or self.charts
        self.notes = sorted(set(SESSION_NOTES.findall(text)))


class Clinician(Staff):
    weight = 4
    email = "clinician@demo.test"

    @task(6)
    def today_page(self) -> None:
        self.today()

    @task(4)
    def chart(self) -> None:
        if self.charts:
            self.page(random.choice(self.charts), "client chart")  # noqa: S311 (not crypto)

    @task(2)
    def week(self) -> None:
        self.page("/schedule/week/", "week view")

    @task(3)
    def group_notes(self) -> None:
        if self.notes:
            self.page(random.choice(self.notes), "group notes (today's session)")  # noqa: S311

    @task(2)
    def attendance(self) -> None:
        if self.notes:
            session_id = random.choice(self.notes).split("/")[3]  # noqa: S311
            self.page(SESSION_ATTENDANCE.format(session_id), "attendance (session page)")


class Director(Staff):
    weight = 1
    email = "director@demo.test"

    @task(3)
    def today_page(self) -> None:
        self.today()

    @task(4)
    def census(self) -> None:
        response = self.page("/census/", "census")
        self.lists = sorted(set(CENSUS_LIST.findall(response.text or ""))) or self.lists

    @task(2)
    def census_list(self) -> None:
        if self.lists:
            self.page(random.choice(self.lists), "census list")  # noqa: S311

    @task(2)
    def week(self) -> None:
        self.page("/schedule/week/", "week view (program)")

    @task(1)
    def chart(self) -> None:
        if self.charts:
            self.page(random.choice(self.charts), "client chart")  # noqa: S311
