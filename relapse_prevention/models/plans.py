"""The relapse prevention plan: the client's own, built with them and kept alive.

A plan belongs to the client, not to one episode, because relapse prevention continues after
a step-down. It is versioned like the treatment plan: a draft is edited, the client and the
clinician sign, and the signed version is locked in the database (its parts too); a change
is a new draft version that starts as a copy of the one in effect and, once signed,
supersedes it. Each part says whether the client chose to have it on their own printed copy.

Reviews are their own rows (append-only): the plan is reviewed with the treatment plan and
after every lapse, and the chart shows when it was last reviewed and whether one is due.
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
from iop.signatures.models import lock_when_signed


class RelapsePlanStatus(models.TextChoices):
    DRAFT = "draft", "Being written"
    IN_EFFECT = "in_effect", "In effect"
    SUPERSEDED = "superseded", "Replaced by a later version"


class RelapsePlanQuerySet(models.QuerySet["RelapsePreventionPlan"]):
    def visible_to(
        self, user: Any, capability: str = permissions.VIEW_CLINICAL_RECORD
    ) -> RelapsePlanQuerySet:
        return self.filter(program_id__in=permissions.program_ids_with(user, capability))

    def in_effect(self) -> RelapsePlanQuerySet:
        return self.filter(signed_at__isnull=False, superseded_at__isnull=True)

    def drafts(self) -> RelapsePlanQuerySet:
        return self.filter(signed_at__isnull=True)


@locks.track()
class RelapsePreventionPlan(TimeStampedModel):
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="relapse_prevention_plans"
    )
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    # The episode it was written in (a plan carries on into the next episode).
    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveSmallIntegerField(default=1)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_version"
    )
    # Optimistic locking: a save names the revision it started from.
    revision = models.PositiveIntegerField(default=1)

    what_others_do = models.TextField(
        "what I want others to do when they see my warning signs",
        blank=True,
        help_text="In the client's own words.",
    )
    what_others_do_in_client_copy = models.BooleanField(default=True)

    client_signed_name = models.CharField(max_length=200, blank=True)
    client_signed_at = models.DateTimeField(null=True, blank=True)
    clinician_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    clinician_signed_at = models.DateTimeField(null=True, blank=True)
    # Set when the second signature lands: from then on the plan and its parts are locked.
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_text = models.TextField(blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    objects = RelapsePlanQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["client", "version"], name="rp_plan_unique_version"),
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(signed_at__isnull=True),
                name="rp_plan_one_draft_per_client",
            ),
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(signed_at__isnull=False, superseded_at__isnull=True),
                name="rp_plan_one_in_effect_per_client",
            ),
        ]
        triggers = [
            # Signed: only being replaced by a later version may still be recorded.
            lock_when_signed(signed_field="signed_at", mutable=["superseded_at"]),
            locks.locked_once(
                name="rp_plan_superseded_once",
                sql="OLD.superseded_at IS NOT NULL",
                rule="a superseded relapse prevention plan version stays as it was",
            ),
            *locks.never_deleted("relapse prevention plans are never deleted"),
        ]

    def __str__(self) -> str:
        return f"Relapse prevention plan v{self.version} for {self.client}"

    @property
    def status(self) -> str:
        if self.signed_at is None:
            return RelapsePlanStatus.DRAFT
        if self.superseded_at is not None:
            return RelapsePlanStatus.SUPERSEDED
        return RelapsePlanStatus.IN_EFFECT

    def get_status_display(self) -> str:
        return RelapsePlanStatus(self.status).label

    @property
    def is_draft(self) -> bool:
        return self.signed_at is None


def _plan_part_locked() -> list[pgtrigger.Trigger]:
    """A part of a signed version may not be added, changed or removed; a draft's may."""
    return [
        locks.LockTrigger(
            name="rp_plan_part_locked",
            when=pgtrigger.Before,
            operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
            func="""
                DECLARE
                    R RECORD;
                BEGIN
                    IF TG_OP = 'DELETE' THEN R := OLD; ELSE R := NEW; END IF;
                    IF EXISTS (
                        SELECT 1 FROM relapse_prevention_relapsepreventionplan p
                        WHERE p.id = R.plan_id AND p.signed_at IS NOT NULL
                    ) THEN
                        RAISE EXCEPTION
                            'Signed relapse prevention plans are locked: make a new version.';
                    END IF;
                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                    RETURN NEW;
                END;
            """,
        ),
        locks.never_truncated(),
    ]


class PlanPart(TimeStampedModel):
    """What every part has: its version, its place in the list, and the client's choice
    whether it is printed on their own copy."""

    order = models.PositiveSmallIntegerField(default=0)
    in_client_copy = models.BooleanField(
        "on my copy", default=True, help_text="The client chose to have this on their copy."
    )

    class Meta:
        abstract = True
        ordering = ["order", "created_at"]


class TriggerCategory(models.TextChoices):
    PEOPLE = "people", "People"
    PLACES = "places", "Places"
    EMOTIONS = "emotions", "Emotions"
    SITUATIONS = "situations", "Situations"
    DATES = "dates", "Dates and times of year"


@locks.track()
class PlanTrigger(PlanPart):
    plan = models.ForeignKey(
        RelapsePreventionPlan, on_delete=models.PROTECT, related_name="triggers"
    )
    category = models.CharField(max_length=12, choices=TriggerCategory.choices)
    description = models.TextField("the trigger, in the client's words")

    class Meta(PlanPart.Meta):
        triggers = _plan_part_locked()

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.description[:50]}"


class WarningStage(models.TextChoices):
    EARLY = "early", "Early"
    MIDDLE = "middle", "Middle"
    LATE = "late", "Late"


@locks.track()
class PlanWarningSign(PlanPart):
    plan = models.ForeignKey(
        RelapsePreventionPlan, on_delete=models.PROTECT, related_name="warning_signs"
    )
    stage = models.CharField(max_length=8, choices=WarningStage.choices)
    description = models.TextField("the warning sign")

    class Meta(PlanPart.Meta):
        triggers = _plan_part_locked()

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.description[:50]}"


@locks.track()
class PlanCopingStrategy(PlanPart):
    plan = models.ForeignKey(
        RelapsePreventionPlan, on_delete=models.PROTECT, related_name="coping_strategies"
    )
    description = models.TextField("what works for me")
    # The group skill it comes from (a topic of a group's curriculum), where it does.
    skill = models.ForeignKey(
        "groups.CurriculumTopic",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The skill the groups teach that this strategy uses.",
    )

    class Meta(PlanPart.Meta):
        triggers = _plan_part_locked()

    def __str__(self) -> str:
        return self.description[:60]


@locks.track()
class PlanSafeContact(PlanPart):
    plan = models.ForeignKey(
        RelapsePreventionPlan, on_delete=models.PROTECT, related_name="safe_contacts"
    )
    name = models.CharField(max_length=120)
    relationship = models.CharField(max_length=80, blank=True)
    phone = models.CharField(max_length=40)
    when_to_call = models.TextField("when to call")
    # One of the client's people (family.ClientPerson), when the contact is one: no foreign
    # key, as this app sits below family (relapse_prevention/contact_people.py). Staff pages
    # show that person's do-not-contact mark beside the contact.
    client_person_id = models.UUIDField(
        "one of the client's people", null=True, blank=True, db_index=True
    )

    class Meta(PlanPart.Meta):
        triggers = _plan_part_locked()

    def __str__(self) -> str:
        return self.name


class HighRiskKind(models.TextChoices):
    ANNIVERSARY = "anniversary", "Trauma anniversary"
    HOLIDAY = "holiday", "Holiday"
    COURT = "court", "Court date"
    OTHER = "other", "Other"


@locks.track()
class PlanHighRiskDate(PlanPart):
    plan = models.ForeignKey(
        RelapsePreventionPlan, on_delete=models.PROTECT, related_name="high_risk_dates"
    )
    kind = models.CharField(max_length=12, choices=HighRiskKind.choices)
    label = models.CharField("what the day is", max_length=160)
    on_date = models.DateField("date")
    recurs_yearly = models.BooleanField(
        "every year", default=False, help_text="An anniversary or holiday comes back each year."
    )
    plan_for_the_day = models.TextField("plan for the day", blank=True)

    class Meta(PlanPart.Meta):
        triggers = _plan_part_locked()

    def __str__(self) -> str:
        return f"{self.label} ({self.on_date})"


@locks.track()
class PlanCrisisResource(PlanPart):
    """988 and the program's own line are added to each new plan; the clinician may add,
    change or remove them with the client."""

    plan = models.ForeignKey(
        RelapsePreventionPlan, on_delete=models.PROTECT, related_name="crisis_resources"
    )
    name = models.CharField(max_length=160)
    contact = models.CharField("how to reach", max_length=120)

    class Meta(PlanPart.Meta):
        triggers = _plan_part_locked()

    def __str__(self) -> str:
        return self.name


class ReviewOccasion(models.TextChoices):
    TREATMENT_PLAN_REVIEW = "plan_review", "With the treatment plan review"
    LAPSE = "lapse", "After a lapse"
    OTHER = "other", "Other"


@locks.track()
class RelapsePlanReview(TimeStampedModel):
    """The plan looked at again with the client: kept as recorded, never changed."""

    plan = models.ForeignKey(
        RelapsePreventionPlan, on_delete=models.PROTECT, related_name="reviews"
    )
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    reviewed_on = models.DateField()
    occasion = models.CharField(max_length=12, choices=ReviewOccasion.choices)
    summary = models.TextField("what was talked through")
    changes_needed = models.BooleanField(
        default=False, help_text="A new version is needed (and was started)."
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-reviewed_on", "-created_at"]
        triggers = locks.append_only("relapse prevention plan reviews are final once recorded")

    def __str__(self) -> str:
        return f"Review of {self.plan} on {self.reviewed_on}"
