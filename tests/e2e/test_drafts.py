"""Nothing typed is lost, in the browser: a note's draft reaches the server a few seconds
after typing and is there after a reload; leaving with text the server does not have yet
asks first; "Mark all present" fills only the rows left empty, without a reload."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import Dialog, Page, expect

from groups.models import CurriculumTopic
from iop.accounts.models import Role
from scheduling.models import ProgressNote, Session, SessionAttendee, SessionKind
from tests.e2e.test_program_day_journey import midday_zone, started_today
from tests.factories import ClientFactory, EpisodeFactory, member
from tests.scheduling.factories import GroupFactory, SessionFactory, staff_session

# The answer of an autosave, e.g. "Draft saved at 21:41" (a reloaded page says the day too).
JUST_SAVED = re.compile(r"^\s*Draft saved at \d\d:\d\d\s*$")
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _session(program, clinician, kind: str, names: list[str]) -> list[SessionAttendee]:
    program.time_zone = midday_zone()
    program.save(update_fields=["time_zone"])
    starts = started_today(program, 30)
    extra = {}
    if kind == SessionKind.GROUP:
        group = GroupFactory(program=program, name="Seeking Safety")
        topic = CurriculumTopic.objects.create(group=group, position=1, title="Safety first")
        extra = {"group": group, "topic": topic, "topic_title": topic.title}
    session: Session = SessionFactory(  # type: ignore[assignment]
        program=program,
        kind=kind,
        occurs_on=starts.date(),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=90),
        **extra,
    )
    staff_session(session, clinician)
    attendees = []
    for first in names:
        client = ClientFactory(program=program, legal_first_name=first, legal_last_name="Okafor")
        episode = EpisodeFactory(client=client, primary_clinician=clinician)
        attendees.append(
            SessionAttendee.objects.create(
                session=session, episode=episode, client=client, attendance="", created_by=None
            )
        )
    return attendees


def test_a_typed_note_is_saved_as_a_draft_and_leaving_early_asks_first(
    page: Page, live_server, login, e2e_program
):
    clinician = member(Role.CLINICIAN, e2e_program, email="sam@clinic.test")
    (attendee,) = _session(e2e_program, clinician, SessionKind.INDIVIDUAL, ["Rosa"])
    SessionAttendee.objects.filter(pk=attendee.pk).update(attendance="present", minutes_attended=90)
    asked: list[str] = []

    def stay(dialog: Dialog) -> None:
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    login(page, clinician)
    note_url = f"{live_server.url}/schedule/notes/attendees/{attendee.pk}/"
    page.goto(note_url)
    expect(page.get_by_text("A draft is saved as you type.")).to_be_visible()
    page.get_by_label("Data", exact=True).fill("Rosa described a calmer week at work.")

    # Leaving at once, before the draft has gone: the browser asks, and she stays.
    page.get_by_role("link", name="Back to the chart").click()
    page.wait_for_timeout(300)
    assert asked == ["beforeunload"]
    assert page.url == note_url

    # A few seconds later the server has it; reloading shows it, and leaving asks nothing.
    expect(page.locator("[data-autosave]")).to_have_text(JUST_SAVED, timeout=10_000)
    assert ProgressNote.objects.get(client=attendee.client).body["data"].startswith("Rosa")
    page.reload()
    expect(page.get_by_label("Data", exact=True)).to_have_value(
        "Rosa described a calmer week at work."
    )
    expect(page.locator("[data-autosave]")).to_contain_text("Draft saved")  # and when
    page.get_by_label("Plan", exact=True).fill("Keep the evening routine.")
    expect(page.locator("[data-autosave]")).to_have_text(JUST_SAVED, timeout=10_000)
    page.wait_for_timeout(200)
    page.get_by_role("link", name="Back to the chart").click()
    expect(page).to_have_url(re.compile(r"/clients/[0-9a-f-]+/$"))
    assert asked == ["beforeunload"]
    assert ProgressNote.objects.get(client=attendee.client).body["plan"] == (
        "Keep the evening routine."
    )


def test_mark_all_present_keeps_a_chosen_mark_without_a_reload(
    page: Page, live_server, login, e2e_program
):
    clinician = member(Role.CLINICIAN, e2e_program, email="sam@clinic.test")
    attendees = _session(e2e_program, clinician, SessionKind.GROUP, ["Ana", "Ben", "Cy"])
    login(page, clinician)
    page.goto(f"{live_server.url}/schedule/sessions/{attendees[0].session_id}/")
    page.get_by_label("Attendance of Ben Okafor").select_option(label="Absent, excused")
    page.evaluate("window.stillThisPage = true")
    page.get_by_role("button", name="Mark all present").click()
    expect(page.get_by_text("Everyone not yet marked is now present")).to_be_visible()
    assert page.evaluate("window.stillThisPage === true")  # no reload
    expect(page.get_by_label("Attendance of Ana Okafor")).to_have_value("present")
    expect(page.get_by_label("Attendance of Ben Okafor")).to_have_value("absent_excused")
    expect(page.get_by_label("Attendance of Cy Okafor")).to_have_value("present")
    page.get_by_role("button", name="Save attendance for 3 clients", exact=True).click()
    expect(page.get_by_text("Attendance saved for 3 clients")).to_be_visible()
    marks = dict(
        SessionAttendee.objects.filter(session_id=attendees[0].session_id).values_list(
            "client__legal_first_name", "attendance"
        )
    )
    assert marks == {"Ana": "present", "Ben": "absent_excused", "Cy": "present"}
