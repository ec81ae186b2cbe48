"""The program's calendar: rooms, tracks (which days, which hours), their group blocks,
closures, and which track each episode is enrolled in.

Times of day here are local to the program's time zone; sessions generated from them
are stored in UTC (``Session.starts_at``), so a 09:00 group stays at 09:00 across a
daylight-saving change.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q

from groups.models import Group
from iop import locks
from iop.accounts import permissions
from iop.accounts.models import Program
from iop.base import TimeStampedModel
from iop.clients.models import Episode

# ISO weekday numbers: Monday is 1.
WEEKDAYS = [
    (1, "Monday"),
    (2, "Tuesday"),
    (3, "Wednesday"),
    (4, "Thursday"),
    (5, "Friday"),
    (6, "Saturday"),
    (7, "Sunday"),
]
WEEKDAY_NAMES = dict(WEEKDAYS)
IOP_MIN_DAYS = 3
IOP_MAX_DAYS = 5


class Room(TimeStampedModel):
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="rooms")
    name = models.CharField(max_length=80)
    capacity = models.PositiveSmallIntegerField(help_text="Most people in the room at once.")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["program", "name"], name="room_unique_name")]

    def __str__(self) -> str:
        return self.name


class TrackQuerySet(models.QuerySet["Track"]):
    def visible_to(self, user: Any, capability: str) -> TrackQuerySet:
        return self.filter(program_id__in=permissions.program_ids_with(user, capability))

    def active(self) -> TrackQuerySet:
        return self.filter(active=True)


@locks.track()
class Track(TimeStampedModel):
    """E.g. Morning IOP, Monday/Wednesday/Thursday 09:00-12:00."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="tracks")
    name = models.CharField(max_length=80)
    days = ArrayField(
        models.PositiveSmallIntegerField(choices=WEEKDAYS),
        help_text="ISO weekdays the track meets (Monday is 1); 3 to 5 days for IOP.",
    )
    starts_at = models.TimeField(help_text="Program-local start of the track day.")
    ends_at = models.TimeField(help_text="Program-local end of the track day.")
    starts_on = models.DateField(help_text="First day sessions are generated for.")
    active = models.BooleanField(default=True)

    objects = TrackQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="track_unique_name"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="track_end_after_start"
            ),
            # The database refuses a sixth IOP day whatever path writes it.
            models.CheckConstraint(
                condition=Q(days__len__gte=1) & Q(days__len__lte=IOP_MAX_DAYS),
                name="track_at_most_five_days",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def day_names(self) -> list[str]:
        return [WEEKDAY_NAMES[d] for d in sorted(self.days)]

    @property
    def day_abbreviations(self) -> list[str]:
        """Mon, Wed, Thu: for tables, where full names crowd a tablet's width."""
        return [WEEKDAY_NAMES[d][:3] for d in sorted(self.days)]

    @property
    def hours_per_day(self) -> float:
        start = self.starts_at.hour * 60 + self.starts_at.minute
        end = self.ends_at.hour * 60 + self.ends_at.minute
        return (end - start) / 60


@locks.track()
class TrackBlock(TimeStampedModel):
    """One group's slot in a track day, e.g. 09:00-10:30 DBT skills in Room A."""

    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="blocks")
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="blocks")
    starts_at = models.TimeField()
    ends_at = models.TimeField()
    # Empty means every day the track meets; otherwise a subset of the track's days.
    days = ArrayField(models.PositiveSmallIntegerField(choices=WEEKDAYS), blank=True, default=list)
    room = models.ForeignKey(
        Room, null=True, blank=True, on_delete=models.PROTECT, related_name="blocks"
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["track", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="block_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.track}: {self.starts_at:%H:%M}-{self.ends_at:%H:%M} {self.group}"

    def meets_on(self, weekday: int) -> bool:
        return weekday in (self.days or self.track.days)


class Closure(TimeStampedModel):
    """A holiday or closure: no sessions that day (one track, or the whole program)."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="closures")
    track = models.ForeignKey(
        Track, null=True, blank=True, on_delete=models.PROTECT, related_name="closures"
    )
    date = models.DateField()
    reason = models.CharField(max_length=120)

    class Meta:
        ordering = ["date"]
        indexes = [models.Index(fields=["program", "date"])]

    def __str__(self) -> str:
        return f"{self.date}: {self.reason}"


class EnrolmentQuerySet(models.QuerySet["TrackEnrolment"]):
    def current(self) -> EnrolmentQuerySet:
        return self.filter(ended_on__isnull=True)


@locks.track()
class TrackEnrolment(TimeStampedModel):
    """An episode attends a track from ``starts_on``; ending it frees future sessions only."""

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="track_enrolments")
    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="enrolments")
    starts_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    ended_reason = models.CharField(max_length=200, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        triggers = locks.never_deleted()
        constraints = [
            models.UniqueConstraint(
                fields=["episode"],
                condition=Q(ended_on__isnull=True),
                name="enrolment_one_current_track",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("starts_on")),
                name="enrolment_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.episode} in {self.track} from {self.starts_on}"
