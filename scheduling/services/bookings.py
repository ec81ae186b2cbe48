"""Booking individual, family and medication-management sessions, and the schedule conflicts
a booking or a move is refused for.

Program hours: a program is open Monday to Friday, plus any day one of its active tracks
meets, from 08:00 to 21:00 program-local time, widened to cover the tracks meeting that
weekday (an evening track to 21:30 keeps the program open to 21:30 on its days). A session
must start and end on the same local day inside those hours, and not on a whole-program
closure. This lets individual sessions sit between a morning and an evening track, which a
narrower "only during track hours" rule would forbid.

A room hosts one session at a time and holds at most its capacity of people (clients
expected plus staff). Conflict checks lock the client, staff and room rows they look at
(SELECT ... FOR NO KEY UPDATE), so two bookings racing for the same person or room are
serialised and the second sees the first.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from iop.accounts.models import Program, User
from iop.clients.models import Episode
from scheduling.access import can_lead_medication_visit, can_lead_session
from scheduling.models import (
    Closure,
    Room,
    Session,
    SessionAttendee,
    SessionKind,
    SessionStaff,
    SessionStaffRole,
    Track,
)
from scheduling.services.calendar import day_label, session_label

PROGRAM_OPENS = datetime.time(8, 0)
PROGRAM_CLOSES = datetime.time(21, 0)
WORKING_DAYS = frozenset({1, 2, 3, 4, 5})
BOOKABLE_KINDS = (SessionKind.INDIVIDUAL, SessionKind.FAMILY, SessionKind.MEDICATION)


def program_hours(program: Program, weekday: int) -> tuple[datetime.time, datetime.time] | None:
    """(opens, closes) on an ISO weekday, or None when the program is closed that day."""
    tracks = [t for t in Track.objects.active().filter(program=program) if weekday in t.days]
    if weekday not in WORKING_DAYS and not tracks:
        return None
    opens = min([PROGRAM_OPENS, *(t.starts_at for t in tracks)])
    closes = max([PROGRAM_CLOSES, *(t.ends_at for t in tracks)])
    return opens, closes


def _hours_problem(
    program: Program, starts_at: datetime.datetime, ends_at: datetime.datetime
) -> str | None:
    start, end = program.local(starts_at), program.local(ends_at)
    if start.date() != end.date():
        return "A session must start and end on the same day."
    hours = program_hours(program, start.isoweekday())
    if hours is None:
        return f"The program is not open on {start:%A}s."
    opens, closes = hours
    if start.time() < opens or end.time() > closes:
        return (
            f"{start:%H:%M}-{end:%H:%M} is outside program hours on {start:%A}s "
            f"({opens:%H:%M}-{closes:%H:%M})."
        )
    closure = Closure.objects.filter(program=program, track=None, date=start.date()).first()
    if closure is not None:
        return f"The program is closed on {day_label(start.date())}: {closure.reason}."
    return None


def _span(session: Session) -> str:
    end = session.program.local(session.ends_at)
    return f"{session_label(session)}-{end:%H:%M}"


def _lock(episodes: list[Episode], staff: list[User], room: Room | None) -> None:
    """Lock the rows in a fixed order, so concurrent bookings queue instead of deadlocking."""
    if not transaction.get_connection().in_atomic_block:
        return  # a read-only preview (e.g. a form showing conflicts before saving)
    list(Episode.objects.select_for_update(no_key=True).filter(pk__in=[e.pk for e in episodes]))
    list(User.objects.select_for_update(no_key=True).filter(pk__in=[u.pk for u in staff]))
    if room is not None:
        list(Room.objects.select_for_update(no_key=True).filter(pk=room.pk))


def schedule_conflicts(
    *,
    program: Program,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    episodes: Iterable[Episode] = (),
    staff: Iterable[User] = (),
    room: Room | None = None,
    exclude: Session | None = None,
    people: int | None = None,
) -> list[str]:
    """Every reason a session at this time cannot happen, each naming the conflict: outside
    program hours or on a closure, a client or staff member already booked, the room in use
    or too small for ``people`` (default: the clients and staff given). Empty when clear.
    Inside a transaction, the client, staff and room rows are locked first."""
    episodes, staff = sorted(episodes, key=lambda e: e.pk), sorted(staff, key=lambda u: u.pk)
    _lock(episodes, staff, room)
    problems = []
    if ends_at <= starts_at:
        return ["The end must be after the start."]
    if hours := _hours_problem(program, starts_at, ends_at):
        problems.append(hours)
    overlapping = Session.objects.scheduled().overlapping(starts_at, ends_at)
    if exclude is not None:
        overlapping = overlapping.exclude(pk=exclude.pk)
    for place in (
        SessionAttendee.objects.expected()
        .filter(episode__in=episodes, session__in=overlapping)
        .select_related("client", "session__program", "session__group")
        .order_by("session__starts_at")
    ):
        problems.append(
            f"{place.client.display_name} is already booked at that time: {_span(place.session)}."
        )
    for link in (
        SessionStaff.objects.filter(user__in=staff, session__in=overlapping)
        .select_related("user", "session__program", "session__group")
        .order_by("session__starts_at")
    ):
        problems.append(
            f"{link.user.display_name} is already booked at that time: {_span(link.session)}."
        )
    if room is not None:
        problems += _room_problems(room, overlapping, people or len(episodes) + len(staff))
    return problems


def _room_problems(room: Room, overlapping: object, people: int) -> list[str]:
    problems = []
    in_room = (
        Session.objects.filter(pk__in=overlapping.values("pk"), room=room)  # type: ignore[attr-defined]
        .select_related("program", "group")
        .order_by("starts_at")
        .first()
    )
    if in_room is not None:
        problems.append(f"{room.name} is already in use at that time: {_span(in_room)}.")
    if people > room.capacity:
        problems.append(f"{room.name} holds {room.capacity} people; this session has {people}.")
    return problems


def _staff_problems(program: Program, kind: str, staff: list[User]) -> list[str]:
    problems = [
        f"{user.display_name} is not a clinician or prescriber here."
        for user in staff
        if not can_lead_session(user, program)
    ]
    if kind == SessionKind.MEDICATION and not can_lead_medication_visit(staff[0], program):
        problems.append(
            f"Medication management is booked with a prescriber; {staff[0].display_name} "
            "is not a prescriber in this program."
        )
    return problems


def _booking_problems(
    *,
    program: Program,
    kind: str,
    episode: Episode,
    staff: list[User],
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    room: Room | None,
    telehealth_url: str,
) -> list[str]:
    problems = []
    if kind not in BOOKABLE_KINDS:
        problems.append(
            "Group sessions come from the track calendar; book an individual, "
            "family or medication-management session here."
        )
    if episode.program_id != program.pk or not episode.is_open:
        problems.append("Only a client with an open episode in this program can be booked.")
    if not staff:
        problems.append("Name the clinician or prescriber for this session.")
    else:
        problems += _staff_problems(program, kind, staff)
    if room is None and not telehealth_url:
        problems.append("Choose a room or give a telehealth link.")
    if room is not None and (room.program_id != program.pk or not room.active):
        problems.append("Choose a room of this program.")
    if telehealth_url:
        try:
            URLValidator(schemes=["https"])(telehealth_url)
        except ValidationError:
            problems.append("The telehealth link must be a full https:// address.")
    if ends_at > starts_at and starts_at <= timezone.now():
        problems.append("A session cannot be booked in the past.")
    return problems


@transaction.atomic
def session_book(
    *,
    program: Program,
    kind: str,
    episode: Episode,
    staff: User | Sequence[User],
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    actor: User,
    room: Room | None = None,
    telehealth_url: str = "",
) -> Session:
    """Book an individual, family or medication-management session for one client with a
    named clinician or prescriber (the first of ``staff`` leads), in a room or by
    telehealth. Refused with every conflict named (see the module docstring); nothing is
    saved then."""
    staff = [staff] if isinstance(staff, User) else list(staff)
    telehealth_url = telehealth_url.strip()
    problems = _booking_problems(
        program=program,
        kind=kind,
        episode=episode,
        staff=staff,
        starts_at=starts_at,
        ends_at=ends_at,
        room=room,
        telehealth_url=telehealth_url,
    )
    problems += schedule_conflicts(
        program=program,
        starts_at=starts_at,
        ends_at=ends_at,
        episodes=[episode],
        staff=staff,
        room=room,
    )
    if problems:
        raise ValidationError(problems)
    session = Session.objects.create(
        program=program,
        kind=kind,
        occurs_on=program.local_date(starts_at),
        starts_at=starts_at,
        ends_at=ends_at,
        room=room,
        telehealth_url=telehealth_url,
        created_by=actor,
    )
    SessionStaff.objects.bulk_create(
        SessionStaff(
            session=session,
            user=user,
            role=SessionStaffRole.LEAD if i == 0 else SessionStaffRole.CO,
            created_by=actor,
        )
        for i, user in enumerate(staff)
    )
    SessionAttendee.objects.create(
        session=session, episode=episode, client_id=episode.client_id, created_by=actor
    )
    return session
