"""The demo's relapse prevention plans: signed through the services, two in a second version,
one client with a court date in the coming week; a rerun adds nothing."""

from __future__ import annotations

import datetime
from typing import cast

import pytest

from iop.accounts.models import Role
from iop.clients.models import Episode
from relapse_prevention.demo_plans import seed_plans
from relapse_prevention.models import PlanHighRiskDate, RelapsePlanReview, RelapsePreventionPlan
from relapse_prevention.services.lapses import lapse_record
from relapse_prevention.services.plan_reviews import rp_plan_review_due
from tests.factories import ClientFactory, EpisodeFactory, member

pytestmark = pytest.mark.django_db


def test_demo_plans(program):
    clinician = member(Role.CLINICIAN, program, email="clinician@demo.test")
    today = program.today()
    day = datetime.timedelta(days=1)
    episodes: list[Episode] = [
        cast(
            Episode,
            EpisodeFactory(client=ClientFactory(program=program), admitted_on=today - days * day),
        )
        for days in (40, 35, 30, 20, 10)
    ]
    # The check-in demo runs first: a lapse after the plan is signed, and one yesterday for a
    # client every fourth of whom would otherwise have no plan.
    lapse_record(
        episode=episodes[1], by=clinician, occurred_on=today - 9 * day, substance_or_behavior="beer"
    )
    lapse_record(
        episode=episodes[3], by=clinician, occurred_on=today - day, substance_or_behavior="beer"
    )
    context = {"program": program, "staff": {"clinician@demo.test": clinician}}
    seed_plans(context)
    in_effect = RelapsePreventionPlan.objects.in_effect()
    assert in_effect.count() == 5  # most active clients, and every one with a lapse
    # The lapse after signing was reviewed the next day, in a second version; yesterday's
    # is left for the clinician, so the chart says a review is due.
    (second,) = in_effect.filter(version=2)
    assert second.client == episodes[1].client
    (review,) = RelapsePlanReview.objects.filter(occasion="lapse", changes_needed=True)
    assert review.reviewed_on == today - 8 * day
    assert any("lapse" in reason for reason in rp_plan_review_due(episodes[3].client, today))
    week = [today + n * day for n in range(8)]
    assert PlanHighRiskDate.objects.filter(plan__in=in_effect, on_date__in=week).count() == 1
    seed_plans(context)
    assert RelapsePreventionPlan.objects.count() == 6
