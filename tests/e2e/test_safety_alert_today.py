"""A clinician signs in and sees, at the top of Today, the open safety alert of a client
expected in their group tonight: what is due and by when, and where to record it. axe-core
on the page; the strict CSP blocks nothing (the ``page`` fixture fails the test otherwise)."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from iop.accounts.models import Role
from scheduling.models import Session, SessionAttendee, SessionKind
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import share_session
from tests.factories import ClientFactory, EpisodeFactory, member
from tests.intake.alerts_helpers import alert_raise
from tests.scheduling.factories import GroupFactory, SessionFactory, staff_session

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def morning_zone() -> str:
    """A fixed-offset zone where it is about 10:00 now: the alert is due today by 5:00 PM and
    the group starts at 18:00 the same local day, whenever the suite runs."""
    offset = 10 - timezone.now().astimezone(datetime.UTC).hour
    offset = (offset + 12) % 24 - 12  # Etc/GMT zones run from -12 to +14
    return f"Etc/GMT{-offset:+d}" if offset else "Etc/GMT"


def evening_group(program, lead, episodes) -> Session:
    zone = zoneinfo.ZoneInfo(program.time_zone)
    today = timezone.now().astimezone(zone).date()
    starts = datetime.datetime.combine(today, datetime.time(18), tzinfo=zone)
    group = GroupFactory(program=program, name="Evening process group")
    session: Session = SessionFactory(  # type: ignore[assignment]
        program=program, kind=SessionKind.GROUP, group=group, occurs_on=today,
        starts_at=starts, ends_at=starts + datetime.timedelta(minutes=90),
    )  # fmt: skip
    staff_session(session, lead)
    for episode in episodes:
        SessionAttendee.objects.create(session=session, episode=episode, client=episode.client)
    return session


def test_clinician_sees_the_open_alert_at_the_top_of_today(
    page: Page, axe_page: Page, login, e2e_program
):
    e2e_program.time_zone = morning_zone()
    e2e_program.save(update_fields=["time_zone"])
    lead = member(Role.CLINICIAN, e2e_program, email="sam@clinic.test", first_name="Sam")
    primary = member(Role.CLINICIAN, e2e_program, first_name="Pat", last_name="Reyes")
    intake = member(Role.INTAKE, e2e_program)
    episodes = []
    for first in ("Jordan", "Mei", "Marcus"):
        client = ClientFactory(program=e2e_program, legal_first_name=first, legal_last_name="Hale")
        episodes.append(EpisodeFactory(client=client, primary_clinician=primary))
    evening_group(e2e_program, lead, episodes)
    alert_raise(episodes[0].client, intake)

    login(page, lead)
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    alerts = page.get_by_role("region", name="Open safety alerts")
    expect(alerts).to_be_visible()
    expect(alerts.get_by_role("link", name="Jordan Hale", exact=True)).to_be_visible()
    expect(alerts).to_contain_text("Risk assessment due today by 5:00 PM")
    expect(alerts).to_contain_text("Expected today at Evening process group (18:00)")
    expect(alerts).to_contain_text("Primary clinician: Pat Reyes")
    sessions = page.get_by_role("heading", name="My sessions")
    assert alerts.bounding_box()["y"] < sessions.bounding_box()["y"]  # type: ignore[index]
    # The same client carries the badge in the session's expected list, and nobody else does.
    arrivals = page.locator(".arrival-list")
    expect(arrivals.locator(".safety-badge")).to_have_count(1)
    expect(arrivals.locator("li", has_text="Jordan Hale").locator(".safety-badge")).to_have_text(
        "Open safety alert: risk assessment due today by 5:00 PM"
    )
    share_session(page, axe_page)
    assert_accessible(axe_page)

    alerts.get_by_role("link", name="Record the risk assessment for Jordan Hale").click()
    expect(page.get_by_role("heading", name="Jordan Hale")).to_be_visible()
