"""Weekly hours against each client's level of care, computed on the server.

A week runs Monday to Sunday by the program-local date of each session. Attended minutes
are the minutes recorded for present, late and left-early marks. Remaining minutes are the
full length of the week's sessions the client is still expected at whose attendance has not
been recorded (cancelled sessions do not count): they could still be attended. A client
"can no longer reach" the minimum when attended + remaining falls below it, which happens
the moment an absence is recorded or a session is cancelled, so the flag shows the same day.

Minimums: ASAM 2.1 (IOP) uses the program's ``iop_min_weekly_hours`` for adults and 6 hours
for clients under 18 on the week's Monday; other levels use the level's own minimum (none
for most). The week of admission (and of discharge) is partial and never flagged.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import F, Q, QuerySet, Sum

from iop.accounts.models import Program
from iop.clients.models import Episode, LevelOfCare
from scheduling.models import ATTENDED, AttendeeStatus, Session, SessionAttendee, SessionStatus

IOP_LEVEL_CODE = "2.1"
ADOLESCENT_IOP_MIN_HOURS = Decimal(6)
ADULT_AGE = 18


@dataclass(frozen=True)
class WeeklyHours:
    episode_id: UUID
    client_id: UUID
    week_start: datetime.date
    minimum_minutes: int
    attended_minutes: int
    remaining_scheduled_minutes: int
    partial_week: bool = False
    # The episode with its client, level and program loaded, for display.
    episode: Episode | None = field(default=None, compare=False, repr=False)

    @property
    def week_end(self) -> datetime.date:
        return self.week_start + datetime.timedelta(days=6)

    @property
    def can_reach(self) -> bool:
        return self.attended_minutes + self.remaining_scheduled_minutes >= self.minimum_minutes

    @property
    def short(self) -> bool:
        """Not (yet) at the minimum this week."""
        return self.attended_minutes < self.minimum_minutes

    @property
    def flagged(self) -> bool:
        """Can no longer reach the minimum (a full week with a minimum)."""
        return bool(self.minimum_minutes) and not self.partial_week and not self.can_reach

    @property
    def missing_minutes(self) -> int:
        return max(self.minimum_minutes - self.attended_minutes, 0)

    @property
    def attended_hours(self) -> Decimal:
        return (Decimal(self.attended_minutes) / 60).quantize(Decimal("0.1"))

    @property
    def minimum_hours(self) -> Decimal:
        return (Decimal(self.minimum_minutes) / 60).quantize(Decimal("0.1"))


def week_start_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.isoweekday() - 1)


def minimum_minutes(episode: Episode, week_start: datetime.date) -> int:
    level, program = episode.level_of_care, episode.program
    if level.code == IOP_LEVEL_CODE:
        adult = episode.client.age_on(week_start) >= ADULT_AGE
        hours = Decimal(program.iop_min_weekly_hours) if adult else ADOLESCENT_IOP_MIN_HOURS
    else:
        hours = level.min_weekly_hours or Decimal(0)
    return int(hours * 60)


def _partial(episode: Episode, week_start: datetime.date) -> bool:
    week_end = week_start + datetime.timedelta(days=6)
    discharged = episode.discharged_on is not None and episode.discharged_on <= week_end
    # The admission week is partial even from a Monday: a client admitted today has no
    # sessions yet, and flagging them before their first group would be noise.
    return episode.admitted_on >= week_start or discharged


def _weekly(
    episodes: QuerySet[Episode],
    week_start: datetime.date,
    programs: dict[Any, Program] | None = None,
) -> dict[UUID, WeeklyHours]:
    """Four queries whatever the number of episodes or sessions (three when the caller
    passes the ``programs`` it has loaded)."""
    week_end = week_start + datetime.timedelta(days=6)
    loaded = list(episodes.select_related("client"))
    # A program has many settings and thousands of episodes share it: loaded once, not
    # joined into every row (2,000 episodes: a third of the time went to building them).
    # The levels of care are a handful of rows shared the same way.
    if programs is None:
        programs = Program.objects.in_bulk({e.program_id for e in loaded})
    levels = LevelOfCare.objects.in_bulk({e.level_of_care_id for e in loaded})
    for episode in loaded:
        episode.program = programs[episode.program_id]
        episode.level_of_care = levels[episode.level_of_care_id]
    held = Q(session__status=SessionStatus.SCHEDULED)
    totals: dict[UUID, dict[str, Any]] = {
        row["episode_id"]: dict(row)
        for row in SessionAttendee.objects.filter(
            episode_id__in=[e.pk for e in loaded],
            status=AttendeeStatus.EXPECTED,
            # The week's sessions first (by their date index): left to the join, the planner
            # reads every attendee row of the year for these episodes (70 ms at 580 clients).
            session_id__in=Session.objects.filter(
                program_id__in={e.program_id for e in loaded},
                occurs_on__range=(week_start, week_end),
            ).values("pk"),
        )
        .values("episode_id")
        .annotate(
            minutes_in=Sum("minutes_attended", filter=held & Q(attendance__in=ATTENDED)),
            remaining=Sum(
                F("session__ends_at") - F("session__starts_at"), filter=held & Q(attendance="")
            ),
        )
    }
    result = {}
    for episode in loaded:
        row = totals.get(episode.pk, {})
        remaining = row.get("remaining") or datetime.timedelta()
        result[episode.pk] = WeeklyHours(
            episode_id=episode.pk,
            client_id=episode.client_id,
            week_start=week_start,
            minimum_minutes=minimum_minutes(episode, week_start),
            attended_minutes=int(row.get("minutes_in") or 0),
            remaining_scheduled_minutes=int(remaining.total_seconds() // 60),
            partial_week=_partial(episode, week_start),
            episode=episode,
        )
    return result


def weekly_hours(
    *, episodes: Iterable[Episode | UUID], week_start: datetime.date
) -> dict[UUID, WeeklyHours]:
    """Each episode's hours for the week starting on ``week_start`` (a Monday), by episode
    id. A constant number of queries (four), however many episodes and sessions."""
    ids = [e.pk if isinstance(e, Episode) else e for e in episodes]
    return _weekly(Episode.objects.filter(pk__in=ids), week_start_of(week_start))


def hours_shortfall(
    *,
    program_ids: Iterable[Any],
    on: datetime.date | None = None,
    episode_ids: Iterable[Any] | None = None,
) -> list[WeeklyHours]:
    """Open episodes in these programs who can no longer reach this week's minimum, as of
    ``on`` (default: each program's own today), by client name. ``episode_ids``: only
    these (a clinician's caseload on Today), so the work follows the caseload, not the
    program's size."""
    weeks: dict[datetime.date, list[Any]] = {}
    loaded = Program.objects.in_bulk(list(program_ids))
    for program in loaded.values():
        week = week_start_of(on or program.today())
        weeks.setdefault(week, []).append(program.pk)
    flagged: list[WeeklyHours] = []
    for week, programs in weeks.items():
        episodes = Episode.objects.open().filter(program_id__in=programs, admitted_on__lte=week)
        if episode_ids is not None:
            episodes = episodes.filter(pk__in=list(episode_ids))
        flagged += [h for h in _weekly(episodes, week, loaded).values() if h.flagged]
    return sorted(
        flagged,
        key=lambda h: (
            h.episode.client.legal_last_name if h.episode else "",
            h.episode.client.legal_first_name if h.episode else "",
            str(h.episode_id),
        ),
    )
