"""The multi-family group (family education): a roster of the clients' people, across
clients, and who of them came to each session.

The group itself is a ``groups.Group`` of the built-in "family education" kind, and its
sessions are scheduling's (generated from a track block, e.g. Tuesday evenings); only the
roster and the attendance are family's, because they are of people, not clients.

A roster row is per *link* (``ClientPerson``), not per person: what the program may send a
person is each client's choice, so an aunt linked to two clients is on the roster twice and
shows once under each client. Rows are never deleted: a member leaves with a date.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from family.models.people import ClientPerson
from groups.models import Group
from iop import locks
from iop.base import TimeStampedModel
from scheduling.models import Session


@locks.track()
class FamilyGroupMember(TimeStampedModel):
    """One of a client's people on a multi-family group's roster, from ``joined_on``."""

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="family_members")
    client_person = models.ForeignKey(
        ClientPerson, on_delete=models.PROTECT, related_name="group_places"
    )
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)
    left_reason = models.CharField(max_length=200, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    left_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["joined_on", "created_at"]
        triggers = locks.never_deleted("a family group's roster is never deleted")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "client_person"],
                condition=Q(left_on__isnull=True),
                name="family_group_one_current_place",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="family_group_left_after_joined",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client_person} in {self.group}"

    def on_roster(self, day: object) -> bool:
        return self.joined_on <= day and (self.left_on is None or self.left_on > day)  # type: ignore[operator]


class FamilyAttendance(models.TextChoices):
    ATTENDED = "attended", "Attended"
    ABSENT = "absent", "Absent"


@locks.track()
class FamilyGroupAttendance(TimeStampedModel):
    """Whether one roster member came to one session; corrected in place (history keeps the
    earlier answer), never deleted."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="family_attendance")
    client_person = models.ForeignKey(
        ClientPerson, on_delete=models.PROTECT, related_name="group_attendance"
    )
    attendance = models.CharField(max_length=10, choices=FamilyAttendance.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["session__starts_at"]
        triggers = locks.never_deleted("family group attendance is never deleted")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "client_person"], name="family_attendance_once_per_session"
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.client_person.person} {self.get_attendance_display().lower()}: {self.session}"
        )
