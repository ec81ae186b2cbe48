from __future__ import annotations

from django.db import models

from iop import locks
from iop.accounts.models import Program
from iop.base import TimeStampedModel


class TreatmentConsentText(TimeStampedModel):
    """One version of a program's consent-to-treatment wording, written by a director.

    Versions are never edited: a change is a new row, so the history of the wording
    stays. A signed consent keeps its own copy of the words (``Consent.signed_text``).
    """

    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="treatment_consent_texts"
    )
    treatment = models.TextField("treatment the client consents to")
    withdrawal_terms = models.TextField("right to withdraw and how")
    change_note = models.CharField("what changed and why", max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["program", "-created_at"])]
        triggers = locks.append_only("consent texts are never changed or deleted")

    def __str__(self) -> str:
        return f"Consent-to-treatment text of {self.program} ({self.created_at:%Y-%m-%d})"
