"""Therapy groups: kind, curriculum, facilitators, capacity, and who is on the roster.

A group's roster (``RosterEntry``) says who belongs to the group; the scheduling app
turns that into the expected attendees of each session. Open groups take new members
whenever an episode is enrolled in a track that runs them (rolling admission); closed
groups take members only by an explicit roster change and keep a waitlist when full.
Nothing here is deleted: people leave a roster with a date and a reason.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from iop import locks
from iop.accounts import permissions
from iop.accounts.models import Program
from iop.base import TimeStampedModel
from iop.clients.models import Episode


class GroupKind(TimeStampedModel):
    """Process, skills, psychoeducation…; built-ins have no program, programs add their own."""

    program = models.ForeignKey(
        Program, null=True, blank=True, on_delete=models.PROTECT, related_name="group_kinds"
    )
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="groupkind_unique_code"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(program__isnull=True), name="groupkind_builtin_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Admission(models.TextChoices):
    OPEN = "open", "Open (rolling admission)"
    CLOSED = "closed", "Closed (fixed membership)"


class GroupQuerySet(models.QuerySet["Group"]):
    def active(self) -> GroupQuerySet:
        return self.filter(active=True)

    def visible_to(self, user: Any, capability: str) -> GroupQuerySet:
        """Rows of the programs where ``user`` holds ``capability``."""
        return self.filter(program_id__in=permissions.program_ids_with(user, capability))


@locks.track()
class Group(TimeStampedModel):
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="groups")
    name = models.CharField(max_length=120)
    kind = models.ForeignKey(GroupKind, on_delete=models.PROTECT, related_name="+")
    description = models.TextField(blank=True)
    capacity = models.PositiveSmallIntegerField(
        default=12, help_text="Most clients in one session of this group."
    )
    admission = models.CharField(max_length=8, choices=Admission.choices, default=Admission.OPEN)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Facilitator",
        through_fields=("group", "user"),
        related_name="facilitated_groups",
    )
    active = models.BooleanField(default=True)

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="group_unique_name"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="group_capacity_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.admission == Admission.OPEN


class FacilitatorRole(models.TextChoices):
    LEAD = "lead", "Facilitator"
    CO = "co", "Co-facilitator"


class Facilitator(TimeStampedModel):
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="facilitator_links")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(
        max_length=4, choices=FacilitatorRole.choices, default=FacilitatorRole.LEAD
    )

    class Meta:
        ordering = ["role", "user__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="facilitator_unique_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) – {self.group}"


@locks.track()
class CurriculumTopic(TimeStampedModel):
    """Topics in teaching order; sessions take the next one in turn."""

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="topics")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=160)
    description = models.TextField(blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["group", "position"]
        constraints = [
            models.UniqueConstraint(fields=["group", "position"], name="topic_unique_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class RosterStatus(models.TextChoices):
    MEMBER = "member", "Member"
    WAITLISTED = "waitlisted", "On the waitlist"
    LEFT = "left", "Left the group"


class RosterQuerySet(models.QuerySet["RosterEntry"]):
    def current(self) -> RosterQuerySet:
        return self.exclude(status=RosterStatus.LEFT)

    def members(self) -> RosterQuerySet:
        return self.filter(status=RosterStatus.MEMBER)

    def waitlisted(self) -> RosterQuerySet:
        return self.filter(status=RosterStatus.WAITLISTED).order_by("waitlisted_at")


@locks.track()
class RosterEntry(TimeStampedModel):
    """One episode's place in one group: member from ``joined_on``, or waiting."""

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="roster")
    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="group_roster")
    status = models.CharField(max_length=12, choices=RosterStatus.choices)
    joined_on = models.DateField(null=True, blank=True)
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)
    left_reason = models.CharField(max_length=200, blank=True)

    objects = RosterQuerySet.as_manager()

    class Meta:
        ordering = ["group", "status", "joined_on"]
        triggers = locks.never_deleted()
        constraints = [
            # One current place per episode per group; past places stay as history.
            models.UniqueConstraint(
                fields=["group", "episode"],
                condition=~Q(status="left"),
                name="roster_one_current_place",
            ),
            models.CheckConstraint(
                condition=~Q(status="member") | Q(joined_on__isnull=False),
                name="roster_member_has_joined_on",
            ),
        ]
        indexes = [models.Index(fields=["episode", "status"])]

    def __str__(self) -> str:
        return f"{self.episode} – {self.group} ({self.get_status_display()})"
