"""Who may fetch a printed report: one fetch-and-check helper for every app's PDFs (a report
outside the user's programs, or of another kind, is a 404)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.shortcuts import get_object_or_404

from iop.reports.models import Report


def get_report_of_kinds_for(user: Any, report_id: UUID, kinds: Iterable[str]) -> Report:
    reports = (
        Report.objects.visible_to(user)
        .filter(kind__in=kinds)
        .select_related("client", "requested_by")
    )
    return get_object_or_404(reports, pk=report_id)
