"""The court order behind a court-mandated client: who supervises, and the treatment it requires.

Intake records it from the order (or the referral's paperwork); the compliance report
sets what the order requires against what the program delivered. Editing keeps the
history (pghistory); an order is never deleted, it ends.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models

from iop import locks
from iop.accounts import permissions
from iop.base import TimeStampedModel
from iop.clients.models import Client


class LegalStatus(models.TextChoices):
    PROBATION = "probation", "Probation"
    PAROLE = "parole", "Parole"
    PRETRIAL = "pretrial", "Pretrial release"
    DIVERSION = "diversion", "Diversion"
    DRUG_COURT = "drug_court", "Drug court (treatment court)"


class CourtOrderQuerySet(models.QuerySet["CourtOrder"]):
    def visible_to(self, user: Any, capability: str = permissions.VIEW_CLIENTS) -> Any:
        return self.filter(client__program_id__in=permissions.program_ids_with(user, capability))

    def in_effect_on(self, day: Any) -> Any:
        return self.filter(ordered_on__lte=day).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=day)
        )


PER_WEEK = [MaxValueValidator(7, message="Use at most 7 a week.")]


@locks.track()
class CourtOrder(TimeStampedModel):
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="court_orders")
    case_number = models.CharField("court case number", max_length=60)
    court_program = models.CharField(
        max_length=200, help_text="E.g. 'Marion County Adult Drug Court'."
    )
    legal_status = models.CharField(max_length=20, choices=LegalStatus.choices)
    supervising_officer = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The officer's account, when they receive reports through this app.",
    )
    supervising_officer_name = models.CharField(max_length=200, blank=True)
    ordered_on = models.DateField("order dated")
    ends_on = models.DateField("order ends", null=True, blank=True)
    # The treatment the order requires, a week at a time (0: the order does not say).
    group_sessions_per_week = models.PositiveSmallIntegerField(default=0, validators=PER_WEEK)
    individual_sessions_per_week = models.PositiveSmallIntegerField(default=0, validators=PER_WEEK)
    family_sessions_per_week = models.PositiveSmallIntegerField(default=0, validators=PER_WEEK)
    medication_visits_per_week = models.PositiveSmallIntegerField(default=0, validators=PER_WEEK)
    drug_screens_per_week = models.PositiveSmallIntegerField(default=0, validators=PER_WEEK)
    other_conditions = models.TextField(
        blank=True, help_text="Other treatment conditions of the order, as written in it."
    )

    objects = CourtOrderQuerySet.as_manager()

    class Meta:
        ordering = ["-ordered_on"]
        triggers = locks.never_deleted("court orders are never deleted; they end")

    def __str__(self) -> str:
        return f"{self.court_program} case {self.case_number}"

    @property
    def officer_display(self) -> str:
        if self.supervising_officer_id:
            return self.supervising_officer.display_name  # type: ignore[union-attr]
        return self.supervising_officer_name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not (self.supervising_officer_id or self.supervising_officer_name.strip()):
            errors["supervising_officer_name"] = (
                "Name the supervising officer (or choose their account)."
            )
        if self.ends_on and self.ordered_on and self.ends_on < self.ordered_on:
            errors["ends_on"] = "The order cannot end before it is dated."
        if errors:
            raise ValidationError(errors)
