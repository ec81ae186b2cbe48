"""The prescriber reconciles a client's medications at admission in the browser: confirms
one, changes a dose with a reason, stops one, completes, and reads the summary; axe-core
audits the list and the reconciliation page at tablet width too."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from iop.accounts.models import Role
from tests.e2e.axe import assert_accessible
from tests.factories import ClientFactory, EpisodeFactory, member
from tests.medications.helpers import add

# Like every browser test: the flush after it restores the reference data the next one needs.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_prescriber_reconciles_at_admission(
    page: Page, axe_page: Page, login, live_server, e2e_program, tmp_path
):
    prescriber = member(Role.PRESCRIBER, e2e_program, email="prescriber@clinic.test")
    intake = member(Role.INTAKE, e2e_program, email="intake@clinic.test")
    client = EpisodeFactory(
        client=ClientFactory(program=e2e_program, legal_first_name="Jordan")
    ).client
    add(client, intake)
    add(
        client,
        intake,
        name="Prazosin",
        drug_class="alpha_agonist",
        dose="1 mg",
        frequency="at bedtime",
    )
    add(client, intake, name="Ibuprofen", drug_class="other", dose="400 mg", frequency="as needed")
    login(page, prescriber)
    page.goto(f"{live_server.url}/clients/{client.pk}/medications/")
    expect(page.get_by_role("heading", name="Sertraline")).to_be_visible()
    page.screenshot(path="/tmp/meds-list-1366.png", full_page=True)
    page.set_viewport_size({"width": 820, "height": 1100})
    page.screenshot(path="/tmp/meds-list-820.png", full_page=True)
    page.get_by_role("button", name="Start a reconciliation").click()
    prazosin = page.get_by_role("article", name="Prazosin")
    prazosin.get_by_role("button", name="Confirm").click()
    ibuprofen = page.get_by_role("article", name="Ibuprofen")
    ibuprofen.get_by_label("Reason (needed to stop)").fill("stomach upset")
    ibuprofen.get_by_role("button", name="Stop").click()
    sertraline = page.get_by_role("article", name="Sertraline")
    sertraline.get_by_text("Change", exact=True).click()
    sertraline.get_by_label("Dose").fill("100 mg")
    sertraline.get_by_label("Reason for the change").fill("partial response")
    sertraline.get_by_role("button", name="Save the change").click()
    page.screenshot(path="/tmp/meds-rec-820.png", full_page=True)
    page.get_by_role("button", name="Complete the reconciliation").click()
    expect(
        page.get_by_text("Sertraline 50 mg once daily: changed dose to 100 mg (partial response)")
    ).to_be_visible()
    expect(page.get_by_text("Ibuprofen 400 mg as needed: stopped (stomach upset)")).to_be_visible()
    login(axe_page, prescriber)
    for url in (f"/clients/{client.pk}/medications/", page.url.removeprefix(live_server.url)):
        axe_page.goto(live_server.url + url)
        assert_accessible(axe_page)
