"""Booking an individual, family or medication-management session; conflicts are answered
with a message naming them and the form kept."""

from __future__ import annotations

import pytest
from django.urls import reverse

from iop.accounts.models import Role
from scheduling.models import Session, SessionKind
from tests.factories import member
from tests.scheduling.factories import RoomFactory
from tests.scheduling.views_helpers import WED, at, episode

pytestmark = pytest.mark.django_db
BOOK = reverse("scheduling:book")


@pytest.fixture
def room(program):
    return RoomFactory(program=program, name="Room 2")


def form(ep, user, the_room, **overrides):
    data = {
        "episode": ep.pk,
        "kind": SessionKind.INDIVIDUAL,
        "staff": user.pk,
        "day": "2026-03-05",
        "starts_at": "13:00",
        "duration": "50",
        "room": the_room.pk,
        "telehealth_url": "",
    }
    data.update(overrides)
    return data


def test_intake_books_individual_therapy_with_a_named_clinician(program, staff, room, login_as):
    ep = episode(program, "Jordan")
    with at(program, WED, 9):
        response = login_as(staff[Role.INTAKE]).post(BOOK, form(ep, staff[Role.CLINICIAN], room))
    assert response.status_code == 302
    session = Session.objects.get(kind=SessionKind.INDIVIDUAL)
    assert response.url == reverse("scheduling:session", args=[session.pk])
    assert session.staff.get() == staff[Role.CLINICIAN]
    assert session.attendees.get().episode == ep
    assert (
        session.starts_at.astimezone(session.starts_at.tzinfo)
        .isoformat()
        .startswith("2026-03-05T18:00")
    )


def test_from_the_chart_the_client_is_chosen(program, staff, room, login_as):
    ep = episode(program, "Jordan", clinician=staff[Role.CLINICIAN])
    with at(program, WED, 9):
        page = login_as(staff[Role.CLINICIAN]).get(BOOK, {"client": ep.client_id}).content.decode()
    assert "Book a session for Jordan Rivera" in page
    assert f'<option value="{ep.pk}" selected>' in page


def test_a_double_booking_names_the_conflict_and_keeps_the_form(program, staff, room, login_as):
    first, second = episode(program, "Jordan"), episode(program, "Alex")
    client = login_as(staff[Role.INTAKE])
    with at(program, WED, 9):
        client.post(BOOK, form(first, staff[Role.CLINICIAN], room))
        response = client.post(BOOK, form(second, staff[Role.CLINICIAN], room, starts_at="13:30"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "form-errors" in page
    assert staff[Role.CLINICIAN].display_name in page.split("form-errors")[1].split("</div>")[0]
    assert 'value="13:30"' in page
    assert Session.objects.count() == 1


def test_room_or_telehealth_link_required(program, staff, room, login_as):
    ep = episode(program, "Jordan")
    with at(program, WED, 9):
        response = login_as(staff[Role.INTAKE]).post(
            BOOK, form(ep, staff[Role.CLINICIAN], room, room="")
        )
    assert response.status_code == 400
    assert "Choose a room or give a telehealth link." in response.content.decode()
    assert not Session.objects.exists()


def test_medication_management_is_with_a_prescriber(program, staff, room, login_as):
    ep = episode(program, "Jordan")
    data = form(ep, staff[Role.CLINICIAN], room, kind=SessionKind.MEDICATION)
    with at(program, WED, 9):
        response = login_as(staff[Role.INTAKE]).post(BOOK, data)
        assert response.status_code == 400
        assert "booked with a prescriber" in response.content.decode()
        data["staff"] = staff[Role.PRESCRIBER].pk
        assert login_as(staff[Role.INTAKE]).post(BOOK, data).status_code == 302


def test_a_client_of_another_program_cannot_be_booked(
    program, other_program, staff, room, login_as
):
    theirs = episode(other_program, "Hidden")
    with at(program, WED, 9):
        response = login_as(staff[Role.INTAKE]).post(
            BOOK, form(theirs, staff[Role.CLINICIAN], room)
        )
    assert response.status_code == 400
    assert not Session.objects.exists()
    outsider = member(Role.CLINICIAN, other_program)
    page = login_as(outsider).get(BOOK).content.decode()
    assert staff[Role.CLINICIAN].display_name not in page


@pytest.mark.parametrize("role", [Role.PROBATION, Role.ADMINISTRATOR])
def test_booking_refused_to_roles_without_it(role, staff, login_as):
    assert login_as(staff[role]).get(BOOK).status_code == 403
