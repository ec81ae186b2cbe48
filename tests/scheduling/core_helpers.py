"""A small program day for the scheduling core tests: a track with its group blocks,
clients admitted and enrolled through the services, and the clock set where a test needs it.

Dates are in March 2026 around the US daylight-saving change (Sunday 8 March): the track
meets Monday, Wednesday and Thursday, so its days are 2, 4, 5, 9, 11, 12 March...
"""

from __future__ import annotations

import datetime
from typing import Any, cast

import time_machine

from groups.models import Admission, Group
from iop.accounts.models import Program, User
from iop.clients.models import Episode
from scheduling.models import Session, SessionAttendee, Track, TrackBlock
from tests.factories import ClientFactory, EpisodeFactory
from tests.scheduling.factories import (
    GroupFactory,
    TrackBlockFactory,
    TrackFactory,
    facilitate,
    local,
    topics,
)

MON = datetime.date(2026, 3, 2)  # the week before the clocks go forward


def day(n: int) -> datetime.date:
    """2 March 2026 plus n days (day(0) is a Monday)."""
    return MON + datetime.timedelta(days=n)


def at(program: Program, on: datetime.date, hour: int, minute: int = 0, tick: bool = False) -> Any:
    """Set the clock to a program-local time (use as a context manager); frozen unless
    ``tick`` (needed where the order of events matters, e.g. a waitlist)."""
    return time_machine.travel(local(program, on, hour, minute), tick=tick)


def track_with_group(
    program: Program,
    *,
    name: str = "Morning IOP",
    days: tuple[int, ...] = (1, 3, 4),
    hours: tuple[int, int] = (9, 12),
    block: tuple[datetime.time, datetime.time] = (datetime.time(9), datetime.time(12)),
    group_name: str = "Process group",
    admission: str = Admission.OPEN,
    capacity: int = 12,
    facilitator: User | None = None,
    topic_titles: tuple[str, ...] = (),
    starts_on: datetime.date = MON,
) -> tuple[Track, TrackBlock]:
    track = cast(
        Track,
        TrackFactory(
            program=program,
            name=name,
            days=list(days),
            starts_at=datetime.time(hours[0]),
            ends_at=datetime.time(hours[1]),
            starts_on=starts_on,
        ),
    )
    group = cast(
        Group,
        GroupFactory(program=program, name=group_name, admission=admission, capacity=capacity),
    )
    if facilitator is not None:
        facilitate(group, facilitator)
    if topic_titles:
        topics(group, *topic_titles)
    made = cast(
        TrackBlock,
        TrackBlockFactory(track=track, group=group, starts_at=block[0], ends_at=block[1]),
    )
    return track, made


def admit(
    program: Program,
    *,
    first: str,
    clinician: User | None = None,
    admitted_on: datetime.date = datetime.date(2026, 2, 2),
    born: datetime.date = datetime.date(1990, 5, 17),
) -> Episode:
    return cast(
        Episode,
        EpisodeFactory(
            client=ClientFactory(program=program, legal_first_name=first, date_of_birth=born),
            admitted_on=admitted_on,
            primary_clinician=clinician,
        ),
    )


def sessions_of(group: Group) -> list[Session]:
    return list(Session.objects.filter(group=group).order_by("starts_at"))


def expected_names(session: Session) -> list[str]:
    return sorted(
        a.client.legal_first_name
        for a in SessionAttendee.objects.expected().filter(session=session).select_related("client")
    )


def place(session: Session, episode: Episode) -> SessionAttendee:
    return SessionAttendee.objects.get(session=session, episode=episode)
