"""The reports kernel: request, claim, render once, store with a SHA-256, never change.

A stand-in renderer (registered here, as a feature app would) keeps these tests about the
kernel; the real plan PDFs are tested in tests/treatment_plans/test_plan_pdfs.py.
"""

from __future__ import annotations

import hashlib
import threading

import pytest
from django.db import DatabaseError, OperationalError, connection, transaction

from iop.accounts.models import Role
from iop.reports import services
from iop.reports.models import Report, ReportStatus
from iop.reports.registry import (
    UnknownReportKind,
    register_renderer,
    registered_kinds,
    unregister_renderer,
)
from iop.reports.services import (
    ReportFileMismatch,
    report_open,
    report_render_one,
    report_request,
)
from iop.reports.tasks import report_render
from tests.celery_worker import drain_worker
from tests.factories import member

KIND = "test_echo"
PDF = b"%PDF-1.4\n% echo\n%%EOF\n"


class Calls:
    count = 0
    fail_with: BaseException | None = None


def echo_renderer(report: Report) -> tuple[bytes, str]:
    Calls.count += 1
    if Calls.fail_with is not None:
        raise Calls.fail_with
    return PDF + str(report.pk).encode(), f"Echo of {report.subject_id}"


@pytest.fixture(autouse=True)
def _echo_kind(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    Calls.count, Calls.fail_with = 0, None
    register_renderer(KIND, echo_renderer, label="Echo report")
    yield
    unregister_renderer(KIND)


@pytest.fixture
def clinician(program):
    return member(Role.CLINICIAN, program)


def request_echo(client_record, clinician) -> Report:
    return report_request(kind=KIND, client=client_record, subject=client_record, by=clinician)


def pending_echo(client_record, clinician) -> Report:
    """A pending row with no task enqueued: a session's real worker must not race the test."""
    return Report.objects.create(
        client=client_record,
        program_id=client_record.program_id,
        kind=KIND,
        subject_type=client_record._meta.label,
        subject_id=client_record.pk,
        title="Echo",
        requested_by=clinician,
        created_by=clinician,
    )


# --- Requesting -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_request_makes_a_pending_row_naming_its_subject(client_record, clinician):
    report = request_echo(client_record, clinician)

    assert report.status == ReportStatus.PENDING
    assert (report.subject_type, report.subject_id) == ("clients.Client", client_record.pk)
    assert (report.client, report.program_id) == (client_record, client_record.program_id)
    assert report.requested_by == clinician
    assert report.title == "Echo report"


@pytest.mark.django_db
def test_task_is_sent_only_when_the_request_commits(
    client_record, clinician, django_capture_on_commit_callbacks, monkeypatch
):
    sent: list[str] = []
    monkeypatch.setattr(report_render, "delay", sent.append)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = request_echo(client_record, clinician)
        assert sent == []
    assert len(callbacks) == 1
    assert sent == [str(report.pk)]


@pytest.mark.django_db
def test_second_request_while_rendering_returns_the_same_report(client_record, clinician):
    first = request_echo(client_record, clinician)
    assert request_echo(client_record, clinician) == first
    report_render_one(report_id=first.pk)
    assert request_echo(client_record, clinician) != first  # once ready, a new copy


@pytest.mark.django_db
def test_unknown_kind_is_refused(client_record, clinician):
    with pytest.raises(UnknownReportKind):
        report_request(
            kind="no_such_kind", client=client_record, subject=client_record, by=clinician
        )
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_subject_of_another_client_is_refused(client_record, other_client, clinician):
    episode = other_client.episodes.get()
    with pytest.raises(ValueError, match="another client"):
        report_request(kind=KIND, client=client_record, subject=episode, by=clinician)


def test_treatment_plans_registers_its_two_renderers():
    assert {"plan_clinical", "plan_client"} <= set(registered_kinds())


# --- Rendering and storing ------------------------------------------------------------------


@pytest.mark.django_db
def test_render_stores_the_file_under_media_root_with_its_sha256(
    client_record, clinician, settings
):
    report = request_echo(client_record, clinician)

    assert report_render_one(report_id=report.pk) is True

    report.refresh_from_db()
    stored = (settings.MEDIA_ROOT / "reports" / f"{report.pk}.pdf").read_bytes()
    assert report.status == ReportStatus.READY
    assert report.file_path == f"reports/{report.pk}.pdf"
    assert report.sha256 == hashlib.sha256(stored).hexdigest()
    assert report.size == len(stored)
    assert stored.startswith(PDF)
    assert report.title == f"Echo of {client_record.pk}"
    assert report.rendered_at is not None


@pytest.mark.django_db
def test_rendering_twice_renders_once(client_record, clinician):
    report = request_echo(client_record, clinician)
    assert report_render_one(report_id=report.pk) is True
    first = Report.objects.get(pk=report.pk)

    assert report_render_one(report_id=report.pk) is False
    assert Calls.count == 1
    again = Report.objects.get(pk=report.pk)
    assert (again.sha256, again.rendered_at) == (first.sha256, first.rendered_at)


@pytest.mark.django_db(transaction=True)
def test_a_run_finds_a_report_claimed_by_another_run(client_record, clinician):
    """The claim holds a row lock while another worker's transaction has it: skip_locked."""
    report = pending_echo(client_record, clinician)
    locked, release = threading.Event(), threading.Event()

    def other_worker() -> None:
        with transaction.atomic():
            Report.objects.select_for_update().get(pk=report.pk)
            locked.set()
            release.wait(5)
        connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    locked.wait(5)
    try:
        assert report_render_one(report_id=report.pk) is False
    finally:
        release.set()
        thread.join()
    assert Calls.count == 0
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RENDERING)
    assert report_render_one(report_id=report.pk) is False  # claimed, not stale
    assert Calls.count == 0


@pytest.mark.django_db
def test_a_claim_left_by_a_dead_worker_is_taken_over_later(client_record, clinician):
    report = request_echo(client_record, clinician)
    long_ago = report.created_at - services.STALE_CLAIM * 2
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RENDERING, updated_at=long_ago)

    assert report_render_one(report_id=report.pk) is True
    assert Report.objects.get(pk=report.pk).status == ReportStatus.READY


@pytest.mark.django_db
def test_a_failing_renderer_marks_the_report_failed_with_the_error(client_record, clinician):
    Calls.fail_with = ValueError("template is broken")
    report = request_echo(client_record, clinician)

    assert report_render_one(report_id=report.pk) is False

    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert report.error == "ValueError: template is broken"
    assert not report.file_path
    assert report_render_one(report_id=report.pk) is False  # a failure is not retried
    assert Calls.count == 1


@pytest.mark.django_db
def test_a_transient_error_hands_the_report_back_for_the_retry(client_record, clinician):
    Calls.fail_with = OperationalError("server closed the connection unexpectedly")
    report = request_echo(client_record, clinician)

    with pytest.raises(OperationalError):
        report_render_one(report_id=report.pk)
    assert Report.objects.get(pk=report.pk).status == ReportStatus.PENDING

    Calls.fail_with = None
    assert report_render_one(report_id=report.pk) is True


def test_task_retries_only_named_transient_errors():
    assert set(report_render.autoretry_for) == {*services.TRANSIENT_ERRORS}
    assert report_render.name == "iop.reports.tasks.report_render"


# --- Immutability ---------------------------------------------------------------------------


@pytest.fixture
def ready_report(client_record, clinician) -> Report:
    report = request_echo(client_record, clinician)
    report_render_one(report_id=report.pk)
    report.refresh_from_db()
    return report


@pytest.mark.django_db
def test_database_refuses_to_change_a_ready_report(ready_report):
    with pytest.raises(DatabaseError, match="a ready report is final"), transaction.atomic():
        Report.objects.filter(pk=ready_report.pk).update(sha256="0" * 64)
    ready_report.title = "Something else"
    with pytest.raises(DatabaseError, match="a ready report is final"), transaction.atomic():
        ready_report.save()


@pytest.mark.django_db
def test_database_refuses_to_delete_any_report(ready_report, client_record, clinician):
    with pytest.raises(DatabaseError, match="reports are never deleted"), transaction.atomic():
        Report.objects.filter(pk=ready_report.pk).delete()
    pending = Report.objects.create(
        client=client_record,
        program=client_record.program,
        kind=KIND,
        subject_type="clients.Client",
        subject_id=client_record.pk,
        requested_by=clinician,
    )
    with pytest.raises(DatabaseError, match="reports are never deleted"), transaction.atomic():
        pending.delete()


@pytest.mark.django_db
def test_database_refuses_a_ready_row_without_its_file_and_hash(client_record, clinician):
    report = request_echo(client_record, clinician)
    with pytest.raises(DatabaseError, match="report_ready_has_file"), transaction.atomic():
        Report.objects.filter(pk=report.pk).update(status=ReportStatus.READY)


@pytest.mark.django_db
def test_history_records_each_status_the_report_passed_through(ready_report):
    events = ready_report.events.order_by("pgh_id").values_list("status", flat=True)
    assert list(events) == ["pending", "rendering", "ready"]


# --- Reading the file back ------------------------------------------------------------------


@pytest.mark.django_db
def test_open_checks_the_stored_file_against_its_sha256(ready_report):
    with report_open(ready_report) as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == ready_report.sha256

    ready_report.path.write_bytes(b"%PDF-1.4 tampered")
    with pytest.raises(ReportFileMismatch, match="does not match"):
        report_open(ready_report)
    ready_report.path.unlink()
    with pytest.raises(ReportFileMismatch, match="missing"):
        report_open(ready_report)


# --- Through a real worker ------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("celery_worker")
def test_worker_renders_a_request_after_commit_and_once_when_sent_twice(client_record, clinician):
    with transaction.atomic():
        report = request_echo(client_record, clinician)
        drain_worker()  # had the task gone out before commit, it would have found no row
        assert Calls.count == 0
    drain_worker()
    report.refresh_from_db()
    assert report.status == ReportStatus.READY

    report_render.delay(str(report.pk))
    report_render.delay(str(report.pk))
    drain_worker()
    assert Calls.count == 1
