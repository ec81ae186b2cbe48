"""Family sessions: booking one with the client's chosen people, their invitations and
reminders through the outbox, and each person's attendance.

The session is scheduling's (``session_book`` with kind "family"); the invited people are
``FamilySessionGuest`` rows, written in the same transaction. Nobody is invited who may
not be sent appointment times (``refusal(link, APPOINTMENTS)``: do not contact, no consent,
a consent awaiting signature, revoked or expired, or one not covering appointments): the
booking is refused naming each person and why, and nothing is saved.

Messages to family members follow the client's ``reminder_discreet`` choice exactly as the
client's own reminders do (scheduling/services/reminders.py): discreet, only "an
appointment" and the time; otherwise the program, "family session", the clinician and the
room or video link. Never the client's name, never anything clinical (a group's name, a
diagnosis). Every message carries the person's hold key, so a do-not-contact mark or a
lapsed consent withholds it at once, and again at sending.

Invitations go at booking, or when the program's quiet hours end if it is booked during
them. Reminders are a beat sweep (family/tasks.py) with the clients' timing
(``reminder_send_at``) and one dedupe key per guest, session and start time.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from family.access import check_can_in
from family.consents import refusal, with_consents
from family.models import ClientPerson, FamilySessionGuest, GuestAttendance
from family.services.people import hold_key
from iop.accounts import permissions
from iop.accounts.models import Program, User
from iop.clients.models import Client, Episode
from iop.notifications.models import OutboxMessage
from iop.notifications.services import outbox_enqueue
from iop.reports.clinical.terms import ConsentInformation
from scheduling.models import (
    Room,
    Session,
    SessionKind,
    SessionStaff,
    SessionStaffRole,
    SessionStatus,
)
from scheduling.services.bookings import session_book
from scheduling.services.reminders import (
    DISCREET_SUBJECT,
    MIN_LEAD,
    in_quiet_hours,
    reminder_send_at,
)

APPOINTMENTS = ConsentInformation.APPOINTMENTS
NO_CHANNEL = "asked not to be sent messages: tell them by phone or in person"
NO_ADDRESS = "has no address for the way they asked to be reached"


# ---------------------------------------------------------------- who may be invited


def invite_refusal(link: ClientPerson, client: Client) -> str | None:
    """Why this person may not be invited to the client's family session, or None."""
    if link.client_id != client.pk:
        return f"{link.person.full_name} is not among this client's people."
    return refusal(link, APPOINTMENTS)


def invitable_people(client: Client) -> list[tuple[ClientPerson, str | None]]:
    """Each of the client's people, with the reason they may not be invited (None: may)."""
    links = with_consents(ClientPerson.objects.filter(client=client).select_related("person"))
    return [(link, refusal(link, APPOINTMENTS)) for link in links]


# ---------------------------------------------------------------- message text


def _clock(local: datetime.datetime) -> str:
    hour = local.hour % 12 or 12
    return f"{hour}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'}"


def _when(local: datetime.datetime) -> str:
    return f"{local:%a} {local.day} {local:%b} at {_clock(local)}"


def _lead(session: Session) -> User | None:
    return next(
        (link.user for link in session.staff_links.all() if link.role == SessionStaffRole.LEAD),
        None,
    )


def guest_message(*, client: Client, session: Session, reminder: bool) -> tuple[str, str]:
    """(subject, body) of an invitation or reminder to one of the client's people."""
    program = session.program
    local = program.local(session.starts_at)
    if client.reminder_discreet:
        if reminder:
            body = f"Reminder: an appointment on {_when(local)}. Reply or call if you cannot come."
            return DISCREET_SUBJECT, body
        body = (
            f"You are invited to an appointment on {_when(local)}. "
            "Reply or call if you cannot come."
        )
        return "Appointment invitation", body
    lead = _lead(session)
    with_whom = f" with {lead.get_full_name()}" if lead else ""
    ends = _clock(program.local(session.ends_at))
    if session.telehealth_url:
        where = f" by video: {session.telehealth_url}"
    elif session.room_id and session.room:
        where = f", {session.room.name}"
    else:
        where = ""
    what = f"a family session{with_whom} on {_when(local)} (until {ends}){where}"
    if reminder:
        body = f"Reminder from {program.name}: {what}. Reply or call if you cannot come."
        return f"Reminder: family session at {program.name}", body
    body = f"{program.name} invites you to {what}. Reply or call if you cannot come."
    return f"Invitation: family session at {program.name}", body


def quiet_hours_end(program: Program, moment: datetime.datetime) -> datetime.datetime:
    """``moment`` itself outside quiet hours; otherwise when they end."""
    if not in_quiet_hours(program, moment):
        return moment
    local = program.local(moment)
    end = program.at(local.date(), program.quiet_hours_end)
    return end if end > local else end + datetime.timedelta(days=1)


def _start_key(session: Session) -> str:
    return session.starts_at.astimezone(datetime.UTC).isoformat()


def invitation_dedupe_key(guest: FamilySessionGuest, session: Session) -> str:
    return f"family-invitation:{guest.pk}:{session.pk}:{_start_key(session)}"


def reminder_dedupe_key(guest: FamilySessionGuest, session: Session) -> str:
    return f"family-reminder:{guest.pk}:{session.pk}:{_start_key(session)}"


def _no_message_reason(link: ClientPerson) -> str:
    if link.person.preferred_channel == "none":
        return NO_CHANNEL
    return NO_ADDRESS if link.person.address_for_messages is None else ""


def _invite(
    guest: FamilySessionGuest, client: Client, session: Session, now: datetime.datetime
) -> OutboxMessage | None:
    address = guest.client_person.person.address_for_messages
    if address is None:
        return None
    subject, body = guest_message(client=client, session=session, reminder=False)
    channel, recipient = address
    return outbox_enqueue(
        channel=channel,
        recipient=recipient,
        subject=subject,
        body=body,
        dedupe_key=invitation_dedupe_key(guest, session),
        send_after=quiet_hours_end(session.program, now),
        hold_key=hold_key(guest.client_person),
    )


# ---------------------------------------------------------------- booking


def _checked_people(client: Client, people: Sequence[ClientPerson]) -> list[ClientPerson]:
    if not people:
        raise ValidationError({"people": "Choose at least one of the client's people to invite."})
    # Read afresh, with consents: a mark or a revocation a moment ago counts.
    links = {
        link.pk: link
        for link in with_consents(
            ClientPerson.objects.select_for_update(of=("self",))
            .filter(pk__in=[p.pk for p in people])
            .select_related("person")
        )
    }
    problems = [
        reason
        for person in people
        if (reason := invite_refusal(links.get(person.pk, person), client))
    ]
    if problems:
        raise ValidationError({"people": problems})
    return [links[p.pk] for p in people]


@transaction.atomic
def family_session_book(
    *,
    episode: Episode,
    people: Sequence[ClientPerson],
    staff: User | Sequence[User],
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    actor: User,
    room: Room | None = None,
    telehealth_url: str = "",
) -> Session:
    """Book a family session for the client of ``episode`` with the chosen people, and queue
    each one's invitation. Refused, with nothing saved, when anyone may not be invited (each
    named with the reason) or when scheduling refuses the booking (every conflict named)."""
    client = Client.objects.select_related("program").get(pk=episode.client_id)
    check_can_in(
        actor,
        permissions.BOOK_SESSIONS,
        client.program,
        "You cannot book sessions in this program.",
    )
    links = _checked_people(client, people)
    session = session_book(
        program=client.program,
        kind=SessionKind.FAMILY,
        episode=episode,
        staff=staff,
        starts_at=starts_at,
        ends_at=ends_at,
        actor=actor,
        room=room,
        telehealth_url=telehealth_url,
    )
    session = (
        Session.objects.select_related("program", "room")
        .prefetch_related(Prefetch("staff_links", SessionStaff.objects.select_related("user")))
        .get(pk=session.pk)
    )
    now = timezone.now()
    guests = FamilySessionGuest.objects.bulk_create(
        FamilySessionGuest(
            session=session,
            client_person=link,
            invited_at=now,
            not_messaged_reason=_no_message_reason(link),
            created_by=actor,
        )
        for link in links
    )
    for guest in guests:
        _invite(guest, client, session, now)
    return session


@transaction.atomic
def family_guest_remove(*, guest: FamilySessionGuest, actor: User) -> None:
    """Take a person off a family session before it: no reminder goes to them."""
    guest = FamilySessionGuest.objects.select_related("session__program").get(pk=guest.pk)
    check_can_in(
        actor,
        permissions.BOOK_SESSIONS,
        guest.session.program,
        "You cannot change bookings in this program.",
    )
    if guest.removed_at is not None:
        raise ValidationError("This person was already taken off the session.")
    guest.removed_at = timezone.now()
    guest.save(update_fields=["removed_at", "updated_at"])


# ---------------------------------------------------------------- attendance


@transaction.atomic
def family_attendance_record(
    *, session: Session, marks: dict[Any, str], actor: User
) -> list[FamilySessionGuest]:
    """Record who of the invited people attended (``marks``: guest id -> attended/absent;
    a blank mark leaves that person as they were). Refused after the session's note is
    signed (the database refuses it too)."""
    session = Session.objects.select_related("program").get(pk=session.pk)
    check_can_in(
        actor,
        permissions.CHART_SESSIONS,
        session.program,
        "Only clinicians, prescribers and directors record attendance.",
    )
    if session.is_cancelled:
        raise ValidationError("This session was cancelled: there is no attendance to record.")
    if session.starts_at > timezone.now():
        raise ValidationError("Attendance is recorded once the session has started.")
    if session.notes.signed().exists():
        raise ValidationError(
            "The note of this session is signed, so who attended is fixed. "
            "Correct it with an addendum."
        )
    guests = list(
        FamilySessionGuest.objects.select_for_update()
        .filter(session=session, removed_at__isnull=True)
        .select_related("client_person__person")
    )
    allowed = set(GuestAttendance.values)
    if any(mark and mark not in allowed for mark in marks.values()):
        raise ValidationError("Mark each person attended or absent.")
    now, changed = timezone.now(), []
    for guest in guests:
        mark = marks.get(guest.pk) or marks.get(str(guest.pk)) or ""
        if mark and mark != guest.attendance:
            guest.attendance, guest.recorded_by, guest.recorded_at = mark, actor, now
            changed.append(guest)
    FamilySessionGuest.objects.bulk_update(
        changed, ["attendance", "recorded_by", "recorded_at", "updated_at"]
    )
    return guests


# ---------------------------------------------------------------- reminders


def _guests_to_remind(program: Program, now: datetime.datetime) -> list[FamilySessionGuest]:
    horizon = now + datetime.timedelta(hours=program.reminder_hours_before + 24)
    staff = SessionStaff.objects.select_related("user")
    links = with_consents(ClientPerson.objects.select_related("person", "client"))
    return list(
        FamilySessionGuest.objects.filter(
            removed_at__isnull=True,
            session__program=program,
            session__kind=SessionKind.FAMILY,
            session__status=SessionStatus.SCHEDULED,
            session__starts_at__gte=now + MIN_LEAD,
            session__starts_at__lte=horizon,
            client_person__person__preferred_channel__in=["email", "sms"],
        )
        .select_related("session__room")
        .prefetch_related(
            Prefetch("client_person", queryset=links),
            Prefetch("session__staff_links", queryset=staff),
        )
        .order_by("session__starts_at")
    )


def _program_reminders(program: Program, now: datetime.datetime) -> int:
    if in_quiet_hours(program, now):
        return 0
    due = []
    for guest in _guests_to_remind(program, now):
        guest.session.program = program
        if reminder_send_at(program=program, starts_at=guest.session.starts_at) <= now:
            due.append((guest, reminder_dedupe_key(guest, guest.session)))
    already = set(
        OutboxMessage.objects.filter(dedupe_key__in=[k for _, k in due]).values_list(
            "dedupe_key", flat=True
        )
    )
    queued = 0
    for guest, key in due:
        link = guest.client_person
        address = link.person.address_for_messages
        # Asked again now: a do-not-contact mark or a lapsed consent since booking counts.
        if key in already or address is None or refusal(link, APPOINTMENTS):
            continue
        subject, body = guest_message(client=link.client, session=guest.session, reminder=True)
        message = outbox_enqueue(
            channel=address[0],
            recipient=address[1],
            subject=subject,
            body=body,
            dedupe_key=key,
            hold_key=hold_key(link),
        )
        queued += message is not None
    return queued


def family_reminders_enqueue(*, now: datetime.datetime | None = None) -> int:
    """Queue the reminders to family guests whose time has come; safe to rerun."""
    now = now or timezone.now()
    queued = 0
    with pghistory.context(task="family_reminders_send"), transaction.atomic():
        for program in Program.objects.filter(active=True):
            queued += _program_reminders(program, now)
    return queued
