"""Benchmark the program day on a large synthetic program. Not a test.

Seeds (once) its own database with a program of 528 active clients in 44 tracks (12 each,
Mon/Wed/Thu or Tue/Wed/Thu, two 90-minute groups a day), a year of generated sessions with
attendance recorded and notes written (signed, except the last day's), then reports, for
30 requests each, the median and 95th percentile server time of:

- Today (a clinician), the week view (the director, whole program), the group charting page
  of a 12-client session, and a client chart (a client with a year of history);
- generating four weeks of sessions for all tracks (``sessions_generate`` on a window with
  none generated yet; the window is cleared first, so the script can be rerun);
- and it charts one 12-client group through the real views and counts the HTTP requests a
  clinician needs: open the page, save the shared part, save each client's part, sign all.

Server time is measured in-process around Django's test ``Client`` (no network, no browser):
URL resolution, middleware, view, queries and template rendering. MFA is switched off for
the run (settings override); everything else is the app's own settings.

Run (PostgreSQL must be reachable; the database is created if missing; Redis for the cache):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/iop_bench \\
        .venv/bin/python scripts/benchmark_program_day.py [--requests 30] [--reseed]

``--reseed`` drops and recreates the benchmark database first. Seeding takes a few
minutes on two cores; later runs reuse it. Never point it at a database you care about:
it deletes future sessions of its own program before timing generation.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/iop_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iop.settings")
# Test-like settings: insecure key and local hosts allowed; DEBUG stays off (no query log).
os.environ.setdefault("IOP_TESTING", "true")
os.environ.setdefault("IOP_LOG_LEVEL", "WARNING")

PROGRAM = "Benchmark IOP"
TRACKS = 44
PER_TRACK = 12
CLINICIANS = 12
TRACK_DAYS = [[1, 3, 4], [2, 3, 4]]
BLOCKS = [(datetime.time(9), datetime.time(10, 30)), (datetime.time(10, 30), datetime.time(12))]
EVENING = [(datetime.time(18), datetime.time(19, 30)), (datetime.time(19, 30), datetime.time(21))]


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


def timed(label: str, fn: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = fn()
    print(f"  {label}: {time.perf_counter() - started:.1f} s", flush=True)
    return result


# ---------------------------------------------------------------- seeding


def seed() -> None:
    """Each stage runs once; an interrupted seed resumes at the stage it had not finished."""
    from django.db import transaction

    from iop.accounts.models import Program
    from scheduling.models import GroupNote, ProgressNote, Session, SessionAttendee

    program = Program.objects.filter(name=PROGRAM).first()
    if program is None:
        print("Seeding the benchmark program…", flush=True)
        with transaction.atomic():
            people = timed("staff, clients, episodes", _people)
            timed("rooms, groups, tracks, enrolments", lambda: _calendar(people))
        program = people["program"]
    if not Session.objects.filter(program=program).exists():
        timed("a year of sessions (sessions_generate)", lambda: _history(program))
    if not SessionAttendee.objects.filter(session__program=program).exclude(attendance="").exists():
        timed("attendance", lambda: _attendance(program))
    if not ProgressNote.objects.filter(program=program).exists():
        if GroupNote.objects.filter(session__program=program).exists():
            print("  (resuming the notes)")
        timed("notes", lambda: _notes(program))


def _people() -> dict[str, Any]:
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
    today = datetime.date.today()
    count = TRACKS * PER_TRACK
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
            admitted_on=today - datetime.timedelta(days=380),
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


def _calendar(people: dict[str, Any]) -> None:
    from groups.models import CurriculumTopic, Facilitator, Group, GroupKind, RosterEntry
    from scheduling.models import Room, Track, TrackBlock, TrackEnrolment

    program, clinicians, episodes = people["program"], people["clinicians"], people["episodes"]
    start = datetime.date.today() - datetime.timedelta(days=365)
    kinds = {k.code: k for k in GroupKind.objects.filter(program=None)}
    rooms = Room.objects.bulk_create(
        Room(program=program, name=f"Room {i + 1}", capacity=16) for i in range(TRACKS)
    )
    tracks, groups, blocks, enrolments, roster, staff, topics = [], [], [], [], [], [], []
    for t in range(TRACKS):
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


def _history(program: Any) -> int:
    from scheduling.services.calendar import sessions_generate

    today = program.today()
    return sessions_generate(
        program=program, today=today - datetime.timedelta(days=365), until=today
    )


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
                       'response', 'Practised the skill.',
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
        data = {
            f"{prefix}-participation": f"Shared example number {i} about their week at length.",
            f"{prefix}-response": f"Responded to feedback; practised step {i} of the skill.",
            f"{prefix}-progress": f"Moving toward the objective ({i} days of practice).",
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
    """Four weeks for all tracks, on a window with nothing generated (cleared first)."""
    from django.db import connection

    from scheduling.services.calendar import sessions_generate

    today = program.today()
    start = today + datetime.timedelta(days=1)
    with connection.cursor() as cursor:
        for table in ("scheduling_sessionattendee", "scheduling_sessionstaff"):
            cursor.execute(
                f"DELETE FROM {table} WHERE session_id IN (SELECT id FROM scheduling_session "  # noqa: S608 (fixed table names)
                "WHERE program_id = %s AND occurs_on >= %s)",
                [str(program.pk), start],
            )
        cursor.execute(
            "DELETE FROM scheduling_session WHERE program_id = %s AND occurs_on >= %s",
            [str(program.pk), start],
        )
    started = time.perf_counter()
    created = sessions_generate(
        program=program, today=start, until=start + datetime.timedelta(weeks=4, days=-1)
    )
    return time.perf_counter() - started, created


def report(requests: int) -> None:
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    from iop.accounts.models import Program, User
    from iop.clients.models import Episode
    from scheduling.models import ProgressNote, Session, SessionAttendee

    program = Program.objects.get(name=PROGRAM)
    print(
        f"\nProgram: {Episode.objects.filter(program=program, discharged_on=None).count()} "
        f"open episodes, {Session.objects.filter(program=program).count()} sessions, "
        f"{SessionAttendee.objects.filter(session__program=program).count()} attendee rows, "
        f"{ProgressNote.objects.filter(program=program).count()} notes.",
        flush=True,
    )
    gen_seconds, created = generation(program)

    director = User.objects.get(email="director@bench.test")
    clinician = User.objects.get(email="clinician0@bench.test")  # leads groups in 8 tracks
    chart_session = charting_session(program)
    flow_session = charting_session(program, exclude=chart_session)
    client_record = chart_session.attendees.first().client

    rows = []
    with override_settings(IOP_REQUIRE_MFA=False, ALLOWED_HOSTS=["testserver"]):
        http = Client()
        http.force_login(clinician)
        pages = [
            ("Today (clinician)", reverse("scheduling:today")),
            ("Week view (clinician's week)", reverse("scheduling:week") + f"?staff={clinician.pk}"),
            (
                "Group charting page, 12 clients",
                reverse("scheduling:session_notes", args=[chart_session.pk]),
            ),
            ("Client chart", reverse("clients:chart", args=[client_record.pk])),
        ]
        for label, url in pages:
            rows.append((label, *measure(http, url, requests)))
        http.force_login(director)
        rows.append(
            ("Week view (director, program)", *measure(http, reverse("scheduling:week"), requests))
        )
        lead = flow_session.staff_links.get(role="lead").user
        flow_requests, flow_seconds, signed = chart_flow(Client(), flow_session, lead)

    print(f"\nServer time over {requests} requests each (ms):")
    print(f"{'Page':<36} {'median':>8} {'p95':>8}  status")
    for label, median, p95, status in rows:
        print(f"{label:<36} {median:>8.1f} {p95:>8.1f}  {status}")
    print(
        f"\nGenerate four weeks, all {TRACKS} tracks: {gen_seconds * 1000:.0f} ms "
        f"({created} sessions)"
    )
    print(
        f"Charting a 12-person group: {flow_requests} HTTP requests (open the page, save the "
        f"shared part, 12 individual parts, sign all); {signed} notes signed; "
        f"{flow_seconds * 1000:.0f} ms of server time in all."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()
    ensure_database(os.environ["DATABASE_URL"], args.reseed)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    seed()
    report(args.requests)


if __name__ == "__main__":
    main()
