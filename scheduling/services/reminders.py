"""Session reminders to clients and unsigned-note reminders to clinicians, through the outbox.

Both are beat sweeps (scheduling/tasks.py) that only *enqueue*; iop.notifications sends.
Each message has a dedupe key, so running a sweep twice, or two workers running it at
once, queues a message once; the outbox then delivers each message at most once.

Session reminders
- Who: the expected attendees of a scheduled session whose episode is open, by the
  client's ``reminder_channel`` (email or text message; "none" gets nothing, and so does
  a client with no address for that channel).
- When: ``program.reminder_hours_before`` before the start. A reminder that would fall in
  the program's quiet hours (``quiet_hours_start``..``quiet_hours_end``, program time zone)
  is sent when quiet hours end, if that is still at least ``MIN_LEAD`` before the session;
  otherwise it is sent in the half hour before quiet hours begin (the evening before).
  E.g. quiet 21:00-08:00 and 24 h before: a 07:00 session would be reminded at 07:00 the
  day before, in quiet hours; they end at 08:00, still before the session, so it goes at
  08:00 the day before. With 2 h before: 05:00 is quiet, quiet hours end after the session,
  so the reminder goes at 20:30 the evening before.
- A sweep enqueues only reminders whose time has come, never during quiet hours, and never
  less than ``MIN_LEAD`` before the session; a session cancelled, or an attendee removed,
  before then is never reminded. Nothing waits in the outbox for a future time, so there is
  nothing to recall when plans change. A moved session has a new start, hence a new key:
  it is reminded again for its new time.
- Text: with ``reminder_discreet`` (the default) only "your appointment" and the time, no
  program name, no kind of session, no room, no link. Otherwise the program, the kind of
  session, the clinician of a booked session, and the room or video link; never a group's
  name (it can name a condition, e.g. "Trauma-focused") nor anything clinical.

Note reminders: one email a day per clinician (from the end of quiet hours, program time)
with counts only: unsigned notes they wrote, how many of them late, and sessions they led
that still have no note for a client who attended. No client names.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pghistory
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from iop.accounts import permissions
from iop.accounts.models import Membership, Program, User
from iop.notifications.models import Channel, OutboxMessage
from iop.notifications.services import outbox_enqueue
from scheduling.models import (
    ATTENDED,
    ProgressNote,
    Session,
    SessionAttendee,
    SessionKind,
    SessionStaff,
    SessionStaffRole,
    SessionStatus,
)

MIN_LEAD = datetime.timedelta(hours=1)  # later than this, a reminder is no use
BEFORE_QUIET = datetime.timedelta(minutes=30)  # "before quiet hours": their last half hour
DISCREET_SUBJECT = "Appointment reminder"
KIND_WORDS = {
    SessionKind.GROUP: "group session",
    SessionKind.INDIVIDUAL: "individual session",
    SessionKind.FAMILY: "family session",
    SessionKind.MEDICATION: "medication appointment",
}


# ---------------------------------------------------------------- time


def in_quiet_hours(program: Program, moment: datetime.datetime) -> bool:
    """Whether ``moment`` falls in the program's quiet hours (start inclusive, end exclusive)."""
    start, end = program.quiet_hours_start, program.quiet_hours_end
    clock = program.local(moment).time()
    if start == end:
        return False  # no quiet hours
    if start < end:
        return start <= clock < end
    return clock >= start or clock < end  # across midnight, e.g. 21:00-08:00


def reminder_send_at(*, program: Program, starts_at: datetime.datetime) -> datetime.datetime:
    """When a client is reminded of a session starting at ``starts_at`` (see module doc)."""
    # In UTC: aware arithmetic in a local zone is wall-clock arithmetic, and the hours
    # before a session are real hours, also across a daylight-saving change.
    ideal = starts_at.astimezone(datetime.UTC) - datetime.timedelta(
        hours=program.reminder_hours_before
    )
    if not in_quiet_hours(program, ideal):
        return ideal
    local = program.local(ideal)
    quiet_end = program.at(local.date(), program.quiet_hours_end)
    if quiet_end <= local:
        quiet_end += datetime.timedelta(days=1)
    if quiet_end <= starts_at - MIN_LEAD:
        return quiet_end
    quiet_start = program.at(local.date(), program.quiet_hours_start)
    if quiet_start > local:
        quiet_start -= datetime.timedelta(days=1)
    return quiet_start - BEFORE_QUIET


def _clock(local: datetime.datetime) -> str:
    hour = local.hour % 12 or 12
    return f"{hour}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'}"


def _when(local: datetime.datetime) -> str:
    """E.g. "Tue 24 Nov at 9:00 AM"."""
    return f"{local:%a} {local.day} {local:%b} at {_clock(local)}"


# ---------------------------------------------------------------- session reminders


def reminder_dedupe_key(attendee: SessionAttendee, session: Session) -> str:
    """Per attendee, session and start time: a moved session reminds again, a rerun never."""
    starts_at = session.starts_at.astimezone(datetime.UTC).isoformat()
    return f"session-reminder:{attendee.pk}:{session.pk}:{starts_at}"


def reminder_text(*, attendee: SessionAttendee, session: Session) -> tuple[str, str]:
    """(subject, body) of the reminder for one attendee."""
    program = session.program
    local = program.local(session.starts_at)
    if attendee.client.reminder_discreet:
        return (
            DISCREET_SUBJECT,
            f"Reminder: your appointment on {_when(local)}. Reply or call if you cannot come.",
        )
    what = KIND_WORDS.get(SessionKind(session.kind), "appointment")
    lead = next(
        (link.user for link in session.staff_links.all() if link.role == SessionStaffRole.LEAD),
        None,
    )
    with_whom = f" with {lead.get_full_name()}" if lead and session.kind != "group" else ""
    ends = _clock(program.local(session.ends_at))
    if session.telehealth_url:
        where = f" by video: {session.telehealth_url}"
    elif session.room_id and session.room:
        where = f", {session.room.name}"
    else:
        where = ""
    body = (
        f"Reminder from {program.name}: your {what}{with_whom} on {_when(local)} "
        f"(until {ends}){where}. Reply or call if you cannot come."
    )
    return f"Reminder: your {what} at {program.name}", body


def _recipient(attendee: SessionAttendee) -> tuple[str, str] | None:
    client = attendee.client
    if client.reminder_channel == Channel.EMAIL and client.email:
        return Channel.EMAIL, client.email
    if client.reminder_channel == Channel.SMS and client.phone:
        return Channel.SMS, client.phone
    return None


def _attendees_to_remind(program: Program, now: datetime.datetime) -> list[SessionAttendee]:
    """Expected attendees of this program's sessions that could be reminded now or soon."""
    # A reminder moved before quiet hours goes out earlier than reminder_hours_before:
    # look a day further ahead than that.
    horizon = now + datetime.timedelta(hours=program.reminder_hours_before + 24)
    staff = SessionStaff.objects.select_related("user")
    return list(
        SessionAttendee.objects.expected()
        .filter(
            session__program=program,
            session__status=SessionStatus.SCHEDULED,
            session__starts_at__gte=now + MIN_LEAD,
            session__starts_at__lte=horizon,
            episode__discharged_on__isnull=True,
            client__reminder_channel__in=[Channel.EMAIL, Channel.SMS],
        )
        .select_related("client", "session__room")
        .prefetch_related(Prefetch("session__staff_links", queryset=staff))
        .order_by("session__starts_at")
    )


def _program_reminders(program: Program, now: datetime.datetime) -> int:
    if in_quiet_hours(program, now):
        return 0
    due: list[tuple[SessionAttendee, str]] = []
    for attendee in _attendees_to_remind(program, now):
        session = attendee.session
        session.program = program  # the texts read its name and time zone
        if reminder_send_at(program=program, starts_at=session.starts_at) <= now:
            due.append((attendee, reminder_dedupe_key(attendee, session)))
    already = set(
        OutboxMessage.objects.filter(dedupe_key__in=[key for _, key in due]).values_list(
            "dedupe_key", flat=True
        )
    )
    queued = 0
    for attendee, key in due:
        address = _recipient(attendee)
        if key in already or address is None:
            continue
        subject, body = reminder_text(attendee=attendee, session=attendee.session)
        channel, recipient = address
        message = outbox_enqueue(
            channel=channel, recipient=recipient, subject=subject, body=body, dedupe_key=key
        )
        queued += message is not None
    return queued


def session_reminders_enqueue(*, now: datetime.datetime | None = None) -> int:
    """Queue the session reminders whose time has come; safe to run any number of times."""
    now = now or timezone.now()
    queued = 0
    with pghistory.context(task="session_reminders_send"), transaction.atomic():
        for program in Program.objects.filter(active=True):
            queued += _program_reminders(program, now)
    return queued


# ---------------------------------------------------------------- note reminders


@dataclass
class NoteCounts:
    unsigned: int = 0
    late: int = 0
    to_write: int = 0

    @property
    def any(self) -> bool:
        return bool(self.unsigned or self.to_write)


def note_counts(
    *, program_ids: Iterable[Any], now: datetime.datetime | None = None
) -> dict[Any, NoteCounts]:
    """Per user id: unsigned notes they wrote (and how many late), and sessions they led
    with an attendee present but no note yet. Three queries whatever the caseload."""
    now = now or timezone.now()
    program_ids = list(program_ids)
    counts: dict[Any, NoteCounts] = defaultdict(NoteCounts)
    late_hours = dict(
        Program.objects.filter(pk__in=program_ids).values_list("pk", "note_late_hours")
    )
    unsigned = (
        ProgressNote.objects.unsigned()
        .filter(program_id__in=program_ids)
        .values_list("author_id", "program_id", "session__ends_at")
    )
    for author_id, program_id, ends_at in unsigned:
        counts[author_id].unsigned += 1
        if ends_at + datetime.timedelta(hours=late_hours[program_id]) < now:
            counts[author_id].late += 1
    for user_id, sessions in _sessions_without_notes(program_ids, now):
        counts[user_id].to_write += sessions
    return counts


def _sessions_without_notes(program_ids: list[Any], now: datetime.datetime) -> Any:
    noted = ProgressNote.objects.filter(session=OuterRef("session"), client=OuterRef("client"))
    uncharted = (
        SessionAttendee.objects.filter(
            session__program_id__in=program_ids,
            session__status=SessionStatus.SCHEDULED,
            session__ends_at__lt=now,
            attendance__in=ATTENDED,
        )
        .exclude(Exists(noted))
        .values("session_id")
    )
    return (
        SessionStaff.objects.filter(role=SessionStaffRole.LEAD, session_id__in=uncharted)
        .values("user_id")
        .annotate(sessions=Count("session_id", distinct=True))
        .values_list("user_id", "sessions")
    )


def note_reminder_text(counts: NoteCounts, *, late_hours: int) -> str:
    parts = []
    if counts.unsigned:
        noun = "note" if counts.unsigned == 1 else "notes"
        late = (
            f" ({counts.late} late: more than {late_hours} hours after the session)"
            if counts.late
            else ""
        )
        parts.append(f"{counts.unsigned} unsigned session {noun}{late}")
    if counts.to_write:
        noun = "session" if counts.to_write == 1 else "sessions"
        parts.append(f"{counts.to_write} {noun} you led still to chart")
    return f"You have {' and '.join(parts)}. Sign in to see them.\n\n{_notes_link()}\n"


def _notes_link() -> str:
    base = getattr(settings, "IOP_BASE_URL", "")
    for name in ("scheduling:notes_unsigned", "scheduling:today", "dashboard:home"):
        try:
            return base + reverse(name)
        except NoReverseMatch:
            continue
    return base + "/"


def _charting_recipients(program_ids: list[Any]) -> dict[Any, User]:
    roles = permissions.roles_with(permissions.CHART_SESSIONS)
    memberships = (
        Membership.objects.active()
        .filter(program_id__in=program_ids, role__in=roles, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
    )
    return {m.user_id: m.user for m in memberships}


def note_reminders_enqueue(*, now: datetime.datetime | None = None) -> int:
    """One email a day per clinician with notes to sign or write (counts, never names)."""
    now = now or timezone.now()
    # A program's day of reminders starts when its quiet hours end.
    awake = [
        p
        for p in Program.objects.filter(active=True)
        if not in_quiet_hours(p, now) and p.local(now).time() >= p.quiet_hours_end
    ]
    if not awake:
        return 0
    all_ids = list(Membership.objects.active().values_list("program_id", flat=True).distinct())
    counts = note_counts(program_ids=all_ids, now=now)
    queued, seen = 0, set()
    with pghistory.context(task="note_reminders_send"), transaction.atomic():
        for program in awake:
            day = program.local_date(now)
            for user_id, user in _charting_recipients([program.pk]).items():
                mine = counts.get(user_id)
                if user_id in seen or mine is None or not mine.any:
                    continue
                seen.add(user_id)
                message = outbox_enqueue(
                    channel=Channel.EMAIL,
                    recipient=user.email,
                    subject="Session notes to finish",
                    body=note_reminder_text(mine, late_hours=program.note_late_hours),
                    dedupe_key=f"note-reminder:{user_id}:{day.isoformat()}",
                )
                queued += message is not None
    return queued


__all__ = [
    "MIN_LEAD",
    "NoteCounts",
    "in_quiet_hours",
    "note_counts",
    "note_reminder_text",
    "note_reminders_enqueue",
    "reminder_dedupe_key",
    "reminder_send_at",
    "reminder_text",
    "session_reminders_enqueue",
]
