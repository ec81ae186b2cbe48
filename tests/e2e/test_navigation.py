"""Each role signs in through the real form, lands on its home page and sees only its navigation."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from iop import views
from iop.accounts.context_processors import NAVIGATION
from iop.accounts.models import Role
from iop.accounts.permissions import ROLE_CAPABILITIES
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import share_session
from tests.factories import member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def allowed_navigation(role: str) -> list[str]:
    return [label for label, _, capability in NAVIGATION if capability in ROLE_CAPABILITIES[role]]


def home_page(role: str) -> str:
    caps = ROLE_CAPABILITIES[role]
    return next(reverse(name) for capability, name in views.LANDING_PAGES if capability in caps)


def shown_navigation(page: Page) -> list[str]:
    return page.get_by_role("navigation", name="Main").get_by_role("link").all_inner_texts()


@pytest.mark.parametrize("role", list(Role))
def test_role_signs_in_to_its_home_page_and_sees_only_its_navigation(
    page: Page, axe_page: Page, live_server, login, e2e_program, role
):
    user = member(role, e2e_program, email=f"{role}@clinic.test")

    login(page, user)

    assert page.url == f"{live_server.url}{home_page(role)}"
    assert shown_navigation(page) == allowed_navigation(role)
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.locator("[aria-current=page]")).to_have_count(1)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    share_session(page, axe_page)
    assert_accessible(axe_page)


def test_probation_officer_sees_only_reports(page: Page, live_server, login, e2e_program):
    login(page, member(Role.PROBATION, e2e_program, email="po@court.test"))

    assert shown_navigation(page) == ["Reports"]
    expect(page.get_by_role("heading", level=1)).to_have_text("Reports disclosed to you")
    response = page.goto(f"{live_server.url}/clients/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("This page is not available to you")


def test_administrator_is_offered_no_clinical_pages(page: Page, live_server, login, e2e_program):
    login(page, member(Role.ADMINISTRATOR, e2e_program, email="admin@clinic.test"))

    assert shown_navigation(page) == ["Staff"]
