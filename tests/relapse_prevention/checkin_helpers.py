"""Check-ins and lapses for tests, recorded through the services with explicit days."""

from __future__ import annotations

import datetime
from typing import Any

from iop.accounts.models import Role
from relapse_prevention.models import CheckIn, Lapse
from relapse_prevention.services.checkins import checkin_record
from relapse_prevention.services.lapses import lapse_record
from tests.factories import ClientFactory, EpisodeFactory

DAY = datetime.timedelta(days=1)


def in_care(
    program: Any,
    clinician: Any,
    *,
    first: str = "Jordan",
    last: str = "Reyes",
    admitted_days: int = 60,
) -> Any:
    """An open episode admitted ``admitted_days`` ago, ``clinician`` its primary clinician."""
    return EpisodeFactory(
        client=ClientFactory(program=program, legal_first_name=first, legal_last_name=last),
        admitted_on=program.today() - admitted_days * DAY,
        primary_clinician=clinician,
    )


def checkin(
    episode: Any,
    by: Any,
    craving: int,
    mood: int,
    *,
    days_ago: int = 0,
    used_what: str = "",
    session: Any = None,
) -> CheckIn:
    program = episode.program
    at = program.at(program.today() - days_ago * DAY, datetime.time(10, 0))
    at = min(at, program.now())
    return checkin_record(
        episode=episode,
        by=by,
        craving=craving,
        mood=mood,
        used=bool(used_what),
        used_what=used_what,
        session=session,
        at=at,
    )


def baseline_of(
    episode: Any, by: Any, craving: int = 3, mood: int = 6, *, from_days_ago: int = 30
) -> None:
    """Three first check-ins all at (craving, mood): the baseline is exactly that."""
    for i in range(3):
        checkin(episode, by, craving, mood, days_ago=from_days_ago - i)


def lapse(
    episode: Any, by: Any, *, days_ago: int = 0, what: str = "alcohol", specimen: Any = None
) -> Lapse:
    return lapse_record(
        episode=episode,
        by=by,
        occurred_on=episode.program.today() - days_ago * DAY,
        substance_or_behavior=what,
        context="A hard week at work.",
        what_helped="Called my sponsor.",
        what_to_change="Leave the party earlier.",
        specimen=specimen,
    )


def clinician_of(staff: dict[str, Any]) -> Any:
    return staff[Role.CLINICIAN]
