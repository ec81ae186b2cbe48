"""Requesting a report, rendering it once in a worker, and reading its stored file back.

The renderer for each kind comes from ``iop.reports.registry``; this module knows nothing
about plans or notes. A report is claimed before it is rendered (pending -> rendering,
under ``select_for_update(skip_locked=True)``), so a task delivered twice, or run twice
at once, renders it once.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import os
from pathlib import Path
from typing import BinaryIO
from uuid import UUID

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Model, Q
from django.utils import timezone

from iop.accounts.models import User
from iop.clients.models import Client
from iop.reports.models import Report, ReportStatus
from iop.reports.registry import report_kind

logger = logging.getLogger(__name__)

# Worth another try later: the database connection dropped or timed out.
TRANSIENT_ERRORS: tuple[type[Exception], ...] = (OperationalError, InterfaceError)
# A claim this old belongs to a worker that died mid-render; another run may take it over.
STALE_CLAIM = datetime.timedelta(minutes=10)
REPORTS_DIR = "reports"


class ReportFileMismatch(RuntimeError):
    """The stored file is missing or no longer matches the SHA-256 recorded when it was made."""


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@transaction.atomic
def report_request(*, kind: str, client: Client, subject: Model, by: User) -> Report:
    """A pending report of ``subject``, rendered by a worker once this transaction commits.

    A second request while one for the same document is still being made returns that one.
    """
    registered = report_kind(kind)
    if getattr(subject, "client_id", client.pk) != client.pk:
        raise ValueError("The report's subject belongs to another client.")
    in_progress = (
        Report.objects.about(subject)
        .filter(kind=kind, status__in=[ReportStatus.PENDING, ReportStatus.RENDERING])
        .first()
    )
    if in_progress is not None:
        return in_progress
    report = Report.objects.create(
        client=client,
        program_id=client.program_id,
        kind=kind,
        subject_type=subject._meta.label,
        subject_id=subject.pk,
        title=registered.label,
        requested_by=by,
        created_by=by,
    )
    from iop.reports.tasks import report_render

    transaction.on_commit(lambda: report_render.delay(str(report.pk)))
    return report


def _claim(report_id: UUID | str) -> Report | None:
    """Mark one pending report as rendering; a second run finds nothing to claim."""
    stale = timezone.now() - STALE_CLAIM
    with transaction.atomic():
        report = (
            Report.objects.select_for_update(skip_locked=True)
            .filter(
                Q(status=ReportStatus.PENDING)
                | Q(status=ReportStatus.RENDERING, updated_at__lt=stale),
                pk=report_id,
            )
            .first()
        )
        if report is None:
            return None
        report.status = ReportStatus.RENDERING
        report.save(update_fields=["status", "updated_at"])
        return report


def _release(report: Report) -> None:
    """Hand a claimed report back, so the task's retry can claim it again."""
    Report.objects.filter(pk=report.pk, status=ReportStatus.RENDERING).update(
        status=ReportStatus.PENDING, updated_at=timezone.now()
    )


def _write(relative: str, data: bytes) -> None:
    """Write the whole file or nothing: a reader never sees half a PDF."""
    path = Path(settings.MEDIA_ROOT) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_bytes(data)
    os.replace(partial, path)


def _store(report: Report, pdf: bytes, title: str) -> None:
    relative = f"{REPORTS_DIR}/{report.pk}.pdf"
    _write(relative, pdf)
    report.title = title[:200]
    report.file_path = relative
    report.sha256 = sha256_of(pdf)
    report.size = len(pdf)
    report.rendered_at = timezone.now()
    report.status = ReportStatus.READY
    report.error = ""
    report.save()


def _fail(report: Report, error: Exception) -> None:
    report.status = ReportStatus.FAILED
    report.error = f"{type(error).__name__}: {error}"[:2000]
    report.save(update_fields=["status", "error", "updated_at"])


def report_render_one(*, report_id: UUID | str) -> bool:
    """Render and store one report at most once. Returns True when this call rendered it."""
    report = _claim(report_id)
    if report is None:
        return False
    try:
        pdf, title = report_kind(report.kind).render(report)
        _store(report, pdf, title)
    except TRANSIENT_ERRORS:
        _release(report)
        raise
    except Exception as error:  # a render that failed once fails again: keep why, stop
        logger.exception("Report %s (%s) failed to render", report.pk, report.kind)
        _fail(report, error)
        return False
    return True


def report_open(report: Report) -> BinaryIO:
    """The stored PDF, open and checked against the SHA-256 recorded when it was made."""
    if not report.is_ready:
        raise ReportFileMismatch(f"Report {report.pk} is {report.status}, not ready.")
    try:
        stored = report.path.open("rb")
    except FileNotFoundError as missing:
        raise ReportFileMismatch(f"The file of report {report.pk} is missing.") from missing
    digest = hashlib.file_digest(stored, "sha256").hexdigest()
    if digest != report.sha256:
        stored.close()
        raise ReportFileMismatch(f"The file of report {report.pk} does not match its SHA-256.")
    stored.seek(0)
    return stored


def report_download_name(report: Report) -> str:
    day = report.client.program.local(report.rendered_at or report.created_at)
    return f"{report.kind.replace('_', '-')}-{report.client.record_number}-{day:%Y-%m-%d}.pdf"
