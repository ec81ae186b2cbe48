from __future__ import annotations

from typing import Any

import pgtrigger
from django.core.validators import MaxValueValidator
from django.db import models

from iop import locks
from iop.accounts import permissions
from iop.accounts.models import AsamEdition, Program
from iop.base import TimeStampedModel
from iop.clients.models import Client, LevelOfCare

from .referral import Referral

DECLINED = "declined"


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "In progress"
    COMPLETED = "completed", "Completed"


class Housing(models.TextChoices):
    STABLE = "stable", "Stable housing"
    WITH_OTHERS = "with_others", "Staying with family or friends"
    TEMPORARY = "temporary", "Temporary or transitional"
    SOBER_LIVING = "sober_living", "Recovery residence"
    UNHOUSED = "unhoused", "Unhoused"
    DECLINED = DECLINED, "Prefer not to say"


class Occupation(models.TextChoices):
    FULL_TIME = "full_time", "Employed full time"
    PART_TIME = "part_time", "Employed part time"
    STUDENT = "student", "In school"
    UNEMPLOYED = "unemployed", "Looking for work"
    UNABLE = "unable", "Unable to work"
    RETIRED = "retired", "Retired"
    DECLINED = DECLINED, "Prefer not to say"


class LegalStatus(models.TextChoices):
    NONE = "none", "No current legal involvement"
    PROBATION = "probation", "On probation"
    PAROLE = "parole", "On parole"
    PRETRIAL = "pretrial", "Pretrial release or pending charges"
    DRUG_COURT = "drug_court", "Treatment court"
    DECLINED = DECLINED, "Prefer not to say"


class AffectTolerance(models.TextChoices):
    ADEQUATE = "adequate", "Tolerates distress and returns to baseline"
    LIMITED = "limited", "Limited: overwhelmed by moderate distress"
    NOT_ASSESSED = "not_assessed", "Not yet assessed"


class GroundingSkill(models.TextChoices):
    WORKING = "working", "Uses a grounding or calm-place skill that works"
    LEARNING = "learning", "Learning a skill; not yet reliable"
    NONE = "none", "No skill yet"


class HomeStability(models.TextChoices):
    STABLE = "stable", "Stable and safe enough at home"
    UNSTABLE = "unstable", "Unstable or unsafe at home"
    NOT_ASSESSED = "not_assessed", "Not yet assessed"


class SelfHarm(models.TextChoices):
    NONE = "none", "No current self-harm"
    ACTIVE = "active", "Active self-harm"
    NOT_ASSESSED = "not_assessed", "Not yet assessed"


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def visible_to(
        self, user: Any, capability: str = permissions.VIEW_CLIENTS
    ) -> AssessmentQuerySet:
        return self.filter(program_id__in=permissions.program_ids_with(user, capability))

    def drafts(self) -> AssessmentQuerySet:
        return self.filter(status=AssessmentStatus.DRAFT)


@locks.track()
class Assessment(TimeStampedModel):
    """The intake assessment, saved as a draft after every step."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="assessments")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    referral = models.ForeignKey(
        Referral, null=True, blank=True, on_delete=models.PROTECT, related_name="assessments"
    )
    status = models.CharField(
        max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    last_step = models.CharField(max_length=20, default="profile")
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # The trauma-informed profile: how the client wants to be met.
    preferred_name = models.CharField(max_length=80, blank=True)
    pronouns = models.CharField(max_length=40, blank=True)
    feels_safe = models.TextField("what helps you feel safe here", blank=True)
    care_topics = models.TextField("topics or triggers to approach with care", blank=True)
    communication_preferences = models.TextField(blank=True)
    cultural_considerations = models.TextField("cultural or spiritual considerations", blank=True)
    declined_questions = models.JSONField(
        default=list, blank=True, help_text="Fields the client preferred not to answer."
    )

    # History and current situation.
    presenting_problems = models.TextField(blank=True)
    mental_health_history = models.TextField(blank=True)
    substance_use_history = models.TextField(blank=True)
    current_medications = models.TextField(blank=True)
    housing = models.CharField(max_length=16, choices=Housing.choices, blank=True)
    occupation = models.CharField(
        "employment or school", max_length=16, choices=Occupation.choices, blank=True
    )
    legal_status = models.CharField(max_length=16, choices=LegalStatus.choices, blank=True)
    legal_details = models.TextField("probation or court details", blank=True)
    family_and_supports = models.TextField(blank=True)
    strengths = models.TextField(blank=True)

    # ASAM placement.
    asam_edition = models.CharField(max_length=1, choices=AsamEdition.choices, blank=True)
    recommended_level = models.ForeignKey(
        LevelOfCare, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recommendation_reasons = models.JSONField(default=list, blank=True)
    placement_level = models.ForeignKey(
        LevelOfCare, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    placement_reason = models.TextField(
        blank=True, help_text="Required when the placement differs from the recommendation."
    )

    # Trauma readiness baseline (CLINICAL.md); DES-II and suicide risk come from instruments.
    affect_tolerance = models.CharField(
        max_length=16, choices=AffectTolerance.choices, default=AffectTolerance.NOT_ASSESSED
    )
    grounding_skill = models.CharField(
        max_length=16, choices=GroundingSkill.choices, default=GroundingSkill.NONE
    )
    self_harm = models.CharField(
        "self-harm", max_length=16, choices=SelfHarm.choices, default=SelfHarm.NOT_ASSESSED
    )
    home_stability = models.CharField(
        max_length=16, choices=HomeStability.choices, default=HomeStability.NOT_ASSESSED
    )
    readiness_notes = models.TextField(blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        triggers = [
            # Admission, plans and reports read a completed assessment as it was completed.
            locks.locked_once(
                name="locked_once_completed",
                sql="OLD.status = 'completed'",
                rule="a completed assessment is final; record a new assessment",
            ),
            *locks.never_deleted(),
        ]

    def __str__(self) -> str:
        return f"Intake assessment of {self.client} ({self.get_status_display()})"

    @property
    def is_draft(self) -> bool:
        return self.status == AssessmentStatus.DRAFT

    @property
    def placement(self) -> LevelOfCare | None:
        """The level staff chose, or the recommendation when they left it as proposed."""
        return self.placement_level or self.recommended_level


@locks.track()
class AsamRating(TimeStampedModel):
    """One ASAM dimension's risk rating, 0 (none) to 4 (severe)."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="asam_ratings"
    )
    dimension = models.PositiveSmallIntegerField(validators=[MaxValueValidator(6)])
    rating = models.PositiveSmallIntegerField(validators=[MaxValueValidator(4)])
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["dimension"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "dimension"], name="asam_rating_one_per_dimension"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__lte=4) & models.Q(dimension__gte=1, dimension__lte=6),
                name="asam_rating_in_range",
            ),
        ]
        triggers = [
            locks.LockTrigger(
                name="locked_once_completed",
                when=pgtrigger.Before,
                # UPDATE only: every dimension is rated before completing, one row each.
                operation=pgtrigger.Update,
                func=f"""
                    IF EXISTS (
                        SELECT 1 FROM intake_assessment a
                        WHERE a.id IN (OLD.assessment_id, NEW.assessment_id)
                        AND a.status = 'completed'
                    ) THEN
                        {locks.refusal("a completed assessment is final; record a new assessment")}
                    END IF;
                    RETURN NEW;
                """,  # noqa: S608  (our own constants, never input)
            ),
            *locks.never_deleted(),
        ]

    def __str__(self) -> str:
        return f"Dimension {self.dimension}: {self.rating}"
