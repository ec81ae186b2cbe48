"""Who may see, write and sign reports: the one place views and services ask."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from iop.accounts import permissions
from iop.reports.clinical.models import ClinicalReport

VIEW = permissions.VIEW_CLINICAL_RECORD
WRITE = permissions.WRITE_REPORTS


def report_for(user: Any, report_id: UUID, capability: str = VIEW) -> ClinicalReport:
    """The report, 404 outside the user's programs (or without the capability there)."""
    reports = ClinicalReport.objects.visible_to(user, capability).select_related(
        "client",
        "client__program",
        "episode",
        "episode__level_of_care",
        "author",
        "signed_by",
        "consent",
        "consent__recipient_user",
        "document",
    )
    return get_object_or_404(reports, pk=report_id)


def may_write(user: Any, report: ClinicalReport) -> bool:
    return permissions.can(user, WRITE, report.client.program) and not report.is_signed


def may_sign(user: Any, report: ClinicalReport) -> bool:
    """Only the author signs, and only while they may still write reports in the program."""
    return may_write(user, report) and report.author_id == user.pk


def check_may_write(user: Any, report: ClinicalReport) -> None:
    if not permissions.can(user, WRITE, report.client.program):
        raise PermissionDenied("You do not write reports in this program.")


def check_may_sign(user: Any, report: ClinicalReport) -> None:
    check_may_write(user, report)
    if report.author_id != user.pk:
        raise PermissionDenied(
            "Only the report's author signs it; ask them, or draft your own report."
        )
