"""The client chart: who may open it, and what its header tells staff before anything else."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from iop.accounts.models import Role
from tests.factories import ClientFactory, EpisodeFactory, SafetyFlagFactory, member
from tests.page_text import definitions, parse


@pytest.fixture
def bo(program, staff):
    client = ClientFactory(
        program=program,
        legal_first_name="Robert",
        legal_last_name="Lindqvist",
        preferred_name="Bo",
        pronouns="he/him",
        record_number="R-2001",
    )
    EpisodeFactory(client=client, primary_clinician=staff[Role.CLINICIAN])
    SafetyFlagFactory(client=client, kind="suicide_risk", note="Safety plan on file")
    SafetyFlagFactory(client=client, kind="allergy", note="Old note", resolved_at=timezone.now())
    return client


def chart(http, client):
    return http.get(reverse("clients:chart", args=[client.pk]))


@pytest.mark.parametrize("role", [Role.INTAKE, Role.CLINICIAN, Role.PRESCRIBER, Role.DIRECTOR])
def test_staff_of_the_program_open_the_chart(role, staff, bo, login_as):
    assert chart(login_as(staff[role]), bo).status_code == 200


@pytest.mark.parametrize("role", [Role.PROBATION, Role.ADMINISTRATOR])
def test_roles_without_client_access_are_refused(role, staff, bo, login_as):
    assert chart(login_as(staff[role]), bo).status_code == 403


@pytest.mark.parametrize("role", [Role.INTAKE, Role.CLINICIAN, Role.PRESCRIBER, Role.DIRECTOR])
def test_same_role_in_another_program_gets_404(role, other_program, bo, login_as):
    assert chart(login_as(member(role, other_program)), bo).status_code == 404


def test_inactive_membership_no_longer_opens_the_chart(staff, bo, login_as):
    clinician = staff[Role.CLINICIAN]
    clinician.memberships.update(active=False)
    assert chart(login_as(clinician), bo).status_code == 403


def test_header_uses_the_name_and_pronouns_the_client_gave(staff, bo, login_as):
    header = parse(chart(login_as(staff[Role.CLINICIAN]), bo).content).one(cls="chart-header")
    assert header.one("h1").text == "Bo Lindqvist"
    facts = definitions(header)
    assert facts["Pronouns"] == "he/him"
    assert facts["Legal name"] == "Robert Lindqvist"  # the legal name, for forms and billing
    assert facts["Record"] == "R-2001"


def test_header_shows_active_safety_flags_only(staff, bo, login_as):
    page = chart(login_as(staff[Role.CLINICIAN]), bo).content.decode()
    assert "Suicide risk" in page
    assert "Safety plan on file" in page
    assert "Old note" not in page


def test_header_shows_level_of_care(staff, bo, login_as):
    header = parse(chart(login_as(staff[Role.CLINICIAN]), bo).content).one(cls="chart-header")
    assert header.one("span", cls="loc").text == "ASAM 2.1"
    assert definitions(header)["Level of care"].startswith("ASAM 2.1 ")
