"""Requesting a report, rendering it once in a worker, and reading its stored file back.

The renderer for each kind comes from ``iop.reports.registry``; this module knows nothing
about plans or notes. A report is claimed before it is rendered (pending -> rendering,
under ``select_for_update(skip_locked=True)``), so a task delivered twice, or run twice
at once, renders it once. A claim older than ``IOP_REPORT_STALE_CLAIM_SECONDS`` belongs to a
worker that died mid-render: the next run (the redelivered task, or the beat sweep
``report_render_stale``) takes it over. Only the run holding the current claim may finish
the row, so a slow run overtaken by another cannot write over its result.

Files go through Django's storage API (``STORAGES["reports"]``, ``iop.reports.storage``), so
web and workers on different machines see the same files; a file appears whole or not at
all, is never replaced, and is checked against its SHA-256 each time it is opened.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from typing import IO, Any
from uuid import UUID

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Model, Q
from django.utils import timezone

from iop.accounts.models import User
from iop.clients.models import Client
from iop.reports.models import Report, ReportStatus
from iop.reports.registry import report_kind
from iop.reports.storage import report_storage

logger = logging.getLogger(__name__)

# Worth another try later: the database connection dropped or timed out.
TRANSIENT_ERRORS: tuple[type[Exception], ...] = (OperationalError, InterfaceError)
# A claim this old belongs to a worker that died mid-render; another run may take it over
# (the default of IOP_REPORT_STALE_CLAIM_SECONDS).
STALE_CLAIM = datetime.timedelta(minutes=10)
# A pending report this old has lost its task (a broker restart): the sweep sends it again.
LOST_REQUEST = datetime.timedelta(minutes=2)
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


def stale_claim() -> datetime.timedelta:
    seconds = getattr(settings, "IOP_REPORT_STALE_CLAIM_SECONDS", None)
    return STALE_CLAIM if seconds is None else datetime.timedelta(seconds=seconds)


def _claim(report_id: UUID | str) -> Report | None:
    """Mark one pending report as rendering; a second run finds nothing to claim.

    The claim's time (``updated_at``) is the claim's token: a takeover sets a new one.
    """
    stale = timezone.now() - stale_claim()
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


def _mine(report: Report) -> Any:
    """The row, only while this run's claim on it is the current one."""
    return Report.objects.filter(
        pk=report.pk, status=ReportStatus.RENDERING, updated_at=report.updated_at
    )


def _release(report: Report) -> None:
    """Hand a claimed report back, so the task's retry can claim it again."""
    _mine(report).update(status=ReportStatus.PENDING, updated_at=timezone.now())


def report_file_name(report: Report) -> str:
    return f"{REPORTS_DIR}/{report.pk}.pdf"


def _write(name: str, data: bytes) -> bytes:
    """Store the whole file or nothing, and return what is stored under ``name``.

    A file already there is a finished rendering of the same report (by a run that died
    before it could record it, or that was overtaken): it is kept, and ours dropped.
    """
    storage = report_storage()
    if not storage.exists(name):
        saved = storage.save(name, ContentFile(data))
        if saved == name:
            return data
        storage.delete(saved)  # the name was taken between our look and our save
    with storage.open(name, "rb") as stored:
        kept: bytes = stored.read()
    return kept


def _store(report: Report, pdf: bytes, title: str) -> bool:
    name = report_file_name(report)
    stored = _write(name, pdf)
    now = timezone.now()
    return bool(
        _mine(report).update(
            title=title[:200],
            file_path=name,
            sha256=sha256_of(stored),
            size=len(stored),
            rendered_at=now,
            status=ReportStatus.READY,
            error="",
            updated_at=now,
        )
    )


def _fail(report: Report, error: Exception) -> None:
    _mine(report).update(
        status=ReportStatus.FAILED,
        error=f"{type(error).__name__}: {error}"[:2000],
        updated_at=timezone.now(),
    )


def report_render_one(*, report_id: UUID | str) -> bool:
    """Render and store one report at most once. Returns True when this call rendered it."""
    report = _claim(report_id)
    if report is None:
        return False
    try:
        pdf, title = report_kind(report.kind).render(report)
        # False: this run was overtaken (its claim went stale) and the other run finishes.
        return _store(report, pdf, title)
    except TRANSIENT_ERRORS:
        _release(report)
        raise
    except Exception as error:  # a render that failed once fails again: keep why, stop
        logger.exception("Report %s (%s) failed to render", report.pk, report.kind)
        _fail(report, error)
        return False


def reports_to_send_again() -> list[str]:
    """Reports whose render was lost: pending long after the request, or claimed by a
    worker that died. Sending them again is safe: each renders at most once."""
    now = timezone.now()
    return [
        str(pk)
        for pk in Report.objects.filter(
            Q(status=ReportStatus.PENDING, updated_at__lt=now - LOST_REQUEST)
            | Q(status=ReportStatus.RENDERING, updated_at__lt=now - stale_claim())
        ).values_list("pk", flat=True)[:1000]
    ]


def report_open(report: Report) -> IO[bytes]:
    """The stored PDF, open and checked against the SHA-256 recorded when it was made."""
    if not report.is_ready:
        raise ReportFileMismatch(f"Report {report.pk} is {report.status}, not ready.")
    try:
        stored = report_storage().open(report.file_path, "rb")
    except FileNotFoundError as missing:
        raise ReportFileMismatch(f"The file of report {report.pk} is missing.") from missing
    digest = hashlib.file_digest(stored, "sha256").hexdigest()  # type: ignore[arg-type]
    if digest != report.sha256:
        stored.close()
        raise ReportFileMismatch(f"The file of report {report.pk} does not match its SHA-256.")
    stored.seek(0)
    return stored  # type: ignore[return-value]


def report_download_name(report: Report) -> str:
    day = report.client.program.local(report.rendered_at or report.created_at)
    return f"{report.kind.replace('_', '-')}-{report.client.record_number}-{day:%Y-%m-%d}.pdf"
