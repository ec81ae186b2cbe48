"""The census figures scheduling counts: clients by track, average daily attendance,
weekly hours out of reach, unsigned and late notes, and changes of level awaiting a
director. Registered in ``iop.dashboard.registry`` from SchedulingConfig.ready().

Average daily attendance: over the last 28 program-local days (today included), the
clients marked present, late or left early on each day that had a session held (started,
not cancelled), averaged over those days.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from iop.clients.models import Episode
from iop.dashboard.registry import CensusPart, CensusRow, register_census_figure
from scheduling.models import (
    ATTENDED,
    AttendeeStatus,
    LevelChangeProposal,
    Session,
    SessionAttendee,
    SessionStatus,
    TrackEnrolment,
)
from scheduling.services.hours import hours_shortfall
from scheduling.services.notes_due import UnsignedNote, notes_unsigned, notes_unsigned_count

ATTENDANCE_DAYS = 28
NO_TRACK = "none"


def _on(day: datetime.date) -> str:
    return f"{day:%b} {day.day}"


def _by_name(rows: list[CensusRow]) -> list[CensusRow]:
    return sorted(
        rows, key=lambda r: (r.client.legal_last_name, r.client.legal_first_name, str(r.client.pk))
    )


# ---------------------------------------------------------------- by track


def _current(program: Any) -> Any:
    return TrackEnrolment.objects.current().filter(
        track__program=program, episode__discharged_on__isnull=True
    )


def track_parts(program: Any, today: datetime.date) -> list[CensusPart]:
    in_track = list(
        _current(program)
        .values("track_id", "track__name")
        .annotate(total=Count("episode_id", distinct=True))
        .order_by("track__name")
    )
    open_total = Episode.objects.open().filter(program=program).count()
    parts = [CensusPart(str(r["track_id"]), r["track__name"], r["total"]) for r in in_track]
    none = open_total - sum(p.count for p in parts)
    return [*parts, CensusPart(NO_TRACK, "Not in a track", max(none, 0))]


def track_count(program: Any, today: datetime.date) -> int:
    return Episode.objects.open().filter(program=program).count()


def track_rows(program: Any, today: datetime.date, part: str = "") -> list[CensusRow]:
    enrolments = _current(program).select_related("episode__client", "track")
    if part == NO_TRACK:
        episodes = (
            Episode.objects.open()
            .filter(program=program)
            .exclude(pk__in=_current(program).values("episode_id"))
            .select_related("client")
        )
        return _by_name([CensusRow(e.client, "Not in a track") for e in episodes])
    if part:
        try:
            enrolments = enrolments.filter(track_id=uuid.UUID(part))
        except ValueError:
            return []
    return _by_name(
        [
            CensusRow(e.episode.client, f"{e.track.name}, since {_on(e.starts_on)}")
            for e in enrolments
        ]
    )


# ---------------------------------------------------------------- attendance


def _period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    return today - datetime.timedelta(days=ATTENDANCE_DAYS - 1), today


def _held_days(program: Any, today: datetime.date) -> int:
    return (
        Session.objects.filter(
            program=program,
            status=SessionStatus.SCHEDULED,
            occurs_on__range=_period(today),
            starts_at__lte=timezone.now(),
        )
        .values("occurs_on")
        .distinct()
        .count()
    )


def _attended(program: Any, today: datetime.date) -> Any:
    return SessionAttendee.objects.filter(
        session__program=program,
        session__status=SessionStatus.SCHEDULED,
        session__occurs_on__range=_period(today),
        status=AttendeeStatus.EXPECTED,
        attendance__in=ATTENDED,
    )


def attendance_average(program: Any, today: datetime.date) -> Decimal:
    days = _held_days(program, today)
    if not days:
        return Decimal(0)
    # A client at two sessions on one day is one client that day.
    client_days = (
        _attended(program, today).values("session__occurs_on", "client_id").distinct().count()
    )
    return (Decimal(client_days) / days).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def attendance_rows(program: Any, today: datetime.date, part: str = "") -> list[CensusRow]:
    days = _held_days(program, today)
    attended = (
        _attended(program, today)
        .values("client_id")
        .annotate(days=Count("session__occurs_on", distinct=True))
    )
    counts = {r["client_id"]: r["days"] for r in attended}
    clients = {
        e.client_id: e.client
        for e in Episode.objects.filter(program=program, client_id__in=counts).select_related(
            "client"
        )
    }
    return _by_name(
        [
            CensusRow(client, f"Attended on {counts[pk]} of {days} program days")
            for pk, client in clients.items()
        ]
    )


# ---------------------------------------------------------------- weekly hours


def _short(program: Any, today: datetime.date) -> list[Any]:
    return hours_shortfall(program_ids=[program.pk], on=today)


def hours_count(program: Any, today: datetime.date) -> int:
    return len(_short(program, today))


def hours_rows(program: Any, today: datetime.date, part: str = "") -> list[CensusRow]:
    return [
        CensusRow(
            h.episode.client,
            f"{h.attended_hours} of {h.minimum_hours} hours this week; the sessions left "
            "cannot make up the rest",
        )
        for h in _short(program, today)
        if h.episode
    ]


# ---------------------------------------------------------------- notes


def _unsigned(program: Any, late: bool) -> list[UnsignedNote]:
    notes = notes_unsigned(program_ids=[program.pk])
    return [n for n in notes if n.late] if late else notes


def _note_row(item: UnsignedNote) -> CensusRow:
    note = item.note
    day = note.session.occurs_on
    return CensusRow(
        note.client,
        f"Session on {_on(day)}, unsigned for {item.age_text}, by {note.author.display_name}",
        reverse("scheduling:session_notes", args=[note.session_id]),
    )


def unsigned_count(program: Any, today: datetime.date) -> int:
    return notes_unsigned_count(program=program)


def unsigned_rows(program: Any, today: datetime.date, part: str = "") -> list[CensusRow]:
    return [_note_row(n) for n in _unsigned(program, late=False)]


def late_count(program: Any, today: datetime.date) -> int:
    return notes_unsigned_count(program=program, late=True)


def late_rows(program: Any, today: datetime.date, part: str = "") -> list[CensusRow]:
    return [_note_row(n) for n in _unsigned(program, late=True)]


# ---------------------------------------------------------------- level changes


def _pending(program: Any) -> Any:
    return LevelChangeProposal.objects.pending().filter(program=program)


def proposals_count(program: Any, today: datetime.date) -> int:
    return _pending(program).count()


def proposals_rows(program: Any, today: datetime.date, part: str = "") -> list[CensusRow]:
    proposals = _pending(program).select_related("client", "from_level", "to_level")
    return [
        CensusRow(
            p.client,
            f"ASAM {p.from_level.code} to ASAM {p.to_level.code} from {_on(p.effective_on)}",
            reverse("scheduling:level_change", args=[p.pk]),
        )
        for p in proposals.order_by("created_at")
    ]


def candidates_count(program: Any, today: datetime.date) -> int:
    from scheduling.services.candidates import candidates_open_count

    return candidates_open_count(program)


def candidates_rows(program: Any, today: datetime.date, part: str = "") -> list[CensusRow]:
    from scheduling.models import LevelChangeCandidate

    flags = (
        LevelChangeCandidate.objects.open()
        .filter(program=program)
        .select_related("client")
        .order_by("direction", "flagged_on")
    )
    return [
        CensusRow(flag.client, f"{flag.get_direction_display()}: {flag.rule_text}")
        for flag in flags
    ]


def register() -> None:
    register_census_figure(
        "level_change_candidates",
        "Flagged for a change of level",
        candidates_count,
        candidates_rows,
        order=65,
        help="Clients whose record suggests a step up or down (the rule is on each row).",
    )
    register_census_figure(
        "by_track",
        "In care by track",
        track_count,
        track_rows,
        section="census",
        order=30,
        parts=track_parts,
    )
    register_census_figure(
        "attendance",
        "Average daily attendance",
        attendance_average,
        attendance_rows,
        section="stay",
        order=10,
        unit="clients",
        help=f"Per program day with sessions, the last {ATTENDANCE_DAYS // 7} weeks.",
    )
    register_census_figure(
        "hours_short",
        "Cannot reach this week’s hours",
        hours_count,
        hours_rows,
        order=20,
        attention=True,
        help="Below their level’s weekly minimum, with too few sessions left.",
    )
    register_census_figure(
        "notes_unsigned", "Unsigned notes", unsigned_count, unsigned_rows, order=40
    )
    register_census_figure(
        "notes_late",
        "Late notes",
        late_count,
        late_rows,
        order=50,
        attention=True,
        help="Unsigned past the program’s hours after the session.",
    )
    register_census_figure(
        "level_changes_pending",
        "Changes of level awaiting you",
        proposals_count,
        proposals_rows,
        order=60,
        attention=True,
    )
