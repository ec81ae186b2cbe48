"""Sessions (group, individual, family, medication management), who is expected at each,
attendance, and the follow-up tasks an unexcused absence creates.

A session's expected clients are ``SessionAttendee`` rows: generated from group rosters
for group sessions, added by booking for the others. Removing someone from a future
session marks the row removed; nothing about a past session is ever rewritten.
"""

from __future__ import annotations

from typing import Any

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import F, Q

from groups.models import CurriculumTopic, Group
from iop import locks
from iop.accounts import permissions
from iop.accounts.models import Program
from iop.base import TimeStampedModel
from iop.clients.models import Client, Episode
from scheduling.models.calendar import Room, TrackBlock


class SessionKind(models.TextChoices):
    GROUP = "group", "Group"
    INDIVIDUAL = "individual", "Individual therapy"
    FAMILY = "family", "Family session"
    MEDICATION = "medication", "Medication management"


# Generated sessions and their expected attendees are inserted by the thousand; an insert
# event per row costs a PL/pgSQL subtransaction each (pghistory's context lookup), which made
# generation ten times slower. The inserted row is its own first state, so history records
# changes only: the row as it was before each change, and as it became.
def changes_only() -> tuple[pghistory.UpdateEvent, pghistory.UpdateEvent]:
    # Trackers bind to one model: a fresh pair for each.
    return (
        pghistory.UpdateEvent("before_change", row=pghistory.Old),
        pghistory.UpdateEvent("update"),
    )


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class SessionQuerySet(models.QuerySet["Session"]):
    def scheduled(self) -> SessionQuerySet:
        return self.filter(status=SessionStatus.SCHEDULED)

    def visible_to(self, user: Any, capability: str) -> SessionQuerySet:
        """Rows of the programs where ``user`` holds ``capability``."""
        return self.filter(program_id__in=permissions.program_ids_with(user, capability))

    def overlapping(self, starts_at: object, ends_at: object) -> SessionQuerySet:
        return self.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)


@locks.track(*changes_only())
class Session(TimeStampedModel):
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="sessions")
    kind = models.CharField(max_length=12, choices=SessionKind.choices)
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.PROTECT, related_name="sessions"
    )
    # The track block a generated group session came from; None for booked sessions.
    track_block = models.ForeignKey(
        TrackBlock, null=True, blank=True, on_delete=models.PROTECT, related_name="sessions"
    )
    occurs_on = models.DateField(help_text="The program-local date of the session.")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    topic = models.ForeignKey(
        CurriculumTopic, null=True, blank=True, on_delete=models.PROTECT, related_name="sessions"
    )
    # Kept as it was on the day, even if the curriculum is later renamed.
    topic_title = models.CharField(max_length=160, blank=True)
    room = models.ForeignKey(
        Room, null=True, blank=True, on_delete=models.PROTECT, related_name="sessions"
    )
    telehealth_url = models.URLField("telehealth link", blank=True)
    status = models.CharField(
        max_length=10, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    cancel_reason = models.CharField(max_length=200, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="SessionStaff",
        through_fields=("session", "user"),
        related_name="sessions_staffed",
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        triggers = locks.never_deleted()
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_end_after_start"
            ),
            models.CheckConstraint(
                condition=(Q(kind="group") & Q(group__isnull=False))
                | (~Q(kind="group") & Q(group__isnull=True)),
                name="session_group_iff_group_kind",
            ),
            # Generation is idempotent: one session per track block per day.
            models.UniqueConstraint(
                fields=["track_block", "occurs_on"],
                condition=Q(track_block__isnull=False),
                name="session_one_per_block_day",
            ),
        ]
        indexes = [
            models.Index(fields=["program", "starts_at"]),
            models.Index(fields=["group", "starts_at"]),
            models.Index(fields=["occurs_on"]),
        ]

    def __str__(self) -> str:
        label = self.group.name if self.group_id and self.group else self.get_kind_display()
        return f"{label} on {self.occurs_on}"

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED


class SessionStaffRole(models.TextChoices):
    LEAD = "lead", "Lead"
    CO = "co", "Co-facilitator"


class SessionStaff(TimeStampedModel):
    """The named clinician/prescriber of a booked session, or a group session's facilitators."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="staff_links")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(
        max_length=4, choices=SessionStaffRole.choices, default=SessionStaffRole.LEAD
    )

    class Meta:
        ordering = ["role"]
        triggers = locks.never_deleted()
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="sessionstaff_unique_user")
        ]
        indexes = [models.Index(fields=["user", "session"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.session}"


class Attendance(models.TextChoices):
    PRESENT = "present", "Present"
    LATE = "late", "Late"
    LEFT_EARLY = "left_early", "Left early"
    ABSENT_EXCUSED = "absent_excused", "Absent, excused"
    ABSENT_UNEXCUSED = "absent_unexcused", "Absent, unexcused"
    CANCELLED_BY_PROGRAM = "cancelled_by_program", "Cancelled by program"


ATTENDED = frozenset({Attendance.PRESENT, Attendance.LATE, Attendance.LEFT_EARLY})
ABSENT = frozenset(
    {Attendance.ABSENT_EXCUSED, Attendance.ABSENT_UNEXCUSED, Attendance.CANCELLED_BY_PROGRAM}
)


class AttendeeStatus(models.TextChoices):
    EXPECTED = "expected", "Expected"
    REMOVED = "removed", "Removed before the session"


class AddedReason(models.TextChoices):
    """Why a client not expected from a roster or booking joined a session on the day."""

    WALK_IN = "walk_in", "Walk-in"
    MAKE_UP = "make_up", "Make-up"


class AttendeeQuerySet(models.QuerySet["SessionAttendee"]):
    def expected(self) -> AttendeeQuerySet:
        return self.filter(status=AttendeeStatus.EXPECTED)


@locks.track(*changes_only())
class SessionAttendee(TimeStampedModel):
    """A client expected at a session and, once taken, their attendance."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="attendees")
    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="session_places")
    status = models.CharField(
        max_length=10, choices=AttendeeStatus.choices, default=AttendeeStatus.EXPECTED
    )
    removed_reason = models.CharField(max_length=200, blank=True)
    # Set for a client added to the session on the day (not from the roster or a booking).
    added_reason = models.CharField(max_length=8, choices=AddedReason.choices, blank=True)
    added_note = models.CharField(max_length=200, blank=True)
    attendance = models.CharField(max_length=24, choices=Attendance.choices, blank=True)
    minutes_attended = models.PositiveSmallIntegerField(null=True, blank=True)
    arrived_at = models.DateTimeField(null=True, blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = AttendeeQuerySet.as_manager()

    class Meta:
        ordering = ["client__legal_last_name", "client__legal_first_name"]
        triggers = locks.never_deleted()
        constraints = [
            models.UniqueConstraint(fields=["session", "episode"], name="attendee_unique_episode"),
            models.CheckConstraint(
                condition=Q(attendance="") | Q(minutes_attended__isnull=False),
                name="attendance_has_minutes",
            ),
            models.CheckConstraint(
                condition=Q(added_reason="") | ~Q(added_note=""),
                name="added_attendee_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(
                    attendance__in=["absent_excused", "absent_unexcused", "cancelled_by_program"]
                )
                | Q(minutes_attended=0),
                name="absence_has_no_minutes",
            ),
        ]
        indexes = [
            models.Index(fields=["client", "session"]),
            models.Index(fields=["episode", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.client} at {self.session}"

    @property
    def attended(self) -> bool:
        return self.attendance in ATTENDED


class FollowUpStatus(models.TextChoices):
    OPEN = "open", "To do"
    DONE = "done", "Done"


class FollowUpKind(models.TextChoices):
    ABSENCE = "absence", "Reach out after an absence"
    DISCHARGE_CALL = "discharge_call", "Follow-up call after discharge"


class FollowUpQuerySet(models.QuerySet["FollowUpTask"]):
    def open(self) -> FollowUpQuerySet:
        return self.filter(status=FollowUpStatus.OPEN)


@locks.track()
class FollowUpTask(TimeStampedModel):
    """A call staff owe a client: the same day after an unexcused absence (one task per missed
    session), and 7 and 30 days after discharge."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="follow_ups")
    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="+")
    attendee = models.OneToOneField(
        SessionAttendee, null=True, blank=True, on_delete=models.PROTECT, related_name="follow_up"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(
        max_length=16, choices=FollowUpKind.choices, default=FollowUpKind.ABSENCE
    )
    summary = models.CharField(max_length=200)
    due_on = models.DateField()
    status = models.CharField(
        max_length=6, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    outcome = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "created_at"]
        triggers = locks.never_deleted()
        indexes = [models.Index(fields=["assigned_to", "status"])]

    def __str__(self) -> str:
        return self.summary
