"""Discharge closes the episode; the wrong role and bad dates are refused."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from iop.accounts.models import Role
from iop.audit.models import AuditAction, AuditEvent
from iop.clients.models import Episode
from tests.discharge_helpers import discharge_steps_complete

pytestmark = pytest.mark.django_db


def _url(client):
    episode = client.episodes.get()
    return reverse("clients:episode_discharge", args=[episode.pk])


def test_director_discharges_from_the_chart(staff, client_record, login_as):
    discharge_steps_complete(
        client_record.episodes.get(), kind="completed", clinician=staff[Role.CLINICIAN]
    )
    http = login_as(staff[Role.DIRECTOR])
    chart = http.get(reverse("clients:chart", args=[client_record.pk]))
    assert "Discharge…" in chart.text
    response = http.post(
        _url(client_record),
        {
            "discharged_on": client_record.program.today().isoformat(),
            "discharge_reason": "completed",
        },
        follow=True,
    )
    assert "Discharged. Future sessions" in response.text
    episode = Episode.objects.get(client=client_record)
    assert episode.discharged_on == client_record.program.today()
    assert AuditEvent.objects.filter(
        action=AuditAction.CLIENT_DISCHARGED, client=client_record
    ).exists()


def test_discharge_before_admission_is_refused_and_nothing_saved(staff, client_record, login_as):
    http = login_as(staff[Role.DIRECTOR])
    episode = client_record.episodes.get()
    response = http.post(
        _url(client_record),
        {
            "discharged_on": (episode.admitted_on - datetime.timedelta(days=1)).isoformat(),
            "discharge_reason": "completed",
        },
    )
    assert "Discharge cannot be before the admission date." in response.text
    assert Episode.objects.get(pk=episode.pk).discharged_on is None


def test_missing_reason_is_refused(staff, client_record, login_as):
    http = login_as(staff[Role.DIRECTOR])
    response = http.post(_url(client_record), {"discharged_on": "2026-11-23"})
    assert "This field is required." in response.text
    assert Episode.objects.get(client=client_record).discharged_on is None


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.INTAKE, Role.PROBATION])
def test_other_roles_cannot_discharge(role, staff, client_record, login_as):
    http = login_as(staff[role])
    assert "Discharge…" not in http.get(reverse("clients:chart", args=[client_record.pk])).text
    response = http.post(
        _url(client_record), {"discharged_on": "2026-11-23", "discharge_reason": "completed"}
    )
    assert response.status_code == 403
    assert Episode.objects.get(client=client_record).discharged_on is None


def test_other_programs_client_is_not_found(staff, other_client, login_as):
    http = login_as(staff[Role.DIRECTOR])
    assert http.get(_url(other_client)).status_code == 404


def _long_stay(program):
    from tests.factories import ClientFactory, EpisodeFactory

    today = program.today()
    return EpisodeFactory(
        client=ClientFactory(program=program), admitted_on=today - datetime.timedelta(days=90)
    )


def test_a_discharge_more_than_30_days_back_is_refused(program, staff, login_as):
    episode = _long_stay(program)
    http = login_as(staff[Role.DIRECTOR])
    response = http.post(
        _url(episode.client),
        {
            "discharged_on": (program.today() - datetime.timedelta(days=31)).isoformat(),
            "discharge_reason": "left_ama",
        },
    )
    assert response.status_code == 400
    assert "A discharge date more than 30 days back is refused: choose" in response.text
    episode.refresh_from_db()
    assert episode.discharged_on is None and episode.discharge_planned_on is None


def test_a_discharge_more_than_180_days_ahead_is_refused(client_record, staff, login_as):
    http = login_as(staff[Role.DIRECTOR])
    response = http.post(
        _url(client_record),
        {
            "discharged_on": (
                client_record.program.today() + datetime.timedelta(days=181)
            ).isoformat(),
            "discharge_reason": "completed",
        },
    )
    assert response.status_code == 400
    assert "Plan a discharge at most 180 days ahead" in response.text
    episode = Episode.objects.get(client=client_record)
    assert episode.discharged_on is None and episode.discharge_planned_on is None


def test_a_date_ahead_is_planned_not_applied(client_record, staff, login_as):
    http = login_as(staff[Role.DIRECTOR])
    ahead = client_record.program.today() + datetime.timedelta(days=90)
    response = http.post(
        _url(client_record),
        {"discharged_on": ahead.isoformat(), "discharge_reason": "completed"},
        follow=True,
    )
    assert "Discharge recorded for" in response.text
    assert "Not in care" not in response.text
    episode = Episode.objects.get(client=client_record)
    assert episode.discharged_on is None and episode.discharge_planned_on == ahead
    # The discharge page shows the plan and lets the director change it.
    page = http.get(_url(client_record)).text
    assert "Saving a new date or kind replaces it." in page
