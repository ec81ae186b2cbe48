"""The family journey in the browser: intake adds a client's mother and records her consent;
the clinician books a family session with her, charts it (who attended, the focus) and signs
the note; then builds the family aftercare plan, signs it and renders her plain-language copy
by the real worker. axe-core checks every page on the way; the PDF holds what her consent
allows and nothing of the staff-only safety notes."""

from __future__ import annotations

import datetime
import io

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from family.models import ClientPerson, FamilyAftercarePlan, FamilySessionGuest
from iop.accounts.models import Role
from iop.notifications.models import OutboxMessage
from scheduling.models import ProgressNote, Session
from scheduling.services.billing import service_codes_seed
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import share_session, sign_in
from tests.factories import ClientFactory, EpisodeFactory, member

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("celery_worker"),
]

SAFETY_NOTE = "Never call the client through her brother"


def audit(page: Page, axe_page: Page) -> None:
    share_session(page, axe_page)
    assert_accessible(axe_page)


def next_weekday(program) -> datetime.date:
    day = program.today() + datetime.timedelta(days=1)
    while day.isoweekday() > 5:
        day += datetime.timedelta(days=1)
    return day


def test_family_member_consent_session_and_aftercare_copy(
    page: Page, axe_page: Page, browser, live_server, e2e_program
):
    intake = member(Role.INTAKE, e2e_program, email="jordan@clinic.test", first_name="Jordan")
    clinician = member(
        Role.CLINICIAN, e2e_program, email="sam@clinic.test", first_name="Sam", last_name="Okafor"
    )
    client = ClientFactory(program=e2e_program, legal_first_name="Quinn", legal_last_name="Harlow")
    EpisodeFactory(client=client, primary_clinician=clinician)
    service_codes_seed(program=e2e_program)

    # Intake: the client names her mother, and consents to appointment times and the plan.
    sign_in(page, live_server.url, intake.email)
    page.goto(f"{live_server.url}/clients/{client.pk}/")
    page.get_by_role("link", name="The client’s people").click()
    expect(page.get_by_text("No one recorded yet.")).to_be_visible()
    page.get_by_role("link", name="Add a person").click()
    new = page.locator("section", has=page.get_by_role("heading", name="Someone new"))
    new.get_by_label("First name").fill("Marta")
    new.get_by_label("Last name").fill("Harlow")
    new.get_by_label("Email").fill("marta@example.com")
    new.get_by_label("Invitations and reminders by").select_option(label="Email")
    new.get_by_label("Relationship", exact=True).select_option(label="Parent")
    new.get_by_label("Notes on safety").fill(SAFETY_NOTE)
    audit(page, axe_page)
    new.get_by_role("button", name="Add this person").click()
    expect(page.get_by_text("Marta Harlow added to the client's people.")).to_be_visible()
    expect(page.get_by_text("No consent on file").first).to_be_visible()
    audit(page, axe_page)

    page.get_by_role("link", name="Record a consent").click()
    page.get_by_label("Appointment times (invitations and reminders)").check()
    page.get_by_label("Family aftercare plan").check()
    page.get_by_label("Warning signs and what to do").check()
    audit(page, axe_page)
    page.get_by_role("button", name="Save and go to signing").click()
    page.get_by_role("radio", name="The client").check()
    page.get_by_label("Full name, typed by the person signing").fill("Quinn Harlow")
    page.get_by_label("I have read this consent, or had it read to me, and I agree to it.").check()
    page.get_by_role("button", name="Sign consent").click()
    expect(page.get_by_text("Consent signed and witnessed. It is now in force.")).to_be_visible()
    page.goto(f"{live_server.url}/clients/{client.pk}/people/")
    expect(page.get_by_text("Consent in force until").first).to_be_visible()
    link = ClientPerson.objects.get(client=client)

    # The clinician books a family session with her: an invitation waits in the outbox.
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    clinic = context.new_page()
    sign_in(clinic, live_server.url, clinician.email)
    clinic.goto(f"{live_server.url}/clients/{client.pk}/")
    clinic.get_by_role("link", name="Book a family session").click()
    clinic.get_by_label("Marta Harlow (Parent)").check()
    clinic.get_by_label("Clinician").select_option(label="Sam Okafor")
    clinic.get_by_label("Date").fill(next_weekday(e2e_program).isoformat())
    clinic.get_by_label("Starts at").fill("13:00")
    clinic.get_by_label("Telehealth link").fill("https://video.example.com/room/7")
    audit(clinic, axe_page)
    clinic.get_by_role("button", name="Book the family session").click()
    expect(clinic.get_by_text("Family members invited")).to_be_visible()
    session = Session.objects.get(kind="family")
    invitation = OutboxMessage.objects.get(hold_key=f"family-person:{link.pk}")
    assert "Quinn" not in invitation.body and "Harlow" not in invitation.body
    audit(clinic, axe_page)

    # The day comes: the session is moved to earlier today, so it can be charted now.
    started = timezone.now() - datetime.timedelta(minutes=90)
    Session.objects.filter(pk=session.pk).update(
        starts_at=started,
        ends_at=started + datetime.timedelta(minutes=50),
        occurs_on=e2e_program.local_date(started),
    )
    clinic.goto(f"{live_server.url}/schedule/sessions/{session.pk}/")
    clinic.get_by_label("Attendance of Quinn Harlow").select_option(label="Present")
    clinic.get_by_role("button", name="Save attendance for 1 client").click()
    clinic.get_by_role("radio", name="Attended").check()
    clinic.get_by_role("button", name="Save who attended").click()
    expect(clinic.get_by_text("Family attendance saved.")).to_be_visible()
    assert FamilySessionGuest.objects.get(session=session).attendance == "attended"

    clinic.get_by_role("link", name="Write the notes for this session").click()
    for label, text in {
        "Data": "Quinn and her mother talked about evenings at home.",
        "Assessment": "Both named the same early warning sign.",
        "Plan": "Practice the check-in script twice this week.",
    }.items():
        clinic.get_by_label(label, exact=True).fill(text)
    clinic.get_by_label("Communication").check()
    clinic.get_by_label("Boundaries").check()
    interventions = clinic.get_by_label("Interventions with the family")
    if interventions.count():
        interventions.fill("Modeled a calm check-in; role-played a boundary.")
    clinic.get_by_label("Service", exact=True).select_option(
        label="90847 · Family psychotherapy, client present"
    )
    clinic.get_by_label("No risk identified").check()
    audit(clinic, axe_page)
    clinic.get_by_role("button", name="Save the note").click()
    expect(clinic.get_by_text("Note saved. Sign it when it is complete.")).to_be_visible()
    clinic.get_by_role("button", name="Sign and lock").click()
    note = ProgressNote.objects.get(session=session)
    assert note.signed_at is not None
    assert "Marta Harlow" in note.signed_text
    assert "Communication" in note.signed_text

    # The family aftercare plan: her role, what was agreed, a referral, signed, her copy.
    clinic.goto(f"{live_server.url}/clients/{client.pk}/")
    clinic.get_by_role("link", name="Family aftercare plan").click()
    clinic.get_by_role("button", name="Start the family aftercare plan").click()
    supporter = clinic.locator("form", has=clinic.get_by_role("heading", name="Add a supporter"))
    supporter.get_by_label("Who").select_option(index=1)
    supporter.get_by_label("What they agreed to do").fill("Evening check-in by phone")
    supporter.get_by_role("button", name="Add the supporter").click()
    expect(clinic.get_by_text("Evening check-in by phone")).to_be_visible()
    clinic.get_by_label("Communication strategies agreed").fill("Ask open questions; no lectures.")
    clinic.get_by_label("Boundaries agreed").fill("No money is lent.")
    clinic.get_by_role("button", name="Save", exact=True).click()
    expect(clinic.get_by_text("Ask open questions; no lectures.")).to_be_visible()
    referral = clinic.locator("form", has=clinic.get_by_role("heading", name="Add a referral"))
    referral.get_by_label("Name").fill("Al-Anon Family Group, Riverside Library")
    referral.get_by_role("button", name="Add the referral").click()
    expect(clinic.get_by_text("Al-Anon Family Group, Riverside Library").first).to_be_visible()
    audit(clinic, axe_page)
    clinic.get_by_role("button", name="Sign and lock").click()
    expect(clinic.get_by_text("Signed by Sam Okafor")).to_be_visible()
    assert FamilyAftercarePlan.objects.get(client=client).signed_at is not None

    clinic.get_by_role("button", name="Make the PDF for Marta Harlow").click()
    download_link = clinic.get_by_role("link", name="Download PDF")
    expect(download_link).to_be_visible(timeout=30_000)
    audit(clinic, axe_page)
    with clinic.expect_download() as download:
        download_link.click()
    with open(download.value.path(), "rb") as pdf:
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read())).pages)
    assert "Evening check-in by phone" in text
    assert "Al-Anon Family Group" in text
    assert "988" in text
    assert SAFETY_NOTE not in text
    assert "Harlow" not in text.replace("Marta Harlow", "")  # the client by first name only
    context.close()
