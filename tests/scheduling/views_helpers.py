"""Rows for the schedule page tests: a group session with its expected clients, made
directly (the services have their own tests), and a clock frozen in program time."""

from __future__ import annotations

import datetime
from typing import Any, cast

import time_machine

from groups.models import CurriculumTopic
from iop.accounts.models import Program, User
from iop.clients.models import Episode
from scheduling.models import Session, SessionAttendee, SessionKind
from tests.factories import ClientFactory, EpisodeFactory
from tests.scheduling.factories import GroupFactory, SessionFactory, local, staff_session

WED = datetime.date(2026, 3, 4)  # a Wednesday; the week runs Mon 2 - Sun 8 March 2026
NAMES = [
    "Avery", "Blake", "Casey", "Devon", "Emerson", "Finley", "Harper", "Indigo",
    "Jules", "Kendall", "Logan", "Morgan", "Noor", "Oakley", "Parker", "Quinn",
]  # fmt: skip


def at(program: Program, on: datetime.date, hour: int, minute: int = 0) -> Any:
    return time_machine.travel(local(program, on, hour, minute), tick=False)


def episode(program: Program, first: str, clinician: User | None = None) -> Episode:
    client = ClientFactory(program=program, legal_first_name=first, legal_last_name="Rivera")
    made = EpisodeFactory(
        client=client, primary_clinician=clinician, admitted_on=datetime.date(2026, 2, 2)
    )
    return cast(Episode, made)


def group_session(
    program: Program,
    lead: User | None,
    *,
    on: datetime.date = WED,
    hour: int = 9,
    minutes: int = 90,
    clients: int = 3,
    name: str | None = None,
    episodes: list[Episode] | None = None,
) -> Session:
    group = GroupFactory(program=program, name=name or f"Process group {on}-{hour}")
    topic = CurriculumTopic.objects.create(group=group, position=1, title="Coping with cravings")
    starts = local(program, on, hour)
    session: Session = SessionFactory(  # type: ignore[assignment]
        program=program,
        kind=SessionKind.GROUP,
        group=group,
        topic=topic,
        topic_title=topic.title,
        occurs_on=on,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=minutes),
    )
    if lead is not None:
        staff_session(session, lead)
    if episodes is None:
        episodes = [episode(program, NAMES[i % len(NAMES)] + str(i)) for i in range(clients)]
    for ep in episodes:
        SessionAttendee.objects.create(session=session, episode=ep, client=ep.client)
    return session
