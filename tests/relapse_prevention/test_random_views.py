"""What staff see of random screening: Today's panel, the chart section, the schedule form."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from iop.accounts.models import Role
from relapse_prevention.models import RandomScreening, RandomSelection
from relapse_prevention.services import random_screens as service
from tests.factories import ClientFactory, EpisodeFactory
from tests.relapse_prevention.random_helpers import panel, schedule

TITLE = "Random drug screens today"


def _select_today(client, by):
    sched = schedule(client, by, times=5)
    program = client.program
    return RandomSelection.objects.create(
        client=client,
        episode=sched.episode,
        schedule=sched,
        day=program.today(),
        drawn_at=program.now(),
    )


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.PRESCRIBER])
def test_today_lists_the_selected_clients_with_a_link_to_record(
    role, client_record, staff, login_as
):
    _select_today(client_record, staff[Role.CLINICIAN])
    page = login_as(staff[role]).get(reverse("scheduling:today"))
    text = page.content.decode()
    assert TITLE in text
    assert client_record.display_name in text
    assert reverse("clients:chart", args=[client_record.pk]) in text
    assert "Pending" in text


@pytest.mark.parametrize("role", [Role.INTAKE, Role.PROBATION, Role.ADMINISTRATOR])
def test_today_panel_is_not_shown_to_other_roles(role, client_record, staff, login_as):
    _select_today(client_record, staff[Role.CLINICIAN])
    page = login_as(staff[role]).get(reverse("scheduling:today"), follow=True)
    assert TITLE not in page.content.decode()
    assert client_record.display_name not in page.content.decode()


def test_today_panel_query_count_is_constant(program, client_record, staff, login_as):
    from relapse_prevention.today import random_today_context

    _select_today(client_record, staff[Role.CLINICIAN])
    with CaptureQueriesContext(connection) as one:
        assert len(random_today_context(staff[Role.CLINICIAN], [program])["selections"]) == 1
    for _ in range(4):
        _select_today(
            EpisodeFactory(client=ClientFactory(program=program)).client, staff[Role.CLINICIAN]
        )
    with CaptureQueriesContext(connection) as five:
        assert len(random_today_context(staff[Role.CLINICIAN], [program])["selections"]) == 5
    assert len(five) == len(one)


def test_a_selection_of_another_program_is_not_listed(client_record, other_client, staff, login_as):
    _select_today(other_client, staff[Role.CLINICIAN])
    page = login_as(staff[Role.CLINICIAN]).get(reverse("scheduling:today"))
    assert other_client.display_name not in page.content.decode()


def test_chart_shows_the_schedule_and_recent_selections(client_record, staff, login_as):
    _select_today(client_record, staff[Role.CLINICIAN])
    text = login_as(staff[Role.DIRECTOR]).get(reverse("clients:chart", args=[client_record.pk]))
    text = text.content.decode()
    assert "Random drug screening" in text
    assert "5 a week" in text
    assert "says nothing about which days" in text
    assert "Pending" in text
    # The director sees the schedule but does not set it.
    assert reverse("relapse_prevention:random_schedule", args=[client_record.pk]) not in text


def _post(http, client, **data):
    return http.post(reverse("relapse_prevention:random_schedule", args=[client.pk]), data)


@pytest.mark.parametrize(
    ("times", "message"), [("0", "Choose from 1 to 5"), ("6", "Choose from 1 to 5")]
)
def test_start_refuses_a_number_outside_1_to_5(times, message, client_record, staff, login_as):
    panel()
    http = login_as(staff[Role.CLINICIAN])
    response = _post(
        http,
        client_record,
        action="save",
        times_per_week=times,
        panel_code="urine-5",
        started_on=client_record.program.today().isoformat(),
        reason="Early recovery",
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert message in text
    assert "Early recovery" in text  # what was typed is kept
    assert not RandomScreening.objects.exists()


def test_start_then_change_then_end(client_record, staff, login_as):
    panel()
    http = login_as(staff[Role.CLINICIAN])
    today = client_record.program.today()
    response = _post(
        http,
        client_record,
        action="save",
        times_per_week="2",
        panel_code="urine-5",
        started_on=today.isoformat(),
        reason="Early recovery",
    )
    assert response.status_code == 302
    active = RandomScreening.objects.get()
    assert (active.times_per_week, active.set_by) == (2, staff[Role.CLINICIAN])
    response = _post(
        http,
        client_record,
        action="save",
        times_per_week="4",
        panel_code="urine-5",
        reason="Return to use",
    )
    assert response.status_code == 302
    assert RandomScreening.objects.get(ended_on__isnull=True).times_per_week == 4
    ended = _post(
        http,
        client_record,
        action="end",
        ended_on=(today - datetime.timedelta(days=1)).isoformat(),
        end_reason="Stable",
    )
    assert ended.status_code == 400
    assert "cannot be before the start" in ended.content.decode()
    assert RandomScreening.objects.filter(ended_on__isnull=True).count() == 1
    ended = _post(
        http, client_record, action="end", ended_on=today.isoformat(), end_reason="Stable"
    )
    assert ended.status_code == 302
    assert not RandomScreening.objects.filter(ended_on__isnull=True).exists()


def test_a_second_active_schedule_is_refused(client_record, staff):
    from django.core.exceptions import ValidationError

    schedule(client_record, staff[Role.CLINICIAN])
    with pytest.raises(ValidationError, match="already has an active random schedule"):
        service.schedule_start(
            episode=client_record.episodes.get(),
            times_per_week=2,
            panel_code="urine-5",
            started_on=client_record.program.today(),
            reason="Again",
            by=staff[Role.CLINICIAN],
        )
    assert RandomScreening.objects.count() == 1


def test_a_client_of_another_program_is_a_404(other_client, staff, login_as):
    response = login_as(staff[Role.CLINICIAN]).get(
        reverse("relapse_prevention:random_schedule", args=[other_client.pk])
    )
    assert response.status_code == 404


def test_demo_seed_shows_a_selection_on_a_weekday(program, staff):
    """The demo's schedules and fixed-seed draws, through the services."""
    from relapse_prevention.demo_random import seed_random

    by_email = {u.email.replace("clinic.test", "demo.test"): u for u in staff.values()}
    for _ in range(3):
        EpisodeFactory(
            client=ClientFactory(program=program),
            admitted_on=program.today() - datetime.timedelta(days=20),
        )
    seed_random({"program": program, "staff": by_email})
    assert RandomScreening.objects.filter(ended_on__isnull=True).count() == 3
    if program.today().weekday() < 5 and program.now().hour >= 6:
        assert RandomSelection.objects.filter(day=program.today()).exists()
