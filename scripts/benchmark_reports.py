"""Benchmark a signed report until its PDF is stored, against WeasyPrint alone. Not a test.

In one run, for two sizes of compliance report (for the clinical record, no consent):

- small: 7 days of a demo outpatient (level 1) with a light schedule;
- large: 90 days of a client with a full schedule, made here through the services: admitted
  100 days ago, enrolled in a four-day IOP track (two 90-minute groups a day) plus a weekly
  individual session, attendance recorded for every session (mostly present, some late,
  excused or not), a weekly observed urine screen interpreted and signed, PHQ-9 and GAD-7
  every two weeks;

it measures, over ``--repeats`` repetitions each after one warm-up:

- end to end: ``report_sign`` (which calls the kernel's ``report_request``, whose Celery
  task is sent when the transaction commits) until the kernel ``Report`` row is READY, the
  task consumed by a real worker subprocess (``celery -A iop worker --pool=solo
  --concurrency=1``) that renders and stores the PDF; the row is polled every 5 ms;
- WeasyPrint alone: the same HTML (``pdf_report.html`` with the context of
  ``render_clinical_report``, rendered once) written to PDF in this process with the same
  base URL, url_fetcher and PDF/UA options as ``render_pdf``;

and prints, per size, both medians, their ratio and the PDF's pages. It exits 1 when the
large report's end-to-end median is more than 1.5 times WeasyPrint's (the requirement).

Each repetition drafts a new report first (drafting is not timed: only signing onwards).
The data comes from ``seed_demo`` plus the services named above, under the demo clock.

Run (PostgreSQL and Redis must be reachable; the database is dropped and created on every
run, on DATABASE_URL's server, under the name given by --database; PDFs go to a temporary
MEDIA_ROOT, removed at the end):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
    REDIS_URL=redis://127.0.0.1:6379/12 \\
        .venv/bin/python scripts/benchmark_reports.py [--repeats 5] [--database iop_bench_reports]

Seeding takes a few minutes on two cores. The worker subprocess is stopped on exit (also
on Ctrl-C). Never point it at a database or Redis database you care about: the database is
dropped, and the Celery queue on REDIS_URL is purged.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/12")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iop.settings")
# Test-like settings: insecure key and local hosts allowed; DEBUG stays off (no query log).
os.environ.setdefault("IOP_TESTING", "true")
os.environ.setdefault("IOP_LOG_LEVEL", "WARNING")

LIMIT = 1.5
POLL = 0.005
LARGE_DAYS = 90
ADMITTED_DAYS_AGO = 100
SAM, RILEY = "clinician@demo.test", "riley.chen@demo.test"
DIRECTOR, PRESCRIBER = "director@demo.test", "prescriber@demo.test"
PARTS = {
    "executive_summary": "Attending as the plan requires; no concerns this period.",
    "participation": "Takes part in group, on time, and uses the skills taught.",
    "recommendation": "Continue in the program at the current level of care.",
    "clinician_summary": "Steady progress; continuing the current plan.",
    "aftercare": "Weekly outpatient counseling and a peer support group.",
}


def fresh_database(url: str, name: str) -> str:
    """Drop and create ``name`` on ``url``'s server; return its URL."""
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def timed(label: str, fn: Any) -> Any:
    started = time.perf_counter()
    result = fn()
    print(f"  {label}: {time.perf_counter() - started:.1f} s", flush=True)
    return result


# ---------------------------------------------------------------- the worker


class Worker:
    """A real Celery worker in its own process group; always stopped by ``stop``."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.log = tempfile.NamedTemporaryFile(prefix="bench-worker-", suffix=".log", delete=False)  # noqa: SIM115

    def start(self) -> None:
        from iop.celery import app

        app.control.purge()  # tasks left by an interrupted run
        celery = ROOT / ".venv" / "bin" / "celery"
        self.process = subprocess.Popen(  # noqa: S603 (fixed command)
            [str(celery), "-A", "iop", "worker", "--pool=solo", "--concurrency=1", "-l", "WARNING"],
            cwd=ROOT,
            env=os.environ.copy(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        # Ready once it answers a task sent through the broker.
        answer = app.send_task("iop.ping").get(timeout=120)
        if answer != "pong":
            raise SystemExit(f"The worker answered {answer!r}; see {self.log.name}")

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)  # warm shutdown: finishes the current task
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# ---------------------------------------------------------------- seeding


def seed() -> dict[str, Any]:
    """The demo, then one client with 100 days of a full schedule, through the services."""
    from django.core.management import call_command

    from iop.accounts.demo import DEMO_PROGRAM
    from iop.accounts.models import Program, User

    timed("seed_demo", lambda: call_command("seed_demo", force=True, stdout=io.StringIO()))
    program = Program.objects.get(name=DEMO_PROGRAM)
    staff = {u.email: u for u in User.objects.filter(email__endswith="@demo.test")}
    large = timed("100 days of a full schedule", lambda: _full_schedule(program, staff))
    return {"program": program, "staff": staff, "large": large, "small": _light(program)}


def _light(program: Any) -> Any:
    """An open outpatient episode (individual sessions only), in care for a week or more."""
    from iop.clients.models import Episode

    today = program.today()
    episode = (
        Episode.objects.open()
        .filter(
            program=program,
            level_of_care__code="1",
            admitted_on__lte=today - datetime.timedelta(days=8),
        )
        .select_related("client", "primary_clinician")
        .order_by("client__record_number")
        .first()
    )
    if episode is None:
        raise SystemExit("No demo outpatient in care for a week: seed_demo changed?")
    return episode


def _full_schedule(program: Any, staff: dict[str, Any]) -> Any:
    from django.db import transaction

    with transaction.atomic():
        episode = _admit(program, staff)
        _track(program, staff, episode)
        _individual(program, staff, episode)
    _attendance(program, episode)
    _screens(program, staff, episode)
    _scores(program, staff, episode)
    return episode


def _admit(program: Any, staff: dict[str, Any]) -> Any:
    """Through intake, as the demo's clients come (intake/demo_clients.py)."""
    from intake.demo_clients import admit_through_intake
    from iop.clients.models import LevelOfCare

    return admit_through_intake(
        program=program,
        staff=staff,
        client_data={
            "record_number": "R-9001",
            "legal_first_name": "Benchmark",
            "legal_last_name": "Fullschedule",
            "date_of_birth": datetime.date(1985, 6, 15),
            "phone": "+12025550999",
            "email": "bench.client@example.test",
        },
        level=LevelOfCare.objects.get(edition=program.asam_edition, code="2.1"),
        admitted_on=program.today() - datetime.timedelta(days=ADMITTED_DAYS_AGO),
        primary_clinician=staff[RILEY],
    )


def _track(program: Any, staff: dict[str, Any], episode: Any) -> None:
    """A four-day morning track (Mon, Tue, Thu, Fri) of two groups, from the admission."""
    from groups.models import Admission, GroupKind
    from groups.services import group_save
    from scheduling.models import Room
    from scheduling.services.calendar import block_save, sessions_generate, track_save
    from scheduling.services.enrolment import track_enrol

    t = datetime.time
    director = staff[DIRECTOR]
    kinds = {k.code: k for k in GroupKind.objects.filter(program=None)}
    room = Room.objects.get(program=program, name="Group Room B")
    track = track_save(
        program=program,
        name="Benchmark IOP",
        days=[1, 2, 4, 5],
        starts_at=t(8),
        ends_at=t(11),
        starts_on=episode.admitted_on,
        actor=director,
    )
    for name, kind, begins, ends in [
        ("Benchmark Skills", "skills", t(8), t(9, 30)),
        ("Benchmark Process", "process", t(9, 30), t(11)),
    ]:
        group = group_save(
            program=program,
            data={
                "name": name,
                "kind": kinds[kind],
                "description": "Benchmark group.",
                "capacity": 14,
                "admission": Admission.OPEN,
                "active": True,
                "facilitator": staff[RILEY],
                "co_facilitator": None,
                "curriculum": [f"{name} topic {i}" for i in range(1, 9)],
            },
            actor=director,
        )
        block_save(
            track=track, group=group, starts_at=begins, ends_at=ends, room=room, actor=director
        )
    track_enrol(
        episode=episode, track=track, starts_on=episode.admitted_on, actor=staff["intake@demo.test"]
    )
    sessions_generate(program=program, today=episode.admitted_on, until=program.today())


def _individual(program: Any, staff: dict[str, Any], episode: Any) -> None:
    """Weekly individual session on Wednesdays with the primary clinician, booked a week ahead
    (booking refuses the past), as scheduling/demo.py does."""
    from django.utils import timezone

    from iop.demo_clock import then
    from scheduling.models import Room, SessionKind
    from scheduling.services.bookings import session_book

    office = Room.objects.get(program=program, name="Office 3")
    day = episode.admitted_on
    while day.isoweekday() != 3:
        day += datetime.timedelta(days=1)
    now = timezone.now()
    while day < program.today():
        starts_at = program.at(day, datetime.time(8))
        with then(min(starts_at - datetime.timedelta(weeks=1), now)):
            session_book(
                program=program,
                kind=SessionKind.INDIVIDUAL,
                episode=episode,
                staff=staff[RILEY],
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(minutes=50),
                actor=staff["intake@demo.test"],
                room=office,
                telehealth_url="",
            )
        day += datetime.timedelta(weeks=1)


def _attendance(program: Any, episode: Any) -> None:
    from django.utils import timezone

    from scheduling.models import Attendance, Session, SessionStatus
    from scheduling.services.attendance import attendance_record

    rng = random.Random(90)
    now = timezone.now()
    sessions = (
        Session.objects.filter(
            attendees__episode=episode, status=SessionStatus.SCHEDULED, ends_at__lte=now
        )
        .distinct()
        .prefetch_related("attendees", "staff_links__user")
        .order_by("starts_at")
    )
    for session in sessions:
        places = [a for a in session.attendees.all() if a.status == "expected"]
        if not places:
            continue
        length = session.duration_minutes
        marks = {}
        for a in places:
            roll = rng.random()
            marks[a.pk] = (
                (Attendance.PRESENT, None)
                if roll < 0.85 or a.episode_id != episode.pk
                else (Attendance.LATE, length - 15)
                if roll < 0.90
                else (Attendance.ABSENT_EXCUSED, None)
                if roll < 0.96
                else (Attendance.ABSENT_UNEXCUSED, None)
            )
        links = list(session.staff_links.all())
        lead = next((s for s in links if s.role == "lead"), links[0])
        attendance_record(
            session=session,
            marks=marks,
            actor=lead.user,
            now=min(session.ends_at + datetime.timedelta(minutes=20), now),
        )


def _screens(program: Any, staff: dict[str, Any], episode: Any) -> None:
    """A weekly observed urine screen, interpreted and signed the same day
    (relapse_prevention/demo_screens.py), one of them positive."""
    from iop import demo_clock
    from iop.signatures.text import content_hash
    from relapse_prevention.models import ScreenPanel, TestingSite, Validity
    from relapse_prevention.services.screens import (
        ResultInput,
        specimen_for_signing,
        specimen_interpret,
        specimen_record,
        specimen_sign,
        specimen_signed_text,
    )

    clinician = staff[RILEY]
    panel = ScreenPanel.objects.get(code="urine-program", retired=False)
    analytes = list(panel.analytes.all())
    day = episode.admitted_on + datetime.timedelta(days=1)
    week = 0
    while day < program.today():
        positive = week == 5
        results = [
            ResultInput(a.pk, "positive" if positive and a.code == "cocaine" else "negative")
            for a in analytes
        ]
        with demo_clock.on(program, day, datetime.time(10, 15)):
            specimen = specimen_record(
                client=episode.client,
                actor=clinician,
                panel=panel,
                ordered_by=clinician,
                collected_at=demo_clock.local_moment(program, day, datetime.time(10, 0)),
                collected_by=clinician,
                observed=True,
                validity=Validity.NORMAL,
                testing_site=TestingSite.POINT_OF_CARE,
                lab_or_device="Program 13-panel cup",
                results=results,
            )
        with demo_clock.on(program, day, datetime.time(15, 30)):
            specimen_interpret(
                specimen=specimen,
                actor=clinician,
                interpretation="Unexpected positive for cocaine. Reviewed; plan updated."
                if positive
                else "Consistent with the treatment plan and the medication list.",
            )
            text = specimen_signed_text(specimen_for_signing(specimen.pk))
            specimen_sign(specimen=specimen, actor=clinician, shown_sha256=content_hash(text))
        day += datetime.timedelta(weeks=1)
        week += 1


def _scores(program: Any, staff: dict[str, Any], episode: Any) -> None:
    """PHQ-9 and GAD-7 every two weeks, improving (intake/demo_clients.py)."""
    from intake.services.instruments import instrument_record
    from iop import demo_clock

    day, visit = episode.admitted_on, 0
    while day < program.today():
        at = demo_clock.local_moment(program, day, datetime.time(10, 30))
        phq, gad = max(0, 18 - 2 * visit), max(0, 14 - 2 * visit)
        for code, total, items in (("phq9", phq, 9), ("gad7", gad, 7)):
            answers = dict.fromkeys([str(i) for i in range(1, items + 1)], 0)
            for i in range(total):
                answers[str(i % (items - (code == "phq9")) + 1)] += 1  # PHQ-9 item 9 stays 0
            instrument_record(
                client=episode.client,
                instrument=code,
                answers=answers,
                by=staff[RILEY],
                episode=episode,
                administered_at=at,
            )
        day += datetime.timedelta(weeks=2)
        visit += 1


# ---------------------------------------------------------------- measuring


def draft(episode: Any, days: int) -> Any:
    from iop.reports.clinical import services

    program = episode.client.program
    end = program.today() - datetime.timedelta(days=1)
    start = max(episode.admitted_on, end - datetime.timedelta(days=days - 1))
    author = episode.primary_clinician
    report = services.report_draft(
        kind="compliance",
        client=episode.client,
        episode=episode,
        start=start,
        end=end,
        consent=None,
        author=author,
    )
    data = {f: getattr(report, f) or PARTS[f] for f in services.narrative_fields(report)}
    return services.narrative_save(report=report, by=author, data=data)


def sign_until_ready(report: Any, timeout: float = 300) -> tuple[float, float, Any]:
    """Seconds from report_sign until the kernel Report is READY, seconds report_sign took
    (its transaction, committed), and that Report."""
    from iop.reports.clinical import services
    from iop.reports.models import Report, ReportStatus

    shown = services.report_shown_hash(report)
    started = time.perf_counter()
    signed = services.report_sign(report=report, by=report.author, shown_sha256=shown)
    signing = time.perf_counter() - started
    document_id = signed.document_id
    assert document_id is not None
    while True:
        status = Report.objects.filter(pk=document_id).values_list("status", flat=True)[0]
        if status == ReportStatus.READY:
            seconds = time.perf_counter() - started
            return seconds, signing, Report.objects.get(pk=document_id)
        if status == ReportStatus.FAILED:
            error = Report.objects.get(pk=document_id).error
            raise SystemExit(f"Report {document_id} failed: {error}")
        if time.perf_counter() - started > timeout:
            raise SystemExit(f"Report {document_id} still {status} after {timeout:.0f} s")
        time.sleep(POLL)


def weasyprint_alone(document: Any, repeats: int) -> list[float]:
    """The HTML of render_clinical_report, rendered once, written to PDF ``repeats`` times."""
    from django.template.loader import render_to_string
    from weasyprint import HTML

    from iop.reports.clinical.documents import report_sections
    from iop.reports.clinical.models import ClinicalReport
    from iop.reports.pdf import ACCESSIBLE, StaticFilesOnlyFetcher, static_base_url

    report = ClinicalReport.objects.select_related(
        "client", "client__program", "signed_by", "consent", "consent__recipient_user"
    ).get(pk=document.subject_id)
    context = {
        "report": report,
        "program": report.client.program,
        "disclosed": report.consent_id is not None,
        "recipient": report.consent.recipient_display if report.consent else "",
        "sections": report_sections(report),
    }
    html = render_to_string("reports/clinical/pdf_report.html", context)
    times = []
    for _ in range(repeats + 1):  # the first is the warm-up
        started = time.perf_counter()
        HTML(
            string=html, base_url=static_base_url(), url_fetcher=StaticFilesOnlyFetcher()
        ).write_pdf(pdf_variant=ACCESSIBLE, pdf_tags=True)
        times.append(time.perf_counter() - started)
    return times[1:]


def pages_of(document: Any) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(document.path.read_bytes())).pages)


def measure(label: str, episode: Any, days: int, repeats: int) -> dict[str, Any]:
    print(f"  {label}: drafting and signing {repeats + 1} reports…", flush=True)
    end_to_end: list[float] = []
    signing: list[float] = []
    document: Any = None
    for i in range(repeats + 1):  # the first is the warm-up
        report = draft(episode, days)
        seconds, sign, document = sign_until_ready(report)
        if i:
            end_to_end.append(seconds)
            signing.append(sign)
    alone = weasyprint_alone(document, repeats)
    e2e, weasy = statistics.median(end_to_end), statistics.median(alone)
    return {
        "label": label,
        "period": f"{report.period_start:%Y-%m-%d}..{report.period_end:%Y-%m-%d}",
        "e2e": e2e,
        "e2e_range": (min(end_to_end), max(end_to_end)),
        "sign": statistics.median(signing),
        "weasy": weasy,
        "ratio": e2e / weasy,
        "pages": pages_of(document),
        "size": document.size,
    }


def counts(episode: Any, days: int) -> str:
    from intake.models import InstrumentResult
    from relapse_prevention.models import Specimen
    from scheduling.models import SessionAttendee

    end = episode.client.program.today() - datetime.timedelta(days=1)
    start = max(episode.admitted_on, end - datetime.timedelta(days=days - 1))
    attended = SessionAttendee.objects.filter(
        episode=episode, session__occurs_on__range=(start, end)
    ).exclude(attendance="")
    screens = Specimen.objects.filter(
        client=episode.client, collected_at__date__range=(start, end)
    ).count()
    scores = InstrumentResult.objects.filter(
        client=episode.client, administered_at__date__range=(start, end)
    ).count()
    days_with = attended.values("session__occurs_on").distinct().count()
    return (
        f"{attended.count()} sessions with attendance on {days_with} days, "
        f"{screens} drug screens, {scores} scores"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--database", default="iop_bench_reports")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = fresh_database(os.environ["DATABASE_URL"], args.database)
    media = tempfile.mkdtemp(prefix="bench-reports-media-")
    os.environ["IOP_MEDIA_ROOT"] = media  # the worker inherits it: it stores the PDFs there

    import django

    django.setup()
    from django.core.management import call_command

    print(f"Database {args.database} (fresh); seeding…", flush=True)
    timed("migrate", lambda: call_command("migrate", verbosity=0))
    data = seed()

    # SIGTERM (and Ctrl-C) unwind through the finally below, so the worker is always stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    worker = Worker()
    try:
        timed("worker start (until it answers a ping)", worker.start)
        print("Measuring…", flush=True)
        rows = [
            measure("small", data["small"], 7, args.repeats),
            measure("large", data["large"], LARGE_DAYS, args.repeats),
        ]
    finally:
        worker.stop()
        shutil.rmtree(media, ignore_errors=True)

    small, large = rows
    print(f"\nsmall: 7 days ({small['period']}), {counts(data['small'], 7)}")
    print(f"large: {LARGE_DAYS} days ({large['period']}), {counts(data['large'], LARGE_DAYS)}")
    print(f"\nMedian of {args.repeats} after one warm-up (seconds):")
    print(
        f"{'report':<8} {'end to end':>11} {'(min-max)':>13} {'of it: sign':>12} "
        f"{'WeasyPrint':>11} {'ratio':>6} {'pages':>6} {'PDF KB':>7}"
    )
    for r in rows:
        low, high = r["e2e_range"]
        print(
            f"{r['label']:<8} {r['e2e']:>11.3f} {f'{low:.2f}-{high:.2f}':>13} "
            f"{r['sign']:>12.3f} {r['weasy']:>11.3f} {r['ratio']:>6.2f} {r['pages']:>6} "
            f"{r['size'] / 1024:>7.0f}"
        )
    if large["ratio"] > LIMIT:
        print(
            f"\nFAIL: large end to end is {large['ratio']:.2f}x WeasyPrint alone (limit {LIMIT}x)"
        )
        sys.exit(1)
    print(f"\nOK: large end to end is {large['ratio']:.2f}x WeasyPrint alone (limit {LIMIT}x)")


if __name__ == "__main__":
    main()
