"""Who may co-sign a plan is one predicate (treatment_plans.access.plan_cosign_refusal):
the plan page offers the co-signature exactly to those the signing service accepts."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from iop.accounts.models import Role
from iop.signatures.models import SignerRole
from tests.factories import member
from tests.treatment_plans.plan_helpers import draft_from_templates, fresh, shown_hash
from tests.treatment_plans.test_cosign_next import two_signatures
from treatment_plans.access import can_cosign_plan
from treatment_plans.models import PlanStatus
from treatment_plans.services.plan_signing import plan_sign

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_twice(episode, clinician):
    return two_signatures(draft_from_templates(episode, clinician), clinician)


def offered(login_as, user, plan) -> bool:
    detail = reverse("treatment_plans:plan_detail", args=[plan.pk])
    return "Read and co-sign" in login_as(user).get(detail).content.decode()


def cosign(plan, user):
    return plan_sign(
        plan=fresh(plan), role=SignerRole.COSIGNER, by=user, shown_sha256=shown_hash(plan)
    )


def test_a_director_is_offered_the_co_signature_and_the_service_takes_it(
    signed_twice, director, login_as
):
    assert can_cosign_plan(director, signed_twice)
    assert offered(login_as, director, signed_twice)
    assert cosign(signed_twice, director).status == PlanStatus.ACTIVE


def test_another_clinician_is_not_offered_it_and_the_service_refuses(
    signed_twice, program, login_as
):
    colleague = member(Role.CLINICIAN, program)
    assert not can_cosign_plan(colleague, signed_twice)
    assert not offered(login_as, colleague, signed_twice)
    with pytest.raises(PermissionDenied, match="Only a director of the program co-signs plans."):
        cosign(signed_twice, colleague)


def test_the_signing_director_is_not_offered_it_and_the_service_refuses(
    episode, director, login_as
):
    plan = two_signatures(draft_from_templates(episode, director), director)
    assert not can_cosign_plan(director, plan)
    assert not offered(login_as, director, plan)
    with pytest.raises(ValidationError, match="someone other than the signing clinician"):
        cosign(plan, director)


def test_without_a_cosign_requirement_nobody_is_offered_it(signed_twice, director, login_as):
    program = signed_twice.program
    program.plan_requires_cosign = False
    program.save()
    plan = fresh(signed_twice)
    assert not can_cosign_plan(director, plan)
    assert not offered(login_as, director, plan)
