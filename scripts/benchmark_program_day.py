"""Benchmark the program day and the census at three program sizes, in one run. Not a test.

Each size is a program of its own in a database of its own, seeded once and reused:

- ``small``: 40 active clients (3 tracks of 12, plus 4 clients in no track), 8 weeks of
  sessions;
- ``large``: 580 active clients (44 tracks of 12, plus 52 in no track), a year of sessions;
- ``huge`` (the census only): 2,006 active clients (152 tracks of 12, plus 182 in no track),
  the last 4 weeks of sessions (what every census figure reads: attendance over 4 weeks,
  this week's hours, unsigned and late notes); a year of sessions for 2,000 clients would
  take most of an hour to seed on two cores and no census figure reads it.

Tracks meet Mon/Wed/Thu or Tue/Wed/Thu, two 90-minute groups a day, morning or evening;
sessions are made by ``sessions_generate``; every session that has ended has attendance
recorded (85 % present) and its notes written (signed, except the last day's). For the
census each program also has: clients admitted over the last 12 weeks (in no track, a
quarter of them without a primary clinician), discharged clients (a quarter as many as
those in tracks, discharged within the year), one in ten at ASAM 2.5 after a change of level
in the last 12 weeks, discharges planned, an active treatment plan for nine in ten tracked
clients with reviews falling due, open safety alerts (a PHQ-9 with item 9 above 0, through
``instrument_record``) and changes of level awaiting the director (through
``level_change_propose``).

It reports, for ``--requests`` requests each (default 30), the median and 95th percentile
server time, and the queries of one request, of: Today (a clinician), the week view (the
clinician's week; the director's whole program), the group charting page of a 12-client
session, a client chart (a client with the program's whole history), the census
(``/census/?program=``) and one census list (the clients "In care now"); then a table with
the ratio large/small, and for the census huge/small, of the p95s. The aim: every page
within 3x of the small program's p95 at the large size, and the census also at the huge
size; pages over it are marked. A census list shows every client it counts, so it grows with
the program by nature: it is reported, not held to the bound. The director's week view
shows every session of the program's week, so it grows with the number of tracks too; it
is held to the bound all the same.

For the large program it also times generating four weeks of sessions for all tracks
(``sessions_generate`` on a window with none generated yet: the four weeks after the last
session, so each rerun goes further ahead) and charts one 12-client group through the
real views, counting the HTTP requests a clinician needs: open the page, save the shared
part, save each client's part, sign all.

Server time is measured in-process around Django's test ``Client`` (no network, no browser):
URL resolution, middleware, view, queries and template rendering. MFA is switched off for
the run (settings override); everything else is the app's own settings. Each size runs in
a process of its own, one after the other.

Run (PostgreSQL must be reachable; the databases ``<name>_small``, ``<name>_large`` and
``<name>_huge`` are created if missing, from the name in DATABASE_URL; Redis for the cache):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/iop_bench \\
        .venv/bin/python scripts/benchmark_program_day.py [--requests 30] [--reseed] \\
        [--sizes small,large,huge]

``--reseed`` drops and recreates the benchmark databases first. Seeding all three takes
about ten minutes on two cores; later runs reuse them. Never point it at a database you
care about: each run adds four weeks of sessions to the large program.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/iop_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iop.settings")
# Test-like settings: insecure key and local hosts allowed; DEBUG stays off (no query log).
os.environ.setdefault("IOP_TESTING", "true")
os.environ.setdefault("IOP_LOG_LEVEL", "WARNING")

PROGRAM = "Benchmark IOP"
PER_TRACK = 12
CLINICIANS = 12
TRACK_DAYS = [[1, 3, 4], [2, 3, 4]]
BLOCKS = [(datetime.time(9), datetime.time(10, 30)), (datetime.time(10, 30), datetime.time(12))]
EVENING = [(datetime.time(18), datetime.time(19, 30)), (datetime.time(19, 30), datetime.time(21))]
BOUND = 3.0  # the aim: large (and huge, for the census) p95 within 3x of small


@dataclass(frozen=True)
class Size:
    name: str
    tracks: int
    history_days: int  # sessions generated from this many days ago through today
    program_day: bool  # Today, week view, charting and the chart are measured (not huge)


SIZES = {
    "small": Size("small", tracks=3, history_days=56, program_day=True),
    "large": Size("large", tracks=44, history_days=365, program_day=True),
    "huge": Size("huge", tracks=152, history_days=28, program_day=False),
}


def database_url(base: str, size: str) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_{size}"))


def ensure_database(url: str, reseed: bool) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = url.replace(parts.path, "/postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reseed:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


SEEDING: dict[str, float] = {}


def timed(label: str, fn: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - started
    SEEDING[label] = seconds
    print(f"  {label}: {seconds:.1f} s", flush=True)
    return result


# ---------------------------------------------------------------- seeding


def seed(size: Size) -> None:
    """Each stage runs once; an interrupted seed resumes at the stage it had not finished."""
    from django.db import transaction

    from iop.accounts.models import Program
    from iop.clients.models import Episode
    from scheduling.models import GroupNote, ProgressNote, Session, SessionAttendee

    program = Program.objects.filter(name=PROGRAM).first()
    if program is None:
        print(f"Seeding the {size.name} benchmark program…", flush=True)
        with transaction.atomic():
            people = timed("staff, clients, episodes", lambda: _people(size))
            timed("rooms, groups, tracks, enrolments", lambda: _calendar(people, size))
        program = people["program"]
    if not Session.objects.filter(program=program).exists():
        timed(
            f"{size.history_days} days of sessions (sessions_generate)",
            lambda: _history(program, size),
        )
    if not SessionAttendee.objects.filter(session__program=program).exclude(attendance="").exists():
        timed("attendance", lambda: _attendance(program))
    if not ProgressNote.objects.filter(program=program).exists():
        if GroupNote.objects.filter(session__program=program).exists():
            print("  (resuming the notes)")
        timed("notes", lambda: _notes(program))
    if not Episode.objects.filter(program=program, discharged_on__isnull=False).exists():
        with transaction.atomic():
            timed("census: admissions, discharges, levels, plans", lambda: _census(program))
    if not _census_services_done(program):
        timed("census: safety alerts, level changes pending", lambda: _census_services(program))


def _people(size: Size) -> dict[str, Any]:
    from iop.accounts.models import Membership, Program, Role, User
    from iop.clients.models import Client, Episode, LevelOfCare

    program = Program.objects.create(name=PROGRAM, time_zone="America/New_York")
    password = None  # unusable: the benchmark signs in with force_login

    def user(email: str, first: str, role: str) -> User:
        u = User.objects.create_user(email, password, first_name=first, last_name="Bench")
        Membership.objects.create(user=u, program=program, role=role)
        return u

    director = user("director@bench.test", "Dana", Role.DIRECTOR)
    clinicians = [
        user(f"clinician{i}@bench.test", f"C{i}", Role.CLINICIAN) for i in range(CLINICIANS)
    ]
    level = LevelOfCare.objects.get(edition=program.asam_edition, code="2.1")
    today = program.today()
    count = size.tracks * PER_TRACK
    clients = Client.objects.bulk_create(
        Client(
            program=program,
            record_number=f"B-{100000 + i}",
            legal_first_name=f"First{i}",
            legal_last_name=f"Last{i:04d}",
            date_of_birth=datetime.date(1980 + i % 20, 1 + i % 12, 1 + i % 28),
            email=f"client{i}@bench.test",
            reminder_channel="email",
        )
        for i in range(count)
    )
    episodes = Episode.objects.bulk_create(
        Episode(
            client=c,
            program=program,
            admitted_on=today - datetime.timedelta(days=size.history_days + 15),
            level_of_care=level,
            primary_clinician=clinicians[i % CLINICIANS],
        )
        for i, c in enumerate(clients)
    )
    return {
        "program": program,
        "director": director,
        "clinicians": clinicians,
        "episodes": episodes,
    }


def _calendar(people: dict[str, Any], size: Size) -> None:
    from groups.models import CurriculumTopic, Facilitator, Group, GroupKind, RosterEntry
    from scheduling.models import Room, Track, TrackBlock, TrackEnrolment

    program, clinicians, episodes = people["program"], people["clinicians"], people["episodes"]
    start = program.today() - datetime.timedelta(days=size.history_days)
    kinds = {k.code: k for k in GroupKind.objects.filter(program=None)}
    rooms = Room.objects.bulk_create(
        Room(program=program, name=f"Room {i + 1}", capacity=16) for i in range(size.tracks)
    )
    tracks, groups, blocks, enrolments, roster, staff, topics = [], [], [], [], [], [], []
    for t in range(size.tracks):
        evening = t % 2 == 1
        times = EVENING if evening else BLOCKS
        track = Track(
            program=program,
            name=f"{'Evening' if evening else 'Morning'} IOP {t // 2 + 1}",
            days=TRACK_DAYS[t % 2],
            starts_at=times[0][0],
            ends_at=times[1][1],
            starts_on=start,
        )
        tracks.append(track)
        for b, (kind, (begins, ends)) in enumerate(zip(["skills", "process"], times, strict=True)):
            group = Group(
                program=program, name=f"{track.name} {kind}", kind=kinds[kind], capacity=14
            )
            groups.append(group)
            blocks.append(
                TrackBlock(track=track, group=group, starts_at=begins, ends_at=ends, room=rooms[t])
            )
            lead = clinicians[(t + b) % CLINICIANS]
            staff.append(Facilitator(group=group, user=lead, role="lead"))
            topics += [
                CurriculumTopic(group=group, position=p, title=f"Topic {p}") for p in range(1, 9)
            ]
            for episode in episodes[t * PER_TRACK : (t + 1) * PER_TRACK]:
                roster.append(
                    RosterEntry(group=group, episode=episode, status="member", joined_on=start)
                )
        for episode in episodes[t * PER_TRACK : (t + 1) * PER_TRACK]:
            enrolments.append(TrackEnrolment(episode=episode, track=track, starts_on=start))
    Track.objects.bulk_create(tracks)
    Group.objects.bulk_create(groups)
    TrackBlock.objects.bulk_create(blocks)
    Facilitator.objects.bulk_create(staff)
    CurriculumTopic.objects.bulk_create(topics)
    RosterEntry.objects.bulk_create(roster)
    TrackEnrolment.objects.bulk_create(enrolments)


def _history(program: Any, size: Size) -> int:
    from scheduling.services.calendar import sessions_generate

    today = program.today()
    return sessions_generate(
        program=program, today=today - datetime.timedelta(days=size.history_days), until=today
    )


def _census(program: Any) -> None:
    """What the census counts beyond the program day, as admission and discharge would
    leave it (bulk rows; each change of level through ``episode_level_change``)."""
    from iop.accounts.models import User
    from iop.clients.models import Client, Episode, LevelOfCare, LevelOfCareChange
    from iop.clients.services import episode_level_change
    from treatment_plans.models import TreatmentPlan

    today = program.today()
    day = datetime.timedelta(days=1)
    director = User.objects.get(email="director@bench.test")
    clinicians = list(User.objects.filter(email__startswith="clinician").order_by("email"))
    iop, php = (
        LevelOfCare.objects.get(edition=program.asam_edition, code=code) for code in ("2.1", "2.5")
    )
    tracked = list(Episode.objects.filter(program=program).order_by("client__record_number"))
    first = len(tracked)
    extras, discharged = max(4, first // 10), first // 4

    def client(i: int) -> Client:
        return Client(
            program=program,
            record_number=f"B-{100000 + i}",
            legal_first_name=f"First{i}",
            legal_last_name=f"Last{i:04d}",
            date_of_birth=datetime.date(1980 + i % 20, 1 + i % 12, 1 + i % 28),
            email=f"client{i}@bench.test",
            reminder_channel="email",
        )

    new = Client.objects.bulk_create(client(first + i) for i in range(extras + discharged))
    admitted = Episode.objects.bulk_create(
        Episode(
            client=c,
            program=program,
            admitted_on=today - (i * 83 // extras) * day,  # over the last 12 weeks
            level_of_care=iop,
            primary_clinician=None if i % 4 == 0 else clinicians[i % CLINICIANS],
        )
        for i, c in enumerate(new[:extras])
    )
    past = []
    for i, c in enumerate(new[extras:]):
        out = today - (1 + i * 360 // discharged) * day  # over the last year
        past.append(
            Episode(
                client=c,
                program=program,
                admitted_on=out - (30 + i % 90) * day,
                discharged_on=out,
                discharge_reason=["completed", "step_down", "left_ama", "completed"][i % 4],
                level_of_care=iop,
                primary_clinician=clinicians[i % CLINICIANS],
            )
        )
    Episode.objects.bulk_create(past)
    everyone = tracked + admitted + past
    LevelOfCareChange.objects.bulk_create(
        LevelOfCareChange(
            episode=e,
            to_level=iop,
            effective_on=e.admitted_on,
            reason="Admitted at ASAM 2.1.",
            created_by=director,
        )
        for e in everyone
    )
    stepped = tracked[::10]
    for i, episode in enumerate(stepped):
        span = min(83, (today - episode.admitted_on).days)  # the last 12 weeks, since admission
        episode_level_change(
            episode=episode,
            to_level=php,
            effective_on=today - (i * span // len(stepped)) * day,
            reason="Stepped up: daily use returned; needs more structure.",
            by=director,
        )
    for i, episode in enumerate(tracked[5::20]):
        episode.discharge_planned_on = today + (i % 21) * day
        episode.discharge_planned_reason = "completed"
        episode.discharge_planned_by = episode.primary_clinician
        episode.save(
            update_fields=[
                "discharge_planned_on",
                "discharge_planned_reason",
                "discharge_planned_by",
            ]
        )
    now = datetime.datetime.now(datetime.UTC)
    TreatmentPlan.objects.bulk_create(
        TreatmentPlan(
            episode=e,
            client_id=e.client_id,
            program=program,
            status="active",
            strengths="Motivated; supportive sister.",
            client_signed_name=f"Client {i}",
            client_signed_at=now - 40 * day,
            clinician_signed_by=e.primary_clinician,
            clinician_signed_at=now - 40 * day,
            activated_at=now - 40 * day,
            review_due_on=today + (i % 90 - 5) * day,  # one in ten due soon or overdue
            created_by=e.primary_clinician,
        )
        for i, e in enumerate(tracked)
        if i % 10 != 9
    )


def _census_services_done(program: Any) -> bool:
    from scheduling.models import LevelChangeProposal

    return LevelChangeProposal.objects.filter(program=program).exists()


def _census_services(program: Any) -> None:
    """Open safety alerts and pending changes of level, through the app's services."""
    from django.db import connection

    from intake.services.instruments import instrument_record
    from iop.clients.models import Episode, LevelOfCare
    from scheduling.models import TrackPlan
    from scheduling.services.level_changes import (
        justification_draft,
        level_change_evidence,
        level_change_propose,
    )

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    today = program.today()
    open_episodes = list(
        Episode.objects.open()
        .filter(program=program, level_of_care__code="2.1", primary_clinician__isnull=False)
        .select_related("client", "program", "level_of_care", "primary_clinician")
        .order_by("client__record_number")
    )
    count = len(open_episodes)
    for episode in open_episodes[3 :: max(1, count // max(2, count // 100))]:
        assert episode.primary_clinician is not None
        answers = {str(i): 1 for i in range(1, 9)} | {"9": 1}
        instrument_record(
            client=episode.client,
            instrument="phq9",
            answers=answers,
            by=episode.primary_clinician,
            episode=episode,
        )
    php = LevelOfCare.objects.get(edition=program.asam_edition, code="2.5")
    ratings = {1: 0, 2: 1, 3: 3, 4: 2, 5: 3, 6: 1}
    for episode in open_episodes[7 :: max(1, count // max(1, count // 200))]:
        assert episode.primary_clinician is not None
        evidence = level_change_evidence(episode, today=today)
        texts = justification_draft(
            episode=episode, to_level=php, ratings=ratings, evidence=evidence
        )
        level_change_propose(
            episode=episode,
            by=episode.primary_clinician,
            to_level=php,
            effective_on=today + datetime.timedelta(days=1),
            track_plan=TrackPlan.KEEP,
            track=None,
            ratings=ratings,
            notes={},
            why_this_level=texts["why_this_level"],
            why_not_lower=texts["why_not_lower"],
            why_not_higher=texts["why_not_higher"],
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _attendance(program: Any) -> None:
    """Attendance for every session that has ended: 85 % present, some late or absent."""
    from django.db import connection

    with connection.cursor() as cursor:
        # Fresh bulk-loaded tables have no statistics: without them the planner picks
        # nested loops over sequential scans, and these statements take many minutes.
        cursor.execute("ANALYZE")
        cursor.execute(
            """
            WITH marks AS (
                SELECT a.id, random() AS r, s.starts_at, s.ends_at,
                       (EXTRACT(EPOCH FROM s.ends_at - s.starts_at) / 60)::int AS length
                FROM scheduling_sessionattendee a
                JOIN scheduling_session s ON s.id = a.session_id
                WHERE s.program_id = %s AND s.ends_at < now() AND a.attendance = ''
            )
            UPDATE scheduling_sessionattendee a SET
                attendance = CASE WHEN m.r < 0.85 THEN 'present'
                                  WHEN m.r < 0.90 THEN 'late'
                                  WHEN m.r < 0.95 THEN 'absent_excused'
                                  ELSE 'absent_unexcused' END,
                minutes_attended = CASE WHEN m.r < 0.85 THEN m.length
                                        WHEN m.r < 0.90 THEN m.length - 15
                                        ELSE 0 END,
                recorded_at = m.ends_at
            FROM marks m WHERE a.id = m.id
            """,
            [str(program.pk)],
        )


def _notes(program: Any) -> None:
    """A shared part and one note per client present, for every held session; signed,
    except those of the last day with sessions (left to sign) and that day's first
    sessions (left to write, for the charting timings)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT max(occurs_on) FROM scheduling_session
            WHERE program_id = %s AND ends_at < now()
            """,
            [str(program.pk)],
        )
        (last_day,) = cursor.fetchone()
        params = {"program": str(program.pk), "last_day": last_day}
        cursor.execute(
            """
            INSERT INTO scheduling_groupnote
                (id, created_at, updated_at, session_id, topic, interventions,
                 duration_minutes, author_id, revision)
            SELECT gen_random_uuid(), s.ends_at, s.ends_at, s.id, s.topic_title,
                   'Skills teaching, practice in pairs, group discussion.',
                   (EXTRACT(EPOCH FROM s.ends_at - s.starts_at) / 60)::int, st.user_id, 1
            FROM scheduling_session s
            JOIN scheduling_sessionstaff st ON st.session_id = s.id AND st.role = 'lead'
            WHERE s.program_id = %(program)s AND s.ends_at < now() AND s.occurs_on < %(last_day)s
              AND NOT EXISTS (SELECT 1 FROM scheduling_groupnote x WHERE x.session_id = s.id)
            """,
            params,
        )
        cursor.execute("ANALYZE")  # the join below needs the shared parts' statistics
        cursor.execute(
            """
            INSERT INTO scheduling_progressnote
                (id, created_at, updated_at, program_id, client_id, episode_id, session_id,
                 kind, format, group_note_id, body, author_id, revision, signed_at,
                 signed_by_id, signed_text, content_sha256, cosign_required)
            SELECT gen_random_uuid(), s.ends_at, s.ends_at, s.program_id, a.client_id,
                   a.episode_id, s.id, 'group', 'group', g.id,
                   jsonb_build_object(
                       'participation', 'Took part and shared an example ' || a.id,
                       'response', 'Practiced the skill.',
                       'progress', 'Steady progress.',
                       'safety', 'None observed.'),
                   g.author_id, 1,
                   CASE WHEN s.occurs_on < %(last_day)s - 1 THEN s.ends_at + interval '2 hours' END,
                   CASE WHEN s.occurs_on < %(last_day)s - 1 THEN g.author_id END,
                   CASE WHEN s.occurs_on < %(last_day)s - 1 THEN 'Signed note text' ELSE '' END,
                   CASE WHEN s.occurs_on < %(last_day)s - 1 THEN md5(a.id::text) || md5(s.id::text)
                        ELSE '' END,
                   false
            FROM scheduling_sessionattendee a
            JOIN scheduling_session s ON s.id = a.session_id
            JOIN scheduling_groupnote g ON g.session_id = s.id
            WHERE s.program_id = %(program)s
              AND a.attendance IN ('present', 'late', 'left_early')
            """,
            params,
        )
        cursor.execute("ANALYZE")


# ---------------------------------------------------------------- measuring


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def measure(client: Any, url: str, requests: int) -> tuple[float, float, int]:
    times = []
    status = 0
    client.get(url)  # warm up (template loading, caches)
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        status = response.status_code
    return statistics.median(times), percentile(times, 0.95), status


def charting_session(program: Any, exclude: Any = None) -> Any:
    """A held group session with 12 clients present and no notes written yet."""
    from django.db.models import Count, Exists, OuterRef, Q
    from django.utils import timezone

    from scheduling.models import GroupNote, Session

    candidates = (
        Session.objects.filter(program=program, kind="group", ends_at__lt=timezone.now())
        .exclude(Exists(GroupNote.objects.filter(session=OuterRef("pk"))))
        .annotate(present=Count("attendees", filter=Q(attendees__attendance__in=["present"])))
        .order_by("-starts_at")
    )
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    for session in candidates[:200]:
        if session.attendees.count() == PER_TRACK:
            # All twelve came: the charting page then has twelve parts to write.
            session.attendees.update(
                attendance="present", minutes_attended=session.duration_minutes
            )
            return session
    raise SystemExit("No held 12-client group session without notes: reseed.")


PARTICIPATION = [
    "Described a tense visit with a sibling and how the urge passed after a walk.",
    "Quiet at first; later spoke about sleep getting better since the new routine.",
    "Led the pair exercise and named two triggers at work for the group.",
    "Talked about missing a meeting and what got in the way on Tuesday.",
    "Brought a written list of coping cards and read one aloud.",
    "Shared that the weekend with old friends was the hardest part of the week.",
    "Asked for help planning the holiday dinner with family members.",
    "Reported using the breathing skill twice on the bus to work.",
    "Spoke briefly; said the court date next month is on their mind.",
    "Compared this week's craving log with last week's and saw fewer spikes.",
    "Described calling a sponsor instead of driving past the old bar.",
    "Engaged in role play about saying no to a coworker's offer.",
]
RESPONSE = [
    "Took feedback from peers well and wrote down one change to try.",
    "Practiced grounding with five senses; said it helped a little.",
    "Disagreed at first, then tried the reframe with the counselor's help.",
    "Accepted a suggestion to plan the evening hours in advance.",
    "Was tearful and used the calm-place exercise before continuing.",
    "Offered support to another member and stayed on topic.",
    "Rated the urge-surfing practice as useful, a 6 out of 10.",
    "Needed reminders to stay with the exercise but finished it.",
    "Asked good questions about the warning-sign stages.",
    "Tried opposite action in the role play and described how it felt.",
    "Said the skill felt awkward; agreed to practice it once daily.",
    "Responded to limits on side talk and rejoined the discussion.",
]
PROGRESS = [
    "Uses a coping skill most days, closer to the daily goal.",
    "Attendance steady; sleep objective improving per the log.",
    "Identified triggers in writing, meeting the first step of the objective.",
    "Some setback this week; plan reviewed and kept as it is.",
    "Coping cards in use, toward the objective set at the last review.",
    "Support contacts widened to two people, as planned.",
    "Holiday plan begun, toward the relapse prevention objective.",
    "Breathing skill used in real situations: objective on track.",
    "Court-related stress discussed; no change to the objective yet.",
    "Craving log kept five of seven days, up from three.",
    "Called sponsor twice: the support objective moves forward.",
    "Refusal skills practiced: objective partly met.",
]


def chart_flow(client: Any, session: Any, lead: Any) -> tuple[int, float, int]:
    """Chart a 12-person group through the views: returns (requests, seconds, notes signed)."""
    from django.urls import reverse

    from scheduling.models import ProgressNote
    from scheduling.services.notes import plan_objectives

    client.force_login(lead)
    requests = 0
    started = time.perf_counter()

    def send(method: str, url: str, data: dict[str, Any] | None = None, **headers: Any) -> Any:
        nonlocal requests
        requests += 1
        response = getattr(client, method)(url, data or {}, headers=headers)
        assert response.status_code in (200, 302), (url, response.status_code)
        return response

    send("get", reverse("scheduling:session_notes", args=[session.pk]))
    send(
        "post",
        reverse("scheduling:group_note_save", args=[session.pk]),
        {
            "shared-topic": session.topic_title or "Topic",
            "shared-interventions": "Skills teaching with practice in pairs; discussion.",
            "shared-duration_minutes": session.duration_minutes,
            "shared-revision": 0,
        },
        HX_Request="true",
    )
    attendees = list(session.attendees.all())
    objectives = plan_objectives(episode_ids=[a.episode_id for a in attendees])
    for i, attendee in enumerate(attendees):
        prefix = f"part-{attendee.pk}"
        # Each client's part in words of its own: near-identical parts are held back from
        # "Sign all" as copied text (scheduling/services/note_warnings.py).
        said, did, toward = (
            PARTICIPATION[i % len(PARTICIPATION)],
            RESPONSE[i % len(RESPONSE)],
            PROGRESS[i % len(PROGRESS)],
        )
        data = {
            f"{prefix}-participation": said,
            f"{prefix}-response": did,
            f"{prefix}-progress": toward,
            f"{prefix}-safety": "None observed.",
            f"{prefix}-revision": 0,
        }
        mine = objectives.get(attendee.episode_id, [])
        if mine:
            data[f"{prefix}-objectives"] = [str(mine[0].pk)]
        send(
            "post",
            reverse("scheduling:group_part_save", args=[attendee.pk]),
            data,
            HX_Request="true",
        )
    page = send("get", reverse("scheduling:session_notes", args=[session.pk]))
    shown = re.findall(r'name="shown" value="([^"]+)"', page.content.decode())
    send("post", reverse("scheduling:group_notes_sign", args=[session.pk]), {"shown": shown})
    seconds = time.perf_counter() - started
    signed = ProgressNote.objects.filter(session=session, signed_at__isnull=False).count()
    return requests, seconds, signed


def generation(program: Any) -> tuple[float, int]:
    """Four weeks for all tracks, on a window with nothing generated: the four weeks after
    the program's last session (attendees are never deleted, so each run goes further
    ahead rather than clearing a window)."""
    from django.db.models import Max

    from scheduling.models import Session
    from scheduling.services.calendar import sessions_generate

    last = Session.objects.filter(program=program).aggregate(last=Max("occurs_on"))["last"]
    start = max(program.today(), last or program.today()) + datetime.timedelta(days=1)
    started = time.perf_counter()
    created = sessions_generate(
        program=program, today=start, until=start + datetime.timedelta(weeks=4, days=-1)
    )
    return time.perf_counter() - started, created


def queries_of(client: Any, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured.captured_queries)


def program_summary(program: Any) -> str:
    from iop.clients.models import Episode
    from scheduling.models import ProgressNote, Session, SessionAttendee
    from treatment_plans.models import TreatmentPlan

    return (
        f"{Episode.objects.filter(program=program, discharged_on=None).count()} active "
        f"clients, {Episode.objects.filter(program=program).exclude(discharged_on=None).count()} "
        f"discharged, {Session.objects.filter(program=program).count()} sessions, "
        f"{SessionAttendee.objects.filter(session__program=program).count()} attendee rows, "
        f"{ProgressNote.objects.filter(program=program).count()} notes, "
        f"{TreatmentPlan.objects.filter(program=program).count()} plans"
    )


def report(size: Size, requests: int) -> dict[str, Any]:
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    from iop.accounts.models import Program, User
    from iop.clients.models import Episode

    program = Program.objects.get(name=PROGRAM)
    summary = program_summary(program)
    print(f"  {size.name}: {summary}", flush=True)
    result: dict[str, Any] = {
        "active": Episode.objects.filter(program=program, discharged_on=None).count(),
        "summary": summary,
        "pages": {},
    }
    director = User.objects.get(email="director@bench.test")
    clinician = User.objects.get(email="clinician0@bench.test")  # leads groups in 8 tracks
    if size.name == "large":
        result["generation"] = generation(program)
    census_url = reverse("dashboard:census") + f"?program={program.pk}"
    list_url = reverse("dashboard:census_figure", args=[program.pk, "active"])

    def run(label: str, http: Any, url: str) -> None:
        median, p95, status = measure(http, url, requests)
        result["pages"][label] = {
            "median": median,
            "p95": p95,
            "status": status,
            "queries": queries_of(http, url),
        }

    with override_settings(IOP_REQUIRE_MFA=False, ALLOWED_HOSTS=["testserver"]):
        http = Client()
        if size.program_day:
            chart_session = charting_session(program)
            flow_session = charting_session(program, exclude=chart_session)
            client_record = chart_session.attendees.first().client
            http.force_login(clinician)
            run("Today (clinician)", http, reverse("scheduling:today"))
            run(
                "Week view (clinician's week)",
                http,
                reverse("scheduling:week") + f"?staff={clinician.pk}",
            )
            run(
                "Group charting page, 12 clients",
                http,
                reverse("scheduling:session_notes", args=[chart_session.pk]),
            )
            run("Client chart", http, reverse("clients:chart", args=[client_record.pk]))
        http.force_login(director)
        if size.program_day:
            run("Week view (director, program)", http, reverse("scheduling:week"))
        run("Census (director)", http, census_url)
        run("Census list: In care now", http, list_url)
        if size.name == "large":
            lead = flow_session.staff_links.get(role="lead").user
            result["flow"] = chart_flow(Client(), flow_session, lead)
    return result


# ---------------------------------------------------------------- one run, three sizes

UNBOUND = {"Census list: In care now"}  # lists grow with the clients they list


def child(size: Size, requests: int, out: str) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter() - started
    seed(size)
    result = report(size, requests)
    result["seeding"] = SEEDING
    result["migrate"] = migrated
    Path(out).write_text(json.dumps(result))


def table(results: dict[str, dict[str, Any]], requests: int) -> None:
    small, large = results.get("small"), results.get("large")
    huge = results.get("huge")
    print(f"\nServer time over {requests} requests each (ms); q = queries in one request.")
    for name, r in results.items():
        print(f"  {name}: {r['summary']}")
    head = (
        f"{'Page':<32} {'small med':>9} {'p95':>7} {'q':>4}  {'large med':>9} {'p95':>7} "
        f"{'q':>4} {'L/S':>5}  {'2,000 p95':>9} {'q':>4} {'H/S':>5}"
    )
    print("\n" + head + "\n" + "-" * len(head))
    labels = list(dict.fromkeys(k for r in results.values() for k in r["pages"]))
    over = []
    for label in labels:
        s = small["pages"].get(label) if small else None
        row = f"{label:<32} "
        row += f"{s['median']:>9.1f} {s['p95']:>7.1f} {s['queries']:>4}  " if s else " " * 25
        marks = []
        for name, width in (("large", 9), ("huge", 0)):
            r = results.get(name, {}).get("pages", {}).get(label)
            if r is None:
                row += " " * (width + 25 if name == "large" else 22)
                continue
            ratio = r["p95"] / s["p95"] if s else float("nan")
            flag = "*" if ratio > BOUND and label not in UNBOUND else " "
            if flag == "*":
                marks.append(name)
            if name == "large":
                row += (
                    f"{r['median']:>9.1f} {r['p95']:>7.1f} {r['queries']:>4} {ratio:>4.1f}x{flag} "
                )
            else:
                row += f"{r['p95']:>9.1f} {r['queries']:>4} {ratio:>4.1f}x{flag}"
        if label in UNBOUND:
            row += "  (not bound)"
        print(row)
        over += [f"{label} ({m})" for m in marks]
    print(
        f"\n* over {BOUND:g}x the small program's p95. A census list shows every client it "
        "counts: it grows with them and is not held to the bound."
    )
    print("Over the bound: " + (", ".join(over) if over else "none"))
    if large and "generation" in large:
        seconds, created = large["generation"]
        print(
            f"\nGenerate four weeks, all {SIZES['large'].tracks} tracks of the large program: "
            f"{seconds * 1000:.0f} ms ({created} sessions)"
        )
    if large and "flow" in large:
        flow_requests, flow_seconds, signed = large["flow"]
        print(
            f"Charting a 12-person group: {flow_requests} HTTP requests (open the page, save "
            f"the shared part, 12 individual parts, sign all); {signed} notes signed; "
            f"{flow_seconds * 1000:.0f} ms of server time in all."
        )
    seeded = {n: sum(r["seeding"].values()) for n, r in results.items() if r["seeding"]}
    if seeded:
        print(
            "\nSeeded this run: "
            + ", ".join(f"{n} {s:.0f} s" for n, s in seeded.items())
            + " (migrations not counted)."
        )
    if huge is None or small is None or large is None:
        print("(Not every size was run: the ratios need the small program.)")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--sizes", default="small,large,huge")
    parser.add_argument("--child", choices=list(SIZES), help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(SIZES[args.child], args.requests, args.out)
        return
    base = os.environ["DATABASE_URL"]
    results: dict[str, dict[str, Any]] = {}
    for name in args.sizes.split(","):
        url = database_url(base, name)
        ensure_database(url, args.reseed)
        print(f"{name}: {urlsplit(url).path.lstrip('/')}", flush=True)
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            subprocess.run(  # noqa: S603 (this script, with its own arguments)
                [
                    sys.executable,
                    __file__,
                    "--child",
                    name,
                    "--out",
                    out.name,
                    "--requests",
                    str(args.requests),
                ],
                env={**os.environ, "DATABASE_URL": url},
                check=True,
            )
            results[name] = json.loads(Path(out.name).read_text())
    table(results, args.requests)


if __name__ == "__main__":
    main()
