"""Today's "High-risk dates coming": the primary clinician's clients (a director's: the
program's) whose date is within the reminder window, with the session to check in at."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from iop.accounts.models import Role
from scheduling.today_panels import today_panels
from tests.factories import member
from tests.page_text import parse
from tests.relapse_prevention.high_risk_fixtures import (
    anniversary,
    client_episode,
    clinic,
    clinician_in,
    court_date,
    plan_with_dates,
    session_for,
)
from tests.scheduling.factories import local

pytestmark = pytest.mark.django_db
TODAY = reverse("scheduling:today")
DAY = datetime.date(2026, 5, 13)  # a Wednesday
TITLE = "High-risk dates coming"


def days(n: int) -> datetime.date:
    return DAY + datetime.timedelta(days=n)


@pytest.fixture
def program():
    return clinic()


@pytest.fixture
def clinician(program):
    return clinician_in(program)


def lines(user, program, on: datetime.date = DAY) -> list[str]:
    """The panel's lines on Today, as the user reads them ([] without the panel)."""
    client = Client()
    with time_machine.travel(local(program, on, 9), tick=False):
        client.force_login(user)  # signed in on that day (a session expires)
        page = client.get(TODAY)
    assert page.status_code == 200
    html = page.content.decode()
    if TITLE not in html:
        return []
    return [" ".join(li.text.split()) for li in parse(html).find_all("li", cls="high-risk-row")]


def test_dates_at_the_edges_of_the_window(program, clinician):
    for first, on in [("Ines", days(7)), ("Oren", days(8)), ("Tam", DAY), ("Ula", days(-1))]:
        episode = client_episode(program, clinician=clinician, first_name=first)
        plan_with_dates(episode, court_date(on, label=f"{first}'s hearing"))
    shown = lines(clinician, program)
    assert shown == [
        "Tam Testperson · Tam's hearing · Wed, May 13 (today) · "
        "No session before then: reach out to check in",
        "Ines Testperson · Ines's hearing · Wed, May 20 (in 7 days) · "
        "No session before then: reach out to check in",
    ]


def test_a_yearly_date_shows_from_its_reminder_day_across_the_new_year(program, clinician):
    episode = client_episode(program, clinician=clinician, first_name="Noa")
    plan_with_dates(episode, anniversary(datetime.date(2019, 1, 3), label="Loss of Sam"))
    assert lines(clinician, program, datetime.date(2026, 12, 26)) == []
    (line,) = lines(clinician, program, datetime.date(2026, 12, 27))
    assert "Loss of Sam · Sun, Jan 3 (in 7 days)" in line
    assert lines(clinician, program, datetime.date(2027, 1, 4)) == []


def test_check_in_at_the_nearest_session_before_the_date(program, clinician):
    episode = client_episode(program, clinician=clinician, first_name="Kai")
    plan_with_dates(episode, court_date(days(6), label="Sentencing"))
    session_for(episode, days(-1))  # yesterday's: past
    session_for(episode, days(2))
    session_for(episode, days(4))  # the nearest one before the date
    session_for(episode, days(5), cancelled=True)
    session_for(episode, days(7))  # after the date
    (line,) = lines(clinician, program)
    assert line.endswith(
        "Sentencing · Tue, May 19 (in 6 days) · Check in at the session on Sun, May 17"
    )
    (line,) = lines(clinician, program, days(4))
    assert line.endswith("(in 2 days) · Check in today")


def test_a_session_on_the_date_itself_is_the_one(program, clinician):
    episode = client_episode(program, clinician=clinician, first_name="Kai")
    plan_with_dates(episode, court_date(days(3)))
    session_for(episode, days(1))
    session_for(episode, days(3))
    (line,) = lines(clinician, program)
    assert line.endswith("Check in at the session on Sat, May 16")


def test_only_the_plan_in_effect_and_never_the_plan_for_the_day(program, clinician, login_as):
    episode = client_episode(program, clinician=clinician, first_name="Lin")
    old = plan_with_dates(episode, court_date(days(3), label="Old hearing"))
    plan_with_dates(
        episode,
        {**court_date(days(4), label="Moved hearing"), "plan_for_the_day": "Ride with Jo"},
        previous=old,
    )
    drafted = client_episode(program, clinician=clinician, first_name="Dee")
    plan_with_dates(drafted, court_date(days(2), label="Draft hearing"), sign=False)
    (line,) = lines(clinician, program)
    assert "Moved hearing" in line
    client = login_as(clinician)
    with time_machine.travel(local(program, DAY, 9), tick=False):
        page = client.get(TODAY).content.decode()
    assert "Ride with Jo" not in page and "Old hearing" not in page
    assert "Draft hearing" not in page


# ---------------------------------------------------------------- who sees it


@pytest.fixture
def two_caseloads(program):
    mine, theirs = clinician_in(program), clinician_in(program)
    for first, clinician in [("Mia", mine), ("Theo", theirs), ("Nell", None)]:
        episode = client_episode(program, clinician=clinician, first_name=first)
        plan_with_dates(episode, court_date(days(3), label=f"{first}'s date"))
    return mine, theirs


def test_a_clinician_sees_only_their_caseload(program, two_caseloads):
    mine, _ = two_caseloads
    (line,) = lines(mine, program)
    assert line.startswith("Mia Testperson · Mia's date")


def test_a_director_sees_the_programs(program, two_caseloads):
    director = member(Role.DIRECTOR, program)
    shown = lines(director, program)
    assert [line.split(" · ")[0] for line in shown] == [
        "Mia Testperson",
        "Nell Testperson",
        "Theo Testperson",
    ]


def test_another_programs_director_sees_none_of_it(program, two_caseloads):
    elsewhere = clinic(name="Hillside IOP")
    director = member(Role.DIRECTOR, elsewhere)
    assert lines(director, elsewhere) == []


def test_a_prescriber_sees_no_panel(program, two_caseloads):
    assert lines(member(Role.PRESCRIBER, program), program) == []


@pytest.mark.parametrize("role", [Role.INTAKE, Role.PROBATION, Role.ADMINISTRATOR])
def test_roles_without_a_caseload_are_not_shown_the_panel(program, two_caseloads, role):
    user = member(role, program)
    assert "high_risk_dates" not in [shown.panel.key for shown in today_panels(user)]


@pytest.mark.parametrize("role", [Role.INTAKE, Role.PROBATION])
def test_intake_and_probation_do_not_reach_today(program, two_caseloads, role, login_as):
    assert login_as(member(role, program)).get(TODAY).status_code == 403


def test_the_clients_named_are_in_the_record_view_log(program, two_caseloads):
    from iop.audit.models import RecordView

    mine, _ = two_caseloads
    lines(mine, program)
    names = {view.client.legal_first_name for view in RecordView.objects.filter(user=mine)}
    assert "Mia" in names and "Theo" not in names


# ---------------------------------------------------------------- queries


def test_the_panel_reads_in_a_fixed_number_of_queries(program, django_assert_max_num_queries):
    from relapse_prevention.high_risk_today import high_risk_today_context

    director = member(Role.DIRECTOR, program)

    def add(first: str) -> None:
        episode = client_episode(program, clinician=clinician_in(program), first_name=first)
        plan_with_dates(episode, court_date(days(3)), anniversary(datetime.date(2001, 5, 15)))
        session_for(episode, days(1))

    add("One")
    with time_machine.travel(local(program, DAY, 9), tick=False):
        director.refresh_from_db()
        high_risk_today_context(director, [program])  # memberships cached on the user
        with django_assert_max_num_queries(2):
            assert len(high_risk_today_context(director, [program])["rows"]) == 2
        for n in range(6):
            add(f"More{n}")
        with django_assert_max_num_queries(2):
            assert len(high_risk_today_context(director, [program])["rows"]) == 14


def test_today_queries_do_not_grow_with_high_risk_dates(program, clinician, login_as):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login_as(clinician)

    def count() -> int:
        with (
            time_machine.travel(local(program, DAY, 9), tick=False),
            CaptureQueriesContext(connection) as captured,
        ):
            assert client.get(TODAY).status_code == 200
        return len(captured)

    def add(first: str) -> None:
        episode = client_episode(program, clinician=clinician, first_name=first)
        plan_with_dates(episode, court_date(days(2)))
        session_for(episode, days(1))

    add("First")
    few = count()
    for n in range(5):
        add(f"Next{n}")
    assert count() == few
