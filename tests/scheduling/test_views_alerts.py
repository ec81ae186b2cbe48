"""Open safety alerts and standing flags wherever staff meet the client: Today (at the top),
the session's expected list and attendance form, each group charting card, the group
roster; a flag shown once; individual sessions on Today named by their client."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from iop.accounts.models import Role
from iop.clients.models import Episode, SafetyFlagKind
from scheduling.models import Attendance, Session, SessionAttendee, SessionKind
from tests.factories import ClientFactory, EpisodeFactory, SafetyFlagFactory, member
from tests.groups.test_views import member_entry
from tests.intake.alerts_helpers import alert_raise
from tests.scheduling.factories import SessionFactory, local, staff_session
from tests.scheduling.views_helpers import NAMES, WED, at, episode, group_session

pytestmark = pytest.mark.django_db
TODAY = reverse("scheduling:today")
BADGE = "Open safety alert: risk assessment due today by 5:00 PM"


@pytest.fixture
def robin(program, staff):
    """Robin has a primary clinician who is not the group's lead, and an alert from 8:00."""
    ep = episode(program, "Robin", clinician=member(Role.CLINICIAN, program, first_name="Pat"))
    alert_raise(ep.client, staff[Role.INTAKE], local(program, WED, 8))
    return ep


def tonight(program, lead, robin, **kwargs):
    """The evening group, Robin and two others expected."""
    others = [episode(program, name) for name in ("Casey", "Devon")]
    return group_session(
        program, lead, hour=18, name="Evening process group", episodes=[robin, *others], **kwargs
    )


def alert_block(page: str) -> str:
    """Today's alert block; it must come before the sessions."""
    start = page.index('aria-labelledby="alerts-title"')
    assert start < page.index('id="sessions-title"')
    return " ".join(page[start : page.index("</section>", start)].split())


def row_of(page: str, name: str, end: str) -> str:
    """The piece of a list from a client's name to the end of their row."""
    start = page.index(name)
    return page[start : page.index(end, start)]


# --- Today ---------------------------------------------------------------------------------


def test_session_staff_see_the_alert_at_the_top_of_today(program, staff, robin, login_as):
    me = staff[Role.CLINICIAN]
    tonight(program, me, robin)
    with at(program, WED, 9):
        page = login_as(me).get(TODAY).content.decode()
    block = alert_block(page)
    assert "Robin Rivera" in block
    assert "Risk assessment due today by 5:00 PM" in block
    assert "Expected today at Evening process group (18:00)" in block
    assert "Primary clinician: Pat Member" in block
    assert reverse("intake:alert_acknowledge", args=[robin.client.safety_alerts.get().pk]) in block


def test_the_primary_clinician_sees_it_on_today_without_a_session(program, staff, login_as):
    me = staff[Role.CLINICIAN]
    mine = episode(program, "Quinn", clinician=me)
    alert_raise(mine.client, staff[Role.INTAKE], local(program, WED, 8))
    with at(program, WED, 9):
        block = alert_block(login_as(me).get(TODAY).content.decode())
    assert "Quinn Rivera" in block and "Primary clinician: you." in block


def test_unrelated_clinicians_and_another_program_do_not_see_it(
    program, other_program, staff, robin, login_as
):
    tonight(program, staff[Role.CLINICIAN], robin)
    with at(program, WED, 9):
        lead_page = login_as(staff[Role.CLINICIAN]).get(TODAY).content.decode()
    assert "Robin Rivera" in alert_block(lead_page)  # the group's lead sees it
    unrelated = member(Role.CLINICIAN, program)
    group_session(program, unrelated, hour=10, name="Morning group")
    elsewhere = member(Role.CLINICIAN, other_program)
    for user in (unrelated, elsewhere):
        with at(program, WED, 9):
            page = login_as(user).get(TODAY).content.decode()
        assert "Open safety alerts" not in page and "Robin Rivera" not in page


def test_tomorrows_session_staff_do_not_see_it(program, staff, robin, login_as):
    me = staff[Role.CLINICIAN]
    tonight(program, me, robin, on=WED + datetime.timedelta(days=1))
    with at(program, WED, 9):
        page = login_as(me).get(TODAY).content.decode()
        primary = login_as(robin.primary_clinician).get(TODAY).content.decode()
    assert "Open safety alerts" not in page
    assert "Robin Rivera" in alert_block(primary)  # still the primary clinician's to answer


def test_an_answered_alert_leaves_today(program, staff, robin, login_as):
    me = staff[Role.CLINICIAN]
    tonight(program, me, robin)
    browser = login_as(me)
    with at(program, WED, 9):
        assert "Robin Rivera" in alert_block(browser.get(TODAY).content.decode())
    robin.client.safety_alerts.update(acknowledged_at=local(program, WED, 8, 30))
    with at(program, WED, 9):
        page = browser.get(TODAY).content.decode()
    assert "Open safety alerts" not in page and "Open safety alert:" not in page


def test_the_expected_list_on_today_carries_the_badge(program, staff, robin, login_as):
    me = staff[Role.CLINICIAN]
    tonight(program, me, robin)
    with at(program, WED, 9):
        page = login_as(me).get(TODAY).content.decode()
    arrivals = page[page.index('class="arrival-list"') :]
    assert arrivals.count(BADGE) == 1
    assert BADGE in row_of(arrivals, "Robin Rivera", "</li>")


def _today_queries(client, program, alerts: int) -> int:
    with at(program, WED, 9), CaptureQueriesContext(connection) as captured:
        page = client.get(TODAY).content.decode()
    assert f'Open safety alerts <span class="count">{alerts}</span>' in page
    return len(captured)


def test_today_queries_do_not_grow_with_alerts(program, staff, robin, login_as):
    me = staff[Role.CLINICIAN]
    client = login_as(me)
    tonight(program, me, robin)
    episode(program, "Caseload", clinician=me)
    few = _today_queries(client, program, alerts=1)
    crowd = [episode(program, f"Client{n}", clinician=me) for n in range(6)]
    group_session(program, me, hour=13, name="Afternoon group", episodes=crowd)
    for ep in crowd:
        alert_raise(ep.client, staff[Role.INTAKE], local(program, WED, 8))
        SafetyFlagFactory(client=ep.client, kind=SafetyFlagKind.ALLERGY, note="Peanuts")
    assert _today_queries(client, program, alerts=7) == few


# --- individual sessions and check-in words on Today ---------------------------------------


def test_individual_sessions_on_today_name_their_client(program, staff, login_as):
    me = staff[Role.CLINICIAN]
    ep = episode(program, "Harper")
    session: Session = SessionFactory(  # type: ignore[assignment]
        program=program, kind=SessionKind.INDIVIDUAL, occurs_on=WED
    )
    staff_session(session, me)
    SessionAttendee.objects.create(session=session, episode=ep, client=ep.client)
    with at(program, WED, 9):
        page = login_as(me).get(TODAY).content.decode()
    heading = page[page.index(f'id="session-{session.pk}-title"') :]
    heading = heading[: heading.index("</h3>")]
    assert "Individual therapy: Harper Rivera" in " ".join(heading.split())
    assert "Next: Individual therapy: Harper Rivera at 13:00" in " ".join(page.split())


def test_today_says_checked_in(program, staff, login_as):
    me = staff[Role.CLINICIAN]
    session = group_session(program, me, hour=9, clients=2)
    first = session.attendees.get(client__legal_first_name=NAMES[0] + "0")
    first.arrived_at = local(program, WED, 8, 50)
    first.save()
    with at(program, WED, 8, 55):
        page = " ".join(login_as(me).get(TODAY).content.decode().split())
    assert "1 of 2 checked in." in page and "Who is expected (1 of 2 checked in)" in page
    assert "Checked in 08:50" in page and "arrived" not in page.replace("as they arrive", "")


# --- the session page, attendance, charting cards, roster -------------------------------


def test_the_session_expected_list_shows_the_alert(program, staff, robin, login_as):
    session = tonight(program, staff[Role.CLINICIAN], robin)
    with at(program, WED, 9):  # before the session: the expected list
        page = login_as(staff[Role.INTAKE]).get(reverse("scheduling:session", args=[session.pk]))
    body = page.content.decode()
    assert body.count(BADGE) == 1
    assert BADGE in row_of(body, "Robin Rivera", "</tr>")


def test_the_attendance_form_shows_the_alert(program, staff, robin, login_as):
    session = tonight(program, staff[Role.CLINICIAN], robin)
    with at(program, WED, 18, 5):
        page = login_as(staff[Role.CLINICIAN]).get(reverse("scheduling:session", args=[session.pk]))
    body = page.content.decode()
    assert "attendance-table" in body
    rows = body[body.index("attendance-table") :]
    assert rows.count("Open safety alert: risk assessment overdue since 5:00 PM today") == 1


def test_each_group_charting_card_shows_the_alert(program, staff, robin, login_as):
    session = tonight(program, staff[Role.CLINICIAN], robin)
    session.attendees.update(attendance=Attendance.PRESENT, minutes_attended=90)
    with at(program, WED, 20):
        page = login_as(staff[Role.CLINICIAN]).get(
            reverse("scheduling:session_notes", args=[session.pk])
        )
    body = page.content.decode()
    attendee = session.attendees.get(client=robin.client)
    card = body[body.index(f'id="card-{attendee.pk}"') :]
    card = card[: card.index("</header>")]
    assert "Open safety alert: risk assessment overdue since 5:00 PM today" in card
    other = session.attendees.exclude(client=robin.client).first()
    other_card = body[body.index(f'id="card-{other.pk}"') :]
    assert "Open safety alert" not in other_card[: other_card.index("</header>")]


def test_the_group_roster_shows_alerts_and_standing_flags(program, staff, robin, login_as):
    session = tonight(program, staff[Role.CLINICIAN], robin)
    casey = session.attendees.get(client__legal_first_name="Casey").episode
    SafetyFlagFactory(client=casey.client, kind=SafetyFlagKind.ALLERGY, note="Bee stings")
    for ep in (robin, casey):
        member_entry(session.group, ep)
    with at(program, WED, 9):
        page = login_as(staff[Role.CLINICIAN]).get(
            reverse("groups:detail", args=[session.group.pk])
        )
    body = page.content.decode()
    assert body.count(BADGE) == 1
    assert body.count("Allergy: Bee stings") == 1


# --- a flag shown once ---------------------------------------------------------------------


def test_a_standing_flag_and_an_alert_flag_show_once(program, staff, login_as):
    client = ClientFactory(program=program, legal_first_name="Morgan", legal_last_name="Lee")
    ep: Episode = EpisodeFactory(client=client, primary_clinician=staff[Role.CLINICIAN])  # type: ignore[assignment]
    SafetyFlagFactory(client=client, kind=SafetyFlagKind.SUICIDE_RISK, note="Safety plan on file")
    alert_raise(client, staff[Role.INTAKE])
    browser = login_as(staff[Role.CLINICIAN])
    listing = browser.get(reverse("clients:list")).content.decode()
    assert listing.count('<span class="flag-pill">Suicide risk</span>') == 1
    chart = browser.get(reverse("clients:chart", args=[client.pk])).content.decode()
    header = chart[chart.index('class="safety-flags"') :]
    header = header[: header.index("</ul>")]
    assert header.count("Suicide risk") == 1
    assert "Safety plan on file" in header and "Open safety alert" in header
    today = browser.get(TODAY).content.decode()
    caseload = today[today.index('id="caseload-title"') :]
    assert caseload.count("Suicide risk") == 1
    session = group_session(program, staff[Role.CLINICIAN], on=ep.admitted_on, episodes=[ep])
    roster = browser.get(reverse("scheduling:session", args=[session.pk])).content.decode()
    assert roster.count("Suicide risk: Safety plan on file") == 1  # the standing flag
    assert roster.count("Open safety alert:") == 1  # the alert, not its flag again
