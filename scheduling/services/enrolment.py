"""Which track each episode attends, and what that does to rosters and future sessions.

Enrolling is rolling admission: the client joins the roster of each open group the track
runs and is expected at its sessions already generated from ``starts_on`` (later sessions
pick them up when generated). A track change, an unenrolment or a discharge takes the
client off sessions that have not started yet; past sessions keep their records.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from groups.models import Group, RosterEntry
from groups.services import GroupFull, roster_add, roster_remove
from iop.accounts.models import User
from iop.clients.models import Episode
from scheduling.models import (
    AttendeeStatus,
    Session,
    SessionAttendee,
    SessionKind,
    SessionStatus,
    Track,
    TrackEnrolment,
)
from scheduling.services.calendar import (
    attendees_add,
    attendees_remove,
    future_sessions,
    session_over_capacity,
)


def _locked_episode(episode: Episode) -> Episode:
    return Episode.objects.select_for_update().select_related("program").get(pk=episode.pk)


def _track_groups(track: Track, *, open_only: bool) -> list[Group]:
    groups = Group.objects.filter(blocks__track=track, blocks__active=True, active=True)
    if open_only:
        groups = groups.filter(admission="open")
    return list(groups.distinct().order_by("name"))


def _leave_track(
    enrolment: TrackEnrolment,
    ended_on: datetime.date,
    reason: str,
    actor: User,
    keep: set[object] = frozenset(),  # type: ignore[assignment]
) -> None:
    """End an enrolment: off its future sessions and off its groups not in ``keep``."""
    enrolment.ended_on, enrolment.ended_reason = ended_on, reason[:200]
    enrolment.save(update_fields=["ended_on", "ended_reason", "updated_at"])
    attendees_remove(
        attendees=SessionAttendee.objects.filter(
            episode_id=enrolment.episode_id,
            session__in=future_sessions().filter(
                track_block__track_id=enrolment.track_id, occurs_on__gte=ended_on
            ),
        ),
        reason=reason,
    )
    group_ids = {g.pk for g in _track_groups(enrolment.track, open_only=False)} - keep
    for entry in RosterEntry.objects.current().filter(
        episode_id=enrolment.episode_id, group_id__in=group_ids
    ):
        left_on = max(ended_on, entry.joined_on or ended_on)
        roster_remove(entry=entry, left_on=left_on, reason=reason, actor=actor)


def _check_can_enrol(episode: Episode, track: Track, starts_on: datetime.date) -> None:
    if not episode.is_open:
        raise ValidationError("This episode has been discharged.")
    if track.program_id != episode.program_id:
        raise ValidationError({"track": "Choose a track of this client's program."})
    if not track.active:
        raise ValidationError({"track": f"{track.name} is no longer running."})
    if starts_on < episode.admitted_on:
        raise ValidationError({"starts_on": "A track cannot start before the admission date."})


def _join_open_group(
    group: Group, episode: Episode, track: Track, starts_on: datetime.date, actor: User
) -> None:
    """Rolling admission: onto the group's roster through groups' roster_add (the one roster
    writer, which also expects the client at the sessions); a client already on the roster
    through another track running the group is expected at this track's sessions too."""
    group = Group.objects.select_for_update().get(pk=group.pk)
    if not group.roster.current().filter(episode=episode).exists():
        try:
            roster_add(group=group, episode=episode, actor=actor, on=starts_on)
        except GroupFull as refused:
            # Enrolment's page adds what to do about it.
            refusal = refused.messages[0].removesuffix(".")
            raise ValidationError(
                f"{refusal}; free a place or raise its capacity first."
            ) from refused
        return
    sessions = future_sessions().filter(
        track_block__track=track, group=group, occurs_on__gte=starts_on
    )
    if full := session_over_capacity(sessions, group):
        raise ValidationError(full)
    attendees_add(sessions=sessions, episode=episode, actor=actor)


@transaction.atomic
def track_enrol(
    *, episode: Episode, track: Track, starts_on: datetime.date, actor: User
) -> TrackEnrolment:
    """Enrol an episode in a track from ``starts_on`` (rolling admission into its open groups).

    A track change ends the current enrolment on ``starts_on`` and takes the client off the
    old track's sessions from then that have not started, and off the old track's groups
    the new track does not run. A full open group refuses the whole enrolment, naming it."""
    episode = _locked_episode(episode)
    _check_can_enrol(episode, track, starts_on)
    current = TrackEnrolment.objects.current().select_for_update().filter(episode=episode).first()
    new_groups = _track_groups(track, open_only=True)
    if current is not None:
        if current.track_id == track.pk:
            raise ValidationError(f"This client is already enrolled in {track.name}.")
        _leave_track(
            current,
            max(starts_on, current.starts_on),
            f"Moved to {track.name}",
            actor,
            keep={g.pk for g in _track_groups(track, open_only=False)},
        )
    enrolment = TrackEnrolment.objects.create(
        episode=episode, track=track, starts_on=starts_on, created_by=actor
    )
    for group in new_groups:
        _join_open_group(group, episode, track, starts_on, actor)
    return enrolment


@transaction.atomic
def track_unenrol(
    *, episode: Episode, ended_on: datetime.date, reason: str, actor: User
) -> TrackEnrolment:
    """End the episode's current track enrolment from ``ended_on`` (that day's sessions not
    yet started included), taking the client off the track's groups."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the client is leaving the track."})
    episode = _locked_episode(episode)
    current = TrackEnrolment.objects.current().select_for_update().filter(episode=episode).first()
    if current is None:
        raise ValidationError("This client is not enrolled in a track.")
    if ended_on < current.starts_on:
        raise ValidationError({"ended_on": "The enrolment cannot end before it started."})
    _leave_track(current, ended_on, reason, actor)
    return current


@transaction.atomic
def episode_leave_future_sessions(
    *, episode: Episode, left_on: datetime.date, reason: str, actor: User
) -> int:
    """On discharge: end the track enrolment, leave every group roster and waitlist, and
    come off every session from ``left_on`` that has not started. A booked individual,
    family or medication session left with nobody expected is cancelled with the reason.
    Past sessions are untouched. Returns how many sessions the client was taken off."""
    reason = reason.strip() or "Discharged"
    episode = _locked_episode(episode)
    upcoming = future_sessions().filter(occurs_on__gte=left_on)
    mine = SessionAttendee.objects.filter(
        episode=episode, session__in=upcoming, status=AttendeeStatus.EXPECTED, attendance=""
    )
    booked = list(
        Session.objects.filter(pk__in=mine.values("session_id")).exclude(kind=SessionKind.GROUP)
    )
    count = mine.count()
    current = TrackEnrolment.objects.current().select_for_update().filter(episode=episode).first()
    if current is not None:
        _leave_track(current, max(left_on, current.starts_on), reason, actor)
    for entry in RosterEntry.objects.current().filter(episode=episode):
        roster_remove(
            entry=entry,
            left_on=max(left_on, entry.joined_on or left_on),
            reason=reason,
            actor=actor,
        )
    attendees_remove(attendees=mine, reason=reason)
    Session.objects.filter(pk__in=[s.pk for s in booked]).exclude(
        attendees__status=AttendeeStatus.EXPECTED
    ).update(
        status=SessionStatus.CANCELLED,
        cancel_reason=reason[:200],
        cancelled_at=timezone.now(),
        cancelled_by=actor,
        updated_at=timezone.now(),
    )
    return count
