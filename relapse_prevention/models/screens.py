"""Drug screens: versioned panels of analytes with their cut-offs, and specimens with a result
per analyte. Whether a positive is explained by a prescription is computed from the
medication list on the collection date, never stored or typed.
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
from iop.base import TimeStampedModel
from iop.medications.classes import DrugClass
from iop.signatures.models import SIGNED_IS_LOCKED, lock_when_signed


class SpecimenType(models.TextChoices):
    URINE = "urine", "Urine"
    ORAL_FLUID = "oral_fluid", "Oral fluid"


class Validity(models.TextChoices):
    NORMAL = "normal", "Normal"
    DILUTE = "dilute", "Dilute"
    SUBSTITUTED = "substituted", "Substituted"
    ADULTERATED = "adulterated", "Adulterated"
    INVALID = "invalid", "Invalid"
    REFUSED = "refused", "Refused"
    UNABLE_TO_PROVIDE = "unable_to_provide", "Unable to provide"
    NO_SHOW = "no_show", "No-show"


# No specimen was tested: no analyte results are recorded for these.
NOT_COLLECTED = frozenset({Validity.REFUSED, Validity.UNABLE_TO_PROVIDE, Validity.NO_SHOW})


class TestingSite(models.TextChoices):
    POINT_OF_CARE = "point_of_care", "Point-of-care device"
    LAB = "lab", "Laboratory"


class ResultReading(models.TextChoices):
    NEGATIVE = "negative", "Negative"
    POSITIVE = "positive", "Positive"


class ScreenPanel(TimeStampedModel):
    """One version of a panel. A panel's versions share its ``code``; a specimen keeps the
    version it was tested on, so a later change of cut-off never rewrites an old result."""

    code = models.SlugField(max_length=60, help_text="Stable across versions, e.g. urine-12.")
    version = models.PositiveSmallIntegerField(default=1)
    name = models.CharField(max_length=120)
    specimen_type = models.CharField(max_length=16, choices=SpecimenType.choices)
    effective_from = models.DateField()
    # Superseded by a newer version, or withdrawn: no longer offered for new specimens.
    retired = models.BooleanField(default=False)
    source = models.CharField(
        max_length=300, blank=True, help_text="Where the cut-offs come from, e.g. HHS 2025."
    )

    class Meta:
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="screen_panel_code_version")
        ]
        triggers = [*locks.never_deleted()]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"


class PanelAnalyte(models.Model):
    panel = models.ForeignKey(ScreenPanel, on_delete=models.PROTECT, related_name="analytes")
    code = models.SlugField(max_length=40, help_text="e.g. thc, 6-am, buprenorphine")
    name = models.CharField(max_length=120)
    screen_cutoff = models.DecimalField(max_digits=8, decimal_places=2, help_text="ng/mL")
    confirmation_cutoff = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True, help_text="ng/mL"
    )
    unit = models.CharField(max_length=16, default="ng/mL")
    # The medications whose use this analyte detects: a positive is explained only by an
    # active medication of one of these classes on the collection date.
    explained_by = ArrayField(
        models.CharField(max_length=32, choices=DrugClass.choices), default=list, blank=True
    )
    ordering = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["panel", "ordering", "name"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "code"], name="panel_analyte_unique_code")
        ]
        triggers = [*locks.never_deleted()]

    def __str__(self) -> str:
        return self.name


class SpecimenQuerySet(models.QuerySet["Specimen"]):
    def visible_to(
        self, user: Any, capability: str = permissions.VIEW_DRUG_SCREENS
    ) -> SpecimenQuerySet:
        return self.filter(client__program_id__in=permissions.program_ids_with(user, capability))


@locks.track()
class Specimen(TimeStampedModel):
    """One collection (or a refusal, an inability to provide, a no-show) for one client."""

    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="specimens")
    episode = models.ForeignKey(
        "clients.Episode", on_delete=models.PROTECT, related_name="specimens"
    )
    panel = models.ForeignKey(ScreenPanel, on_delete=models.PROTECT, related_name="specimens")
    ordered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # When it was collected (or refused, or missed), stored in UTC, shown in program time.
    collected_at = models.DateTimeField()
    collected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    observed = models.BooleanField(default=False)
    specimen_type = models.CharField(max_length=16, choices=SpecimenType.choices)
    validity = models.CharField(max_length=20, choices=Validity.choices)
    testing_site = models.CharField(
        max_length=16, choices=TestingSite.choices, default=TestingSite.POINT_OF_CARE
    )
    lab_or_device = models.CharField(
        max_length=120, blank=True, help_text="The laboratory, or the cup or device used."
    )
    # The clinician's reading of it; whoever writes it is the one who signs it.
    interpretation = models.TextField(blank=True)
    interpreted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Signing: the exact text signed (facts, computed reading, interpretation) and its hash.
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_text = models.TextField(blank=True)
    content_sha256 = models.CharField(max_length=64, blank=True)

    objects = SpecimenQuerySet.as_manager()

    class Meta:
        ordering = ["-collected_at"]
        indexes = [models.Index(fields=["client", "-collected_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(validity__in=Validity.values),
                name="specimen_validity_defined",
                violation_error_message="Choose a validity from the list.",
            ),
            models.CheckConstraint(
                condition=Q(specimen_type__in=SpecimenType.values),
                name="specimen_type_defined",
            ),
            models.CheckConstraint(
                condition=Q(signed_at__isnull=True) | ~Q(content_sha256=""),
                name="signed_specimen_has_hash",
            ),
        ]
        triggers = [lock_when_signed(signed_field="signed_at", mutable=[]), *locks.never_deleted()]

    def __str__(self) -> str:
        return f"{self.get_specimen_type_display()} screen"

    @property
    def collected(self) -> bool:
        return self.validity not in NOT_COLLECTED

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None


class AnalyteResult(models.Model):
    specimen = models.ForeignKey(Specimen, on_delete=models.PROTECT, related_name="results")
    analyte = models.ForeignKey(PanelAnalyte, on_delete=models.PROTECT, related_name="+")
    screen_result = models.CharField(
        max_length=8, choices=ResultReading.choices, null=True, blank=True
    )
    confirmation_result = models.CharField(
        max_length=8, choices=ResultReading.choices, null=True, blank=True
    )
    # The cut-off the result was read against (the panel version's, unless the lab gave one).
    cutoff = models.DecimalField(max_digits=8, decimal_places=2)
    value = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["analyte__ordering"]
        constraints = [
            models.UniqueConstraint(
                fields=["specimen", "analyte"], name="analyte_result_once_per_specimen"
            ),
            models.CheckConstraint(
                condition=Q(confirmation_result__isnull=True) | Q(screen_result__isnull=False),
                name="analyte_confirmation_after_screen",
                violation_error_message="A confirmation result needs a screen result first.",
            ),
        ]
        triggers = [
            # The results of a signed specimen are part of what was signed.
            locks.LockTrigger(
                name="results_locked_once_signed",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert | pgtrigger.Update,
                func=f"""
                    IF EXISTS (
                        SELECT 1 FROM relapse_prevention_specimen s
                        WHERE s.id = NEW.specimen_id AND s.signed_at IS NOT NULL
                    ) OR (TG_OP = 'UPDATE' AND EXISTS (
                        SELECT 1 FROM relapse_prevention_specimen s
                        WHERE s.id = OLD.specimen_id AND s.signed_at IS NOT NULL
                    )) THEN
                        {locks.refusal(SIGNED_IS_LOCKED)}
                    END IF;
                    RETURN NEW;
                """,  # noqa: S608 (our own constants, never input)
            ),
            *locks.never_deleted(),
        ]

    def __str__(self) -> str:
        return f"{self.analyte}: {self.final_reading or 'no result'}"

    @property
    def final_reading(self) -> str | None:
        """The confirmation where there is one, otherwise the screen."""
        return self.confirmation_result or self.screen_result

    @property
    def positive(self) -> bool:
        return self.final_reading == ResultReading.POSITIVE


class SpecimenAddendum(TimeStampedModel):
    """A signed correction or addition to a signed specimen; never changed once written."""

    specimen = models.ForeignKey(Specimen, on_delete=models.PROTECT, related_name="addenda")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    signed_at = models.DateTimeField()
    content_sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["signed_at"]
        triggers = locks.append_only("addenda are never changed or deleted")

    def __str__(self) -> str:
        return f"Addendum by {self.author} at {self.signed_at:%Y-%m-%d %H:%M}"
