"""axe-core finds no serious or critical problem on the main pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from iop.accounts.models import Role
from tests.e2e.axe import assert_accessible
from tests.factories import PASSWORD, member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_login_page_passes_axe_before_and_after_a_wrong_password(axe_page: Page, live_server):
    axe_page.goto(f"{live_server.url}/accounts/login/")
    expect(axe_page.get_by_label("Email address")).to_be_visible()
    assert_accessible(axe_page)

    axe_page.get_by_label("Email address").fill("nobody@clinic.test")
    axe_page.get_by_label("Password").fill("not-the-password")
    axe_page.get_by_role("button", name="Sign in").click()

    expect(axe_page.get_by_role("alert")).to_be_visible()
    assert_accessible(axe_page)


def test_client_list_and_flagged_chart_pass_axe(
    axe_page: Page, live_server, login, flagged_client, clinician
):
    login(axe_page, clinician)
    axe_page.goto(f"{live_server.url}/clients/")
    expect(axe_page.get_by_role("link", name="Avery Alvarez")).to_be_visible()
    assert_accessible(axe_page)

    axe_page.get_by_role("link", name="Avery Alvarez").click()

    flags = axe_page.get_by_role("list", name="Safety flags")
    expect(flags).to_contain_text("Suicide risk")
    expect(flags).to_contain_text("Safety plan in chart")
    assert_accessible(axe_page)


def test_census_and_audit_log_pass_axe(
    axe_page: Page, live_server, login, flagged_client, e2e_program
):
    login(axe_page, member(Role.DIRECTOR, e2e_program, email="director@clinic.test"))
    axe_page.goto(f"{live_server.url}/census/")
    expect(axe_page.get_by_role("heading", name="Census")).to_be_visible()
    assert_accessible(axe_page)

    axe_page.goto(f"{live_server.url}/clients/{flagged_client.pk}/")  # writes a record-view entry
    axe_page.goto(f"{live_server.url}/audit/")

    # The chart logged a view of her record (the census shows numbers; its lists log names).
    expect(axe_page.get_by_role("cell", name="Avery Alvarez (", exact=False).first).to_be_visible()
    assert_accessible(axe_page)


def test_two_factor_set_up_passes_axe(axe_page: Page, live_server, login, clinician):
    """Every staff member's first stop once MFA is required: allauth's pages in the app layout."""
    login(axe_page, clinician)
    axe_page.goto(f"{live_server.url}/accounts/2fa/totp/activate/")
    expect(axe_page.get_by_role("heading", name="Confirm Access")).to_be_visible()
    assert_accessible(axe_page)  # allauth asks for the password again first
    axe_page.get_by_label("Password").fill(PASSWORD)
    axe_page.get_by_role("button", name="Confirm").click()

    expect(axe_page.get_by_label("Authenticator code")).to_be_visible()
    assert_accessible(axe_page)
