"""A director watches the live census: a clinician's change of level shows on the next
load, the number opens the list behind it, and axe-core finds nothing on either page."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from playwright.sync_api import Page, expect

from iop.accounts.models import Role
from iop.clients.models import Episode
from iop.clients.services import episode_level_change
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import share_session
from tests.factories import ClientFactory, EpisodeFactory, level, member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_census_is_live_and_every_number_opens_its_list(
    page: Page, axe_page: Page, live_server, login, e2e_program
):
    clinician = member(Role.CLINICIAN, e2e_program, email="sam@clinic.test")
    director = member(Role.DIRECTOR, e2e_program, email="dana@clinic.test")
    client = ClientFactory(program=e2e_program, legal_first_name="Quinn", legal_last_name="Harlow")
    episode: Episode = EpisodeFactory(  # type: ignore[assignment]
        client=client,
        admitted_on=e2e_program.today() - datetime.timedelta(days=30),
        level_of_care=level("2.1"),
        primary_clinician=clinician,
    )

    login(page, director)
    page.goto(f"{live_server.url}/census/")
    in_care = page.locator("#figure-active")
    expect(in_care.locator(".stat-value")).to_have_text("1")
    changes = page.locator("figure.census-chart").filter(has_text="Changes of level of care")
    expect(changes.locator(".census-chart-total .stat-value")).to_have_text("0")
    share_session(page, axe_page)
    assert_accessible(axe_page)

    # The clinician's step-up, approved elsewhere, goes through the kernel's service
    # (inside the approving transaction, as there).
    with transaction.atomic():
        episode_level_change(
            episode=episode,
            to_level=level("2.5"),
            effective_on=e2e_program.today(),
            reason="Daily structure needed.",
            by=clinician,
        )
    page.reload()
    expect(changes.locator(".census-chart-total .stat-value")).to_have_text("1")
    expect(page.get_by_role("table").first).to_contain_text("ASAM 2.5 Partial hospitalization")

    changes.locator(".census-chart-total").click()
    expect(page.get_by_role("heading", name="Changes of level of care")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Quinn Harlow")
    expect(row).to_contain_text("ASAM 2.1 to ASAM 2.5")
    share_session(page, axe_page)
    assert_accessible(axe_page)
    row.get_by_role("link", name="Quinn Harlow").click()
    expect(page).to_have_url(f"{live_server.url}/clients/{client.pk}/")
