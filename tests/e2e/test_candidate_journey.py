"""A director sees the program's flags of candidates for a change of level, dismisses one
with a reason (an empty reason is refused first) and proposes a change from another, which
the proposal records. axe-core on the candidates page."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect

from iop.accounts.models import Role
from scheduling.models import (
    Attendance,
    AttendeeStatus,
    CandidateStatus,
    LevelChangeCandidate,
    SessionAttendee,
)
from scheduling.services.candidates import candidates_evaluate
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import share_session
from tests.factories import ClientFactory, EpisodeFactory, level, member
from tests.scheduling.factories import SessionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DAY = datetime.timedelta(days=1)


def _absent_twice(program, clinician, first, last):
    client = ClientFactory(program=program, legal_first_name=first, legal_last_name=last)
    episode = EpisodeFactory(
        client=client,
        admitted_on=program.today() - 40 * DAY,
        level_of_care=level("2.1"),
        primary_clinician=clinician,
    )
    for days_ago in (2, 5):
        SessionAttendee.objects.create(
            session=SessionFactory(program=program, occurs_on=program.today() - days_ago * DAY),
            episode=episode,
            client=client,
            status=AttendeeStatus.EXPECTED,
            attendance=Attendance.ABSENT_UNEXCUSED,
            minutes_attended=0,
        )
    return client


def test_director_dismisses_one_flag_and_proposes_from_another(
    page: Page, axe_page: Page, live_server, login, e2e_program
):
    clinician = member(Role.CLINICIAN, e2e_program, email="sam@clinic.test")
    director = member(Role.DIRECTOR, e2e_program, email="dana@clinic.test")
    _absent_twice(e2e_program, clinician, "Quinn", "Harlow")
    rowan = _absent_twice(e2e_program, clinician, "Rowan", "Ames")
    candidates_evaluate(e2e_program, e2e_program.today())

    login(page, director)
    page.goto(f"{live_server.url}/schedule/today/")
    page.get_by_role("link", name="Review the flags").click()
    expect(page.get_by_role("heading", name="Candidates for a change of level")).to_be_visible()
    share_session(page, axe_page)
    assert_accessible(axe_page)

    quinn = page.locator(".candidate", has_text="Quinn Harlow")
    expect(quinn).to_contain_text("2 or more unexcused absences in the last 2 weeks")
    quinn.get_by_role("button", name="Dismiss").click()
    expect(page.get_by_text("Say why the flag is dismissed.").first).to_be_visible()
    quinn = page.locator(".candidate", has_text="Quinn Harlow")
    quinn.get_by_label("Reason for dismissing").fill("Both absences were a hospital stay.")
    quinn.get_by_role("button", name="Dismiss").click()
    expect(page.get_by_text("Flag for Quinn Harlow dismissed.")).to_be_visible()
    expect(page.locator(".candidate", has_text="Quinn Harlow")).to_have_count(0)

    page.locator(".candidate", has_text="Rowan Ames").get_by_role(
        "link", name="Propose a change"
    ).click()
    expect(page.get_by_text("Proposed from the program's flag")).to_be_visible()
    expect(page.get_by_label("Move to")).to_have_value(str(level("2.5").pk))
    for number, rating in {1: "0", 2: "1", 3: "3", 4: "2", 5: "3", 6: "1"}.items():
        page.locator(f"#id_rating_{number}").select_option(rating)
    page.get_by_role("button", name="Draft the justification").click()
    page.get_by_role("button", name="Send to a director").click()
    expect(page.get_by_text("Sent to a director for a decision.")).to_be_visible()
    expect(page.get_by_text("From a flag")).to_be_visible()
    flag = LevelChangeCandidate.objects.get(client=rowan)
    assert flag.status == CandidateStatus.PROPOSED and flag.proposal is not None
