"""Shared by the treatment plan tests: an admitted client whose intake is complete, the
clinician who writes the plan and the director who co-signs it."""

from __future__ import annotations

import pytest

from iop.accounts.models import Role
from tests.factories import ClientFactory, EpisodeFactory
from tests.treatment_plans.plan_helpers import completed_intake


@pytest.fixture
def clinician(staff):
    clinician = staff[Role.CLINICIAN]
    clinician.first_name, clinician.last_name = "Sam", "Okafor"
    clinician.save(update_fields=["first_name", "last_name"])
    return clinician


@pytest.fixture
def director(staff):
    director = staff[Role.DIRECTOR]
    director.first_name, director.last_name = "Dana", "Reyes"
    director.save(update_fields=["first_name", "last_name"])
    return director


@pytest.fixture
def episode(program, staff, clinician):
    """Jordan Vale, admitted to `program` after a completed intake, on the clinician's caseload."""
    client = ClientFactory(program=program, legal_first_name="Jordan", legal_last_name="Vale")
    episode = EpisodeFactory(client=client, primary_clinician=clinician)
    completed_intake(client, staff[Role.INTAKE])
    return episode
