"""Check-ins and lapses: what the client tells the team between and at sessions.

A check-in is craving and mood (0-10) and whether the client used since the last one,
recorded in seconds at a session or in the attendance flow. A lapse is recorded without
judgment: what happened, in what context, what helped and what the client wants to change.
Both are clinical rows: never deleted, and kept as recorded (a mistaken one is marked as
entered in error, with the reason, and drops out of trends and rules).
"""

from __future__ import annotations

from typing import Any

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q

from iop import locks
from iop.accounts import permissions
from iop.accounts.models import Program
from iop.base import TimeStampedModel
from iop.clients.models import Client, Episode


class CheckInQuerySet(models.QuerySet["CheckIn"]):
    def visible_to(
        self, user: Any, capability: str = permissions.VIEW_CLINICAL_RECORD
    ) -> CheckInQuerySet:
        return self.filter(program_id__in=permissions.program_ids_with(user, capability))

    def standing(self) -> CheckInQuerySet:
        """Not marked as entered in error."""
        return self.filter(entered_in_error_at__isnull=True)


class LapseQuerySet(models.QuerySet["Lapse"]):
    def visible_to(
        self, user: Any, capability: str = permissions.VIEW_CLINICAL_RECORD
    ) -> LapseQuerySet:
        return self.filter(program_id__in=permissions.program_ids_with(user, capability))

    def standing(self) -> LapseQuerySet:
        """Not marked as entered in error."""
        return self.filter(entered_in_error_at__isnull=True)


class ErrorMark(TimeStampedModel):
    entered_in_error_at = models.DateTimeField(null=True, blank=True)
    entered_in_error_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entered_in_error_reason = models.TextField(blank=True)

    class Meta:
        abstract = True


@locks.track()
class CheckIn(ErrorMark):
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="check_ins")
    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="check_ins")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    # The session it was taken at, where it was (attendance flow, a note); else by phone.
    session = models.ForeignKey(
        "scheduling.Session", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_on = models.DateField(help_text="The program's local day.")
    recorded_at = models.DateTimeField()
    craving = models.PositiveSmallIntegerField(help_text="0 none, 10 the strongest.")
    mood = models.PositiveSmallIntegerField(help_text="0 the lowest, 10 the best.")
    used = models.BooleanField("used since the last check-in")
    used_what = models.CharField("what was used", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = CheckInQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at"]
        indexes = [models.Index(fields=["episode", "recorded_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(craving__lte=10), name="checkin_craving_0_10"),
            models.CheckConstraint(condition=Q(mood__lte=10), name="checkin_mood_0_10"),
            models.CheckConstraint(
                condition=Q(used=True) | Q(used_what=""), name="checkin_what_only_if_used"
            ),
        ]
        triggers = [
            locks.refuse(
                name="checkin_kept_as_recorded",
                operation=pgtrigger.Update,
                rule="check-ins are kept as recorded; mark one as entered in error instead",
                condition=locks.Changed(
                    "client",
                    "episode",
                    "program",
                    "session",
                    "recorded_on",
                    "recorded_at",
                    "craving",
                    "mood",
                    "used",
                    "used_what",
                    "recorded_by",
                ),
            ),
            locks.locked_once(
                name="checkin_error_mark_once",
                sql="OLD.entered_in_error_at IS NOT NULL",
                rule="a check-in marked as entered in error stays so",
            ),
            *locks.never_deleted("check-ins are never deleted"),
        ]

    def __str__(self) -> str:
        return f"Check-in {self.recorded_on}: craving {self.craving}, mood {self.mood}"


@locks.track()
class Lapse(ErrorMark):
    """A return to use (or to the behavior the client is working on), met without judgment."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="lapses")
    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="lapses")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    occurred_on = models.DateField("when it happened")
    substance_or_behavior = models.CharField("substance or behavior", max_length=200)
    context = models.TextField("what was going on", blank=True)
    what_helped = models.TextField("what helped", blank=True)
    what_to_change = models.TextField("what the client wants to do differently", blank=True)
    # The drug screen that confirms it, where one does.
    specimen = models.ForeignKey(
        "relapse_prevention.Specimen",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lapses",
    )
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = LapseQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "-recorded_at"]
        triggers = [
            locks.refuse(
                name="lapse_kept_as_recorded",
                operation=pgtrigger.Update,
                rule="lapses are kept as recorded; mark one as entered in error instead",
                condition=locks.Changed(
                    "client",
                    "episode",
                    "program",
                    "occurred_on",
                    "substance_or_behavior",
                    "context",
                    "what_helped",
                    "what_to_change",
                    "specimen",
                    "recorded_at",
                    "recorded_by",
                ),
            ),
            locks.locked_once(
                name="lapse_error_mark_once",
                sql="OLD.entered_in_error_at IS NOT NULL",
                rule="a lapse marked as entered in error stays so",
            ),
            *locks.never_deleted("lapses are never deleted"),
        ]

    def __str__(self) -> str:
        return f"Lapse on {self.occurred_on}: {self.substance_or_behavior}"
