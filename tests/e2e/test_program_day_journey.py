"""A clinician's program day in the browser: Today, attendance for a 12-person group in one
submission, the group's notes written and signed together, then an individual session's
note linked to one of the client's plan objectives. axe-core on each page; the strict CSP
blocks nothing (the ``page`` fixture fails the test otherwise)."""

from __future__ import annotations

import datetime
import re
import zoneinfo

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from groups.models import CurriculumTopic
from iop.accounts.models import Role
from iop.clients.models import Episode
from scheduling.models import ProgressNote, Session, SessionAttendee, SessionKind
from scheduling.services.billing import service_codes_seed
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import share_session
from tests.factories import ClientFactory, EpisodeFactory, member
from tests.scheduling.charting_helpers import active_objectives
from tests.scheduling.factories import GroupFactory, RoomFactory, SessionFactory, staff_session

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FIRST = [
    "Avery", "Blake", "Casey", "Devon", "Emerson", "Finley",
    "Harper", "Indigo", "Jules", "Kendall", "Logan", "Morgan",
]  # fmt: skip
OBJECTIVE = "Use a grounding skill when cravings start, 3 times a week"


def audit(page: Page, axe_page: Page) -> None:
    share_session(page, axe_page)
    assert_accessible(axe_page)


def midday_zone() -> str:
    """A fixed-offset zone where it is about 14:00 now: the journey's sessions started half an
    hour ago on the same local day whenever the suite runs (not squeezed at midnight)."""
    offset = 14 - timezone.now().astimezone(datetime.UTC).hour
    return f"Etc/GMT{-offset:+d}" if offset else "Etc/GMT"


def started_today(program, minutes_ago: int) -> datetime.datetime:
    """A start ``minutes_ago`` minutes back, kept on today's program-local date."""
    zone = zoneinfo.ZoneInfo(program.time_zone)
    now = timezone.now().astimezone(zone)
    start = now - datetime.timedelta(minutes=minutes_ago)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return max(start, midnight + datetime.timedelta(minutes=1))


def program_day(program, clinician):
    program.time_zone = midday_zone()
    program.save(update_fields=["time_zone"])
    room = RoomFactory(program=program, name="Room A")
    group = GroupFactory(program=program, name="DBT skills")
    topic = CurriculumTopic.objects.create(group=group, position=1, title="Distress tolerance")
    starts = started_today(program, 30)
    session: Session = SessionFactory(  # type: ignore[assignment]
        program=program, kind=SessionKind.GROUP, group=group, topic=topic,
        topic_title=topic.title, room=room, occurs_on=starts.date(),
        starts_at=starts, ends_at=starts + datetime.timedelta(minutes=90),
    )  # fmt: skip
    staff_session(session, clinician)
    episodes = []
    for first in FIRST:
        client = ClientFactory(program=program, legal_first_name=first, legal_last_name="Lindqvist")
        episode: Episode = EpisodeFactory(client=client, primary_clinician=clinician)  # type: ignore[assignment]
        SessionAttendee.objects.create(session=session, episode=episode, client=client)
        episodes.append(episode)
    one = episodes[0]
    starts = started_today(program, 25)
    individual: Session = SessionFactory(  # type: ignore[assignment]
        program=program, kind=SessionKind.INDIVIDUAL, room=room, occurs_on=starts.date(),
        starts_at=starts, ends_at=starts + datetime.timedelta(minutes=20),
    )  # fmt: skip
    staff_session(individual, clinician)
    SessionAttendee.objects.create(session=individual, episode=one, client=one.client)
    active_objectives(one, clinician, OBJECTIVE)
    service_codes_seed(program=program)
    return session, individual


SCENES = [
    "a craving at work", "an argument at home", "a poor night's sleep", "a payday trigger",
    "meeting an old friend who drinks", "a hard phone call", "a long commute", "a family dinner",
    "a quiet weekend alone", "a doctor's appointment", "a bad news story",
]  # fmt: skip
SKILLS = [
    "cold water", "paced breathing", "intense exercise", "paired muscle relaxation",
    "the 5-4-3-2-1 grounding", "a call to a sponsor", "urge surfing", "a walk outside",
    "writing it down", "the safe-place image", "self-soothing with music",
]  # fmt: skip


def part(first: str, n: int) -> dict[str, str]:
    """Each client's own words: no cloned text across attendees."""
    return {
        "Participation": f"{first} described {SCENES[n]} and listened closely to the exercise.",
        "Response": f"Chose {SKILLS[n]}; distress from {n % 4 + 6} to {n % 3 + 2} out of 10.",
        "Progress toward their objectives": f"{n % 3 + 1} practice{'s' * (n % 3 > 0)} logged.",
        "Safety": ["None observed or reported.", "Denies risk; safety plan current."][n % 2],
    }


def test_clinician_runs_the_program_day(
    page: Page, axe_page: Page, live_server, login, e2e_program
):
    clinician = member(
        Role.CLINICIAN, e2e_program, email="sam@clinic.test", first_name="Sam", last_name="Okafor"
    )
    session, individual = program_day(e2e_program, clinician)

    # Today: the next action is the group's attendance.
    login(page, clinician)
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    expect(page.get_by_text("Next: take attendance for DBT skills")).to_be_visible()
    expect(page.get_by_text("12 expected")).to_be_visible()
    audit(page, axe_page)

    # Attendance for the 12-person group, in one submission.
    page.locator(".card-next").get_by_role("link", name="Take attendance").click()
    expect(page.get_by_role("heading", name="DBT skills")).to_be_visible()
    page.get_by_role("button", name="Mark all present").click()
    expect(page.get_by_text("Everyone not yet marked is now present")).to_be_visible()
    page.get_by_label("Attendance of Logan Lindqvist").select_option(label="Late")
    page.get_by_label("Minutes Logan Lindqvist attended").fill("60")
    page.get_by_label("Attendance of Morgan Lindqvist").select_option(label="Absent, excused")
    audit(page, axe_page)
    page.get_by_role("button", name="Save attendance for 12 clients").click()
    expect(page.get_by_text("Attendance saved for 12 clients")).to_be_visible()
    assert SessionAttendee.objects.filter(session=session, attendance="present").count() == 10

    # The group's notes: the shared part once, then each present client's own part, inline.
    page.get_by_role("link", name="Write the notes for this session").click()
    expect(page.get_by_role("heading", name="Group notes: DBT skills")).to_be_visible()
    page.get_by_label("Interventions").fill("Psychoeducation on TIPP; paced breathing practice.")
    page.get_by_role("button", name="Save the shared part").click()
    expect(page.get_by_text("Shared part saved.")).to_be_visible()
    audit(page, axe_page)
    for n, first in enumerate(FIRST[:11]):
        card = page.get_by_role("article", name=f"{first} Lindqvist", exact=True)
        for label, text in part(first, n).items():
            card.get_by_label(label, exact=True).fill(text)
        card.get_by_role("button", name=f"Save {first} Lindqvist's part").click()
        saved = page.get_by_role("article", name=f"{first} Lindqvist", exact=True)
        expect(saved.get_by_text("Draft, not signed")).to_be_visible()
    page.get_by_role("button", name="Sign all notes").click()
    expect(page.get_by_text("Signed 11 notes, each in its client's chart.")).to_be_visible()
    assert ProgressNote.objects.filter(session=session, signed_at__isnull=False).count() == 11
    audit(page, axe_page)

    # The individual session: attendance, then a DAP note linked to the client's objective.
    page.get_by_role("link", name="Today").first.click()
    expect(page.get_by_text("Attendance taken")).to_be_visible()
    page.get_by_role("link", name=re.compile("^Take attendance – Individual therapy")).click()
    page.get_by_label("Attendance of Avery Lindqvist").select_option(label="Present")
    page.get_by_role("button", name="Save attendance for 1 client").click()
    expect(page.get_by_text("Attendance saved for 1 clients")).to_be_visible()
    page.get_by_role("link", name="Write the notes for this session").click()
    page.get_by_label("Data", exact=True).fill("Avery reported two cravings after work.")
    page.get_by_label("Assessment", exact=True).fill("Grounding is starting to work for her.")
    page.get_by_label("Plan", exact=True).fill("Practice 5-4-3-2-1 daily; review Thursday.")
    page.get_by_label(re.compile(OBJECTIVE)).check()
    # Start and stop are filled in from the booking; the service and risk screen are not.
    page.get_by_label("Service", exact=True).select_option(
        label="90832 · Psychotherapy, 16-37 minutes"
    )
    page.get_by_label("No risk identified").check()
    audit(page, axe_page)
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_text("Note saved. Sign it when it is complete.")).to_be_visible()
    page.get_by_role("button", name="Sign and lock").click()
    note = ProgressNote.objects.get(session=individual)
    expect(page.get_by_text(OBJECTIVE).first).to_be_visible()
    assert note.signed_at is not None
    assert [o.description for o in note.objectives.all()] == [OBJECTIVE]
    assert "Service: 90832 Psychotherapy, 16-37 minutes" in note.signed_text
    audit(page, axe_page)
