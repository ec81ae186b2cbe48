"""The demo's clock: past events are made by the real services, run "then" under a time machine.

Services refuse the past (booking), stamp ``timezone.now()`` (signatures, reviews) or read the
program's today (default target dates); travelling to the moment makes each of them do exactly
what it does for a user on that day, so the demo cannot drift from the app.
"""

from __future__ import annotations

import datetime
import time
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager

import time_machine

from iop.accounts.models import Program

# Past events stay at least this far behind the real clock, so nothing is stamped in the future.
MARGIN = datetime.timedelta(hours=1)


def real_now() -> datetime.datetime:
    """The wall clock, even inside a travel."""
    clock = (
        time_machine.escape_hatch.time.time
        if time_machine.escape_hatch.is_travelling()
        else time.time
    )
    return datetime.datetime.fromtimestamp(clock(), tz=datetime.UTC)


def local_moment(program: Program, day: datetime.date, at: datetime.time) -> datetime.datetime:
    """``at`` on ``day`` in the program's zone, or just before now if that is later."""
    moment = datetime.datetime.combine(day, at, tzinfo=zoneinfo.ZoneInfo(program.time_zone))
    return min(moment, real_now() - MARGIN)


@contextmanager
def then(moment: datetime.datetime) -> Iterator[None]:
    """Run the body at ``moment``, with the clock stopped there."""
    with time_machine.travel(moment, tick=False):
        yield


@contextmanager
def on(program: Program, day: datetime.date, at: datetime.time) -> Iterator[None]:
    """Run the body at ``at`` on ``day``, program time (clamped to the past)."""
    with then(local_moment(program, day, at)):
        yield
