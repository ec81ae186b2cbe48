"""Reminders of multi-family group sessions to the people on its roster, through the outbox.

A beat sweep (family/tasks.py, CELERY_BEAT_SCHEDULE) like scheduling's session reminders,
with the same timing: ``program.reminder_hours_before`` before the start, moved out of the
program's quiet hours the same way (``scheduling.services.reminders.reminder_send_at``), and
never less than an hour before. It only enqueues; the outbox sends.

Who: the roster members of a scheduled session on its day whose link may be sent
appointment times (``refusal(link, APPOINTMENTS)`` is None: not do not contact, a consent in
force covering appointments) and who gave an address for their chosen channel. Every
message carries the link's hold key, so a do-not-contact mark or a revoked consent after
queuing withholds it (the outbox asks again at sending).

A person on the roster for two clients is reminded once per session (the dedupe key names
the person), under the first of their links that allows it.

Text: never the group's name, never a condition word. When the client of that link chose
discreet reminders, only "an appointment" and the time, no program name; otherwise the
program, "family session", the time and the room.
"""

from __future__ import annotations

import datetime

import pghistory
from django.db import transaction
from django.utils import timezone

from family.consents import refusal
from family.models import ClientPerson, FamilyGroupMember
from family.services.people import hold_key
from groups.kinds import MULTI_FAMILY_CODE
from intake.models import Consent
from iop.accounts.models import Program
from iop.notifications.models import OutboxMessage
from iop.notifications.services import outbox_enqueue
from iop.reports.clinical.terms import ConsentInformation
from scheduling.models import Session, SessionStatus
from scheduling.services.reminders import MIN_LEAD, in_quiet_hours, reminder_send_at

DISCREET_SUBJECT = "Appointment reminder"


def _clock(local: datetime.datetime) -> str:
    hour = local.hour % 12 or 12
    return f"{hour}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'}"


def reminder_dedupe_key(link: ClientPerson, session: Session) -> str:
    """Per person, session and start: a moved session reminds again, a rerun never."""
    starts_at = session.starts_at.astimezone(datetime.UTC).isoformat()
    return f"family-group-reminder:{link.person_id}:{session.pk}:{starts_at}"


def reminder_text(*, link: ClientPerson, session: Session) -> tuple[str, str]:
    """(subject, body) for one person; the client's discreet choice holds for their people."""
    program = session.program
    local = program.local(session.starts_at)
    when = f"{local:%a} {local.day} {local:%b} at {_clock(local)}"
    if link.client.reminder_discreet:
        return (
            DISCREET_SUBJECT,
            f"Reminder: an appointment on {when}. Reply or call if you cannot come.",
        )
    ends = _clock(program.local(session.ends_at))
    where = f", {session.room.name}" if session.room_id and session.room else ""
    body = (
        f"Reminder from {program.name}: the family session on {when} (until {ends}){where}. "
        "Reply or call if you cannot come."
    )
    return f"Reminder: family session at {program.name}", body


def _due_sessions(program: Program, now: datetime.datetime) -> list[Session]:
    horizon = now + datetime.timedelta(hours=program.reminder_hours_before + 24)
    sessions = (
        Session.objects.filter(
            program=program,
            status=SessionStatus.SCHEDULED,
            group__kind__code=MULTI_FAMILY_CODE,
            group__kind__program__isnull=True,
            starts_at__gte=now + MIN_LEAD,
            starts_at__lte=horizon,
        )
        .select_related("room")
        .order_by("starts_at")
    )
    due = []
    for session in sessions:
        session.program = program  # the texts read its name and time zone
        if reminder_send_at(program=program, starts_at=session.starts_at) <= now:
            due.append(session)
    return due


def _members_by_group(sessions: list[Session]) -> dict[object, list[FamilyGroupMember]]:
    from django.db.models import Prefetch

    consents = Consent.objects.select_related("client__program").order_by("-created_at")
    rows = (
        FamilyGroupMember.objects.filter(group_id__in={s.group_id for s in sessions})
        .select_related("client_person__person", "client_person__client")
        .prefetch_related(Prefetch("client_person__consent_links__consent", queryset=consents))
        .order_by("joined_on", "created_at")
    )
    grouped: dict[object, list[FamilyGroupMember]] = {}
    for row in rows:
        grouped.setdefault(row.group_id, []).append(row)
    return grouped


def _program_reminders(program: Program, now: datetime.datetime) -> int:
    if in_quiet_hours(program, now):
        return 0
    sessions = _due_sessions(program, now)
    if not sessions:
        return 0
    members = _members_by_group(sessions)
    planned: dict[str, tuple[ClientPerson, Session]] = {}
    for session in sessions:
        for member in members.get(session.group_id, []):
            link = member.client_person
            if not member.on_roster(session.occurs_on) or refusal(
                link, ConsentInformation.APPOINTMENTS
            ):
                continue
            if link.person.address_for_messages is None:
                continue
            planned.setdefault(reminder_dedupe_key(link, session), (link, session))
    already = set(
        OutboxMessage.objects.filter(dedupe_key__in=list(planned)).values_list(
            "dedupe_key", flat=True
        )
    )
    queued = 0
    for key, (link, session) in planned.items():
        if key in already:
            continue
        channel, recipient = link.person.address_for_messages  # type: ignore[misc]
        subject, body = reminder_text(link=link, session=session)
        message = outbox_enqueue(
            channel=channel,
            recipient=recipient,
            subject=subject,
            body=body,
            dedupe_key=key,
            hold_key=hold_key(link),
        )
        queued += message is not None
    return queued


def family_group_reminders_enqueue(*, now: datetime.datetime | None = None) -> int:
    """Queue the family group reminders whose time has come; safe to run any number of times."""
    now = now or timezone.now()
    queued = 0
    with pghistory.context(task="family_group_reminders_send"), transaction.atomic():
        for program in Program.objects.filter(active=True):
            queued += _program_reminders(program, now)
    return queued
