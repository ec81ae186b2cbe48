"""Trauma processing tests: a plan in processing, signed processing notes made as rows (the
note services have tests of their own), check-ins and DES-II results at explicit times."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from intake.services.instruments import instrument_record
from iop.clients.models import Episode
from relapse_prevention.models import CheckIn
from scheduling.models import ProgressNote, Session, SessionKind
from tests.factories import ClientFactory, EpisodeFactory
from tests.scheduling.factories import SessionFactory, staff_session
from tests.treatment_plans.gate_helpers import des2
from treatment_plans.models import (
    Modality,
    Phase,
    PlanIntervention,
    PlanProblem,
    PlanStatus,
    TreatmentPlan,
)


def ago(days: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def processing_plan(
    episode: Episode, by: Any, *, modality: str = "emdr", phase: str = Phase.PROCESSING
) -> TreatmentPlan:
    """An active plan with one trauma-processing intervention, in ``phase``."""
    plan = TreatmentPlan.objects.create(
        episode=episode, client=episode.client, program=episode.program, created_by=by, phase=phase
    )
    problem = PlanProblem.objects.create(plan=plan, statement="Intrusive memories", created_by=by)
    PlanIntervention.objects.create(
        plan=plan,
        problem=problem,
        modality=Modality.objects.get(code=modality, program=None),
        frequency="weekly, 60 minutes",
        responsible=by,
        created_by=by,
    )
    TreatmentPlan.objects.filter(pk=plan.pk).update(
        status=PlanStatus.ACTIVE, activated_at=timezone.now()
    )
    plan.refresh_from_db()
    return plan


def client_in_processing(program: Any, clinician: Any, **names: str) -> TreatmentPlan:
    client = ClientFactory(program=program, **names)
    episode: Episode = EpisodeFactory(client=client, primary_clinician=clinician)  # type: ignore[assignment]
    return processing_plan(episode, clinician)


def processing_note(
    plan: TreatmentPlan,
    by: Any,
    *,
    days_ago: float,
    suds_end: int,
    suds_start: int = 8,
    target: str = "memory 1",
    modality: str = "emdr",
    voc_end: int | None = 4,
    signed: bool = True,
    signed_at: datetime.datetime | None = None,
) -> ProgressNote:
    """A processing session ``days_ago`` days ago and its note, signed an hour after."""
    program = plan.program
    starts = ago(days_ago)
    session: Session = SessionFactory(  # type: ignore[assignment]
        program=program,
        kind=SessionKind.INDIVIDUAL,
        occurs_on=program.local_date(starts),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=60),
    )
    staff_session(session, by)
    if signed:
        signed_at = signed_at or starts + datetime.timedelta(minutes=90)
    return ProgressNote.objects.create(
        program=program,
        client=plan.client,
        episode=plan.episode,
        session=session,
        kind=SessionKind.INDIVIDUAL,
        format="dap",
        body={"data": "Processing session.", "assessment": "Tolerated.", "plan": "Continue."},
        author=by,
        created_by=by,
        processing_modality=modality,
        processing_target=target if modality == "emdr" else "",
        suds_start=suds_start,
        suds_end=suds_end,
        voc_end=voc_end if modality == "emdr" else None,
        signed_at=signed_at,
        signed_by=by if signed else None,
        signed_text="Processing session." if signed else "",
        content_sha256="0" * 64 if signed else "",
    )


def check_in(plan: TreatmentPlan, by: Any, *, days_ago: float, mood: int, craving: int = 2):
    at = ago(days_ago)
    return CheckIn.objects.create(
        client=plan.client,
        episode=plan.episode,
        program=plan.program,
        recorded_on=plan.program.local_date(at),
        recorded_at=at,
        craving=craving,
        mood=mood,
        used=False,
        recorded_by=by,
        created_by=by,
    )


def baseline_of(plan: TreatmentPlan, by: Any, mood: int, *, days_ago: float = 9) -> None:
    """Three check-ins early in the episode: the client's baseline mood is ``mood``."""
    for offset in (0, 0.3, 0.6):
        check_in(plan, by, days_ago=days_ago - offset, mood=mood)


def des(plan: TreatmentPlan, by: Any, score: int, *, days_ago: float):
    return instrument_record(
        client=plan.client,
        instrument="des2",
        answers=des2(score),
        by=by,
        administered_at=ago(days_ago),
    )
