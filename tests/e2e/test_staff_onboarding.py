"""An administrator invites a clinician, the director approves the role, the clinician sets a
password from the one-time link and signs in to their own Today."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from iop.accounts.models import Membership, Role, StaffInvitation
from iop.accounts.services import invitation_link_issue
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import sign_in
from tests.factories import member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NEW_PASSWORD = "harbor-lantern-quiet-47"


def test_invited_clinician_starts_only_after_the_director_approves(
    axe_page: Page, live_server, login, e2e_program, settings
):
    settings.IOP_BASE_URL = live_server.url
    administrator = member(Role.ADMINISTRATOR, e2e_program, email="admin@clinic.test")
    director = member(Role.DIRECTOR, e2e_program, email="director@clinic.test")
    page = axe_page

    login(page, administrator)
    page.goto(f"{live_server.url}/staff/")
    page.get_by_label("Email address").fill("jordan.ellis@clinic.test")
    page.get_by_label("First name").fill("Jordan")
    page.get_by_label("Last name").fill("Ellis")
    page.get_by_label("Role", exact=True).select_option(Role.CLINICIAN)
    page.get_by_role("button", name="Send invitation").click()
    expect(
        page.get_by_text("Their role starts once a director of the program approves it")
    ).to_be_visible()
    expect(page.get_by_text("Waiting for a director")).to_be_visible()
    assert_accessible(page)
    assert Membership.objects.get(user__email="jordan.ellis@clinic.test").awaiting_approval

    # The link is made when the email goes out (only its hash is kept): issue it as the sender does.
    invitation = StaffInvitation.objects.get(user__email="jordan.ellis@clinic.test")
    link = invitation_link_issue(invitation_id=str(invitation.pk))

    page.context.clear_cookies()
    page.goto(link)
    expect(page.get_by_role("heading", name="Choose your password")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set password").click()
    expect(page.get_by_text("Your password is set")).to_be_visible()

    # Used once: the same link is refused.
    page.goto(link)
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_label("New password", exact=True)).to_have_count(0)

    # Signed in before the director decides: no client is within reach.
    sign_in(page, live_server.url, "jordan.ellis@clinic.test", NEW_PASSWORD)
    refused = page.goto(f"{live_server.url}/clients/")
    assert refused is not None and refused.status == 403
    page.context.clear_cookies()

    login(page, director)
    page.goto(f"{live_server.url}/staff/")
    row = page.get_by_role("row", name="Jordan Ellis", exact=False)
    expect(row.get_by_role("cell", name="Clinician")).to_be_visible()
    assert_accessible(page)
    row.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Waiting for a director")).to_have_count(0)
    expect(page.get_by_role("button", name="Approve")).to_have_count(0)
    assert not Membership.objects.get(user__email="jordan.ellis@clinic.test").awaiting_approval

    page.context.clear_cookies()
    sign_in(page, live_server.url, "jordan.ellis@clinic.test", NEW_PASSWORD)
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
