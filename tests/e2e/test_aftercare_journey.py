"""A clinician writes the aftercare plan before discharge: an appointment, someone to call."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.axe import assert_accessible, axe_violations
from tests.e2e.browser import share_session
from tests.factories import ClientFactory, EpisodeFactory
from treatment_plans.models import AftercareAppointment, AftercareContact

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_clinician_adds_an_appointment_and_a_contact(
    page: Page, axe_page: Page, live_server, login, e2e_program, clinician
):
    client = ClientFactory(program=e2e_program, legal_first_name="Quinn", legal_last_name="Harlow")
    episode = EpisodeFactory(client=client, primary_clinician=clinician)
    login(page, clinician)
    page.goto(f"{live_server.url}/plans/episodes/{episode.pk}/aftercare/")
    expect(page.get_by_role("heading", name="Aftercare plan")).to_be_visible()

    # A date already past is refused with the reason, and nothing is added.
    form = page.locator("#appointment-form")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    form.get_by_label("Kind of appointment").select_option(label="Primary care")
    form.get_by_label("With", exact=True).fill("Dr. Park")
    form.get_by_label("Date", exact=True).fill(yesterday.isoformat())
    form.get_by_label("Time", exact=True).fill("09:00")
    form.get_by_role("button", name="Add the appointment").click()
    expect(page.get_by_text("An aftercare appointment must be later than now")).to_be_visible()
    assert not AftercareAppointment.objects.exists()

    # The same appointment next week is added (what was typed is still in the form).
    next_week = timezone.localdate() + datetime.timedelta(days=7)
    form = page.locator("#appointment-form")
    expect(form.get_by_label("With", exact=True)).to_have_value("Dr. Park")
    form.get_by_label("Date", exact=True).fill(next_week.isoformat())
    form.get_by_label("Place or address").fill("40 Elm St")
    form.get_by_label("Phone", exact=True).fill("202 555 0143")
    form.get_by_role("button", name="Add the appointment").click()
    expect(page.get_by_text("Appointment added.")).to_be_visible()
    expect(page.get_by_text("Primary care with Dr. Park")).to_be_visible()
    expect(
        page.get_by_text(f"{next_week:%b} {next_week.day}, {next_week.year} at 9:00 AM")
    ).to_be_visible()

    contact = page.locator("#contact-form")
    contact.get_by_label("Name", exact=True).fill("Casey")
    contact.get_by_label("Role or relationship").fill("sponsor")
    contact.get_by_label("When to call").fill("when cravings rise")
    contact.get_by_role("button", name="Add the contact").click()
    expect(page.get_by_text("Contact added.")).to_be_visible()
    expect(page.get_by_text("When to call: when cravings rise")).to_be_visible()
    assert AftercareContact.objects.get().name == "Casey"

    share_session(page, axe_page)
    assert_accessible(axe_page)
    assert axe_violations(axe_page) == []
