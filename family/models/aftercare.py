"""The family aftercare plan: who supports the client after the program, and how.

Part of discharge planning, one per episode at a time. A draft is edited by the program's
clinicians; the clinician who wrote it signs it, and from then on the database refuses any
change to it and its rows. A change after signing is a new version that starts as a copy of
the one in effect and, once signed, replaces it.

The warning signs are drawn from the client's relapse prevention plan in effect, and only
from the signs the client chose to have on their own copy; the plan adds what the family
does when they see each one. Each copy printed for a person is recorded (``FamilyCopy``):
who it was for, under which consent, and what it held.
"""

from __future__ import annotations

import uuid
from typing import Any

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q

from family.models.people import ClientPerson
from iop import locks
from iop.accounts import permissions
from iop.accounts.models import Program
from iop.base import TimeStampedModel
from iop.clients.models import Client, Episode
from iop.signatures.models import lock_when_signed


class FamilyPlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_EFFECT = "in_effect", "Signed, in effect"
    SUPERSEDED = "superseded", "Replaced by a later version"


class FamilyAftercarePlanQuerySet(models.QuerySet["FamilyAftercarePlan"]):
    def visible_to(
        self, user: Any, capability: str = permissions.VIEW_FAMILY
    ) -> FamilyAftercarePlanQuerySet:
        return self.filter(program_id__in=permissions.program_ids_with(user, capability))

    def in_effect(self) -> FamilyAftercarePlanQuerySet:
        return self.filter(signed_at__isnull=False, superseded_at__isnull=True)

    def drafts(self) -> FamilyAftercarePlanQuerySet:
        return self.filter(signed_at__isnull=True)


@locks.track()
class FamilyAftercarePlan(TimeStampedModel):
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveSmallIntegerField(default=1)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_version"
    )
    communication = models.TextField(
        "communication strategies agreed",
        blank=True,
        help_text="How the client and their family agreed to talk, in plain words.",
    )
    boundaries = models.TextField(
        "boundaries agreed", blank=True, help_text="What each side asked of the other."
    )
    # The client named people but chose not to involve them in aftercare: the plan says so
    # (and why), is signed like any other, and completes the discharge step.
    family_not_involved = models.BooleanField(
        "the client chose not to involve family in aftercare", default=False
    )
    not_involved_reason = models.TextField("why, in the client's words", blank=True)

    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_text = models.TextField(blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    objects = FamilyAftercarePlanQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["episode", "version"], name="family_aftercare_unique_version"
            ),
            models.UniqueConstraint(
                fields=["episode"],
                condition=Q(signed_at__isnull=True),
                name="family_aftercare_one_draft",
            ),
            models.UniqueConstraint(
                fields=["episode"],
                condition=Q(signed_at__isnull=False, superseded_at__isnull=True),
                name="family_aftercare_one_in_effect",
            ),
            models.CheckConstraint(
                condition=Q(signed_at__isnull=True) | Q(signed_by__isnull=False),
                name="family_aftercare_signed_has_signer",
            ),
        ]
        triggers = [
            lock_when_signed(signed_field="signed_at", mutable=["superseded_at"]),
            locks.locked_once(
                name="family_aftercare_superseded_once",
                sql="OLD.superseded_at IS NOT NULL",
                rule="a replaced family aftercare plan stays as it was",
            ),
            *locks.never_deleted("family aftercare plans are never deleted"),
        ]

    def __str__(self) -> str:
        return f"Family aftercare plan v{self.version} for {self.client}"

    @property
    def status(self) -> str:
        if self.signed_at is None:
            return FamilyPlanStatus.DRAFT
        if self.superseded_at is not None:
            return FamilyPlanStatus.SUPERSEDED
        return FamilyPlanStatus.IN_EFFECT

    def get_status_display(self) -> str:
        return FamilyPlanStatus(self.status).label

    @property
    def is_draft(self) -> bool:
        return self.signed_at is None


def _row_locked() -> list[pgtrigger.Trigger]:
    """A row of a signed plan may not be added, changed or removed; a draft's may."""
    return [
        locks.LockTrigger(
            name="family_aftercare_row_locked",
            when=pgtrigger.Before,
            operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
            func="""
                DECLARE
                    R RECORD;
                BEGIN
                    IF TG_OP = 'DELETE' THEN R := OLD; ELSE R := NEW; END IF;
                    IF EXISTS (
                        SELECT 1 FROM family_familyaftercareplan p
                        WHERE p.id = R.plan_id AND p.signed_at IS NOT NULL
                    ) THEN
                        RAISE EXCEPTION
                            '%: signed family aftercare plans are locked; make a new version.',
                            TG_TABLE_NAME;
                    END IF;
                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                    RETURN NEW;
                END;
            """,
        ),
        locks.never_truncated(),
    ]


class PlanRow(TimeStampedModel):
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order", "created_at"]


@locks.track()
class FamilySupporter(PlanRow):
    """One of the client's people who supports them after the program."""

    plan = models.ForeignKey(
        FamilyAftercarePlan, on_delete=models.PROTECT, related_name="supporters"
    )
    client_person = models.ForeignKey(ClientPerson, on_delete=models.PROTECT, related_name="+")
    role = models.TextField(
        "what they agreed to do",
        help_text="In the words of the plan, e.g. 'drives Maya to her Tuesday meeting'.",
    )

    class Meta(PlanRow.Meta):
        triggers = _row_locked()
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "client_person"], name="family_supporter_once_per_plan"
            )
        ]

    def __str__(self) -> str:
        return f"{self.client_person.person} supports"


@locks.track()
class FamilyWarningSign(PlanRow):
    """A warning sign from the client's own copy of their relapse prevention plan, with
    what the family does when they see it. The sign's words are kept as they were drawn."""

    plan = models.ForeignKey(
        FamilyAftercarePlan, on_delete=models.PROTECT, related_name="warning_signs"
    )
    source = models.ForeignKey(
        "relapse_prevention.PlanWarningSign", on_delete=models.PROTECT, related_name="+"
    )
    sign = models.TextField("the warning sign")
    family_does = models.TextField("what the family does", blank=True)

    class Meta(PlanRow.Meta):
        triggers = _row_locked()

    def __str__(self) -> str:
        return self.sign[:60]


class ReferralKind(models.TextChoices):
    FAMILY_THERAPY = "family_therapy", "Family therapy"
    COMMUNITY = "community", "Community resource"
    FAITH = "faith", "Faith-based resource"
    SUPPORT_GROUP = "support_group", "Support group (e.g. Al-Anon, Nar-Anon, NAMI Family-to-Family)"


# How each kind reads on the family's copy.
REFERRAL_PLAIN = {
    ReferralKind.FAMILY_THERAPY: "Family counseling",
    ReferralKind.COMMUNITY: "Help in the community",
    ReferralKind.FAITH: "Faith community",
    ReferralKind.SUPPORT_GROUP: "Support group for families",
}


@locks.track()
class FamilyReferral(PlanRow):
    plan = models.ForeignKey(
        FamilyAftercarePlan, on_delete=models.PROTECT, related_name="referrals"
    )
    kind = models.CharField(max_length=16, choices=ReferralKind.choices)
    name = models.CharField(max_length=200)
    contact = models.CharField("how to reach them", max_length=200, blank=True)
    notes = models.TextField(blank=True)

    class Meta(PlanRow.Meta):
        triggers = _row_locked()

    def __str__(self) -> str:
        return self.name

    @property
    def plain_kind(self) -> str:
        return REFERRAL_PLAIN.get(ReferralKind(self.kind), self.get_kind_display())


@locks.track()
class FamilyFollowUp(PlanRow):
    plan = models.ForeignKey(
        FamilyAftercarePlan, on_delete=models.PROTECT, related_name="follow_ups"
    )
    on_date = models.DateField("date")
    what = models.CharField(max_length=200, help_text="E.g. family session, first Al-Anon meeting.")

    class Meta(PlanRow.Meta):
        ordering = ["on_date", "created_at"]
        triggers = _row_locked()

    def __str__(self) -> str:
        return f"{self.on_date}: {self.what}"


class FamilyCopyQuerySet(models.QuerySet["FamilyCopy"]):
    def visible_to(
        self, user: Any, capability: str = permissions.VIEW_FAMILY
    ) -> FamilyCopyQuerySet:
        return self.filter(client__program_id__in=permissions.program_ids_with(user, capability))


class FamilyCopy(models.Model):
    """One family copy made for one person: a disclosure under their consent, kept as made.

    The report (iop.reports) renders from this row, so the PDF holds exactly what was
    allowed when it was asked for; the row is the family app's accounting of the disclosure.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(FamilyAftercarePlan, on_delete=models.PROTECT, related_name="copies")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    client_person = models.ForeignKey(ClientPerson, on_delete=models.PROTECT, related_name="+")
    consent = models.ForeignKey("intake.Consent", on_delete=models.PROTECT, related_name="+")
    recipient_name = models.CharField(max_length=200)
    # ConsentInformation values the copy holds (AFTERCARE_PLAN, and WARNING_SIGNS if allowed).
    information = models.JSONField(default=list)
    report = models.OneToOneField(
        "reports.Report", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FamilyCopyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        triggers = [
            # Written once, then given its report in the same transaction; never changed after.
            locks.locked_once(
                name="family_copy_is_a_fact",
                sql="OLD.report_id IS NOT NULL",
                rule="a family copy is recorded once and never changed",
            ),
            *locks.never_deleted("family copies are never deleted (they record a disclosure)"),
        ]

    def __str__(self) -> str:
        return f"Family copy for {self.recipient_name}"
