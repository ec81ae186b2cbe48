"""The live census: each number for a known setup, the list behind it, the program chooser,
who may see it, the record-view rows, and a query count that does not grow with clients."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from iop.accounts.models import Membership, Role
from iop.audit.models import RecordView
from iop.clients.models import Episode
from iop.clients.services import episode_level_change
from iop.dashboard.registry import (
    CensusRow,
    census_figure,
    census_figures,
    register_census_figure,
)
from iop.dashboard.registry import _figures as registered
from scheduling.models import ProgressNote, Session, TrackEnrolment
from scheduling.services.hours import week_start_of
from tests.dashboard.helpers import figure_href, figure_url, figure_value
from tests.factories import ClientFactory, EpisodeFactory, level, member
from tests.intake.alerts_helpers import alert_raise
from tests.scheduling.charting_helpers import attend
from tests.scheduling.factories import SessionFactory, TrackFactory, local
from tests.scheduling.matrix_helpers import level_change_samples

pytestmark = pytest.mark.django_db


def admit(program: Any, first: str, days_ago: int, code: str = "2.1", **kw: Any) -> Episode:
    client = ClientFactory(program=program, legal_first_name=first, legal_last_name="Census")
    today = program.today()
    episode: Episode = EpisodeFactory(  # type: ignore[assignment]
        client=client,
        admitted_on=today - datetime.timedelta(days=days_ago),
        level_of_care=level(code),
        **kw,
    )
    return episode


def held(program: Any, days_ago: int, *episodes: Episode) -> Session:
    """A session held at 10:00 program time ``days_ago`` days back, everyone present."""
    day = program.today() - datetime.timedelta(days=days_ago)
    session: Session = SessionFactory(  # type: ignore[assignment]
        program=program,
        occurs_on=day,
        starts_at=local(program, day, 10),
        ends_at=local(program, day, 11),
    )
    for episode in episodes:
        attend(session, episode)
    return session


def unsigned_note(session: Session, episode: Episode, author: Any) -> ProgressNote:
    return ProgressNote.objects.create(
        program=session.program,
        client=episode.client,
        episode=episode,
        session=session,
        kind=session.kind,
        format="dap",
        body={"data": "Attended."},
        author=author,
    )


MAX_LIST_QUERIES = 14  # session, user, memberships, the figure's rows, the record views


def names(html: str, episodes: list[Episode]) -> set[str]:
    return {e.client.legal_first_name for e in episodes if e.client.display_name in html}


@pytest.fixture
def setup(program, other_program, staff) -> dict[str, Any]:
    """Ada (IOP, 20 days in, no plan, an alert, a late note, a step-up proposed, in the
    Morning track), Bea (PHP then IOP, 5 days in, no primary clinician, a note not yet
    late), Cal and Dee discharged after 30 and 40 days; and a busy other program."""
    clinician = staff[Role.CLINICIAN]
    today = program.today()
    ada = admit(program, "Ada", 20, primary_clinician=clinician)
    bea = admit(program, "Bea", 5, code="2.5")
    cal = admit(program, "Cal", 40)
    dee = admit(program, "Dee", 100)
    Episode.objects.filter(pk=cal.pk).update(
        discharged_on=today - datetime.timedelta(days=10), discharge_reason="completed"
    )
    Episode.objects.filter(pk=dee.pk).update(
        discharged_on=today - datetime.timedelta(days=60), discharge_reason="completed"
    )
    track = TrackFactory(program=program, name="Morning IOP")
    TrackEnrolment.objects.create(episode=ada, track=track, starts_on=ada.admitted_on)
    episode_level_change(
        episode=bea, to_level=level("2.1"), effective_on=today, reason="Steadier.", by=clinician
    )
    alert_raise(ada.client, by=clinician)
    # Attendance: Ada two days back, Ada and Bea yesterday. Ada's note from two days back
    # is late (past 24 hours); Bea's, for a session later today, is not.
    two_back = held(program, 2, ada)
    held(program, 1, ada, bea)
    unsigned_note(two_back, ada, clinician)
    soon: Session = SessionFactory(  # type: ignore[assignment]
        program=program,
        occurs_on=program.local_date(timezone.now() + datetime.timedelta(hours=2)),
        starts_at=timezone.now() + datetime.timedelta(hours=2),
        ends_at=timezone.now() + datetime.timedelta(hours=3),
    )
    attend(soon, bea, "")
    unsigned_note(soon, bea, clinician)
    level_change_samples(ada.client, staff)  # a step-up to 2.5, awaiting a director
    # The other program has one of everything, and none of it may show.
    other_staff = member(Role.CLINICIAN, other_program, email="elsewhere@clinic.test")
    zed = admit(other_program, "Zed", 20, primary_clinician=other_staff)
    admit(other_program, "Yul", 3)
    alert_raise(zed.client, by=other_staff)
    unsigned_note(held(other_program, 2, zed), zed, other_staff)
    return {"ada": ada, "bea": bea, "cal": cal, "dee": dee, "zed": zed, "track": track}


EXPECTED = {
    "active": ("2", {"Ada", "Bea"}),
    "discharges_planned": ("0", set()),
    "safety_alerts": ("1", {"Ada"}),
    "plans_due": ("2", {"Ada", "Bea"}),  # Ada overdue, Bea's first plan due in 2 days
    "plans_overdue": ("1", {"Ada"}),
    "notes_unsigned": ("2", {"Ada", "Bea"}),
    "notes_late": ("1", {"Ada"}),
    "level_changes_pending": ("1", {"Ada"}),
    "level_change_candidates": ("1", {"Ada"}),  # flagged by her unexcused absences
    "unassigned": ("1", {"Bea"}),
    "attendance": ("1.5", {"Ada", "Bea"}),  # 3 client-days over 2 days with sessions
    "stay_average": ("35", {"Cal", "Dee"}),
    "stay_median": ("35", {"Cal", "Dee"}),
    "stay_current": ("13", {"Ada", "Bea"}),  # (20 + 5) / 2, rounded half up
}


def test_each_figure_counts_the_setup_and_lists_exactly_those_clients(setup, staff, login_as):
    http = login_as(staff[Role.DIRECTOR])
    census = http.get(reverse("dashboard:census")).content.decode()
    everyone = [setup[k] for k in ("ada", "bea", "cal", "dee", "zed")]
    for key, (value, who) in EXPECTED.items():
        assert figure_value(census, key) == value, key
        listed = http.get(figure_href(census, key))
        assert listed.status_code == 200
        assert names(listed.content.decode(), everyone) == who, key


def test_counted_figures_count_the_clients_they_list(setup, program):
    """Some counts are computed apart from their lists (in the database, for speed): they
    must still agree with them."""
    today = program.today()
    for key in ("notes_unsigned", "notes_late", "plans_due", "plans_overdue", "hours_short"):
        figure = census_figure(key)
        assert figure is not None
        assert figure.count(program, today) == len(figure.rows(program, today, "")), key


def test_hours_out_of_reach_this_week(setup, program, staff, login_as):
    """Ada had one 90-minute session and nothing left this week: 9 hours are out of reach.
    Bea is in her admission week (never flagged) unless she was admitted before Monday."""
    http = login_as(staff[Role.DIRECTOR])
    census = http.get(reverse("dashboard:census")).content.decode()
    bea_flagged = setup["bea"].admitted_on < week_start_of(program.today())
    assert figure_value(census, "hours_short") == str(1 + bea_flagged)
    listed = http.get(figure_url(program, "hours_short")).content.decode()
    assert setup["ada"].client.display_name in listed
    assert setup["zed"].client.display_name not in listed


def test_breakdowns_and_weekly_charts_link_to_their_clients(setup, program, staff, login_as):
    http = login_as(staff[Role.DIRECTOR])
    census = http.get(reverse("dashboard:census")).content.decode()
    ada, bea, track = setup["ada"], setup["bea"], setup["track"]
    # By level: both at 2.1 now (Bea stepped down today); by track: Ada in Morning IOP.
    assert "ASAM 2.1 Intensive outpatient" in census
    level_list = http.get(figure_url(program, "by_level", "2.1")).content.decode()
    assert names(level_list, [ada, bea]) == {"Ada", "Bea"}
    track_list = http.get(figure_url(program, "by_track", str(track.pk))).content.decode()
    assert names(track_list, [ada, bea]) == {"Ada"}
    none_list = http.get(figure_url(program, "by_track", "none")).content.decode()
    assert names(none_list, [ada, bea]) == {"Bea"}
    # Charts: an SVG with its numbers in a table; the week of Bea's change lists her.
    assert census.count('<svg class="bar-chart"') == 3
    assert "Numbers by week" in census
    week = week_start_of(program.today()).isoformat()
    changes = http.get(figure_url(program, "level_changes", week)).content.decode()
    assert names(changes, [ada, bea]) == {"Bea"}
    admissions = http.get(figure_url(program, "admissions")).content.decode()
    assert names(admissions, list(setup.values())[:4]) == {"Ada", "Bea", "Cal"}  # Dee: 100 days
    assert http.get(figure_url(program, "by_track", "not-a-track")).status_code == 404


def test_the_chooser_shows_each_program_alone(setup, program, other_program, staff, login_as):
    director = staff[Role.DIRECTOR]
    Membership.objects.create(user=director, program=other_program, role=Role.DIRECTOR)
    http = login_as(director)
    first = http.get(reverse("dashboard:census")).content.decode()  # Hillside, by name
    assert "Census: Hillside IOP" in first
    assert figure_value(first, "active") == "2"
    assert figure_value(first, "safety_alerts") == "1"
    chosen = http.get(reverse("dashboard:census"), {"program": program.pk}).content.decode()
    assert "Census: Riverside IOP" in chosen
    assert figure_value(chosen, "notes_unsigned") == "2"
    listed = http.get(figure_url(other_program, "active")).content.decode()
    assert setup["zed"].client.display_name in listed
    assert setup["ada"].client.display_name not in listed


def test_a_program_not_directed_is_refused(setup, program, other_program, staff, login_as):
    http = login_as(staff[Role.DIRECTOR])
    assert http.get(reverse("dashboard:census"), {"program": other_program.pk}).status_code == 404
    assert http.get(figure_url(other_program, "active")).status_code == 404
    assert http.get(figure_url(program, "no-such-figure")).status_code == 404
    assert not RecordView.objects.filter(client=setup["zed"].client).exists()


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.INTAKE, Role.PROBATION])
def test_other_roles_are_refused(setup, program, staff, login_as, role):
    http = login_as(staff[role])
    assert http.get(reverse("dashboard:census")).status_code == 403
    assert http.get(figure_url(program, "active")).status_code == 403
    assert not RecordView.objects.exists()


def test_a_list_writes_a_record_view_for_each_client_it_names(setup, program, staff, login_as):
    http = login_as(staff[Role.DIRECTOR])
    assert http.get(figure_url(program, "notes_unsigned")).status_code == 200
    logged = RecordView.objects.filter(page="Census: Unsigned notes")
    assert set(logged.values_list("client_id", flat=True)) == {
        setup["ada"].client_id,
        setup["bea"].client_id,
    }
    assert set(logged.values_list("user_id", flat=True)) == {staff[Role.DIRECTOR].pk}


def test_adding_a_figure_is_one_register_call(setup, program, staff, login_as):
    ada = setup["ada"]
    try:
        register_census_figure(
            "test_candidates",
            "Step-up or step-down candidates",
            lambda program, today: 1,
            lambda program, today, part: [CensusRow(ada.client, "Three absences this week")],
        )
        http = login_as(staff[Role.DIRECTOR])
        census = http.get(reverse("dashboard:census")).content.decode()
        assert figure_value(census, "test_candidates") == "1"
        listed = http.get(figure_href(census, "test_candidates")).content.decode()
        assert "Three absences this week" in listed and ada.client.display_name in listed
    finally:
        registered.pop("test_candidates", None)
    assert "test_candidates" not in {f.key for f in census_figures()}


# ---------------------------------------------------------------- queries


def _grow(program: Any, clinician: Any, count: int, start: int) -> None:
    track = TrackFactory(program=program, name=f"Track {start}")
    for i in range(count):
        episode = admit(program, f"N{start + i}", 10 + i % 20, primary_clinician=clinician)
        TrackEnrolment.objects.create(episode=episode, track=track, starts_on=episode.admitted_on)
        unsigned_note(held(program, 1 + i % 3, episode), episode, clinician)


def _census_queries(http: Any, program: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = http.get(reverse("dashboard:census"), {"program": program.pk})
    assert response.status_code == 200
    return len(captured)


def test_census_queries_do_not_grow_with_clients(program, staff, login_as):
    http = login_as(staff[Role.DIRECTOR])
    _grow(program, staff[Role.CLINICIAN], 3, 0)
    few = _census_queries(http, program)
    _grow(program, staff[Role.CLINICIAN], 6, 100)  # 3N in all
    assert _census_queries(http, program) == few
    page = http.get(reverse("dashboard:census")).content.decode()
    assert figure_value(page, "active") == "9"
    assert figure_value(page, "notes_unsigned") == "9"


def test_a_list_costs_a_bounded_number_of_queries(
    program, staff, login_as, django_assert_max_num_queries
):
    http = login_as(staff[Role.DIRECTOR])
    _grow(program, staff[Role.CLINICIAN], 9, 0)
    for key in ("notes_unsigned", "by_track", "attendance", "plans_due"):
        with django_assert_max_num_queries(MAX_LIST_QUERIES):
            assert http.get(figure_url(program, key)).status_code == 200


def test_a_flag_for_a_change_of_level_is_listed_with_its_rule(setup, program, staff, login_as):
    from scheduling.models import LevelChangeCandidate

    flag = LevelChangeCandidate.objects.open().get(program=program)
    assert flag.episode == setup["ada"]
    http = login_as(staff[Role.DIRECTOR])
    census = http.get(reverse("dashboard:census")).content.decode()
    listed = http.get(figure_href(census, "level_change_candidates")).content.decode()
    assert f"{flag.get_direction_display()}: {flag.rule_text}" in listed
    assert setup["zed"].client.display_name not in listed
