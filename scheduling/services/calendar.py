"""The program calendar: tracks and their blocks, closures, generating group sessions ahead,
and moving or cancelling one session.

Track and block times are wall-clock times in the program's time zone. A session is stored
in UTC, computed with zoneinfo for its own date, so a 09:00 group is at 09:00 local on both
sides of a daylight-saving change (its UTC offset is what changes).

Removing a client from a session never deletes the row: it is marked removed with a reason,
and only sessions that have not started yet are touched.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from groups.models import CurriculumTopic, Facilitator, Group, RosterEntry, RosterStatus
from iop.accounts.models import Program, User
from scheduling.models import (
    IOP_MAX_DAYS,
    IOP_MIN_DAYS,
    WEEKDAY_NAMES,
    AttendeeStatus,
    Closure,
    Room,
    Session,
    SessionAttendee,
    SessionKind,
    SessionStaff,
    SessionStatus,
    Track,
    TrackBlock,
    TrackEnrolment,
)

# ---------------------------------------------------------------- labels
# Program time (its zone, today, local times) is Program's: Program.zone/now/today/local/at.


def day_label(day: datetime.date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def session_label(session: Session) -> str:
    """E.g. "Process group on Wed 4 Mar at 09:00" (program-local)."""
    start = session.program.local(session.starts_at)
    name = session.group.name if session.group_id and session.group else session.get_kind_display()
    return f"{name} on {day_label(start.date())} at {start:%H:%M}"


def _fmt(at: datetime.time) -> str:
    return f"{at:%H:%M}"


# ---------------------------------------------------------------- expected attendees


def future_sessions(now: datetime.datetime | None = None) -> QuerySet[Session]:
    """Scheduled sessions that have not started: the only ones rosters may change."""
    return Session.objects.scheduled().filter(starts_at__gt=now or timezone.now())


def attendees_add(
    *, sessions: Iterable[Session], episode: Any, actor: User | None
) -> list[SessionAttendee]:
    """Expect ``episode`` at each session: a new row, or a removed row put back."""
    sessions = list(sessions)
    existing = {
        a.session_id: a
        for a in SessionAttendee.objects.filter(session__in=sessions, episode=episode)
    }
    back = [a for a in existing.values() if a.status == AttendeeStatus.REMOVED]
    for attendee in back:
        attendee.status, attendee.removed_reason = AttendeeStatus.EXPECTED, ""
        attendee.updated_at = timezone.now()  # bulk_update does not apply auto_now
    SessionAttendee.objects.bulk_update(back, ["status", "removed_reason", "updated_at"])
    new = [
        SessionAttendee(session=s, episode=episode, client_id=episode.client_id, created_by=actor)
        for s in sessions
        if s.pk not in existing
    ]
    return back + SessionAttendee.objects.bulk_create(new)


def attendees_remove(*, attendees: QuerySet[SessionAttendee], reason: str) -> int:
    """Mark expected clients removed from sessions (callers pass future sessions only)."""
    return attendees.filter(status=AttendeeStatus.EXPECTED, attendance="").update(
        status=AttendeeStatus.REMOVED, removed_reason=reason[:200], updated_at=timezone.now()
    )


def session_over_capacity(sessions: QuerySet[Session], group: Group, adding: int = 1) -> str | None:
    """The first of ``sessions`` that adding clients would put over the group's capacity."""
    from django.db.models import Count

    full = (
        sessions.annotate(
            expected=Count("attendees", filter=Q(attendees__status=AttendeeStatus.EXPECTED))
        )
        .filter(expected__gt=group.capacity - adding)
        .select_related("program", "group")
        .order_by("starts_at")
        .first()
    )
    if full is None:
        return None
    return (
        f"{group.name} is full: its session {session_label(full).removeprefix(group.name + ' ')} "
        f"already has {group.capacity} of {group.capacity} places taken."
    )


# ---------------------------------------------------------------- generation


@dataclass
class _Place:
    episode_id: UUID
    client_id: UUID
    since: datetime.date
    until: datetime.date | None  # exclusive

    def covers(self, day: datetime.date) -> bool:
        return self.since <= day and (self.until is None or day < self.until)


def _block_days(
    block: TrackBlock, start: datetime.date, end: datetime.date, closed: set[Any]
) -> list[datetime.date]:
    days = []
    day = start
    while day <= end:
        if (
            block.meets_on(day.isoweekday())
            and (None, day) not in closed
            and (block.track_id, day) not in closed
        ):
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


class _Generator:
    """Collects everything one program needs in a handful of queries, then bulk-inserts."""

    def __init__(self, program: Program, today: datetime.date, until: datetime.date) -> None:
        self.program, self.today, self.until = program, today, until
        self.blocks = list(
            TrackBlock.objects.filter(
                track__program=program, track__active=True, active=True, group__active=True
            ).select_related("track", "group", "room")
        )
        self.closed = {
            (c.track_id, c.date)
            for c in Closure.objects.filter(program=program, date__range=(today, until))
        }
        self.existing = set(
            Session.objects.filter(
                track_block__in=self.blocks, occurs_on__range=(today, until)
            ).values_list("track_block_id", "occurs_on")
        )
        group_ids = {b.group_id for b in self.blocks}
        self.topics: dict[UUID, list[CurriculumTopic]] = defaultdict(list)
        for topic in CurriculumTopic.objects.filter(group_id__in=group_ids, active=True).order_by(
            "position"
        ):
            self.topics[topic.group_id].append(topic)
        self.last_position = dict(
            Session.objects.filter(group_id__in=group_ids, topic__isnull=False)
            .order_by("group_id", "-starts_at")
            .distinct("group_id")
            .values_list("group_id", "topic__position")
        )
        self.facilitators: dict[UUID, list[Facilitator]] = defaultdict(list)
        for link in Facilitator.objects.filter(group_id__in=group_ids):
            self.facilitators[link.group_id].append(link)
        self._load_places(group_ids)

    def _load_places(self, group_ids: set[UUID]) -> None:
        self.enrolled: dict[UUID, list[_Place]] = defaultdict(list)
        rows = (
            TrackEnrolment.objects.filter(
                track__in={b.track_id for b in self.blocks}, starts_on__lte=self.until
            )
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=self.today))
            .filter(
                Q(episode__discharged_on__isnull=True) | Q(episode__discharged_on__gt=self.today)
            )
            .order_by("starts_on", "created_at")
            .values_list("track_id", "episode_id", "episode__client_id", "starts_on", "ended_on")
        )
        for track_id, episode_id, client_id, since, until in rows:
            self.enrolled[track_id].append(_Place(episode_id, client_id, since, until))
        self.roster: dict[UUID, list[_Place]] = defaultdict(list)
        # Who left a group (e.g. taken off an open group by a clinician) stays off it.
        self.left: dict[UUID, dict[UUID, datetime.date]] = defaultdict(dict)
        entries = (
            RosterEntry.objects.filter(group_id__in=group_ids)
            .exclude(status=RosterStatus.WAITLISTED)
            .order_by("joined_on", "created_at")
            .values_list(
                "group_id", "episode_id", "episode__client_id", "status", "joined_on", "left_on"
            )
        )
        for group_id, episode_id, client_id, status, joined, until in entries:
            if status == RosterStatus.LEFT and until is not None:
                self.left[group_id][episode_id] = max(
                    until, self.left[group_id].get(episode_id, until)
                )
            if joined is not None and (until is None or until > self.today):
                self.roster[group_id].append(_Place(episode_id, client_id, joined, until))

    def _next_topic(self, group_id: UUID) -> CurriculumTopic | None:
        topics = self.topics.get(group_id)
        if not topics:
            return None
        last = self.last_position.get(group_id)
        topic = next((t for t in topics if last is None or t.position > last), topics[0])
        self.last_position[group_id] = topic.position
        return topic

    def _expected(self, block: TrackBlock, day: datetime.date) -> list[_Place]:
        members = [p for p in self.roster[block.group_id] if p.covers(day)]
        if block.group.is_open:
            # Enrolled in the track that day, unless taken off this group and not back on it.
            on_roster = {p.episode_id for p in members}
            left = self.left[block.group_id]
            members = [
                p
                for p in self.enrolled[block.track_id]
                if p.covers(day)
                and (
                    p.episode_id in on_roster
                    or not (p.episode_id in left and left[p.episode_id] <= day)
                )
            ]
        unique: dict[UUID, _Place] = {}
        for place in members:
            unique.setdefault(place.episode_id, place)
        return list(unique.values())[: block.group.capacity]

    def run(self) -> int:
        planned = sorted(
            (
                (self.program.at(day, block.starts_at), block, day)
                for block in self.blocks
                for day in _block_days(
                    block, max(block.track.starts_on, self.today), self.until, self.closed
                )
                if (block.pk, day) not in self.existing
            ),
            key=lambda row: (row[0], str(row[1].pk)),
        )
        sessions, staff, attendees = [], [], []
        for starts_at, block, day in planned:
            topic = self._next_topic(block.group_id)
            session = Session(
                program=self.program,
                kind=SessionKind.GROUP,
                group=block.group,
                track_block=block,
                occurs_on=day,
                starts_at=starts_at,
                ends_at=self.program.at(day, block.ends_at),
                topic=topic,
                topic_title=topic.title if topic else "",
                room=block.room,
            )
            sessions.append(session)
            staff += [
                SessionStaff(session=session, user_id=f.user_id, role=f.role)
                for f in self.facilitators[block.group_id]
            ]
            attendees += [
                SessionAttendee(session=session, episode_id=p.episode_id, client_id=p.client_id)
                for p in self._expected(block, day)
            ]
        Session.objects.bulk_create(sessions, batch_size=500)
        SessionStaff.objects.bulk_create(staff, batch_size=1000)
        SessionAttendee.objects.bulk_create(attendees, batch_size=1000)
        return len(sessions)


def sessions_generate(
    *,
    program: Program | None = None,
    until: datetime.date | None = None,
    today: datetime.date | None = None,
) -> int:
    """Create the missing group sessions of active tracks, from today (or the track's first
    day) through ``until`` (default: the program's ``sessions_weeks_ahead`` weeks ahead).

    Skips closures. Each session gets the group's next curriculum topic (cycling, continuing
    after the group's latest session), its facilitators as staff, and its expected clients:
    for an open group, roster members enrolled in the block's track that day; for a closed
    group, its roster members. At most the group's capacity, earliest joined first.
    Idempotent (one session per block and day); returns how many were created.
    """
    programs = Program.objects.filter(active=True, tracks__active=True).distinct()
    if program is not None:
        programs = programs.filter(pk=program.pk)
    created = 0
    for each in programs:
        with transaction.atomic():
            # Serialise generation per program: two runs never insert the same day twice.
            list(Track.objects.select_for_update().filter(program=each, active=True))
            start = today or each.today()
            end = until or start + datetime.timedelta(weeks=each.sessions_weeks_ahead)
            if end >= start:
                created += _Generator(each, start, end).run()
    return created


# ---------------------------------------------------------------- tracks and blocks


def _days_errors(days: Sequence[int]) -> list[str]:
    if any(d not in WEEKDAY_NAMES for d in days):
        return ["Days are weekday numbers from 1 (Monday) to 7 (Sunday)."]
    if len(set(days)) != len(days):
        return ["Each day can be chosen only once."]
    if len(days) > IOP_MAX_DAYS:
        return [
            f"A track meets at most {IOP_MAX_DAYS} days a week: an intensive outpatient track "
            f"runs {IOP_MIN_DAYS} to {IOP_MAX_DAYS} days, and {len(days)} were chosen. "
            "Remove a day."
        ]
    if len(days) < IOP_MIN_DAYS:
        return [
            f"An intensive outpatient track meets at least {IOP_MIN_DAYS} days a week; "
            f"{len(days)} {'was' if len(days) == 1 else 'were'} chosen."
        ]
    return []


def _times_error(starts_at: datetime.time, ends_at: datetime.time) -> str | None:
    if ends_at <= starts_at:
        return f"The end ({_fmt(ends_at)}) must be after the start ({_fmt(starts_at)})."
    return None


def _track_errors(
    *,
    program: Program,
    name: str,
    days: Sequence[int],
    starts_at: datetime.time,
    ends_at: datetime.time,
    track: Track | None,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = defaultdict(list)
    if not name.strip():
        errors["name"].append("Give the track a name.")
    elif (
        Track.objects.filter(program=program, name=name.strip())
        .exclude(pk__in=[track.pk] if track else [])
        .exists()
    ):
        errors["name"].append(f"This program already has a track called {name.strip()!r}.")
    if days_errors := _days_errors(days):
        errors["days"] += days_errors
    if time_error := _times_error(starts_at, ends_at):
        errors["ends_at"].append(time_error)
    elif track is not None:
        for block in track.blocks.filter(active=True).select_related("group"):
            if block.starts_at < starts_at or block.ends_at > ends_at:
                errors["__all__"].append(
                    f"The {block.group.name} block ({_fmt(block.starts_at)}-"
                    f"{_fmt(block.ends_at)}) would fall outside the track's hours; "
                    "move or end that block first."
                )
            if block.days and not set(block.days) <= set(days):
                errors["__all__"].append(
                    f"The {block.group.name} block meets on a day the track would no longer "
                    "meet; change that block's days first."
                )
    return dict(errors)


@transaction.atomic
def track_save(
    *,
    program: Program,
    name: str,
    days: Sequence[int],
    starts_at: datetime.time,
    ends_at: datetime.time,
    starts_on: datetime.date,
    actor: User,
    track: Track | None = None,
    active: bool = True,
) -> Track:
    """Create a track, or change one (``track``). Sessions already generated keep their
    times; move or cancel them one by one."""
    if track is not None:
        track = Track.objects.select_for_update().get(pk=track.pk, program=program)
    errors = _track_errors(
        program=program, name=name, days=days, starts_at=starts_at, ends_at=ends_at, track=track
    )
    if errors:
        raise ValidationError(errors)
    if track is None:
        track = Track(program=program, created_by=actor)
    track.name, track.days = name.strip(), sorted(days)
    track.starts_at, track.ends_at, track.starts_on, track.active = (
        starts_at,
        ends_at,
        starts_on,
        active,
    )
    track.save()
    return track


def _block_errors(
    *,
    track: Track,
    group: Group,
    starts_at: datetime.time,
    ends_at: datetime.time,
    days: Sequence[int],
    room: Room | None,
    block: TrackBlock | None,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = defaultdict(list)
    if group.program_id != track.program_id:
        errors["group"].append("Choose a group of this program.")
    if room is not None and room.program_id != track.program_id:
        errors["room"].append("Choose a room of this program.")
    elif room is not None and room.capacity < group.capacity:
        errors["room"].append(
            f"{room.name} holds {room.capacity}, fewer than {group.name}'s capacity of "
            f"{group.capacity}."
        )
    if time_error := _times_error(starts_at, ends_at):
        errors["ends_at"].append(time_error)
    elif starts_at < track.starts_at or ends_at > track.ends_at:
        errors["ends_at"].append(
            f"{_fmt(starts_at)}-{_fmt(ends_at)} is outside {track.name}'s hours "
            f"({_fmt(track.starts_at)}-{_fmt(track.ends_at)})."
        )
    if not set(days) <= set(track.days):
        extra = ", ".join(WEEKDAY_NAMES.get(d, str(d)) for d in sorted(set(days) - set(track.days)))
        errors["days"].append(f"{track.name} does not meet on {extra}.")
    if not errors:
        for other in (
            track.blocks.filter(active=True, starts_at__lt=ends_at, ends_at__gt=starts_at)
            .exclude(pk__in=[block.pk] if block else [])
            .select_related("group")
        ):
            shared = set(days or track.days) & set(other.days or track.days)
            if shared:
                errors["starts_at"].append(
                    f"Overlaps the {other.group.name} block ({_fmt(other.starts_at)}-"
                    f"{_fmt(other.ends_at)}) on {WEEKDAY_NAMES[min(shared)]}."
                )
    return dict(errors)


@transaction.atomic
def block_save(
    *,
    track: Track,
    group: Group,
    starts_at: datetime.time,
    ends_at: datetime.time,
    actor: User,
    days: Sequence[int] = (),
    room: Room | None = None,
    block: TrackBlock | None = None,
    active: bool = True,
) -> TrackBlock:
    """Create or change one group block of a track day (empty ``days``: every track day).

    Refused: end before start, outside the track's hours, a day the track does not meet,
    an overlap with another block of the track, a room smaller than the group."""
    track = Track.objects.select_for_update().get(pk=track.pk)
    errors = _block_errors(
        track=track,
        group=group,
        starts_at=starts_at,
        ends_at=ends_at,
        days=days,
        room=room,
        block=block,
    )
    if errors:
        raise ValidationError(errors)
    if block is None:
        block = TrackBlock(track=track, created_by=actor)
    elif block.track_id != track.pk:
        raise ValidationError("This block belongs to another track.")
    block.group, block.starts_at, block.ends_at = group, starts_at, ends_at
    block.days, block.room, block.active = sorted(days), room, active
    block.save()
    return block


# ---------------------------------------------------------------- closures, one session


@transaction.atomic
def closure_add(
    *, program: Program, date: datetime.date, reason: str, actor: User, track: Track | None = None
) -> Closure:
    """Close the program (or one track) for a day; sessions already generated that day are
    cancelled with the closure as the reason. Refused for a past day, or when a session that
    day already has attendance recorded."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the program is closed (e.g. a holiday)."})
    if date < program.today():
        raise ValidationError({"date": "A closure cannot be added for a day that has passed."})
    if track is not None and track.program_id != program.pk:
        raise ValidationError({"track": "Choose a track of this program."})
    sessions = Session.objects.filter(
        program=program, occurs_on=date, status=SessionStatus.SCHEDULED
    )
    if track is not None:
        sessions = sessions.filter(track_block__track=track)
    list(sessions.select_for_update(of=("self",)))
    taken = (
        sessions.filter(attendees__recorded_at__isnull=False).select_related("group", "program")
    ).first()
    if taken is not None:
        raise ValidationError(
            f"{session_label(taken)} already has attendance recorded; it cannot be cancelled."
        )
    closure = Closure.objects.create(
        program=program, track=track, date=date, reason=reason, created_by=actor
    )
    sessions.update(
        status=SessionStatus.CANCELLED,
        cancel_reason=f"Closed: {reason}"[:200],
        cancelled_at=timezone.now(),
        cancelled_by=actor,
        updated_at=timezone.now(),
    )
    return closure


def _locked(session: Session) -> Session:
    return (
        Session.objects.select_for_update(of=("self",))
        .select_related("program", "group")
        .get(pk=session.pk)
    )


@transaction.atomic
def session_move(
    *,
    session: Session,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    actor: User,
    room: Room | None = None,
) -> Session:
    """Move one session that has not started yet (``room`` None keeps its room), refusing
    the same conflicts as a booking."""
    from scheduling.services.bookings import schedule_conflicts

    session = _locked(session)
    now = timezone.now()
    if session.is_cancelled:
        raise ValidationError("A cancelled session cannot be moved.")
    if session.starts_at <= now:
        raise ValidationError(
            "This session has already started or taken place; it cannot be moved."
        )
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "The end must be after the start."})
    if starts_at <= now:
        raise ValidationError({"starts_at": "A session cannot be moved into the past."})
    room = room or session.room
    if room is not None and room.program_id != session.program_id:
        raise ValidationError({"room": "Choose a room of this program."})
    attendees = session.attendees.expected().select_related("episode")
    conflicts = schedule_conflicts(
        program=session.program,
        starts_at=starts_at,
        ends_at=ends_at,
        episodes=[a.episode for a in attendees],
        staff=list(session.staff.all()),
        room=room,
        exclude=session,
        people=attendees.count() + session.staff_links.count(),
    )
    if conflicts:
        raise ValidationError(conflicts)
    session.starts_at, session.ends_at, session.room = starts_at, ends_at, room
    session.occurs_on = session.program.local_date(starts_at)
    session.save(update_fields=["starts_at", "ends_at", "room", "occurs_on", "updated_at"])
    return session


@transaction.atomic
def session_cancel(*, session: Session, reason: str, actor: User) -> Session:
    """Cancel one session with a reason. Refused once attendance has been recorded."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Give a reason for cancelling this session."})
    session = _locked(session)
    if session.is_cancelled:
        raise ValidationError("This session is already cancelled.")
    if session.attendees.filter(recorded_at__isnull=False).exists():
        raise ValidationError("Attendance has been recorded for this session; it took place.")
    session.status, session.cancel_reason = SessionStatus.CANCELLED, reason[:200]
    session.cancelled_at, session.cancelled_by = timezone.now(), actor
    session.save(
        update_fields=["status", "cancel_reason", "cancelled_at", "cancelled_by", "updated_at"]
    )
    return session
