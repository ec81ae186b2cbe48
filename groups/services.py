"""Group rosters: members, the closed-group waitlist, and the sessions they are expected at.

A member is expected at the group's future sessions from the day they join; leaving marks
them removed from the sessions that have not started yet, never from past ones. A closed
group keeps a waitlist when full, and the first on it is promoted when a place frees up.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from groups.models import (
    CurriculumTopic,
    Facilitator,
    FacilitatorRole,
    Group,
    RosterEntry,
    RosterStatus,
)
from iop.accounts.models import Program, User
from iop.clients.models import Episode
from scheduling.models import Session, SessionAttendee, TrackEnrolment
from scheduling.services.calendar import (
    attendees_add,
    attendees_remove,
    future_sessions,
    session_over_capacity,
)


def _sessions_for(group: Group, episode: Episode, on: datetime.date) -> QuerySet[Session]:
    """The group's future sessions from ``on`` this episode belongs at: every one for a closed
    group; for an open group, those of a track the episode is enrolled in on that day."""
    sessions = future_sessions().filter(group=group, occurs_on__gte=on)
    if group.is_open:
        enrolled = TrackEnrolment.objects.filter(
            episode=episode,
            track=OuterRef("track_block__track"),
            starts_on__lte=OuterRef("occurs_on"),
        ).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=OuterRef("occurs_on")))
        sessions = sessions.filter(Exists(enrolled))
    return sessions


def _join(entry: RosterEntry, on: datetime.date, actor: User) -> None:
    sessions = _sessions_for(entry.group, entry.episode, on)
    if full := session_over_capacity(sessions, entry.group):
        raise ValidationError(full)
    attendees_add(sessions=sessions, episode=entry.episode, actor=actor)


def _members(group: Group) -> int:
    return group.roster.members().count()


@transaction.atomic
def roster_add(
    *, group: Group, episode: Episode, actor: User, on: datetime.date | None = None
) -> RosterEntry:
    """Put an episode on a group's roster from ``on`` (default: today).

    A member when there is room, and then expected at the group's future sessions; when a
    closed group is full, on its waitlist instead. A full open group refuses, naming it."""
    group = Group.objects.select_for_update().get(pk=group.pk)
    on = on or group.program.today()
    if episode.program_id != group.program_id or not episode.is_open:
        raise ValidationError("Only a client with an open episode in this program can join.")
    if not group.active:
        raise ValidationError(f"{group.name} is no longer running.")
    current = group.roster.current().filter(episode=episode).first()
    if current is not None:
        raise ValidationError(
            f"This client is already a member of {group.name}."
            if current.status == RosterStatus.MEMBER
            else f"This client is already on the waitlist of {group.name}."
        )
    if _members(group) >= group.capacity:
        if group.is_open:
            raise ValidationError(
                f"{group.name} is full ({group.capacity} of {group.capacity} places taken)."
            )
        return RosterEntry.objects.create(
            group=group,
            episode=episode,
            status=RosterStatus.WAITLISTED,
            waitlisted_at=timezone.now(),
            created_by=actor,
        )
    entry = RosterEntry.objects.create(
        group=group, episode=episode, status=RosterStatus.MEMBER, joined_on=on, created_by=actor
    )
    _join(entry, on, actor)
    return entry


def _leave_sessions(entry: RosterEntry, left_on: datetime.date, reason: str) -> None:
    attendees_remove(
        attendees=SessionAttendee.objects.filter(
            episode=entry.episode,
            session__in=future_sessions().filter(group=entry.group, occurs_on__gte=left_on),
        ),
        reason=reason,
    )


def _promote(group: Group, on: datetime.date, actor: User) -> RosterEntry | None:
    waiting = (
        group.roster.waitlisted()
        .order_by("waitlisted_at", "created_at")
        .select_related("episode", "group")
        .first()
    )
    if waiting is None or _members(group) >= group.capacity:
        return None
    waiting.status, waiting.joined_on = RosterStatus.MEMBER, on
    waiting.save(update_fields=["status", "joined_on", "updated_at"])
    _join(waiting, on, actor)
    return waiting


@transaction.atomic
def roster_remove(
    *, entry: RosterEntry, left_on: datetime.date, reason: str, actor: User
) -> RosterEntry:
    """Take an episode off a roster (or the waitlist) from ``left_on``, with a reason.

    They are removed from the group's sessions from that day that have not started; past
    sessions keep their records. A freed place in a closed group goes to the first on the
    waitlist, who joins the sessions from the same day (or today, if that is later)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the client is leaving the group."})
    group = Group.objects.select_for_update().get(pk=entry.group_id)
    entry = RosterEntry.objects.select_for_update().select_related("episode").get(pk=entry.pk)
    if entry.status == RosterStatus.LEFT:
        raise ValidationError("This client has already left the group.")
    if entry.joined_on and left_on < entry.joined_on:
        raise ValidationError({"left_on": "A client cannot leave before the day they joined."})
    was_member = entry.status == RosterStatus.MEMBER
    entry.status, entry.left_on, entry.left_reason = RosterStatus.LEFT, left_on, reason[:200]
    entry.save(update_fields=["status", "left_on", "left_reason", "updated_at"])
    if was_member:
        _leave_sessions(entry, left_on, reason)
        if not group.is_open:
            _promote(group, max(left_on, group.program.today()), actor)
    return entry


def group_save(
    *, program: Program, data: dict[str, Any], actor: User, group: Group | None = None
) -> Group:
    """The group, its facilitators and its curriculum in one transaction. Topics are matched
    by position: a renamed line renames the topic (past sessions keep their own title), a
    removed line retires it; nothing is deleted."""
    with transaction.atomic():
        taken = Group.objects.filter(program=program, name=data["name"])
        if group is not None:
            taken = taken.exclude(pk=group.pk)
        if taken.exists():
            raise ValidationError({"name": "Another group of this program already has this name."})
        group = group or Group(program=program, created_by=actor)
        for name in ("name", "kind", "description", "capacity", "admission", "active"):
            setattr(group, name, data[name])
        group.save()
        _facilitators_save(group, data.get("facilitator"), data.get("co_facilitator"))
        _curriculum_save(group, data["curriculum"])
    return group


def _facilitators_save(group: Group, lead: User | None, co: User | None) -> None:
    wanted = {
        u.pk: role for u, role in ((lead, FacilitatorRole.LEAD), (co, FacilitatorRole.CO)) if u
    }
    Facilitator.objects.filter(group=group).exclude(user_id__in=wanted).delete()
    for user_id, role in wanted.items():
        Facilitator.objects.update_or_create(group=group, user_id=user_id, defaults={"role": role})


def _curriculum_save(group: Group, titles: list[str]) -> None:
    existing = {t.position: t for t in CurriculumTopic.objects.filter(group=group)}
    for position, title in enumerate(titles, start=1):
        topic = existing.pop(position, None)
        if topic is None:
            CurriculumTopic.objects.create(group=group, position=position, title=title)
        elif topic.title != title or not topic.active:
            topic.title, topic.active = title, True
            topic.save(update_fields=["title", "active", "updated_at"])
    CurriculumTopic.objects.filter(pk__in=[t.pk for t in existing.values()]).update(active=False)
