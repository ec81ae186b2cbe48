"""Random drug screening: schedules, the morning draw, the evening no-show sweep.

The draw is sequential sampling without replacement over the week's collection days: on a
collection day with ``n`` collection days left in the program week (today included) and ``r``
selections still owed, the client is selected with probability ``r / n``. That gives exactly
``times_per_week`` selections a week when there are enough days, each day equally likely,
and decides nothing ahead: only today's outcome is ever stored.
"""

from __future__ import annotations

import datetime
import random
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from iop.accounts.models import Program
from iop.clients.models import Client, Episode
from relapse_prevention.models import (
    RandomDraw,
    RandomScreening,
    RandomSelection,
    ScreenPanel,
    SelectionOutcome,
    Specimen,
    Validity,
)

DRAW_FROM = datetime.time(5, 0)
NO_SHOW_FROM = datetime.time(20, 0)
MAX_PER_WEEK = 5

# ---------------------------------------------------------------- schedules


def current_panel(code: str, day: datetime.date) -> ScreenPanel | None:
    """The version of a panel in effect on ``day`` (the newest not retired)."""
    panels = ScreenPanel.objects.filter(code=code, effective_from__lte=day)
    return panels.filter(retired=False).order_by("-version").first() or (
        panels.order_by("-version").first()
    )


def _check_schedule(times_per_week: Any, panel_code: str, day: datetime.date) -> ScreenPanel:
    errors: dict[str, str] = {}
    if not isinstance(times_per_week, int) or not 1 <= times_per_week <= MAX_PER_WEEK:
        errors["times_per_week"] = "Choose from 1 to 5 screens a week."
    panel = current_panel(panel_code, day)
    if panel is None:
        errors["panel_code"] = "Choose a panel in use on that date."
    if errors:
        raise ValidationError(errors)
    assert panel is not None
    return panel


@transaction.atomic
def schedule_start(
    *,
    episode: Episode,
    times_per_week: int,
    panel_code: str,
    started_on: datetime.date,
    reason: str,
    by: Any,
) -> RandomScreening:
    episode = Episode.objects.select_for_update().select_related("program").get(pk=episode.pk)
    if not episode.is_open:
        raise ValidationError("The client is not in care: no random schedule can start.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the client is screened at random."})
    panel = _check_schedule(times_per_week, panel_code, started_on)
    if started_on < episode.admitted_on:
        raise ValidationError({"started_on": "The schedule cannot start before admission."})
    if RandomScreening.objects.filter(episode=episode, ended_on__isnull=True).exists():
        raise ValidationError(
            "This client already has an active random schedule: change it or end it."
        )
    return RandomScreening.objects.create(
        client_id=episode.client_id,
        episode=episode,
        times_per_week=times_per_week,
        specimen_type=panel.specimen_type,
        panel_code=panel.code,
        started_on=started_on,
        set_by=by,
        reason=reason.strip(),
    )


def _end(schedule: RandomScreening, ended_on: datetime.date, reason: str, by: Any) -> None:
    if not reason.strip():
        raise ValidationError({"end_reason": "Say why the schedule ends."})
    if ended_on < schedule.started_on:
        raise ValidationError(
            {"ended_on": f"The end cannot be before the start ({schedule.started_on:%b %-d, %Y})."}
        )
    schedule.ended_on = ended_on
    schedule.ended_by = by
    schedule.end_reason = reason.strip()
    schedule.save(update_fields=["ended_on", "ended_by", "end_reason", "updated_at"])


@transaction.atomic
def schedule_end(
    *, schedule: RandomScreening, ended_on: datetime.date, reason: str, by: Any
) -> RandomScreening:
    schedule = RandomScreening.objects.select_for_update().get(pk=schedule.pk)
    if schedule.ended_on is not None:
        raise ValidationError("This schedule has already ended.")
    _end(schedule, ended_on, reason, by)
    return schedule


@transaction.atomic
def schedule_change(
    *, schedule: RandomScreening, times_per_week: int, panel_code: str, reason: str, by: Any
) -> RandomScreening:
    """End the active schedule today and start the new one today (the week's selections so
    far still count against the new number)."""
    schedule = (
        RandomScreening.objects.select_for_update()
        .select_related("episode__program")
        .get(pk=schedule.pk)
    )
    if schedule.ended_on is not None:
        raise ValidationError("This schedule has already ended.")
    today = schedule.episode.program.today()
    if not reason.strip():
        raise ValidationError({"reason": "Say why the schedule changes."})
    _check_schedule(times_per_week, panel_code, today)
    _end(schedule, max(today, schedule.started_on), reason, by)
    return schedule_start(
        episode=schedule.episode,
        times_per_week=times_per_week,
        panel_code=panel_code,
        started_on=max(today, schedule.started_on),
        reason=reason,
        by=by,
    )


# ---------------------------------------------------------------- the draw


def week_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The program week (Monday to Sunday) holding ``day``."""
    monday = day - datetime.timedelta(days=day.weekday())
    return monday, monday + datetime.timedelta(days=6)


def collection_days(episode: Episode, day: datetime.date) -> list[datetime.date]:
    """The days of ``day``'s week the client is expected at a session (not cancelled); when
    there are none, the program's weekdays, Monday to Friday."""
    from scheduling.models import SessionAttendee, SessionStatus

    monday, sunday = week_of(day)
    days = sorted(
        set(
            SessionAttendee.objects.expected()
            .filter(episode=episode, session__occurs_on__range=(monday, sunday))
            .exclude(session__status=SessionStatus.CANCELLED)
            .values_list("session__occurs_on", flat=True)
        )
    )
    return days or [monday + datetime.timedelta(days=i) for i in range(5)]


def decide(*, owed: int, days_left: int, rng: random.Random) -> bool:
    """Select today with probability owed / days_left (every day once owed >= days left)."""
    if owed <= 0 or days_left <= 0:
        return False
    return rng.randrange(days_left) < owed


def decide_today(
    *,
    day: datetime.date,
    days: list[datetime.date],
    taken: int,
    times_per_week: int,
    rng: random.Random,
) -> bool:
    """The day's decision: ``days`` are the week's collection days, ``taken`` the week's
    selections so far."""
    if day not in days:
        return False
    return decide(owed=times_per_week - taken, days_left=sum(d >= day for d in days), rng=rng)


def draw_for(
    schedule: RandomScreening, day: datetime.date, now: datetime.datetime, rng: random.Random
) -> RandomSelection | None:
    """Today's draw for one schedule, once: None when not selected (or drawn already)."""
    with transaction.atomic():
        schedule = RandomScreening.objects.select_for_update().get(pk=schedule.pk)
        if schedule.ended_on is not None and schedule.ended_on < day:
            return None
        if RandomDraw.objects.filter(schedule=schedule, day=day).exists():
            return None
        days = collection_days(schedule.episode, day)
        if day not in days:
            return None  # no draw today: nothing to record
        monday, sunday = week_of(day)
        taken = list(
            RandomSelection.objects.filter(
                client_id=schedule.client_id, day__range=(monday, sunday)
            ).values_list("day", flat=True)
        )
        if day in taken:
            return None
        selected = decide_today(
            day=day, days=days, taken=len(taken), times_per_week=schedule.times_per_week, rng=rng
        )
        RandomDraw.objects.create(schedule=schedule, day=day, drawn_at=now, selected=selected)
        if not selected:
            return None
        return RandomSelection.objects.create(
            client_id=schedule.client_id,
            episode_id=schedule.episode_id,
            schedule=schedule,
            day=day,
            drawn_at=now,
        )


def draw_program(program: Program, rng: random.Random | None = None) -> list[RandomSelection]:
    """The morning draw of one program (from 05:00 in its zone), for today only."""
    rng = rng or secrets.SystemRandom()
    now = program.now()
    if now.time() < DRAW_FROM:
        return []
    today = now.date()
    schedules = RandomScreening.objects.filter(
        episode__program=program,
        episode__discharged_on__isnull=True,
        started_on__lte=today,
        ended_on__isnull=True,
    ).select_related("episode")
    drawn = []
    for schedule in schedules:
        try:
            selection = draw_for(schedule, today, now, rng)
        except IntegrityError:  # another worker drew it at the same moment
            continue
        if selection:
            drawn.append(selection)
    return drawn


def draws_due(rng: random.Random | None = None) -> int:
    """The beat task: each program's draw, in its own zone."""
    rng = rng or secrets.SystemRandom()
    programs = Program.objects.filter(episodes__random_screenings__ended_on__isnull=True).distinct()
    return sum(len(draw_program(p, rng)) for p in programs)


# ---------------------------------------------------------------- outcomes


def selection_for(client: Client, day: datetime.date) -> RandomSelection | None:
    """The client's random selection on a program day, if they were drawn."""
    return RandomSelection.objects.filter(client=client, day=day).first()


@transaction.atomic
def selection_collected(selection: RandomSelection, specimen: Specimen) -> RandomSelection:
    """Called by the specimen record service when a selected client gives a specimen that day."""
    selection = (
        RandomSelection.objects.select_for_update()
        .select_related("client__program")
        .get(pk=selection.pk)
    )
    if specimen.client_id != selection.client_id:
        raise ValidationError("This specimen is another client's.")
    if selection.client.program.local_date(specimen.collected_at) != selection.day:
        raise ValidationError("The specimen was not collected on the day of the selection.")
    if selection.outcome != SelectionOutcome.PENDING:
        raise ValidationError("This selection already has its outcome.")
    selection.outcome = SelectionOutcome.COLLECTED
    selection.specimen = specimen
    selection.save(update_fields=["outcome", "specimen", "updated_at"])
    return selection


def _no_show_record(selection: RandomSelection, program: Program) -> Specimen:
    """The minimal no-show specimen: nothing collected, no analyte results."""
    schedule = selection.schedule
    panel = current_panel(schedule.panel_code, selection.day)
    if panel is None:
        raise ValidationError(f"No panel {schedule.panel_code} on {selection.day}.")
    return Specimen.objects.create(
        client_id=selection.client_id,
        episode_id=selection.episode_id,
        panel=panel,
        ordered_by_id=schedule.set_by_id,
        collected_at=program.at(selection.day, datetime.time(23, 59, 59)),
        collected_by=None,
        specimen_type=schedule.specimen_type,
        validity=Validity.NO_SHOW,
    )


def no_shows_program(program: Program) -> int:
    """Pending selections of days that are over (from 20:00 local) become no-shows, once."""
    now = program.now()
    last_day = now.date() if now.time() >= NO_SHOW_FROM else now.date() - datetime.timedelta(1)
    ids = list(
        RandomSelection.objects.filter(
            client__program=program, outcome=SelectionOutcome.PENDING, day__lte=last_day
        ).values_list("pk", flat=True)
    )
    done = 0
    for pk in ids:
        with transaction.atomic():
            selection = (
                RandomSelection.objects.select_for_update(skip_locked=True)
                .select_related("schedule")
                .filter(pk=pk, outcome=SelectionOutcome.PENDING)
                .first()
            )
            if selection is None:
                continue
            selection.specimen = _no_show_record(selection, program)
            selection.outcome = SelectionOutcome.NO_SHOW
            selection.save(update_fields=["outcome", "specimen", "updated_at"])
            done += 1
    return done


def no_shows_due() -> int:
    programs = Program.objects.filter(
        clients__random_selections__outcome=SelectionOutcome.PENDING
    ).distinct()
    return sum(no_shows_program(p) for p in programs)
