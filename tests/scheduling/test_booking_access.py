"""Who may book a medication-management visit, and with whom, decided once.

The rule (scheduling.access.can_lead_medication_visit): anyone who books sessions may book
one, and its staff member must be a prescriber of the program. Before, the booking page let
a director be that staff member while the booking service refused it; the page and the
service now ask the same predicate and agree.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from iop.accounts.models import Membership, Role
from scheduling.access import can_lead_medication_visit
from scheduling.models import Session, SessionKind
from scheduling.services.bookings import session_book
from tests.factories import member
from tests.scheduling.factories import local
from tests.scheduling.views_helpers import WED, at, episode

pytestmark = pytest.mark.django_db
BOOK = reverse("scheduling:book")
THU = WED + datetime.timedelta(days=1)
LINK = "https://meet.example/abc"


def posted(ep, staff_member):
    return {
        "episode": ep.pk,
        "kind": SessionKind.MEDICATION,
        "staff": staff_member.pk,
        "day": THU.isoformat(),
        "starts_at": "13:00",
        "duration": "30",
        "room": "",
        "telehealth_url": LINK,
    }


def book(program, ep, staff_member, actor, hour=13):
    starts = local(program, THU, hour)
    with at(program, WED, 9):
        return session_book(
            program=program,
            kind=SessionKind.MEDICATION,
            episode=ep,
            staff=staff_member,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(minutes=30),
            telehealth_url=LINK,
            actor=actor,
        )


def test_a_director_books_medication_management_with_a_prescriber_on_the_page(
    program, staff, login_as
):
    ep = episode(program, "Jordan")
    with at(program, WED, 9):
        response = login_as(staff[Role.DIRECTOR]).post(BOOK, posted(ep, staff[Role.PRESCRIBER]))
    assert response.status_code == 302
    visit = Session.objects.get(kind=SessionKind.MEDICATION)
    assert visit.staff.get() == staff[Role.PRESCRIBER]


def test_a_director_books_medication_management_with_a_prescriber_in_the_service(program, staff):
    visit = book(program, episode(program, "Jordan"), staff[Role.PRESCRIBER], staff[Role.DIRECTOR])
    assert (visit.kind, visit.staff.get()) == (SessionKind.MEDICATION, staff[Role.PRESCRIBER])


def test_a_director_cannot_be_the_prescriber_on_the_page(program, staff, login_as):
    director = staff[Role.DIRECTOR]
    with at(program, WED, 9):
        response = login_as(director).post(BOOK, posted(episode(program, "Jordan"), director))
    assert response.status_code == 400
    assert "Medication management is booked with a prescriber." in response.content.decode()
    assert not Session.objects.exists()


def test_a_director_cannot_be_the_prescriber_in_the_service(program, staff):
    director = staff[Role.DIRECTOR]
    with pytest.raises(ValidationError) as refused:
        book(program, episode(program, "Jordan"), director, director)
    assert refused.value.messages == [
        f"Medication management is booked with a prescriber; {director.display_name} "
        "is not a prescriber in this program."
    ]
    assert not Session.objects.exists()


def test_a_director_who_also_prescribes_here_may_be_the_prescriber_on_page_and_service(
    program, staff, login_as
):
    director = staff[Role.DIRECTOR]
    Membership.objects.create(user=director, program=program, role=Role.PRESCRIBER)
    with at(program, WED, 9):
        response = login_as(director).post(BOOK, posted(episode(program, "Jordan"), director))
    assert response.status_code == 302
    assert (
        book(program, episode(program, "Alex"), director, director, hour=15).staff.get() == director
    )


@pytest.mark.parametrize(
    ("role", "prescribes"),
    [
        (Role.PRESCRIBER, True),
        (Role.DIRECTOR, False),
        (Role.CLINICIAN, False),
        (Role.INTAKE, False),
        (Role.ADMINISTRATOR, False),
        (Role.PROBATION, False),
    ],
)
def test_only_a_prescriber_of_the_program_leads_a_medication_visit(
    program, other_program, staff, role, prescribes
):
    assert can_lead_medication_visit(staff[role], program) is prescribes
    assert can_lead_medication_visit(member(role, other_program), program) is False
