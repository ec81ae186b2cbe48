"""Clients, their episodes of care and the levels of care they move through."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from iop import locks
from iop.accounts import permissions
from iop.accounts.models import AsamEdition, Program
from iop.base import TimeStampedModel
from iop.dates import validate_date_of_birth
from iop.phones import phone_display


class LevelOfCare(models.Model):
    """An ASAM level, stored with its edition: "2.1" means different things in 3rd and 4th."""

    edition = models.CharField(max_length=1, choices=AsamEdition.choices)
    code = models.CharField(max_length=8)
    name = models.CharField(max_length=120)
    min_weekly_hours = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    max_weekly_hours = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    ordering = models.PositiveSmallIntegerField(help_text="Intensity order, low to high.")

    class Meta:
        ordering = ["edition", "ordering"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="loc_unique_edition_code")
        ]
        verbose_name = "level of care"
        verbose_name_plural = "levels of care"

    def __str__(self) -> str:
        return f"ASAM {self.code} {self.name}"

    @property
    def short_label(self) -> str:
        return f"{self.code} {self.name}"


class ClientQuerySet(models.QuerySet["Client"]):
    def with_chart_header(self) -> ClientQuerySet:
        """What every chart header and list row shows, in a fixed number of queries."""
        return self.select_related("program").prefetch_related(
            models.Prefetch(
                "episodes",
                queryset=Episode.objects.open().select_related(
                    "level_of_care", "primary_clinician"
                ),
                to_attr="open_episodes",
            ),
            models.Prefetch(
                "safety_flags", queryset=SafetyFlag.objects.active(), to_attr="active_flags"
            ),
        )

    def visible_to(self, user: Any, capability: str = permissions.VIEW_CLIENTS) -> ClientQuerySet:
        return self.filter(program_id__in=permissions.program_ids_with(user, capability))

    def search(self, text: str) -> ClientQuerySet:
        text = text.strip()
        if not text:
            return self
        query = Q(record_number__iexact=text)
        for word in text.split():
            query |= Q(legal_first_name__icontains=word) | Q(legal_last_name__icontains=word)
            query |= Q(preferred_name__icontains=word)
        return self.filter(query)


@locks.track()
class Client(TimeStampedModel):
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="clients")
    # Unique within the program (in any letter case), never across programs: a clash with
    # another program's number would tell staff here that the number exists there.
    record_number = models.CharField(max_length=20)
    legal_first_name = models.CharField(max_length=80)
    legal_last_name = models.CharField(max_length=80)
    preferred_name = models.CharField(
        max_length=80, blank=True, help_text="The name staff use when speaking with the client."
    )
    pronouns = models.CharField(max_length=40, blank=True)
    date_of_birth = models.DateField()
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    reminder_channel = models.CharField(
        "session reminders by",
        max_length=8,
        choices=[("none", "No reminders"), ("email", "Email"), ("sms", "Text message")],
        default="none",
    )
    # Trauma-informed default: reminders say only "your appointment", no clinic or clinical word.
    reminder_discreet = models.BooleanField(
        "discreet reminders",
        default=True,
        help_text="Leave the program's name and any clinical word out of reminder texts.",
    )

    objects = ClientQuerySet.as_manager()

    class Meta:
        ordering = ["legal_last_name", "legal_first_name"]
        triggers = locks.never_deleted()
        indexes = [models.Index(fields=["program", "legal_last_name", "legal_first_name"])]
        constraints = [
            models.UniqueConstraint(
                "program",
                Lower("record_number"),
                name="client_record_number_unique_in_program",
                violation_error_message="This record number is already in use in this program.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.record_number})"

    def clean(self) -> None:
        if self.date_of_birth and self.program_id:
            try:
                validate_date_of_birth(self.date_of_birth, today=self.program.today())
            except ValidationError as error:
                raise ValidationError({"date_of_birth": error}) from error

    @property
    def phone_display(self) -> str:
        return phone_display(self.phone)

    @property
    def display_name(self) -> str:
        first = self.preferred_name or self.legal_first_name
        return f"{first} {self.legal_last_name}"

    @property
    def legal_name(self) -> str:
        return f"{self.legal_first_name} {self.legal_last_name}"

    @property
    def flag_groups(self) -> list[FlagGroup]:
        """Active flags, one entry per kind: a standing suicide-risk flag and an open
        alert's flag are one "Suicide risk" with both notes, never the label twice."""
        flags = getattr(self, "active_flags", None)
        if flags is None:
            flags = list(self.safety_flags.active())
        return flags_grouped(flags)

    def age_on(self, day: datetime.date) -> int:
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


class EpisodeQuerySet(models.QuerySet["Episode"]):
    def open(self) -> EpisodeQuerySet:
        return self.filter(discharged_on__isnull=True)

    def discharge_planned(self) -> EpisodeQuerySet:
        return self.filter(discharged_on__isnull=True, discharge_planned_on__isnull=False)

    def visible_to(self, user: Any, capability: str = permissions.VIEW_CLIENTS) -> EpisodeQuerySet:
        return self.filter(program_id__in=permissions.program_ids_with(user, capability))


class DischargeReason(models.TextChoices):
    COMPLETED = "completed", "Planned completion"
    STEP_DOWN = "step_down", "Step down to outpatient"
    STEP_UP = "step_up", "Step up to a higher level of care elsewhere"
    ADMINISTRATIVE = "administrative", "Administrative discharge"
    LEFT_AMA = "left_ama", "Left against clinical advice"
    LOST_TO_CONTACT = "lost_to_contact", "Lost to contact"
    # Kept for episodes closed before the kinds above were the only choices; not offered.
    TRANSFERRED = "transferred", "Transferred to another provider"
    OTHER = "other", "Other"


# The kinds staff choose from, each with its required steps (iop.clients.discharge_steps).
DISCHARGE_KINDS = [
    DischargeReason.COMPLETED,
    DischargeReason.STEP_DOWN,
    DischargeReason.STEP_UP,
    DischargeReason.ADMINISTRATIVE,
    DischargeReason.LEFT_AMA,
    DischargeReason.LOST_TO_CONTACT,
]
# Kinds where the client goes on to another provider, who is named on the discharge.
DISCHARGE_TO_PROVIDER = {DischargeReason.STEP_DOWN, DischargeReason.STEP_UP}


@locks.track()
class Episode(TimeStampedModel):
    """One admission: from admission to discharge, at a current level of care."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="episodes")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="episodes")
    admitted_on = models.DateField()
    level_of_care = models.ForeignKey(LevelOfCare, on_delete=models.PROTECT, related_name="+")
    primary_clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="primary_episodes",
    )
    discharged_on = models.DateField(null=True, blank=True)
    discharge_reason = models.CharField(max_length=20, choices=DischargeReason.choices, blank=True)
    # A discharge dated ahead: the client stays in care until that program-local date, when
    # a beat task (iop.clients.tasks) makes it take effect. Cleared once it has.
    discharge_planned_on = models.DateField(null=True, blank=True)
    discharge_planned_reason = models.CharField(
        max_length=20, choices=DischargeReason.choices, blank=True
    )
    discharge_planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A step up or down to another provider names who takes the client on.
    receiving_provider = models.CharField(max_length=200, blank=True)
    receiving_provider_contact = models.CharField(
        max_length=200,
        blank=True,
        help_text="Phone, address or the person who accepted the referral.",
    )

    objects = EpisodeQuerySet.as_manager()

    class Meta:
        ordering = ["-admitted_on"]
        triggers = locks.never_deleted()
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(discharged_on__isnull=True),
                name="episode_one_open_per_client",
            ),
            models.CheckConstraint(
                condition=Q(discharged_on__isnull=True)
                | Q(discharged_on__gte=models.F("admitted_on")),
                name="episode_discharge_after_admission",
            ),
            models.CheckConstraint(
                condition=Q(discharge_planned_on__isnull=True)
                | (
                    Q(discharged_on__isnull=True)
                    & Q(discharge_planned_on__gte=models.F("admitted_on"))
                ),
                name="episode_planned_discharge_open_after_admission",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client} admitted {self.admitted_on:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.discharged_on is None

    @property
    def discharge_planned(self) -> bool:
        return self.discharged_on is None and self.discharge_planned_on is not None


@locks.track()
class LevelOfCareChange(TimeStampedModel):
    """Each level an episode has held since admission; step-up/down approvals build on it."""

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="level_changes")
    from_level = models.ForeignKey(
        LevelOfCare, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_level = models.ForeignKey(LevelOfCare, on_delete=models.PROTECT, related_name="+")
    effective_on = models.DateField()
    reason = models.TextField()

    class Meta:
        ordering = ["-effective_on", "-created_at"]
        triggers = locks.never_deleted()


@dataclass(frozen=True)
class FlagGroup:
    kind: str
    label: str
    notes: tuple[str, ...]


def flags_grouped(flags: Iterable[SafetyFlag]) -> list[FlagGroup]:
    """Flags of one client, one group per kind in first-seen order, notes without repeats."""
    notes: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for flag in flags:
        labels.setdefault(flag.kind, flag.get_kind_display())
        kind_notes = notes.setdefault(flag.kind, [])
        if flag.note and flag.note not in kind_notes:
            kind_notes.append(flag.note)
    return [FlagGroup(kind, labels[kind], tuple(notes[kind])) for kind in labels]


class SafetyFlagKind(models.TextChoices):
    SUICIDE_RISK = "suicide_risk", "Suicide risk"
    SELF_HARM = "self_harm", "Self-harm"
    VIOLENCE = "violence", "Risk of violence"
    MEDICAL = "medical", "Medical alert"
    ALLERGY = "allergy", "Allergy"
    DOMESTIC_VIOLENCE = "domestic_violence", "Domestic violence: do not disclose location"
    OTHER = "other", "Other"


class SafetyFlagQuerySet(models.QuerySet["SafetyFlag"]):
    def active(self) -> SafetyFlagQuerySet:
        return self.filter(resolved_at__isnull=True)


@locks.track()
class SafetyFlag(TimeStampedModel):
    """Shown in every chart header until resolved; resolving keeps the record."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="safety_flags")
    kind = models.CharField(max_length=24, choices=SafetyFlagKind.choices)
    note = models.CharField(max_length=200, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = SafetyFlagQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        triggers = locks.never_deleted()

    def __str__(self) -> str:
        return self.get_kind_display()
