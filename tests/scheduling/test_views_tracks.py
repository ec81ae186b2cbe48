"""Tracks, blocks, closures (directors) and enrolling a client in a track (who books)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from iop.accounts.models import Role
from scheduling.models import Closure, Track, TrackBlock, TrackEnrolment
from tests.factories import member
from tests.scheduling.factories import GroupFactory, TrackBlockFactory, TrackFactory
from tests.scheduling.views_helpers import WED, at, episode

pytestmark = pytest.mark.django_db
TRACKS = reverse("scheduling:tracks")


def track_data(**overrides):
    data = {
        "name": "Morning IOP",
        "days": ["1", "3", "4"],
        "starts_at": "09:00",
        "ends_at": "12:00",
        "starts_on": "2026-03-09",
        "active": "on",
    }
    data.update(overrides)
    return data


def test_director_creates_a_track_and_sees_it_listed(program, staff, login_as):
    client = login_as(staff[Role.DIRECTOR])
    with at(program, WED, 9):
        response = client.post(reverse("scheduling:track_create"), track_data())
        track = Track.objects.get()
        assert response.url == reverse("scheduling:track_detail", args=[track.pk])
        page = client.get(TRACKS).content.decode()
    assert "Morning IOP" in page and "Monday, Wednesday, Thursday" in page and "09:00–12:00" in page


def test_a_sixth_day_is_refused_and_nothing_saved(program, staff, login_as):
    data = track_data(days=["1", "2", "3", "4", "5", "6"])
    with at(program, WED, 9):
        response = login_as(staff[Role.DIRECTOR]).post(reverse("scheduling:track_create"), data)
    assert response.status_code == 400
    assert "At most 5 days" in response.content.decode()
    assert not Track.objects.exists()


def test_end_before_start_is_refused(program, staff, login_as):
    data = track_data(starts_at="12:00", ends_at="09:00")
    with at(program, WED, 9):
        response = login_as(staff[Role.DIRECTOR]).post(reverse("scheduling:track_create"), data)
    assert response.status_code == 400
    assert "must end after it starts" in response.content.decode()
    assert not Track.objects.exists()


def test_director_adds_a_block_to_the_day(program, staff, login_as):
    track = TrackFactory(program=program)
    group = GroupFactory(program=program, name="DBT skills")
    data = {"group": group.pk, "starts_at": "09:00", "ends_at": "10:30", "room": ""}
    with at(program, WED, 9):
        client = login_as(staff[Role.DIRECTOR])
        response = client.post(reverse("scheduling:block_create", args=[track.pk]), data)
        assert response.status_code == 302
        page = client.get(reverse("scheduling:track_detail", args=[track.pk])).content.decode()
    assert TrackBlock.objects.get().group == group
    assert "DBT skills" in page and "Every track day" in page


def test_a_group_of_another_program_cannot_be_added(program, other_program, staff, login_as):
    track = TrackFactory(program=program)
    theirs = GroupFactory(program=other_program)
    data = {"group": theirs.pk, "starts_at": "09:00", "ends_at": "10:30"}
    with at(program, WED, 9):
        response = login_as(staff[Role.DIRECTOR]).post(
            reverse("scheduling:block_create", args=[track.pk]), data
        )
    assert response.status_code == 400
    assert not TrackBlock.objects.exists()


def test_closure_added_for_the_whole_program(program, staff, login_as):
    data = {"date": "2026-03-12", "reason": "Staff training", "track": ""}
    with at(program, WED, 9):
        response = login_as(staff[Role.DIRECTOR]).post(reverse("scheduling:closure_create"), data)
    assert response.status_code == 302
    assert Closure.objects.get().reason == "Staff training"


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.INTAKE, Role.PRESCRIBER])
def test_only_directors_manage_tracks(role, program, staff, login_as):
    track = TrackFactory(program=program)
    client = login_as(staff[role])
    assert client.get(TRACKS).status_code == 403
    assert client.get(reverse("scheduling:track_detail", args=[track.pk])).status_code == 403
    assert client.post(reverse("scheduling:track_create"), track_data()).status_code == 403


def test_another_programs_director_gets_404(program, other_program, login_as):
    track = TrackFactory(program=program)
    outsider = member(Role.DIRECTOR, other_program)
    assert (
        login_as(outsider).get(reverse("scheduling:track_detail", args=[track.pk])).status_code
        == 404
    )


def test_intake_enrols_a_client_in_a_track_from_the_chart(program, staff, login_as):
    track = TrackFactory(program=program, name="Evening IOP", starts_on=datetime.date(2026, 3, 2))
    TrackBlockFactory(track=track)
    ep = episode(program, "Jordan")
    client = login_as(staff[Role.INTAKE])
    with at(program, WED, 9):
        chart = client.get(reverse("clients:chart", args=[ep.client_id])).content.decode()
        assert "Enrol in a track" in chart
        url = reverse("scheduling:track_enrol", args=[ep.pk])
        refused = client.post(url, {"track": "", "starts_on": "2026-03-09"})
        assert refused.status_code == 400
        response = client.post(url, {"track": track.pk, "starts_on": "2026-03-09"})
    assert response.url == reverse("clients:chart", args=[ep.client_id])
    assert TrackEnrolment.objects.get(episode=ep).track == track


def test_enrolment_of_another_programs_episode_is_404(program, other_program, staff, login_as):
    theirs = episode(other_program, "Hidden")
    url = reverse("scheduling:track_enrol", args=[theirs.pk])
    assert login_as(staff[Role.INTAKE]).get(url).status_code == 404
