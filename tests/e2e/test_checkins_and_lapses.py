"""A clinician records a check-in from the session's attendance page (htmx, in seconds) and a
lapse from the chart, and sees the prompt to review the relapse prevention plan. axe-core
finds nothing on the pages; the strict CSP blocks nothing."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from iop.accounts.models import Role
from relapse_prevention import tasks
from relapse_prevention.models import CheckIn, Lapse
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import share_session
from tests.factories import ClientFactory, EpisodeFactory, member
from tests.relapse_prevention.checkin_helpers import baseline_of
from tests.scheduling.charting_helpers import attend, past_session

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def audit(page: Page, axe_page: Page) -> None:
    share_session(page, axe_page)
    assert_accessible(axe_page)


def test_clinician_records_a_check_in_at_the_session_and_a_lapse_from_the_chart(
    page: Page, axe_page: Page, live_server, login, e2e_program, monkeypatch
):
    enqueued: list[str] = []
    monkeypatch.setattr(tasks.lapse_candidates_evaluate, "delay", enqueued.append)
    clinician = member(
        Role.CLINICIAN, e2e_program, email="sam@clinic.test", first_name="Sam", last_name="Okafor"
    )
    client = ClientFactory(program=e2e_program, legal_first_name="Quinn", legal_last_name="Harlow")
    episode: Any = EpisodeFactory(
        client=client,
        primary_clinician=clinician,
        admitted_on=e2e_program.today() - datetime.timedelta(days=30),
    )
    baseline_of(episode, clinician, craving=3, mood=6, from_days_ago=20)
    session = past_session(e2e_program, clinician, hours_ago=0.5)
    attend(session, episode)
    name = client.display_name

    login(page, clinician)
    page.goto(live_server.url + reverse("scheduling:session", args=[session.pk]))
    checkins = page.locator("#extra-checkins")
    expect(checkins.get_by_role("heading", name="Check-ins")).to_be_visible()
    audit(page, axe_page)

    # A craving past the scale is refused beside the form, nothing saved.
    checkins.get_by_label(f"Craving, {name}").fill("12")
    checkins.get_by_label(f"Mood, {name}").fill("4")
    checkins.get_by_label(f"Used since the last check-in, {name}").select_option("no")
    checkins.get_by_role("button", name=f"Save check-in for {name}").click()
    expect(checkins.get_by_text("Craving is from 0 to 10.")).to_be_visible()
    assert not CheckIn.objects.filter(session=session).exists()

    checkins.get_by_label(f"Craving, {name}").fill("7")
    checkins.get_by_label(f"Used since the last check-in, {name}").select_option("no")
    checkins.get_by_role("button", name=f"Save check-in for {name}").click()
    expect(checkins.get_by_text("Saved: craving 7, mood 4, no use.")).to_be_visible()
    saved = CheckIn.objects.get(session=session)
    assert (saved.craving, saved.mood, saved.recorded_by_id) == (7, 4, clinician.pk)
    audit(page, axe_page)

    # The chart: the trend against the baseline, then a lapse.
    page.goto(live_server.url + reverse("clients:chart", args=[client.pk]))
    section = page.locator("#checkins")
    expect(section.get_by_role("img")).to_have_accessible_name(
        f"Craving and mood over the last 8 weeks. Craving 7 on "
        f"{saved.recorded_on:%b} {saved.recorded_on.day}, baseline 3; mood 4, baseline 6."
    )
    audit(page, axe_page)
    section.get_by_role("link", name="Record a lapse").click()
    expect(page.get_by_role("heading", name="Record a lapse")).to_be_visible()
    audit(page, axe_page)
    page.get_by_label("Substance or behavior").fill("alcohol")
    page.get_by_label("What was going on").fill("My brother's wedding.")
    page.get_by_label("What helped").fill("Texting my sponsor the next morning.")
    page.get_by_label("What the client wants to do differently").fill("Leave by ten.")
    page.get_by_role("button", name="Record the lapse").click()

    expect(
        page.get_by_text("Review the relapse prevention plan with the client").first
    ).to_be_visible()
    expect(page.get_by_text("Texting my sponsor the next morning.")).to_be_visible()
    assert Lapse.objects.get().substance_or_behavior == "alcohol"
    assert enqueued == [str(e2e_program.pk)]
    audit(page, axe_page)
