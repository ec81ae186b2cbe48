"""The demo's relapse prevention plans: signed through the services, two in a second version,
one client with a court date in the coming week; a rerun adds nothing."""

from __future__ import annotations

import datetime

import pytest

from iop.accounts.models import Role
from relapse_prevention.demo_plans import seed_plans
from relapse_prevention.models import PlanHighRiskDate, RelapsePlanReview, RelapsePreventionPlan
from tests.factories import ClientFactory, EpisodeFactory, member

pytestmark = pytest.mark.django_db


def test_demo_plans(program):
    clinician = member(Role.CLINICIAN, program, email="clinician@demo.test")
    today = program.today()
    for days in (40, 35, 30, 20, 10):
        EpisodeFactory(
            client=ClientFactory(program=program),
            admitted_on=today - datetime.timedelta(days=days),
        )
    context = {"program": program, "staff": {"clinician@demo.test": clinician}}
    seed_plans(context)
    in_effect = RelapsePreventionPlan.objects.in_effect()
    assert in_effect.count() == 4  # most active clients, not all
    assert in_effect.filter(version=2).count() == 2
    assert RelapsePlanReview.objects.filter(occasion="lapse", changes_needed=True).count() == 2
    week = [today + datetime.timedelta(days=n) for n in range(8)]
    assert PlanHighRiskDate.objects.filter(plan__in=in_effect, on_date__in=week).count() == 1
    seed_plans(context)
    assert RelapsePreventionPlan.objects.count() == 6
