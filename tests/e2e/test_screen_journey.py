"""A clinician records a urine screen for a client on buprenorphine, reads it, interprets,
signs it and adds an addendum."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect

from iop.accounts.models import Role
from iop.medications.classes import DrugClass
from iop.medications.models import Medication, MedicationSource
from relapse_prevention.models import Specimen
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import share_session
from tests.factories import ClientFactory, EpisodeFactory, member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def audit(page: Page, axe_page: Page) -> None:
    share_session(page, axe_page)
    assert_accessible(axe_page)


def test_clinician_records_interprets_signs_and_amends_a_screen(
    page: Page, axe_page: Page, live_server, login, e2e_program
):
    clinician = member(
        Role.CLINICIAN, e2e_program, email="sam@clinic.test", first_name="Sam", last_name="Okafor"
    )
    prescriber = member(Role.PRESCRIBER, e2e_program, email="dana@clinic.test")
    client = ClientFactory(program=e2e_program, legal_first_name="Quinn", legal_last_name="Harlow")
    EpisodeFactory(client=client, primary_clinician=clinician)
    Medication.objects.create(
        client=client,
        name="Buprenorphine/naloxone",
        drug_class=DrugClass.BUPRENORPHINE,
        dose="8 mg/2 mg",
        frequency="once daily",
        prescriber=prescriber,
        started_on=e2e_program.today() - datetime.timedelta(days=30),
        source=MedicationSource.PRESCRIBED_HERE,
    )

    login(page, clinician)
    page.goto(f"{live_server.url}/clients/{client.pk}/screens/new/")
    expect(page.get_by_role("heading", name="Record a drug screen")).to_be_visible()
    audit(page, axe_page)

    # A refusal hides the results; a normal specimen shows them again.
    page.get_by_label("Validity").select_option("refused")
    expect(page.locator("#analyte-rows")).to_be_hidden()
    page.get_by_label("Validity").select_option("normal")
    expect(page.locator("#analyte-rows")).to_be_visible()
    earlier = e2e_program.now() - datetime.timedelta(minutes=30)
    page.get_by_label("Collected on").fill(earlier.date().isoformat())
    page.get_by_label("Collected at (time)").fill(earlier.strftime("%H:%M"))
    page.get_by_label("Buprenorphine screen result").select_option("positive")
    page.get_by_label("Cocaine metabolite (benzoylecgonine) screen result").select_option(
        "positive"
    )
    page.get_by_role("button", name="Record the screen").click()

    expect(page.get_by_text("Screen recorded.")).to_be_visible()
    expect(page.get_by_text("consistent with prescribed buprenorphine/naloxone")).to_be_visible()
    cocaine = page.locator("#analyte-readings tr", has_text="Cocaine metabolite")
    expect(cocaine).to_contain_text("Not explained")
    expect(page.locator("#active-medications")).to_contain_text("Buprenorphine/naloxone")
    audit(page, axe_page)

    page.get_by_role("textbox", name="Interpretation").fill(
        "Cocaine use discussed; plan reviewed with Quinn."
    )
    page.get_by_role("button", name="Save the interpretation").click()
    expect(page.get_by_text("Interpretation saved.")).to_be_visible()
    page.get_by_role("button", name="Sign and lock").click()
    expect(page.get_by_text("Screen signed and locked.")).to_be_visible()
    expect(page.locator(".status-pill")).to_have_text("Signed and locked")
    expect(page.get_by_role("button", name="Save the interpretation")).to_have_count(0)
    assert Specimen.objects.get().is_signed
    audit(page, axe_page)

    page.get_by_role("textbox", name="Addendum").fill(
        "Lab confirmation received: cocaine confirmed."
    )
    page.get_by_role("button", name="Sign and add the addendum").click()
    expect(page.get_by_text("Addendum signed and added.")).to_be_visible()
    expect(page.get_by_text("Lab confirmation received: cocaine confirmed.")).to_be_visible()
    audit(page, axe_page)
