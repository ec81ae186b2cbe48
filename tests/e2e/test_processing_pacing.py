"""A clinician sees stalled trauma processing on the plan page, records a pacing decision in
the browser, and the page passes axe-core with the panel, the SUDS table and the form."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from iop.accounts.models import Role
from relapse_prevention.models import ProcessingDecision
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import share_session
from tests.factories import member
from tests.relapse_prevention.processing_helpers import client_in_processing, processing_note

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_plan_page_with_the_pacing_panel_is_accessible(
    page: Page, axe_page: Page, live_server, login, e2e_program, clinician
):
    member(Role.DIRECTOR, e2e_program, email="director@clinic.test")
    plan = client_in_processing(
        e2e_program, clinician, legal_first_name="Robin", legal_last_name="Marsh"
    )
    for i in range(3):
        processing_note(plan, clinician, days_ago=6 - i, suds_end=4)
    login(page, clinician)
    page.goto(live_server.url + reverse("treatment_plans:plan_detail", args=[plan.pk]))
    panel = page.locator("#processing-panel")
    expect(panel.get_by_text("Pacing to review")).to_be_visible()
    expect(panel.get_by_role("table", name="EMDR: memory 1")).to_be_visible()
    share_session(page, axe_page)
    assert_accessible(axe_page)

    panel.get_by_label("Slow the pacing").check()
    panel.get_by_label("Why").fill("Shorter sets and more grounding before the next target.")
    panel.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Pacing decision recorded, awaiting confirmation.")).to_be_visible()
    expect(
        page.locator("#processing-panel").get_by_text("Decision awaiting confirmation")
    ).to_be_visible()
    share_session(page, axe_page)
    assert_accessible(axe_page)
    assert ProcessingDecision.objects.get().decided_by == clinician
