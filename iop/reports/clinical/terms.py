"""The terms a disclosure is written in: which information of the record a consent may
release, and how often a court order asks for a report.

Plain choices without database access, owned here because reports and disclosures are the
kernel's; intake's consent stores them (and re-exports them from ``intake.models``).
"""

from __future__ import annotations

from django.db import models


class ConsentInformation(models.TextChoices):
    ATTENDANCE = "attendance", "Attendance"
    DRUG_SCREENS = "drug_screens", "Drug screen results"
    PLAN_SUMMARY = "plan_summary", "Treatment plan summary"
    PROGRESS_SUMMARY = "progress_summary", "Progress summary"
    DISCHARGE_STATUS = "discharge_status", "Discharge status"
    # What a family member may be told (family/): invitations and reminders name only a
    # time; the family aftercare plan and the warning signs are printed for them.
    APPOINTMENTS = "appointments", "Appointment times (invitations and reminders)"
    AFTERCARE_PLAN = "aftercare_plan", "Family aftercare plan"
    WARNING_SIGNS = "warning_signs", "Warning signs and what to do"


class ReportingFrequency(models.TextChoices):
    """How often the court order asks for a compliance report (a criminal justice consent)."""

    WEEKLY = "weekly", "Every week"
    EVERY_TWO_WEEKS = "every_two_weeks", "Every two weeks"
    MONTHLY = "monthly", "Every month"
