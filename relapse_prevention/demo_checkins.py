"""Demo check-ins and lapses, written through the services on their days (the demo clock):
twice-weekly check-ins over six weeks for the active clients, one of them with a clearly
rising craving (and falling mood) over the last two weeks, so Today shows the rise to the
primary clinician; and lapses for two clients, one confirmed by the demo's unexplained
positive screen, the other twice within two weeks (a step-up candidate)."""

from __future__ import annotations

import datetime
from typing import Any

from iop import demo_clock
from iop.clients.models import Episode
from relapse_prevention.models import AnalyteResult, CheckIn, Lapse
from relapse_prevention.services.checkins import checkin_record
from relapse_prevention.services.lapses import lapse_record

WEEKS = 6
CLIENTS = 8
DAY = datetime.timedelta(days=1)
# The client whose craving rises: days before today -> (craving, mood).
RISING = {12: (4, 6), 9: (5, 5), 5: (6, 4), 2: (8, 3)}


def _days(episode: Episode, today: datetime.date) -> list[datetime.date]:
    """Mondays and Thursdays of the last WEEKS weeks, from admission, before today."""
    start = max(episode.admitted_on, today - datetime.timedelta(weeks=WEEKS))
    days = []
    day = start
    while day < today:
        if day.weekday() in (0, 3):
            days.append(day)
        day += DAY
    return days


def _check_in(
    episode: Episode, by: Any, day: datetime.date, craving: int, mood: int, used_what: str = ""
) -> None:
    program = episode.program
    with demo_clock.on(program, day, datetime.time(9, 40)):
        checkin_record(
            episode=episode,
            by=by,
            craving=craving,
            mood=mood,
            used=bool(used_what),
            used_what=used_what,
            at=demo_clock.local_moment(program, day, datetime.time(9, 35)),
        )


def _steady(episode: Episode, by: Any, today: datetime.date, rng: Any) -> None:
    base_craving, base_mood = rng.randint(2, 4), rng.randint(5, 7)
    for day in _days(episode, today):
        craving = max(0, min(10, base_craving + rng.choice((-1, 0, 0, 1))))
        mood = max(0, min(10, base_mood + rng.choice((-1, 0, 0, 1))))
        _check_in(episode, by, day, craving, mood)


def _rising(episode: Episode, by: Any, today: datetime.date, rng: Any) -> None:
    early = [d for d in _days(episode, today) if d < today - 14 * DAY]
    for day in early:
        _check_in(episode, by, day, rng.choice((2, 3, 3)), rng.choice((6, 6, 7)))
    for days_ago, (craving, mood) in sorted(RISING.items(), reverse=True):
        day = today - days_ago * DAY
        if day >= episode.admitted_on:
            _check_in(episode, by, day, craving, mood, "alcohol" if days_ago == 2 else "")


def _lapse(episode: Episode, by: Any, day: datetime.date, **words: Any) -> None:
    with demo_clock.on(episode.program, day + DAY, datetime.time(11, 0)):
        lapse_record(episode=episode, by=by, occurred_on=day, **words)


def _confirmed_lapse(program: Any, by: Any) -> Episode | None:
    """The demo's unexplained positive screen (cocaine), met as a lapse the day before."""
    found = (
        AnalyteResult.objects.filter(
            specimen__client__program=program,
            analyte__code="cocaine",
            screen_result="positive",
        )
        .select_related("specimen__episode__program")
        .first()
    )
    if found is None:
        return None
    specimen = found.specimen
    episode = specimen.episode
    day = max(program.local_date(specimen.collected_at) - DAY, episode.admitted_on)
    with demo_clock.on(program, program.local_date(specimen.collected_at), datetime.time(16, 0)):
        lapse_record(
            episode=episode,
            by=by,
            occurred_on=day,
            substance_or_behavior="cocaine",
            context="Ran into an old friend after work on payday; it was offered at his place.",
            what_helped="Telling the group the next morning, and calling my sister that night.",
            what_to_change="Have my sister hold my card on payday; take the other bus home.",
            specimen=specimen,
        )
    return episode


def seed_checkins(context: dict[str, Any]) -> None:
    program = context["program"]
    if (
        CheckIn.objects.filter(program=program).exists()
        or Lapse.objects.filter(program=program).exists()
    ):
        return
    rng, clinician = context["rng"], context["staff"]["clinician@demo.test"]
    today = program.today()
    episodes = list(
        Episode.objects.open()
        .filter(program=program, admitted_on__lt=today - 21 * DAY)
        .select_related("program", "primary_clinician")
        .order_by("admitted_on")[:CLIENTS]
    )
    if not episodes:
        return
    confirmed = _confirmed_lapse(program, clinician)
    # Their check-ins and lapses run to today: the discharge demo leaves them in care.
    context.setdefault("story_episodes", set()).update(
        e.pk for e in (confirmed, *episodes) if e is not None
    )
    # Today shows the rise to the primary clinician: the demo clinician's client, if one is.
    others = [e for e in episodes if e != confirmed] or episodes
    rising = next((e for e in others if e.primary_clinician_id == clinician.pk), others[0])
    for episode in episodes:
        by = episode.primary_clinician or clinician
        (_rising if episode == rising else _steady)(episode, by, today, rng)
    by = rising.primary_clinician or clinician
    _lapse(
        rising,
        by,
        today - 9 * DAY,
        substance_or_behavior="alcohol",
        context="A work party; everyone was drinking and I had not planned how to leave.",
        what_helped="Leaving after two drinks and texting my sponsor from the car.",
        what_to_change="Plan my exit before I go, and bring my own drinks.",
    )
    _lapse(
        rising,
        by,
        today - 2 * DAY,
        substance_or_behavior="alcohol",
        context="The anniversary of my father's death; alone at home in the evening.",
        what_helped="Calling the crisis line, then my sister came over.",
        what_to_change="Put the anniversary on my plan as a high-risk date, with a visit booked.",
    )
