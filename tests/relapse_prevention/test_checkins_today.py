"""Today's check-in rises: the primary clinician sees a client whose latest check-in rose by
the program's points from their own baseline (craving up, or mood down), not one point less;
directors see the program's; a fixed number of queries whatever the number of clients."""

from __future__ import annotations

import pytest
from django.urls import reverse

from iop.accounts.models import Role
from iop.audit.models import RecordView
from relapse_prevention.services.checkins import checkin_mark_entered_in_error
from tests.factories import member
from tests.relapse_prevention.checkin_helpers import baseline_of, checkin, in_care

pytestmark = pytest.mark.django_db

TITLE = "Check-ins past the client’s baseline"


@pytest.fixture
def clinician(staff):
    return staff[Role.CLINICIAN]


@pytest.fixture
def episode(program, clinician):
    program.checkin_rise_points = 3
    program.save()
    episode = in_care(program, clinician)
    baseline_of(episode, clinician, craving=3, mood=6)
    return episode


def _today(http):
    response = http.get(reverse("scheduling:today"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_craving_rise_of_the_programs_points_shows(login_as, clinician, episode):
    checkin(episode, clinician, 6, 6, days_ago=1)
    page = _today(login_as(clinician))
    assert TITLE in page
    assert "Jordan Reyes" in page and "Craving 6 (baseline 3)" in page
    assert RecordView.objects.filter(client=episode.client, user=clinician).exists()


def test_one_point_less_does_not_show(login_as, clinician, episode):
    checkin(episode, clinician, 5, 4, days_ago=1)
    page = _today(login_as(clinician))
    assert TITLE not in page and "Craving 5" not in page


def test_a_mood_fall_of_the_programs_points_shows(login_as, clinician, episode):
    checkin(episode, clinician, 3, 3, days_ago=1)
    assert "Mood 3 (baseline 6)" in _today(login_as(clinician))


def test_the_threshold_is_the_programs_setting(login_as, clinician, episode, program):
    checkin(episode, clinician, 5, 6, days_ago=1)
    assert TITLE not in _today(login_as(clinician))
    program.checkin_rise_points = 2
    program.save()
    assert "Craving 5 (baseline 3)" in _today(login_as(clinician))


def test_the_latest_standing_check_in_is_read(login_as, clinician, episode):
    checkin(episode, clinician, 3, 6, days_ago=2)
    wrong = checkin(episode, clinician, 9, 6, days_ago=1)
    checkin_mark_entered_in_error(checkin=wrong, by=clinician, reason="Typed 9 for 3.")
    assert TITLE not in _today(login_as(clinician))


def test_another_clinicians_client_is_not_shown_but_the_director_sees_it(
    login_as, staff, program, clinician, episode
):
    checkin(episode, clinician, 8, 6, days_ago=1)
    colleague = member(Role.CLINICIAN, program)
    assert "Jordan Reyes" not in _today(login_as(colleague))
    assert "Craving 8 (baseline 3)" in _today(login_as(staff[Role.DIRECTOR]))


def test_another_programs_director_does_not_see_it(login_as, clinician, episode, other_program):
    checkin(episode, clinician, 8, 6, days_ago=1)
    assert "Jordan Reyes" not in _today(login_as(member(Role.DIRECTOR, other_program)))


def test_the_panel_query_count_does_not_grow_with_clients(
    login_as, program, clinician, episode, django_assert_max_num_queries
):
    checkin(episode, clinician, 8, 6, days_ago=1)
    http = login_as(clinician)
    _today(http)
    with django_assert_max_num_queries(200) as few:
        _today(http)
    bound = len(few.captured_queries)
    for i in range(5):
        more = in_care(program, clinician, first="Casey", last=f"Morrow{chr(65 + i)}")
        baseline_of(more, clinician)
        checkin(more, clinician, 9, 1, days_ago=1)
    with django_assert_max_num_queries(bound):
        page = _today(http)
    assert page.count("Craving 9 (baseline 3)") == 5
