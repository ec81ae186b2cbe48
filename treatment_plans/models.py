"""Treatment plans: versioned, signed, reviewed, with a trauma-phase gate (CLINICAL.md).

A plan version is a draft until the client, the clinician and (where the program
requires it) a co-signer have signed; then it is active and locked in the database.
A change makes a new draft version; the previous one is superseded when the new one
activates. Problems, goals, objectives and interventions belong to one version.
"""

from __future__ import annotations

from typing import Any

import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q

from iop import locks
from iop.accounts import permissions
from iop.accounts.models import Program
from iop.base import TimeStampedModel
from iop.clients.models import Client, Episode
from iop.signatures.models import lock_when_signed
from treatment_plans import wording
from treatment_plans.wording import MeasureKind


class Phase(models.TextChoices):
    STABILIZATION = "stabilization", "Stabilization and preparation"
    PROCESSING = "processing", "Trauma processing"
    INTEGRATION = "integration", "Integration"


class Modality(TimeStampedModel):
    """An intervention type. Built-in ones have no program; a program may add its own."""

    program = models.ForeignKey(
        Program, null=True, blank=True, on_delete=models.PROTECT, related_name="modalities"
    )
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=120)
    trauma_processing = models.BooleanField(
        default=False, help_text="Held back until a confirmed readiness review (EMDR, PE, CPT)."
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="modality_unique_code"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(program__isnull=True), name="modality_builtin_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    SUPERSEDED = "superseded", "Superseded"


PLAN_LIFECYCLE = "a plan goes from draft to active to superseded, never back"


class TreatmentPlanQuerySet(models.QuerySet["TreatmentPlan"]):
    def visible_to(
        self, user: Any, capability: str = permissions.VIEW_CLINICAL_RECORD
    ) -> TreatmentPlanQuerySet:
        return self.filter(program_id__in=permissions.program_ids_with(user, capability))

    def active(self) -> TreatmentPlanQuerySet:
        return self.filter(status=PlanStatus.ACTIVE)


@locks.track()
class TreatmentPlan(TimeStampedModel):
    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="plans")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="plans")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveSmallIntegerField(default=1)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_version"
    )
    status = models.CharField(max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    phase = models.CharField(max_length=16, choices=Phase.choices, default=Phase.STABILIZATION)
    # Optimistic locking: a save must name the revision it started from.
    revision = models.PositiveIntegerField(default=1)

    strengths = models.TextField(blank=True)
    pacing_preferences = models.TextField(
        "preferences for pacing", blank=True, help_text="How fast, what helps, what to avoid."
    )
    avoid = models.TextField("topics or approaches to avoid", blank=True)
    referrals = models.TextField(blank=True)
    discharge_criteria = models.TextField(blank=True)
    aftercare_plan = models.TextField(blank=True)
    # Where strengths, preferences and topics to avoid were first carried over from.
    intake_assessment = models.ForeignKey(
        "intake.Assessment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    client_signed_name = models.CharField(max_length=200, blank=True)
    client_signed_at = models.DateTimeField(null=True, blank=True)
    clinician_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    clinician_signed_at = models.DateTimeField(null=True, blank=True)
    cosigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cosigned_at = models.DateTimeField(null=True, blank=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    review_due_on = models.DateField(null=True, blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    objects = TreatmentPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["episode", "version"], name="plan_unique_version"),
            models.UniqueConstraint(
                fields=["episode"],
                condition=Q(status="active"),
                name="plan_one_active_per_episode",
            ),
            models.UniqueConstraint(
                fields=["episode"], condition=Q(status="draft"), name="plan_one_draft_per_episode"
            ),
        ]
        triggers = [
            # Once active, only its standing in time may change: status, review date, phase.
            lock_when_signed(
                signed_field="activated_at",
                mutable=["status", "review_due_on", "superseded_at", "phase"],
            ),
            # The lifecycle: draft -> active (on its last signature, activated_at set), then
            # active -> superseded (a newer version, or discharge; superseded_at set once).
            locks.LockTrigger(
                name="status_follows_lifecycle",
                when=pgtrigger.Before,
                operation=pgtrigger.Update,
                condition=locks.Changed("status", "superseded_at"),
                func=f"""
                    IF OLD.superseded_at IS NOT NULL THEN
                        {locks.refusal("a superseded plan version stays superseded")}
                    END IF;
                    IF NOT (
                        (OLD.status = NEW.status AND NEW.superseded_at IS NULL)
                        OR (OLD.status = 'draft' AND NEW.status = 'active'
                            AND NEW.activated_at IS NOT NULL AND NEW.superseded_at IS NULL)
                        OR (OLD.status = 'active' AND NEW.status = 'superseded'
                            AND NEW.superseded_at IS NOT NULL)
                    ) THEN
                        {locks.refusal(PLAN_LIFECYCLE)}
                    END IF;
                    RETURN NEW;
                """,
            ),
            *locks.never_deleted("plan versions are never deleted; a newer one supersedes"),
        ]

    def __str__(self) -> str:
        return f"Treatment plan v{self.version} for {self.client}"

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT


def parent_plan_locked(name: str, plan_column_sql: str) -> list[pgtrigger.Trigger]:
    """Refuse any change to a row whose plan version is active or superseded.

    ``plan_column_sql`` finds the plan id from the row (``R`` is NEW or OLD). A draft's
    rows may still be removed (that is editing the draft); TRUNCATE never.
    """
    return [_parent_plan_locked(name, plan_column_sql), locks.never_truncated()]


def _parent_plan_locked(name: str, plan_column_sql: str) -> pgtrigger.Trigger:
    return locks.LockTrigger(
        name=name,
        when=pgtrigger.Before,
        operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
        # The SQL fragment comes from this module's own constants, never from input.
        func=f"""
            DECLARE
                R RECORD;
                plan_id UUID;
            BEGIN
                IF TG_OP = 'DELETE' THEN R := OLD; ELSE R := NEW; END IF;
                plan_id := ({plan_column_sql});
                IF EXISTS (
                    SELECT 1 FROM treatment_plans_treatmentplan p
                    WHERE p.id = plan_id AND p.activated_at IS NOT NULL
                ) THEN
                    RAISE EXCEPTION 'Signed plan versions are locked: make a new version.';
                END IF;
                IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                RETURN NEW;
            END;
        """,  # noqa: S608
    )


@locks.track()
class PlanProblem(TimeStampedModel):
    plan = models.ForeignKey(TreatmentPlan, on_delete=models.PROTECT, related_name="problems")
    order = models.PositiveSmallIntegerField(default=0)
    statement = models.TextField("problem")
    # The assessment findings that support it.
    instrument_results = models.ManyToManyField(
        "intake.InstrumentResult", blank=True, related_name="+"
    )
    asam_dimensions = ArrayField(models.PositiveSmallIntegerField(), default=list, blank=True)

    class Meta:
        ordering = ["order", "created_at"]
        triggers = parent_plan_locked("plan_locked", "R.plan_id")

    def __str__(self) -> str:
        return self.statement[:60]


@locks.track()
class PlanGoal(TimeStampedModel):
    problem = models.ForeignKey(PlanProblem, on_delete=models.PROTECT, related_name="goals")
    # Empty until the clinician writes down what the client says; a template's sentence is
    # kept apart as a suggestion, so it is never shown or signed as the client's words.
    client_words = models.TextField("goal in the client's own words", blank=True, default="")
    suggested_words = models.TextField("suggested wording", blank=True, default="")
    clinical_goal = models.TextField("clinical restatement")

    class Meta:
        ordering = ["created_at"]
        triggers = parent_plan_locked(
            "plan_locked",
            "SELECT pr.plan_id FROM treatment_plans_planproblem pr WHERE pr.id = R.problem_id",
        )

    def __str__(self) -> str:
        return (self.client_words or self.clinical_goal)[:60]


class ObjectiveStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    MET = "met", "Met"
    REVISED = "revised", "Revised"
    DISCONTINUED = "discontinued", "Discontinued"


@locks.track()
class PlanObjective(TimeStampedModel):
    goal = models.ForeignKey(PlanGoal, on_delete=models.PROTECT, related_name="objectives")
    description = models.TextField("objective (observable, measurable)")
    measure = models.CharField(max_length=20, choices=MeasureKind.choices)
    instrument = models.CharField(max_length=16, blank=True, help_text="E.g. phq9, pcl5.")
    threshold = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    per_week = models.PositiveSmallIntegerField("times per week", null=True, blank=True)
    target_date = models.DateField()
    status = models.CharField(
        max_length=14, choices=ObjectiveStatus.choices, default=ObjectiveStatus.NOT_STARTED
    )

    class Meta:
        ordering = ["target_date", "created_at"]
        triggers = parent_plan_locked(
            "plan_locked",
            "SELECT pr.plan_id FROM treatment_plans_plangoal g "
            "JOIN treatment_plans_planproblem pr ON pr.id = g.problem_id "
            "WHERE g.id = R.goal_id",
        )

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def measure_text(self) -> str:
        # One wording everywhere (page, PDF, signed text).
        return wording.measure_text(self)


@locks.track()
class PlanIntervention(TimeStampedModel):
    plan = models.ForeignKey(TreatmentPlan, on_delete=models.PROTECT, related_name="interventions")
    problem = models.ForeignKey(
        PlanProblem, null=True, blank=True, on_delete=models.PROTECT, related_name="interventions"
    )
    modality = models.ForeignKey(Modality, on_delete=models.PROTECT, related_name="+")
    description = models.TextField(blank=True)
    frequency = models.CharField(max_length=80, help_text="E.g. 'weekly, 50 minutes'.")
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        triggers = parent_plan_locked("plan_locked", "R.plan_id")

    def __str__(self) -> str:
        return f"{self.modality} – {self.frequency}"


class DiagnosisRank(models.TextChoices):
    PRIMARY = "primary", "Primary"
    SECONDARY = "secondary", "Secondary"


@locks.track()
class PlanDiagnosis(TimeStampedModel):
    """An ICD-10-CM diagnosis on one plan version, locked with it once signed.

    A new version copies the diagnoses forward with who first recorded them, so each
    signed version keeps the diagnoses it was signed with and the chart shows the
    current ones (the active version's).
    """

    plan = models.ForeignKey(TreatmentPlan, on_delete=models.PROTECT, related_name="diagnoses")
    code = models.CharField(max_length=8, help_text="ICD-10-CM, with its dot (F43.10).")
    description = models.CharField(max_length=300)
    code_list = models.CharField(max_length=40, help_text="The ICD-10-CM release it came from.")
    rank = models.CharField(max_length=10, choices=DiagnosisRank.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["rank", "recorded_at", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="diagnosis_unique_code"),
            models.UniqueConstraint(
                fields=["plan"], condition=Q(rank="primary"), name="diagnosis_one_primary"
            ),
        ]
        triggers = parent_plan_locked("plan_locked", "R.plan_id")

    def __str__(self) -> str:
        return f"{self.code} {self.description}"


class ReadinessQuerySet(models.QuerySet["ReadinessReview"]):
    def confirmed(self) -> ReadinessQuerySet:
        return self.filter(confirmed_at__isnull=False)


@locks.track()
class ReadinessReview(TimeStampedModel):
    """A clinician's review of readiness for trauma processing; a supervisor confirms it."""

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="readiness_reviews")
    affect_tolerance = models.CharField(max_length=16)
    grounding_skill = models.CharField(max_length=16)
    self_harm = models.CharField(max_length=16)
    home_stability = models.CharField(max_length=16)
    des_score = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    acute_suicide_risk = models.BooleanField()
    ready = models.BooleanField(help_text="Computed on the server from the answers above.")
    notes = models.TextField(blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = ReadinessQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        triggers = [
            # A confirmed review opens the trauma-processing gate: it stays as confirmed.
            locks.locked_once(
                name="locked_once_confirmed",
                sql="OLD.confirmed_at IS NOT NULL",
                rule="a confirmed readiness review is final; record a new review",
            ),
            *locks.never_deleted(),
        ]

    def __str__(self) -> str:
        state = "ready" if self.ready else "not ready"
        return f"Readiness review {self.created_at:%Y-%m-%d} ({state})"


@locks.track()
class PhaseChange(TimeStampedModel):
    plan = models.ForeignKey(TreatmentPlan, on_delete=models.PROTECT, related_name="phase_changes")
    from_phase = models.CharField(max_length=16, choices=Phase.choices)
    to_phase = models.CharField(max_length=16, choices=Phase.choices)
    reason = models.TextField()

    class Meta:
        ordering = ["-created_at"]
        triggers = locks.never_deleted()


class ReviewRating(models.TextChoices):
    MET = "met", "Met"
    PROGRESSING = "progressing", "Progressing"
    NOT_PROGRESSING = "not_progressing", "Not progressing"
    REVISED = "revised", "Revised"


@locks.track()
class PlanReview(TimeStampedModel):
    plan = models.ForeignKey(TreatmentPlan, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField()
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-reviewed_on"]
        # Recorded whole, with its ratings, in one transaction; the next review is a new row.
        triggers = locks.append_only("plan reviews are final once recorded")


@locks.track()
class PlanReviewItem(TimeStampedModel):
    review = models.ForeignKey(PlanReview, on_delete=models.PROTECT, related_name="items")
    objective = models.ForeignKey(PlanObjective, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(max_length=16, choices=ReviewRating.choices)
    evidence = models.TextField(help_text="What was shown beside the rating, kept as it was.")
    note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "objective"], name="review_item_unique")
        ]
        triggers = locks.append_only("plan reviews are final once recorded")


class TemplateCategory(models.TextChoices):
    TRAUMA = "trauma", "Trauma"
    SUBSTANCE_USE = "substance_use", "Substance use"
    CO_OCCURRING = "co_occurring", "Co-occurring"


class PlanTemplate(TimeStampedModel):
    """A starting point a clinician picks and edits: a problem with its goal, objectives and
    interventions. Built-in templates have no program; a program may add its own."""

    program = models.ForeignKey(
        Program, null=True, blank=True, on_delete=models.PROTECT, related_name="plan_templates"
    )
    category = models.CharField(max_length=16, choices=TemplateCategory.choices)
    title = models.CharField(max_length=120)
    problem = models.TextField()
    goal_client_words = models.TextField(
        help_text="Suggested wording, shown beside the goal; never copied in as the client's words."
    )
    goal_clinical = models.TextField()
    # [{"description", "measure", "instrument", "threshold", "per_week", "weeks"}]
    objectives = models.JSONField(default=list)
    # [{"modality": code, "frequency", "description"}]
    interventions = models.JSONField(default=list)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["category", "title"]

    def __str__(self) -> str:
        return self.title


# ---------------------------------------------------------------- aftercare


@locks.track()
class AftercarePlan(TimeStampedModel):
    """What continues after the program: one per episode, written before discharge and kept
    as it was once the episode closes (the services refuse changes after discharge)."""

    episode = models.OneToOneField(Episode, on_delete=models.PROTECT, related_name="aftercare")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    continuing_care = models.TextField(
        "what continues after the program",
        blank=True,
        help_text="In plain words, as the client would say it.",
    )

    class Meta:
        triggers = locks.never_deleted()

    def __str__(self) -> str:
        return f"Aftercare plan for {self.episode_id}"


class AftercareKind(models.TextChoices):
    COUNSELING = "counseling", "Outpatient counseling or therapy"
    PSYCHIATRY = "psychiatry", "Psychiatry or medication management"
    PRIMARY_CARE = "primary_care", "Primary care"
    SUPPORT_GROUP = "support_group", "Support group or mutual-help meeting"
    RECEIVING_PROGRAM = "receiving_program", "Step-down or receiving program"
    OTHER = "other", "Other"


class AftercareRowQuerySet(models.QuerySet[Any]):
    def current(self) -> AftercareRowQuerySet:
        return self.filter(removed_at__isnull=True)


class _Removable(TimeStampedModel):
    """A row taken off the plan keeps its place in the record: removed, with who and why."""

    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    removed_reason = models.TextField(blank=True)

    objects = AftercareRowQuerySet.as_manager()

    class Meta:
        abstract = True


@locks.track()
class AftercareAppointment(_Removable):
    plan = models.ForeignKey(AftercarePlan, on_delete=models.PROTECT, related_name="appointments")
    kind = models.CharField(max_length=20, choices=AftercareKind.choices)
    with_whom = models.CharField("with", max_length=200, help_text="Provider or clinician.")
    starts_at = models.DateTimeField()
    place = models.CharField("place or address", max_length=300, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["starts_at", "created_at"]
        triggers = locks.never_deleted()

    def __str__(self) -> str:
        return f"{self.get_kind_display()} with {self.with_whom}"


@locks.track()
class AftercareContact(_Removable):
    plan = models.ForeignKey(AftercarePlan, on_delete=models.PROTECT, related_name="contacts")
    name = models.CharField(max_length=200)
    role = models.CharField(
        "role or relationship",
        max_length=120,
        blank=True,
        help_text="For example sponsor, outpatient counselor, crisis line, family member.",
    )
    phone = models.CharField(max_length=30, blank=True)
    when_to_call = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at"]
        triggers = locks.never_deleted()

    def __str__(self) -> str:
        return self.name
