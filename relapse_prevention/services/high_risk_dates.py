"""High-risk dates on the relapse prevention plan in effect: reminders before each one.

A beat sweep (relapse_prevention/tasks.py, hourly) that only *enqueues*; iop.notifications
sends. For each active program, in its own time zone, and once its quiet hours are over for
the day, every date on a plan in effect of a client with an open episode whose reminder day
(the occurrence less the program's ``high_risk_reminder_days``) has come, and whose
occurrence has not passed, gets:

- an email to the episode's primary clinician, with no client name and nothing of the date
  but the day: the client is named on Today, behind sign-in;
- only if the client chose reminders (``reminder_channel``), a supportive message by that
  channel, in their discreet wording: never the label, the kind, or a word such as court,
  anniversary or trauma (a phone's lock screen may be read by anyone).

Each message exactly once, whatever the number of sweeps and workers: its dedupe key is
made of the client, the occurrence and (for the clinician) the date's kind and label, never
a row id, since a new plan version copies its dates forward as new rows and a re-signed
plan must not remind again. A sweep that missed the reminder day catches up while the
occurrence is still ahead (or is today). Dates that recur every year move to this year's or
next year's occurrence; Feb 29 falls on Feb 28 in other years.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from typing import Any, Protocol

import pghistory
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from iop.accounts.models import Program
from iop.clients.models import Client, Episode
from iop.notifications.models import Channel, OutboxMessage
from iop.notifications.services import outbox_enqueue
from iop.reports.clinical.words import day_text
from relapse_prevention.models import PlanHighRiskDate
from scheduling.services.reminders import in_quiet_hours

CLINICIAN_SUBJECT = "A high-risk date is coming"
CLIENT_SUBJECT = "Thinking of you"
CRISIS_LIFELINE = "988"


class DatedPart(Protocol):
    on_date: datetime.date
    recurs_yearly: bool


# ---------------------------------------------------------------- dates


def _in_year(day: datetime.date, year: int) -> datetime.date:
    """The same month and day in ``year``; Feb 29 is Feb 28 in a year without one."""
    try:
        return day.replace(year=year)
    except ValueError:
        return datetime.date(year, 2, 28)


def high_risk_occurrence(date_row: DatedPart, today: datetime.date) -> datetime.date | None:
    """The next occurrence of a high-risk date on or after ``today``; None once a one-off
    date has passed. A yearly date starts on its own date and comes back every year."""
    on = date_row.on_date
    if on >= today:
        return on
    if not date_row.recurs_yearly:
        return None
    this_year = _in_year(on, today.year)
    return this_year if this_year >= today else _in_year(on, today.year + 1)


def high_risk_in_window(
    date_row: DatedPart, *, today: datetime.date, days_before: int
) -> datetime.date | None:
    """The occurrence, if its reminder day has come and it has not passed; else None."""
    occurrence = high_risk_occurrence(date_row, today)
    if occurrence is None or occurrence - datetime.timedelta(days=days_before) > today:
        return None
    return occurrence


def in_effect_dates(episodes: Any) -> Any:
    """The dates on the plans in effect of the clients of these (open) episodes."""
    return PlanHighRiskDate.objects.filter(
        plan__signed_at__isnull=False,
        plan__superseded_at__isnull=True,
        plan__client__episodes__in=episodes,
    ).select_related("plan__client__program")


# ---------------------------------------------------------------- messages


def high_risk_dedupe_key(
    *, client_id: Any, occurrence: datetime.date, kind: str = "", label: str = "", to: str
) -> str:
    """Stable across plan versions (never a row id). The label is hashed: a key is no place
    for it, and small differences of spacing or case are the same date."""
    label_digest = hashlib.sha256(" ".join(label.split()).casefold().encode()).hexdigest()[:16]
    parts = [str(client_id), occurrence.isoformat()]
    if to == "clinician":
        parts += [kind, label_digest]
    return f"high-risk:{':'.join(parts)}:{to}"


def clinician_text(*, occurrence: datetime.date, today: datetime.date) -> str:
    when = (
        f"today, {day_text(occurrence)}"
        if occurrence == today
        else f"coming on {day_text(occurrence)}"
    )
    link = getattr(settings, "IOP_BASE_URL", "") + reverse("scheduling:today")
    return f"A client on your caseload has a high-risk date {when}: see Today.\n\n{link}\n"


def _program_line(program: Program) -> str:
    return (program.crisis_line_phone or program.letterhead_phone).strip()


def client_text(
    *, client: Client, program: Program, occurrence: datetime.date, today: datetime.date
) -> tuple[str, str]:
    """(subject, body): supportive, with nothing about the date itself. Discreet (the
    default): no program name either, as in the session reminders."""
    when = "this week" if (occurrence - today).days <= 7 else "in the weeks ahead"
    line = _program_line(program)
    reach = (
        f"call us at {line} or call or text {CRISIS_LIFELINE}"
        if line
        else (f"call or text {CRISIS_LIFELINE}")
    )
    if client.reminder_discreet:
        return (
            CLIENT_SUBJECT,
            f"Your care team is thinking of you {when}. If things feel heavy, {reach}.",
        )
    return (
        f"From {program.name}",
        f"{program.name}: your care team is thinking of you {when}. If things feel heavy, {reach}.",
    )


def _client_recipient(client: Client) -> tuple[str, str] | None:
    if client.reminder_channel == Channel.EMAIL and client.email:
        return Channel.EMAIL, client.email
    if client.reminder_channel == Channel.SMS and client.phone:
        return Channel.SMS, client.phone
    return None


# ---------------------------------------------------------------- the sweep


@dataclass(frozen=True)
class DueReminder:
    episode: Episode
    date_row: PlanHighRiskDate
    occurrence: datetime.date
    today: datetime.date


def _awake(program: Program, now: datetime.datetime) -> bool:
    """A program's day of reminders starts when its quiet hours end (as note reminders)."""
    return not in_quiet_hours(program, now) and program.local(now).time() >= (
        program.quiet_hours_end
    )


def high_risk_reminders_due(
    *, programs: list[Program], now: datetime.datetime
) -> list[DueReminder]:
    """The dates whose reminder day has come in these programs. Two queries."""
    episodes = {
        e.client_id: e
        for e in Episode.objects.open()
        .filter(program__in=programs)
        .select_related("client", "program", "primary_clinician")
    }
    due = []
    for row in in_effect_dates(Episode.objects.open().filter(program__in=programs)):
        episode = episodes.get(row.plan.client_id)
        if episode is None:
            continue
        program = episode.program
        today = program.local_date(now)
        occurrence = high_risk_in_window(
            row, today=today, days_before=program.high_risk_reminder_days
        )
        if occurrence is not None:
            due.append(DueReminder(episode, row, occurrence, today))
    return due


def _to_clinician(item: DueReminder) -> dict[str, Any] | None:
    clinician = item.episode.primary_clinician
    if clinician is None or not clinician.is_active or not clinician.email:
        return None  # still on Today, for the program's directors
    return {
        "channel": Channel.EMAIL,
        "recipient": clinician.email,
        "subject": CLINICIAN_SUBJECT,
        "body": clinician_text(occurrence=item.occurrence, today=item.today),
        "dedupe_key": high_risk_dedupe_key(
            client_id=item.episode.client_id,
            occurrence=item.occurrence,
            kind=item.date_row.kind,
            label=item.date_row.label,
            to="clinician",
        ),
    }


def _to_client(item: DueReminder) -> dict[str, Any] | None:
    episode = item.episode
    address = _client_recipient(episode.client)
    if address is None:
        return None  # no reminders chosen, or no address for the channel
    subject, body = client_text(
        client=episode.client, program=episode.program, occurrence=item.occurrence, today=item.today
    )
    return {
        "channel": address[0],
        "recipient": address[1],
        "subject": subject,
        "body": body,
        # One supportive message per client and day, however many dates fall on it.
        "dedupe_key": high_risk_dedupe_key(
            client_id=episode.client_id, occurrence=item.occurrence, to="client"
        ),
    }


def _messages(item: DueReminder) -> list[dict[str, Any]]:
    """The outbox rows one due date asks for (the clinician's, the client's), with keys."""
    return [m for m in (_to_clinician(item), _to_client(item)) if m is not None]


def high_risk_reminders_enqueue(*, now: datetime.datetime | None = None) -> int:
    """Queue the high-risk date reminders whose day has come; safe to run any number of
    times (each message has its stable dedupe key). Returns how many were queued."""
    now = now or timezone.now()
    awake = [p for p in Program.objects.filter(active=True) if _awake(p, now)]
    if not awake:
        return 0
    queued = 0
    with pghistory.context(task="high_risk_reminders_send"), transaction.atomic():
        wanted = [
            m for item in high_risk_reminders_due(programs=awake, now=now) for m in _messages(item)
        ]
        already = set(
            OutboxMessage.objects.filter(
                dedupe_key__in=[m["dedupe_key"] for m in wanted]
            ).values_list("dedupe_key", flat=True)
        )
        for message in wanted:
            if message["dedupe_key"] in already:
                continue
            already.add(message["dedupe_key"])
            queued += outbox_enqueue(**message) is not None
    return queued


__all__ = [
    "DueReminder",
    "clinician_text",
    "client_text",
    "high_risk_dedupe_key",
    "high_risk_in_window",
    "high_risk_occurrence",
    "high_risk_reminders_due",
    "high_risk_reminders_enqueue",
    "in_effect_dates",
]
