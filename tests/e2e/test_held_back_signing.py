"""Warnings stop a signature, in the browser: a clinician writes a group's parts where one
names another member, presses Sign all, sees that part held back with the reason, confirms
the word is not a member's name, and signs it. axe-core on each page; the strict CSP blocks
nothing (the ``page`` fixture fails the test otherwise)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from iop.accounts.models import Role
from scheduling.models import Attendance, ProgressNote, SessionAttendee, WarningConfirmation
from scheduling.services.group_notes import group_note_save
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import share_session
from tests.factories import ClientFactory, EpisodeFactory, member
from tests.scheduling.charting_helpers import past_session

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PARTS = {
    "Avery": "Talked about Hope, the sober house she moves into next week.",
    "Blake": "Described a craving on the bus and used paced breathing to ride it out.",
    "Casey": "Quiet at first; later named the family dinner as the week's hardest moment.",
}


def audit(page: Page, axe_page: Page) -> None:
    share_session(page, axe_page)
    assert_accessible(axe_page)


def test_sign_all_holds_back_a_part_until_the_warning_is_confirmed(
    page: Page, axe_page: Page, live_server, login, e2e_program
):
    clinician = member(Role.CLINICIAN, e2e_program, email="sam@clinic.test", first_name="Sam")
    session = past_session(e2e_program, clinician)
    for first in ("Avery", "Blake", "Casey"):
        last = "Hope" if first == "Casey" else "Lindqvist"  # Casey Hope: a member named Hope
        client = ClientFactory(program=e2e_program, legal_first_name=first, legal_last_name=last)
        episode = EpisodeFactory(client=client)
        SessionAttendee.objects.create(
            session=session, episode=episode, client=client,
            attendance=Attendance.PRESENT, minutes_attended=90,
        )  # fmt: skip
    group_note_save(
        session=session, topic="Coping with cravings", interventions="Urge surfing practice.",
        duration_minutes=90, actor=clinician, revision=0,
    )  # fmt: skip

    login(page, clinician)
    page.goto(live_server.url + reverse("scheduling:session_notes", args=[session.pk]))
    for first, text in PARTS.items():
        name = f"{first} {'Hope' if first == 'Casey' else 'Lindqvist'}"
        card = page.get_by_role("article", name=name, exact=True)
        card.get_by_label("Participation", exact=True).fill(text)
        card.get_by_label("Response", exact=True).fill(f"{first} engaged with the exercise.")
        card.get_by_label("Progress toward their objectives", exact=True).fill("On track.")
        card.get_by_label("Safety", exact=True).fill("None observed or reported.")
        card.get_by_role("button", name=f"Save {name}'s part").click()
        expect(
            page.get_by_role("article", name=name, exact=True).get_by_text("Draft, not signed")
        ).to_be_visible()
    avery = page.get_by_role("article", name="Avery Lindqvist", exact=True)
    expect(avery.get_by_text("Names another group member (“Hope”, Casey Hope)")).to_be_visible()

    page.get_by_role("button", name="Sign all notes").click()
    expect(page.get_by_text("Signed 2 notes, each in its client's chart.")).to_be_visible()
    held = page.get_by_role("region", name="Held back from signing")
    expect(held.get_by_text("Avery Lindqvist")).to_be_visible()
    expect(held.get_by_text("Names another group member (“Hope”, Casey Hope)")).to_be_visible()
    assert not ProgressNote.objects.get(client__legal_first_name="Avery").is_signed
    audit(page, axe_page)

    avery = page.get_by_role("article", name="Avery Lindqvist", exact=True)
    avery.get_by_role("button", name="“Hope” is not a member's name").click()
    expect(page.get_by_text("Confirmation recorded with Avery Lindqvist's note.")).to_be_visible()
    expect(page.get_by_text("Confirmed by Sam")).to_be_visible()
    expect(page.get_by_role("region", name="Held back from signing")).to_have_count(0)
    audit(page, axe_page)

    page.get_by_role("button", name="Sign all notes").click()
    expect(page.get_by_text("Signed 1 note, each in its client's chart.")).to_be_visible()
    note = ProgressNote.objects.get(client__legal_first_name="Avery")
    assert note.is_signed and "Hope, the sober house" in note.signed_text
    assert WarningConfirmation.objects.get().note == note
