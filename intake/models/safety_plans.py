"""The written safety plan: the client's own words, section by section, signed and versioned.

The sections are the generic ones of the safety planning intervention (Stanley & Brown
2012); the wording on screen is the clinic's own, not a licensed form's. A plan is signed
by the client and a clinician; once both have signed it is locked in the database and a
change is a new version that points back to the one it replaces.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from iop import locks
from iop.accounts import permissions
from iop.base import TimeStampedModel
from iop.clients.models import Client
from iop.signatures.models import lock_when_signed


@dataclass(frozen=True)
class PlanSection:
    field: str
    heading: str  # as the client reads it, in the second person
    prompt: str  # what the clinician asks while writing it together


SECTIONS: tuple[PlanSection, ...] = (
    PlanSection(
        "warning_signs",
        "Signs that a crisis may be starting",
        "Thoughts, feelings, moods or situations that tell you things are getting hard.",
    ),
    PlanSection(
        "coping_strategies",
        "Things I can do on my own to feel better",
        "What you can do by yourself to take your mind off things: relax, move, ground.",
    ),
    PlanSection(
        "distractions",
        "People and places that help take my mind off things",
        "People to be around and places to go (with phone numbers where it helps).",
    ),
    PlanSection(
        "help_contacts",
        "People I can ask for help",
        "Who you can tell that you are struggling, with how to reach them.",
    ),
    PlanSection(
        "professionals",
        "Professionals I can contact",
        "Your counselor, doctor or other services, with their numbers. "
        "The 988 Lifeline and 911 are always added.",
    ),
    PlanSection(
        "safer_environment",
        "Making my surroundings safer",
        "What you will do to keep things you could use to hurt yourself out of reach, "
        "and who will help.",
    ),
    PlanSection(
        "reasons_for_living",
        "My reasons for living",
        "In your own words: what matters most to you and is worth living for.",
    ),
)
SECTION_FIELDS = tuple(section.field for section in SECTIONS)


class SafetyPlanStatus(models.TextChoices):
    DRAFT = "draft", "Being written"
    IN_EFFECT = "in_effect", "In effect"
    SUPERSEDED = "superseded", "Replaced by a later version"


class SafetyPlanQuerySet(models.QuerySet["SafetyPlan"]):
    def visible_to(
        self, user: Any, capability: str = permissions.VIEW_CLINICAL_RECORD
    ) -> SafetyPlanQuerySet:
        return self.filter(client__program_id__in=permissions.program_ids_with(user, capability))

    def in_effect(self) -> SafetyPlanQuerySet:
        return self.filter(signed_at__isnull=False, superseded_at__isnull=True)

    def drafts(self) -> SafetyPlanQuerySet:
        return self.filter(signed_at__isnull=True)


@locks.track()
class SafetyPlan(TimeStampedModel):
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="safety_plans")
    version = models.PositiveSmallIntegerField(default=1)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_version"
    )

    warning_signs = models.TextField("signs that a crisis may be starting", blank=True)
    coping_strategies = models.TextField("things I can do on my own", blank=True)
    distractions = models.TextField("people and places that help distract", blank=True)
    help_contacts = models.TextField("people I can ask for help", blank=True)
    professionals = models.TextField("professionals I can contact", blank=True)
    safer_environment = models.TextField("making my surroundings safer", blank=True)
    reasons_for_living = models.TextField("my reasons for living", blank=True)
    review_on = models.DateField("review by", null=True, blank=True)

    client_signed_name = models.CharField(max_length=200, blank=True)
    client_signed_at = models.DateTimeField(null=True, blank=True)
    clinician_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    clinician_signed_at = models.DateTimeField(null=True, blank=True)
    # Set when the second signature lands: from then on the row is locked.
    signed_at = models.DateTimeField(null=True, blank=True)
    # The text both signed, and the program crisis line as printed on it.
    signed_text = models.TextField(blank=True)
    program_crisis_line = models.CharField(max_length=200, blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    objects = SafetyPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "version"], name="safety_plan_unique_version"
            ),
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(signed_at__isnull=True),
                name="safety_plan_one_draft_per_client",
            ),
        ]
        triggers = [
            # Signed: only being replaced by a later version may still be recorded.
            lock_when_signed(signed_field="signed_at", mutable=["superseded_at"]),
            *locks.never_deleted("safety plans are never deleted"),
        ]

    def __str__(self) -> str:
        return f"Safety plan v{self.version} for {self.client}"

    @property
    def status(self) -> str:
        if self.signed_at is None:
            return SafetyPlanStatus.DRAFT
        if self.superseded_at is not None:
            return SafetyPlanStatus.SUPERSEDED
        return SafetyPlanStatus.IN_EFFECT

    def get_status_display(self) -> str:
        return SafetyPlanStatus(self.status).label

    @property
    def is_draft(self) -> bool:
        return self.signed_at is None

    def review_is_due(self, today: datetime.date | None = None) -> bool:
        return bool(self.review_on and self.review_on < (today or self.client.program.today()))
