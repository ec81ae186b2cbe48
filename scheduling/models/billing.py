"""The program's service codes: what a note bills as (CPT/HCPCS), kept by its directors.

A code applies to some note kinds only (family psychotherapy codes on family notes, E/M
codes on medication-management notes). Codes are retired (``active`` off), never deleted:
signed notes name them.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.db import models

from iop import locks
from iop.accounts import permissions
from iop.accounts.models import Program
from iop.base import TimeStampedModel
from scheduling.models.sessions import SessionKind

# Group notes bill through the day's per-diem code, not per part: no service field there.
BILLED_KINDS = [
    (SessionKind.INDIVIDUAL.value, SessionKind.INDIVIDUAL.label),
    (SessionKind.FAMILY.value, SessionKind.FAMILY.label),
    (SessionKind.MEDICATION.value, SessionKind.MEDICATION.label),
]


class ServiceCodeQuerySet(models.QuerySet["ServiceCode"]):
    def visible_to(self, user: Any, capability: str) -> ServiceCodeQuerySet:
        return self.filter(program_id__in=permissions.program_ids_with(user, capability))

    def for_note(self, *, program_id: object, kind: str) -> ServiceCodeQuerySet:
        """The active codes a note of this kind may name, in code order."""
        return self.filter(program_id=program_id, active=True, kinds__contains=[kind]).order_by(
            "code"
        )


@locks.track()
class ServiceCode(TimeStampedModel):
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=10, help_text="The CPT or HCPCS code, e.g. 90834.")
    label = models.CharField(max_length=120, help_text="A short description staff recognize.")
    kinds = ArrayField(
        models.CharField(max_length=12, choices=BILLED_KINDS),
        help_text="The notes this code can be used on.",
    )
    active = models.BooleanField(default=True)

    objects = ServiceCodeQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "code"], name="servicecode_unique_per_program"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"

    @property
    def kind_labels(self) -> list[str]:
        labels = dict(BILLED_KINDS)
        return [str(labels.get(kind, kind)) for kind in self.kinds]
