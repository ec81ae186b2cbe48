"""The multi-family group's roster and attendance, and what each client's record may say
about it: that *their* family came, never who else did.

Writes are one transaction each and check the actor's capability (family/access.py):
changing the roster needs EDIT_FAMILY, recording attendance CHART_SESSIONS. Adding someone
to the roster means they will be invited to its sessions, so it is refused, with nothing
saved, for a person marked do not contact or whose consent does not cover appointment
times (``family.consents.refusal``). A do-not-contact mark made later leaves them on the
roster (the record of who belonged stays true) but no message reaches them: the reminder
sweep skips them and the outbox withholds anything already queued.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from family.access import check_can_in
from family.consents import refusal, with_consents
from family.models import ClientPerson, FamilyAttendance, FamilyGroupAttendance, FamilyGroupMember
from groups.kinds import MULTI_FAMILY_CODE
from groups.models import Group
from intake.models import Consent
from iop.accounts import permissions
from iop.accounts.models import User
from iop.clients.models import Client
from iop.reports.clinical.terms import ConsentInformation
from scheduling.models import Session, SessionStatus

APPOINTMENTS = ConsentInformation.APPOINTMENTS


def is_family_group(group: Group) -> bool:
    kind = group.kind
    return kind.code == MULTI_FAMILY_CODE and kind.program_id is None


def _members(group: Group) -> QuerySet[FamilyGroupMember]:
    # The consent state of each row (``sharing``), in one query for the whole roster.
    consents = Consent.objects.select_related("client__program").order_by("-created_at")
    return (
        FamilyGroupMember.objects.filter(group=group)
        .select_related("client_person__person", "client_person__client")
        .prefetch_related(Prefetch("client_person__consent_links__consent", queryset=consents))
    )


def roster_current(group: Group) -> list[FamilyGroupMember]:
    """Who is on the roster now, grouped by client (each person shown once per client)."""
    rows = list(_members(group).filter(left_on__isnull=True))
    rows.sort(
        key=lambda m: (
            m.client_person.client.legal_last_name,
            m.client_person.client.legal_first_name,
            m.client_person.person.last_name,
            m.client_person.person.first_name,
        )
    )
    return rows


def roster_on(session: Session) -> list[FamilyGroupMember]:
    """Everyone on the roster on the session's day, and anyone recorded for it since."""
    day = session.occurs_on
    recorded = FamilyGroupAttendance.objects.filter(session=session).values("client_person_id")
    rows = list(
        _members(session.group)  # type: ignore[arg-type]
        .filter(
            Q(joined_on__lte=day, left_on__isnull=True)
            | Q(joined_on__lte=day, left_on__gt=day)
            | Q(client_person_id__in=recorded)
        )
        .order_by("client_person_id", "-joined_on")
        .distinct("client_person_id")
    )
    rows.sort(
        key=lambda m: (
            m.client_person.client.legal_last_name,
            m.client_person.client.legal_first_name,
            m.client_person.person.last_name,
        )
    )
    return rows


def _locked_group(group: Group) -> Group:
    locked = (
        Group.objects.select_for_update(of=("self",))
        .select_related("kind", "program")
        .get(pk=group.pk)
    )
    if not is_family_group(locked):
        raise ValidationError(f"{locked.name} is not a multi-family group.")
    return locked


@transaction.atomic
def family_group_member_add(
    *, group: Group, link: ClientPerson, actor: User, joined_on: datetime.date | None = None
) -> FamilyGroupMember:
    """Put one of a client's people on the roster. Refused, with nothing saved: another
    program's person, someone already on it, do not contact, no consent to appointments."""
    check_can_in(actor, permissions.EDIT_FAMILY, group.program, "You cannot change this roster.")
    group = _locked_group(group)
    if link.client.program_id != group.program_id:
        raise ValidationError("That person belongs to another program.")
    link = with_consents(ClientPerson.objects.select_related("person", "client")).get(pk=link.pk)
    if reason := refusal(link, APPOINTMENTS):
        raise ValidationError(
            f"{reason} They would be invited to the group's sessions, so they cannot be added."
        )
    name = f"{link.person.full_name} (family of {link.client.display_name})"
    if FamilyGroupMember.objects.filter(group=group, client_person=link, left_on=None).exists():
        raise ValidationError(f"{name} is already on this group's roster.")
    member = FamilyGroupMember(
        group=group,
        client_person=link,
        joined_on=joined_on or group.program.today(),
        added_by=actor,
        created_by=actor,
    )
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError as error:  # two requests at once: the constraint decides
        raise ValidationError(f"{name} is already on this group's roster.") from error
    return member


@transaction.atomic
def family_group_member_remove(
    *,
    member: FamilyGroupMember,
    actor: User,
    reason: str = "",
    left_on: datetime.date | None = None,
) -> FamilyGroupMember:
    """Take a member off the roster from ``left_on`` (today): past attendance stays."""
    group = _locked_group(member.group)
    check_can_in(actor, permissions.EDIT_FAMILY, group.program, "You cannot change this roster.")
    locked = FamilyGroupMember.objects.select_for_update().get(pk=member.pk)
    if locked.left_on is not None:
        raise ValidationError("They have already left this group.")
    left_on = left_on or group.program.today()
    if left_on < locked.joined_on:
        raise ValidationError("They cannot leave before the day they joined.")
    locked.left_on, locked.left_by, locked.left_reason = left_on, actor, reason.strip()[:200]
    locked.save(update_fields=["left_on", "left_by", "left_reason", "updated_at"])
    return locked


@transaction.atomic
def family_group_attendance_record(
    *, session: Session, marks: Mapping[str, str], actor: User
) -> int:
    """Record attended or absent for everyone on the session's roster (``marks``: link id →
    "attended"/"absent"). Everyone must be marked; a correction updates the row in place
    (the history keeps the earlier answer). Returns how many rows changed."""
    check_can_in(
        actor, permissions.CHART_SESSIONS, session.program, "You cannot record this attendance."
    )
    session = (
        Session.objects.select_for_update(of=("self",))
        .select_related("group__kind", "program")
        .get(pk=session.pk)
    )
    if session.group is None or not is_family_group(session.group):
        raise ValidationError("This is not a session of a multi-family group.")
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError("This session was cancelled: there is no attendance to record.")
    if session.starts_at > timezone.now():
        raise ValidationError("Attendance can be recorded once the session has started.")
    roster = {str(m.client_person_id): m for m in roster_on(session)}
    unknown = set(marks) - set(roster)
    if unknown:
        raise ValidationError("Someone marked is not on this session's roster.")
    if bad := [k for k, v in marks.items() if v not in FamilyAttendance.values]:
        raise ValidationError(f"Choose attended or absent ({len(bad)} not understood).")
    missing = [m.client_person.person.full_name for k, m in roster.items() if not marks.get(k)]
    if missing:
        raise ValidationError(f"Mark everyone attended or absent: {', '.join(missing)} not marked.")
    answers: dict[object, set[str]] = defaultdict(set)
    for key, member in roster.items():
        answers[member.client_person.person_id].add(marks[key])
    if twice := sorted(
        {
            m.client_person.person.full_name
            for m in roster.values()
            if len(answers[m.client_person.person_id]) > 1
        }
    ):
        raise ValidationError(
            f"{', '.join(twice)} came or did not: they are on the roster for more than one "
            "client, so mark them the same on each row."
        )
    existing = {
        str(a.client_person_id): a
        for a in FamilyGroupAttendance.objects.select_for_update().filter(session=session)
    }
    now, changed = timezone.now(), 0
    for key, value in marks.items():
        row = existing.get(key)
        if row is None:
            FamilyGroupAttendance.objects.create(
                session=session,
                client_person_id=key,
                attendance=value,
                recorded_by=actor,
                recorded_at=now,
                created_by=actor,
            )
            changed += 1
        elif row.attendance != value:
            row.attendance, row.recorded_by, row.recorded_at = value, actor, now
            row.save(update_fields=["attendance", "recorded_by", "recorded_at", "updated_at"])
            changed += 1
    return changed


# ---------------------------------------------------------------- what a client's record says


@dataclass(frozen=True)
class Participation:
    """One held session of a group the client's family was on the roster of."""

    day: datetime.date
    attended: list[str]  # the client's own people who came; never anyone else


def participation(client: Client, *, now: datetime.datetime | None = None) -> list[Participation]:
    """The held sessions (past, not cancelled) of every multi-family group one of the
    client's people was on the roster of that day, each with which of the client's own
    people came. Reads only this client's links: no other family can appear. Four queries."""
    now = now or timezone.now()
    links = {
        link.pk: link
        for link in ClientPerson.objects.filter(client=client).select_related("person")
    }
    places = list(
        FamilyGroupMember.objects.filter(client_person_id__in=links).values_list(
            "group_id", "joined_on", "left_on"
        )
    )
    if not places:
        return []
    spans: dict[UUID | None, list[tuple[datetime.date, datetime.date | None]]] = defaultdict(list)
    for group_id, joined, left in places:
        spans[group_id].append((joined, left))
    sessions = Session.objects.filter(
        group_id__in=list(spans), status=SessionStatus.SCHEDULED, starts_at__lt=now
    ).order_by("starts_at")
    came: dict[object, list[str]] = defaultdict(list)
    for session_id, link_id in FamilyGroupAttendance.objects.filter(
        client_person_id__in=links, attendance=FamilyAttendance.ATTENDED
    ).values_list("session_id", "client_person_id"):
        came[session_id].append(links[link_id].person.full_name)
    return [
        Participation(session.occurs_on, sorted(set(came.get(session.pk, []))))
        for session in sessions.only("pk", "group_id", "occurs_on")
        if session.pk in came or _covers(spans.get(session.group_id, []), session.occurs_on)
    ]


def _covers(
    spans: Iterable[tuple[datetime.date, datetime.date | None]], day: datetime.date
) -> bool:
    return any(joined <= day and (left is None or left > day) for joined, left in spans)


def family_group_participation(client: Client) -> list[tuple[datetime.date, list[str]]]:
    """For printed reports (the family aftercare plan): (session date, the client's own people
    who attended), oldest first. Only this client's people; the caller decides, by the
    recipient's consent, whether to print it at all."""
    return [(row.day, row.attended) for row in participation(client)]


def session_lists(
    group: Group, *, now: datetime.datetime | None = None, past_limit: int = 12
) -> tuple[list[Session], list[Any]]:
    """(upcoming, recent past) sessions of the group, each past one with its counts."""
    from django.db.models import Count

    now = now or timezone.now()
    sessions = Session.objects.filter(group=group).select_related("room")
    upcoming = list(sessions.filter(starts_at__gte=now).order_by("starts_at")[:8])
    past = list(
        sessions.filter(starts_at__lt=now)
        .annotate(
            came=Count(
                "family_attendance",
                filter=Q(family_attendance__attendance=FamilyAttendance.ATTENDED),
            ),
            marked=Count("family_attendance"),
        )
        .order_by("-starts_at")[:past_limit]
    )
    return upcoming, past
