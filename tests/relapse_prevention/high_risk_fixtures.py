"""Relapse prevention plans with high-risk dates, made as plain rows (no plan services), so
these tests depend only on the models, the program clock and the outbox.

A signed plan's parts are locked by the database: dates are added to a draft, then the plan
is signed (``signed_at`` set), as the plan's own signing does.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from iop.accounts.models import Program, Role
from iop.clients.models import Episode
from relapse_prevention.models import PlanHighRiskDate, RelapsePreventionPlan
from scheduling.models import Session, SessionAttendee, SessionKind, SessionStatus
from tests.factories import ClientFactory, EpisodeFactory, ProgramFactory, member
from tests.scheduling.factories import SessionFactory, local

# What a supportive message to a client must never say (lower case, matched as substrings).
SENSITIVE_WORDS = ["court", "anniversary", "trauma", "high-risk", "relapse", "holiday"]
NEW_YORK = "America/New_York"


def clinic(**settings: Any) -> Program:
    """A program in New York, quiet 21:00-08:00 (the defaults), with its own line."""
    values = {"name": "Riverside IOP", "time_zone": NEW_YORK, "crisis_line_phone": "(555) 010-2000"}
    program: Program = ProgramFactory.create(**{**values, **settings})
    return program


def client_episode(
    program: Program,
    *,
    clinician: Any = None,
    channel: str = "none",
    discreet: bool = True,
    first_name: str = "Avery",
    admitted_on: datetime.date = datetime.date(2020, 1, 1),
) -> Episode:
    client = ClientFactory(
        program=program,
        legal_first_name=first_name,
        email=f"{first_name.lower()}@example.test",
        phone="+15550100",
        reminder_channel=channel,
        reminder_discreet=discreet,
    )
    episode: Episode = EpisodeFactory.create(
        client=client, admitted_on=admitted_on, primary_clinician=clinician
    )
    return episode


def plan_with_dates(
    episode: Episode, *dates: dict[str, Any], sign: bool = True, previous: Any = None
) -> RelapsePreventionPlan:
    """A plan version for the episode's client with these dates (kind, label, on_date,
    recurs_yearly), signed unless ``sign`` is False; a later version supersedes ``previous``."""
    plan = RelapsePreventionPlan.objects.create(
        client=episode.client,
        program=episode.program,
        episode=episode,
        version=previous.version + 1 if previous else 1,
        previous=previous,
    )
    for order, values in enumerate(dates):
        PlanHighRiskDate.objects.create(
            plan=plan,
            order=order,
            plan_for_the_day=values.pop("plan_for_the_day", "Call my sponsor; go to a meeting"),
            **values,
        )
    if sign:
        now = timezone.now()
        if previous is not None:
            RelapsePreventionPlan.objects.filter(pk=previous.pk).update(superseded_at=now)
        RelapsePreventionPlan.objects.filter(pk=plan.pk).update(signed_at=now)
        plan.refresh_from_db()
    return plan


def anniversary(on_date: datetime.date, label: str = "Anniversary of the assault") -> dict:
    return {"kind": "anniversary", "label": label, "on_date": on_date, "recurs_yearly": True}


def court_date(on_date: datetime.date, label: str = "Sentencing hearing") -> dict:
    return {"kind": "court", "label": label, "on_date": on_date, "recurs_yearly": False}


def session_for(
    episode: Episode, day: datetime.date, *, hour: int = 10, cancelled: bool = False
) -> Session:
    """An individual session on ``day`` that expects the episode's client."""
    program = episode.program
    session: Session = SessionFactory.create(
        program=program,
        kind=SessionKind.INDIVIDUAL,
        occurs_on=day,
        starts_at=local(program, day, hour),
        ends_at=local(program, day, hour) + datetime.timedelta(minutes=50),
        status=SessionStatus.CANCELLED if cancelled else SessionStatus.SCHEDULED,
    )
    SessionAttendee.objects.create(session=session, episode=episode, client=episode.client)
    return session


def clinician_in(program: Program, email: str = "") -> Any:
    return member(Role.CLINICIAN, program, **({"email": email} if email else {}))
