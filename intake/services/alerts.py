"""Who answers an open safety alert, by when, and whether it is overdue: one place for
Today, session pages, group charting cards, rosters and the census.

- Responsible: the primary clinician of the client's open episode; while there is none
  (a referral not yet admitted, an episode not yet assigned) the program's directors.
  Staff whose membership is "on call for safety alerts" are told of every alert too.
- Due: a same-day suicide risk assessment (PHQ-9 item 9, C-SSRS; CLINICAL.md), by the
  program's ``alert_overdue_at`` (default 17:00) on the day the alert was raised, in the
  program's time zone. An alert raised at or after that time (an evening group) is due by
  the end of that day. Past the due time the alert is overdue, and directors see it.
- Told: one email per alert per responsible person (and on-call staff), queued in the
  outbox in the transaction that raises the alert and sent on commit. The text names no
  client and no clinical word. Quiet hours are for clients' reminders; a same-day safety
  follow-up goes to staff at once.

Every reader here costs a fixed number of queries, however many alerts or clients.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from intake.access import overseeing_program_ids
from intake.models import SafetyAlert
from iop.accounts import permissions
from iop.accounts.models import Membership, Program, User
from iop.clients.models import Client, Episode, FlagGroup, SafetyFlag, flags_grouped
from iop.notifications.models import Channel
from iop.notifications.services import outbox_enqueue

ALERT_SUBJECT = "Follow-up needed today"


def _clock(moment: datetime.datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def alert_due_at(alert: SafetyAlert, program: Program) -> datetime.datetime:
    """The program-local moment by which the same-day risk assessment is due."""
    raised = program.local(alert.created_at)
    due = program.at(raised.date(), program.alert_overdue_at)
    if raised >= due:
        due = program.at(raised.date() + datetime.timedelta(days=1), datetime.time())
    return due


@dataclass
class OpenAlert:
    """An open alert with its due time and the people who answer it."""

    alert: SafetyAlert
    due_at: datetime.datetime  # program-local
    now: datetime.datetime
    primary_clinician: User | None = None
    directors: list[User] = field(default_factory=list)
    on_call: list[User] = field(default_factory=list)

    @property
    def client(self) -> Client:
        return self.alert.client

    @property
    def overdue(self) -> bool:
        return self.now >= self.due_at

    @property
    def unassigned(self) -> bool:
        return self.primary_clinician is None

    @property
    def responsible(self) -> list[User]:
        """Who answers it: the primary clinician, or while there is none, the directors."""
        return [self.primary_clinician] if self.primary_clinician else list(self.directors)

    @property
    def told(self) -> list[User]:
        """The responsible people and the on-call staff, each once."""
        people = {u.pk: u for u in [*self.responsible, *self.on_call]}
        return list(people.values())

    @property
    def due_words(self) -> str:
        """E.g. "risk assessment due today by 5:00 PM", "risk assessment overdue since
        5:00 PM today", "risk assessment overdue since the end of Tue Mar 3"."""
        end_of_day = self.due_at.time() == datetime.time()
        day = self.due_at.date() - datetime.timedelta(days=1 if end_of_day else 0)
        today = self.now.astimezone(self.due_at.tzinfo).date()
        on_day = "today" if day == today else f"{day:%a %b} {day.day}"
        if self.overdue:
            if end_of_day:
                return f"risk assessment overdue since the end of {on_day}"
            return f"risk assessment overdue since {_clock(self.due_at)} {on_day}"
        by = "the end of the day" if end_of_day else _clock(self.due_at)
        return f"risk assessment due {on_day} by {by}"


def _open_alerts(
    *, program_ids: Iterable[Any] | None = None, client_ids: Iterable[Any] | None = None
) -> list[SafetyAlert]:
    primary = Episode.objects.open().filter(client=OuterRef("client_id")).order_by("-admitted_on")
    alerts = SafetyAlert.objects.open().select_related("client__program")
    if program_ids is not None:
        alerts = alerts.filter(client__program_id__in=list(program_ids))
    if client_ids is not None:
        alerts = alerts.filter(client_id__in=list(client_ids))
    alerts = alerts.annotate(primary_id=Subquery(primary.values("primary_clinician_id")[:1]))
    return list(alerts.order_by("created_at"))


def _program_staff(program_ids: set[Any]) -> tuple[dict[Any, list[User]], dict[Any, list[User]]]:
    """(directors, on-call staff) per program id, from one query."""
    directors: dict[Any, list[User]] = defaultdict(list)
    on_call: dict[Any, list[User]] = defaultdict(list)
    memberships = (
        Membership.objects.active()
        .filter(program_id__in=program_ids, user__is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
    overseers = permissions.roles_with(permissions.OVERSEE_SAFETY_ALERTS)
    for membership in memberships:
        if membership.role in overseers:
            directors[membership.program_id].append(membership.user)
        if membership.on_call_for_safety_alerts:
            on_call[membership.program_id].append(membership.user)
    return directors, on_call


def alerts_open(
    *,
    program_ids: Iterable[Any] | None = None,
    client_ids: Iterable[Any] | None = None,
    now: datetime.datetime | None = None,
) -> list[OpenAlert]:
    """Open alerts (of these programs, or these clients), oldest first, with due time and
    responsible people. Three queries whatever the number of alerts."""
    now = now or timezone.now()
    alerts = _open_alerts(program_ids=program_ids, client_ids=client_ids)
    if not alerts:
        return []
    directors, on_call = _program_staff({a.client.program_id for a in alerts})
    clinician_ids = {a.primary_id for a in alerts if a.primary_id}  # type: ignore[attr-defined]
    clinicians = User.objects.in_bulk(clinician_ids) if clinician_ids else {}
    return [
        OpenAlert(
            alert=alert,
            due_at=alert_due_at(alert, alert.client.program),
            now=now,
            primary_clinician=clinicians.get(alert.primary_id),  # type: ignore[attr-defined]
            directors=directors[alert.client.program_id],
            on_call=on_call[alert.client.program_id],
        )
        for alert in alerts
    ]


def alerts_for_user(
    *,
    user: User,
    program_ids: Iterable[Any],
    expected_client_ids: Iterable[Any] = (),
    now: datetime.datetime | None = None,
) -> list[OpenAlert]:
    """The open alerts a person should see on Today: theirs to answer (or to be told of,
    on call), their session's clients expected today, and for directors every overdue one.
    """
    expected = set(expected_client_ids)
    # Those who oversee the program's safety alerts see what is overdue.
    oversees = overseeing_program_ids(user)

    def concerns(item: OpenAlert) -> bool:
        if any(u.pk == user.pk for u in item.told) or item.client.pk in expected:
            return True
        return item.overdue and item.client.program_id in oversees

    return [a for a in alerts_open(program_ids=program_ids, now=now) if concerns(a)]


def alerts_overdue_or_unassigned(
    *, program_ids: Iterable[Any], now: datetime.datetime | None = None
) -> list[OpenAlert]:
    """What directors must see: alerts past their due time, and alerts with no primary
    clinician (theirs to answer)."""
    return [a for a in alerts_open(program_ids=program_ids, now=now) if a.overdue or a.unassigned]


# ---------------------------------------------------------------- badges on lists


@dataclass
class ClientSafety:
    """What a list row shows beside a client's name: open alerts, then standing flags."""

    alerts: list[OpenAlert] = field(default_factory=list)
    flags: list[FlagGroup] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.alerts or self.flags)


def safety_attach(clients: Iterable[Client], *, now: datetime.datetime | None = None) -> None:
    """Set ``client.safety`` (a ClientSafety) on each client, in two queries.

    A flag raised with an open alert is shown as the alert, not again as a flag."""
    clients = list(clients)
    ids = {c.pk for c in clients}
    now = now or timezone.now()
    by_client: dict[Any, list[OpenAlert]] = defaultdict(list)
    for alert in _open_alerts(client_ids=ids):
        by_client[alert.client_id].append(
            OpenAlert(alert=alert, due_at=alert_due_at(alert, alert.client.program), now=now)
        )
    flags: dict[Any, list[SafetyFlag]] = defaultdict(list)
    standing = SafetyFlag.objects.active().filter(client_id__in=ids, safety_alert__isnull=True)
    for flag in standing.order_by("created_at"):
        flags[flag.client_id].append(flag)
    for client in clients:
        client.safety = ClientSafety(  # type: ignore[attr-defined]
            alerts=by_client.get(client.pk, []), flags=flags_grouped(flags.get(client.pk, []))
        )


# ---------------------------------------------------------------- telling people


def _link() -> str:
    return getattr(settings, "IOP_BASE_URL", "") + reverse("home")


def alert_message_body() -> str:
    """No client name, no clinical word: the email may be read over a shoulder."""
    return f"A client in your program needs follow-up today. Sign in to see Today.\n\n{_link()}\n"


def alert_notify(*, alert: SafetyAlert) -> int:
    """Queue one email per person told of this alert (see module doc); returns how many.

    Called inside the transaction that raises the alert: the messages stand or fall
    with it, and the outbox sends them once it commits. Safe to call twice."""
    items = alerts_open(client_ids=[alert.client_id])
    item = next((i for i in items if i.alert.pk == alert.pk), None)
    if item is None:
        return 0
    queued = 0
    for person in item.told:
        if not person.email:
            continue
        message = outbox_enqueue(
            channel=Channel.EMAIL,
            recipient=person.email,
            subject=ALERT_SUBJECT,
            body=alert_message_body(),
            dedupe_key=f"safety-alert:{alert.pk}:{person.pk}",
        )
        queued += message is not None
    return queued
