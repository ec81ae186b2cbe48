"""The chart's check-in section: the trend of the last 8 weeks against the client's own
baseline, with a text alternative, the latest check-ins with what was used, and the lapses;
in a number of queries that does not grow with the check-ins."""

from __future__ import annotations

import pytest
from django.urls import reverse

from iop.accounts.models import Role
from relapse_prevention.services.checkins import checkin_mark_entered_in_error
from tests.factories import member
from tests.relapse_prevention.checkin_helpers import baseline_of, checkin, in_care, lapse

pytestmark = pytest.mark.django_db


@pytest.fixture
def episode(program, staff):
    return in_care(program, staff[Role.CLINICIAN])


def _chart(http, client):
    response = http.get(reverse("clients:chart", args=[client.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_trend_shows_the_baseline_and_the_latest_values(login_as, staff, episode, program):
    clinician = staff[Role.CLINICIAN]
    baseline_of(episode, clinician, craving=3, mood=6, from_days_ago=20)
    checkin(episode, clinician, 5, 5, days_ago=7)
    last = checkin(episode, clinician, 7, 4, days_ago=1, used_what="cannabis")
    page = _chart(login_as(clinician), episode.client)
    day = f"{last.recorded_on:%b} {last.recorded_on.day}"
    assert f"Craving 7 on {day}, baseline 3; mood 4, baseline 6." in page
    assert 'role="img"' in page and 'class="baseline-craving"' in page
    assert "stroke-dasharray" in page
    assert "used: cannabis" in page
    assert '<th scope="row">Baseline</th><td>3</td><td>6</td>' in page


def test_without_three_check_ins_there_is_no_baseline_yet(login_as, staff, episode):
    clinician = staff[Role.CLINICIAN]
    checkin(episode, clinician, 4, 5, days_ago=2)
    page = _chart(login_as(clinician), episode.client)
    assert "no baseline yet" in page
    assert 'class="baseline-craving"' not in page


def test_check_ins_older_than_8_weeks_are_not_drawn(login_as, staff, program):
    clinician = staff[Role.CLINICIAN]
    old = in_care(program, clinician, admitted_days=90)
    checkin(old, clinician, 9, 1, days_ago=70)
    page = _chart(login_as(clinician), old.client)
    assert "No check-ins in the last 8 weeks." in page
    assert "craving 9, mood 1, no use" in page  # still among the latest check-ins


def test_an_entered_in_error_check_in_is_not_drawn(login_as, staff, episode):
    clinician = staff[Role.CLINICIAN]
    checkin(episode, clinician, 2, 7, days_ago=3)
    wrong = checkin(episode, clinician, 9, 1, days_ago=1)
    checkin_mark_entered_in_error(checkin=wrong, by=clinician, reason="Wrong client.")
    page = _chart(login_as(clinician), episode.client)
    assert "Craving 9" not in page and "craving 9" not in page


def test_lapses_are_listed_without_judgment(login_as, staff, episode):
    clinician = staff[Role.CLINICIAN]
    lapse(episode, clinician, days_ago=2, what="alcohol")
    page = _chart(login_as(clinician), episode.client)
    assert "Check-ins and lapses" in page and ": alcohol" in page
    assert "Record a lapse" in page
    lowered = page.lower()
    for word in ("dirty", "relapsed again", "failed to"):
        assert word not in lowered


def test_the_section_is_hidden_from_roles_without_the_clinical_record(login_as, staff, episode):
    checkin(episode, staff[Role.CLINICIAN], 4, 5)
    page = _chart(login_as(staff[Role.INTAKE]), episode.client)
    assert "Check-ins and lapses" not in page


def test_chart_of_another_program_is_404(login_as, episode, other_program):
    http = login_as(member(Role.CLINICIAN, other_program))
    assert http.get(reverse("clients:chart", args=[episode.client.pk])).status_code == 404


def test_the_chart_query_count_does_not_grow_with_check_ins(
    login_as, staff, episode, django_assert_max_num_queries
):
    clinician = staff[Role.CLINICIAN]
    http = login_as(clinician)
    baseline_of(episode, clinician, from_days_ago=40)
    lapse(episode, clinician, days_ago=5)
    _chart(http, episode.client)
    with django_assert_max_num_queries(200) as few:
        _chart(http, episode.client)
    bound = len(few.captured_queries)
    for days in range(1, 30):
        checkin(episode, clinician, days % 10, 5, days_ago=days)
    lapse(episode, clinician, days_ago=3)
    lapse(episode, clinician, days_ago=4)
    with django_assert_max_num_queries(bound):
        _chart(http, episode.client)
