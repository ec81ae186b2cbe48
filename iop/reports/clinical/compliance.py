"""The compliance status of a report period: a pure function of the counts and the program's rules.

Each rule gives a level (compliant, partially compliant, non-compliant) and a sentence that
names the rule and the numbers; the status is the worst level any rule gives, and every
rule's sentence is printed with it, so a judge sees why.

- Attendance of the sessions not excused (attended / (attended + unexcused)): at or above
  ``compliance_attendance_percent`` is compliant, below ``partial_attendance_percent`` is
  non-compliant, between is partially compliant. No session due: attendance sets nothing.
- Unexcused absences: more than ``compliant_unexcused_absences`` is partially compliant.
- Failed drug screens (unexplained positive, refused, no-show, tampered): at least
  ``noncompliant_failed_screens`` is non-compliant, fewer (but one or more) partially
  compliant. Counted only when drug screens are within the report's consent.
- The treatment the court order requires, per week: not delivered is partially compliant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models


class Status(models.TextChoices):
    COMPLIANT = "compliant", "Compliant"
    PARTIAL = "partial", "Partially compliant"
    NONCOMPLIANT = "noncompliant", "Non-compliant"


_LEVELS = [Status.COMPLIANT, Status.PARTIAL, Status.NONCOMPLIANT]


@dataclass(frozen=True)
class Rules:
    compliance_attendance_percent: int = 90
    partial_attendance_percent: int = 75
    compliant_unexcused_absences: int = 1
    noncompliant_failed_screens: int = 2

    @classmethod
    def of(cls, program: Any) -> Rules:
        return cls(
            compliance_attendance_percent=program.compliance_attendance_percent,
            partial_attendance_percent=program.partial_attendance_percent,
            compliant_unexcused_absences=program.compliant_unexcused_absences,
            noncompliant_failed_screens=program.noncompliant_failed_screens,
        )


@dataclass(frozen=True)
class Counts:
    attended: int
    unexcused: int
    excused: int = 0
    screens: int = 0
    failed_screens: int = 0
    # False: the consent leaves drug screens out; they then set nothing.
    screens_in_scope: bool = True
    # What the court order requires and was not delivered, in words ("group sessions: 2 a
    # week on average against 3 required"); None: no court-ordered frequency for the period.
    required_unmet: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Finding:
    status: str
    reasons: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return Status(self.status).label


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def attendance_percent(attended: int, due: int) -> int:
    """Whole percent, rounded down: 89.5% is shown as 89%, as the rule reads it (below 90)."""
    return attended * 100 // due if due else 0


def _attendance(counts: Counts, rules: Rules) -> tuple[Status, str]:
    due = counts.attended + counts.unexcused
    if due == 0:
        return Status.COMPLIANT, (
            "No session not excused was due in the period, so attendance does not set the status."
        )
    shown = (
        f"Attended {counts.attended} of {_plural(due, 'session', 'sessions')} not excused "
        f"({attendance_percent(counts.attended, due)}%)"
    )
    compliant, partial = rules.compliance_attendance_percent, rules.partial_attendance_percent
    if counts.attended * 100 >= compliant * due:
        return (
            Status.COMPLIANT,
            f"{shown}; the program's rule for compliant is {compliant}% or more.",
        )
    if counts.attended * 100 >= partial * due:
        return Status.PARTIAL, (
            f"{shown}; the program's rule for compliant is {compliant}% or more, and "
            f"{partial}% up to that is partially compliant."
        )
    return Status.NONCOMPLIANT, f"{shown}; the program's rule: below {partial}% is non-compliant."


def _unexcused(counts: Counts, rules: Rules) -> tuple[Status, str]:
    allowed = rules.compliant_unexcused_absences
    shown = _plural(counts.unexcused, "unexcused absence", "unexcused absences")
    if counts.unexcused <= allowed:
        return Status.COMPLIANT, f"{shown}; the program's rule for compliant is at most {allowed}."
    return Status.PARTIAL, (
        f"{shown}; the program's rule: more than {allowed} is partially compliant at best."
    )


FAILED = "an unexplained positive, refused, a no-show or tampered"


def _screens(counts: Counts, rules: Rules) -> tuple[Status, str]:
    if not counts.screens_in_scope:
        return Status.COMPLIANT, (
            "Drug screens are outside what this report's consent covers, so they do not count "
            "toward the status."
        )
    if counts.screens == 0:
        return Status.COMPLIANT, "No drug screen was collected in the period."
    limit = rules.noncompliant_failed_screens
    failed, screens = counts.failed_screens, _plural(counts.screens, "drug screen", "drug screens")
    if failed == 0:
        return Status.COMPLIANT, f"None of {screens} was {FAILED}."
    was = "was" if failed == 1 else "were"
    shown = f"{failed} of {screens} {was} {FAILED}"
    if failed >= limit:
        return Status.NONCOMPLIANT, (
            f"{shown}; the program's rule: {limit} or more in a period is non-compliant."
        )
    return Status.PARTIAL, (
        f"{shown}; the program's rule: {limit} or more in a period is non-compliant, "
        "fewer is partially compliant."
    )


def _required(counts: Counts) -> tuple[Status, str] | None:
    if counts.required_unmet is None:
        return None
    if not counts.required_unmet:
        return Status.COMPLIANT, "The treatment the court order requires was delivered."
    unmet = "; ".join(counts.required_unmet)
    return Status.PARTIAL, (
        f"The treatment the court order requires was not all delivered ({unmet}): "
        "partially compliant at best."
    )


def compliance_status(counts: Counts, rules: Rules) -> Finding:
    """The period's status and, for each rule, the sentence that says how it was applied."""
    found = [_attendance(counts, rules), _unexcused(counts, rules), _screens(counts, rules)]
    required = _required(counts)
    if required is not None:
        found.append(required)
    worst = max((status for status, _ in found), key=_LEVELS.index)
    return Finding(status=worst, reasons=[reason for _, reason in found])
