"""Random drug screening: a schedule says how many times a week a client is screened, never
on which days; each morning the draw decides, for that day only, who is selected."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from iop import locks
from iop.base import TimeStampedModel
from relapse_prevention.models.screens import SpecimenType


@locks.track()
class RandomScreening(TimeStampedModel):
    """How often one episode is screened at random; ended, never deleted."""

    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="random_screenings"
    )
    episode = models.ForeignKey(
        "clients.Episode", on_delete=models.PROTECT, related_name="random_screenings"
    )
    times_per_week = models.PositiveSmallIntegerField()
    specimen_type = models.CharField(max_length=16, choices=SpecimenType.choices)
    panel_code = models.SlugField(max_length=60)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    end_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_on", "-created_at"]
        triggers = [*locks.never_deleted()]
        constraints = [
            models.UniqueConstraint(
                fields=["episode"],
                condition=Q(ended_on__isnull=True),
                name="random_screening_one_active_per_episode",
                violation_error_message="This client already has an active random schedule.",
            ),
            models.CheckConstraint(
                condition=Q(times_per_week__gte=1) & Q(times_per_week__lte=5),
                name="random_screening_times_per_week_1_to_5",
                violation_error_message="Choose from 1 to 5 screens a week.",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="random_screening_ends_after_start",
                violation_error_message="The end date cannot be before the start date.",
            ),
        ]

    def __str__(self) -> str:
        return f"Random screens {self.times_per_week} a week"

    @property
    def active(self) -> bool:
        return self.ended_on is None


class RandomDraw(models.Model):
    """That a schedule's draw was made on a program day, selected or not: a second run the
    same morning finds it and draws nothing more (a re-roll would bias the sampling)."""

    schedule = models.ForeignKey(RandomScreening, on_delete=models.PROTECT, related_name="draws")
    day = models.DateField()
    drawn_at = models.DateTimeField()
    selected = models.BooleanField()

    class Meta:
        ordering = ["-day"]
        triggers = [*locks.append_only()]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "day"], name="random_draw_once_a_day")
        ]

    def __str__(self) -> str:
        return f"Draw on {self.day}"


class SelectionOutcome(models.TextChoices):
    PENDING = "pending", "Pending"
    COLLECTED = "collected", "Collected"
    NO_SHOW = "no_show", "No-show"


class RandomSelection(TimeStampedModel):
    """One client drawn for a screen on one program day (drawn that morning, never ahead)."""

    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="random_selections"
    )
    episode = models.ForeignKey("clients.Episode", on_delete=models.PROTECT, related_name="+")
    schedule = models.ForeignKey(
        RandomScreening, on_delete=models.PROTECT, related_name="selections"
    )
    day = models.DateField()
    drawn_at = models.DateTimeField()
    outcome = models.CharField(
        max_length=10, choices=SelectionOutcome.choices, default=SelectionOutcome.PENDING
    )
    specimen = models.OneToOneField(
        "relapse_prevention.Specimen",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="random_selection",
    )

    class Meta:
        ordering = ["-day"]
        triggers = [*locks.never_deleted()]
        constraints = [
            models.UniqueConstraint(fields=["client", "day"], name="random_selection_once_a_day"),
            models.CheckConstraint(
                condition=Q(outcome="pending") | Q(specimen__isnull=False),
                name="random_selection_outcome_has_specimen",
            ),
        ]
        indexes = [models.Index(fields=["day", "outcome"])]

    def __str__(self) -> str:
        return f"Random screen on {self.day}"
