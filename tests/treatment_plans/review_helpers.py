"""Plans made with the ORM for the review tests.

Children of a signed version cannot be inserted (a trigger refuses), so a plan is built as a
draft and then activated with one UPDATE, as the signing service does.
"""

from __future__ import annotations

import datetime
import zoneinfo
from decimal import Decimal
from typing import Any, cast

from django.utils import timezone

from intake.models import InstrumentResult
from iop.accounts.models import Program, User
from iop.clients.models import Client, Episode
from tests.factories import ClientFactory, EpisodeFactory, ProgramFactory
from treatment_plans.models import (
    MeasureKind,
    PlanGoal,
    PlanObjective,
    PlanProblem,
    PlanStatus,
    TreatmentPlan,
)

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def local_noon(day: datetime.date, zone: zoneinfo.ZoneInfo = NEW_YORK) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=zone)


def program_named(name: str) -> Program:
    return cast(Program, ProgramFactory(name=name))


def admit(
    program: Program,
    *,
    admitted_on: datetime.date,
    clinician: User | None = None,
    **client_fields: Any,
) -> Episode:
    """An open episode for a new client of ``program``."""
    return cast(
        Episode,
        EpisodeFactory(
            client=ClientFactory(program=program, **client_fields),
            admitted_on=admitted_on,
            primary_clinician=clinician,
        ),
    )


def make_plan(
    episode: Episode,
    *,
    activated_at: datetime.datetime | None = None,
    review_due_on: datetime.date | None = None,
    objectives: list[dict[str, Any]] | None = None,
) -> TreatmentPlan:
    """A plan with one problem and goal and the given objectives; active if ``activated_at``."""
    plan = TreatmentPlan.objects.create(
        episode=episode, client=episode.client, program=episode.program
    )
    problem = PlanProblem.objects.create(plan=plan, statement="Nightmares and startle")
    goal = PlanGoal.objects.create(
        problem=problem, client_words="Sleep through the night", clinical_goal="Reduce arousal"
    )
    for spec in objectives or []:
        PlanObjective.objects.create(
            goal=goal, target_date=timezone.localdate() + datetime.timedelta(days=60), **spec
        )
    if activated_at is not None:
        TreatmentPlan.objects.filter(pk=plan.pk).update(
            status=PlanStatus.ACTIVE, activated_at=activated_at, review_due_on=review_due_on
        )
        plan.refresh_from_db()
    return plan


PHQ9_BELOW_10 = {
    "description": "PHQ-9 below 10",
    "measure": MeasureKind.INSTRUMENT_BELOW,
    "instrument": "phq9",
    "threshold": Decimal("10"),
}
ATTENDS = {
    "description": "Attends 90% of groups",
    "measure": MeasureKind.ATTENDANCE,
    "threshold": Decimal("90"),
}
GROUNDING = {
    "description": "Uses a grounding skill",
    "measure": MeasureKind.PRACTICE,
    "per_week": 3,
}


def phq9_result(client: Client, score: int, at: datetime.datetime) -> InstrumentResult:
    return InstrumentResult.objects.create(
        client=client,
        instrument="phq9",
        version="test",
        administered_at=at,
        answers={},
        score=Decimal(score),
        band="test band",
    )
