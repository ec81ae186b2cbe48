"""Rendering in real worker processes: every requested report made once, a dead worker's too.

Not the in-process worker thread of tests/celery_worker.py: each worker here is its own
``celery -A iop worker --pool=solo`` process, started with the test database's URL and the
test's Redis, importing the stand-in renderer of ``tests.reports.worker_renderer``. The renderer
writes a line to a file as it starts and as it ends, so the test counts calls in every process.

Each test uses a queue of its own (its workers consume only it, and the tasks this process
and those workers send go to it), so other test processes on the same Redis (pytest -n) never
take its tasks, nor it theirs.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
from django.conf import settings as django_settings
from django.db import connection
from kombu.exceptions import ChannelError

from iop.accounts.models import Role
from iop.celery import app
from iop.reports.models import Report, ReportStatus
from iop.reports.registry import register_renderer, unregister_renderer
from iop.reports.services import report_open, report_request
from iop.reports.tasks import report_render, report_render_stale
from tests.factories import ClientFactory, member
from tests.reports import worker_renderer
from tests.reports.worker_renderer import KIND, PDF, worker_echo

REPO = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")
STARTUP_TIMEOUT = 40.0
TASK_TIMEOUT = 20.0
# The second test's workers call a claim this old stale: long enough to show that a fresh
# claim is left alone, short enough to wait out.
STALE_SECONDS = 12


def database_url() -> str:
    """The URL of the database this test runs in (pytest-django's test database): the
    server's URL (DATABASE_URL, or the embedded server's, which may name a socket directory
    in its query) with the test database's name in place of the path."""
    from iop import embedded

    server = urlsplit(embedded.database_url())
    name = quote(connection.settings_dict["NAME"], safe="")
    return urlunsplit(server._replace(path=f"/{name}"))


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(0.1)


class Workers:
    """Worker processes on one queue, each logging to its own file; all ended at teardown."""

    def __init__(self, tmp_path: Path, queue: str, media_root: Path) -> None:
        self.tmp_path = tmp_path
        self.queue = queue
        self.media_root = media_root
        self.render_log = tmp_path / "renders.log"
        self.render_log.touch()
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, name: str, **env: str) -> subprocess.Popen[bytes]:
        """A worker process, returned once it is consuming the queue."""
        process = self.spawn(name, **env)
        self.wait_ready(name)
        return process

    def spawn(self, name: str, **env: str) -> subprocess.Popen[bytes]:
        environment = {
            key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")
        }
        environment.update(
            DJANGO_SETTINGS_MODULE="iop.settings",
            IOP_TESTING="true",
            DATABASE_URL=database_url(),
            REDIS_URL=django_settings.REDIS_URL,
            IOP_MEDIA_ROOT=str(self.media_root),
            IOP_TEST_QUEUE=self.queue,
            IOP_TEST_RENDER_LOG=str(self.render_log),
            PYTHONPATH=str(REPO),
            **env,
        )
        command = [
            str(CELERY),
            "-A",
            "iop",
            "worker",
            "--concurrency=1",
            "--pool=solo",
            "-Q",
            self.queue,
            "--include",
            worker_renderer.__name__,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=INFO",
            "-n",
            self.node(name),
        ]
        with self.log_path(name).open("wb") as log:
            process = subprocess.Popen(
                command, cwd=REPO, env=environment, stdout=log, stderr=subprocess.STDOUT
            )
        self.processes[name] = process
        return process

    def node(self, name: str) -> str:
        return f"{name}-{self.queue}@%h"

    def log_path(self, name: str) -> Path:
        return self.tmp_path / f"worker-{name}.log"

    def log_of(self, name: str) -> str:
        return self.log_path(name).read_text(errors="replace")

    def wait_ready(self, name: str) -> None:
        process = self.processes[name]

        def ready() -> bool:
            if process.poll() is not None:
                raise AssertionError(f"Worker {name} exited early:\n{self.log_of(name)}")
            return f"{name}-{self.queue}@" in self.log_of(name) and " ready." in self.log_of(name)

        wait_until(ready, STARTUP_TIMEOUT, f"worker {name} to start")

    def stop(self, name: str) -> None:
        """Warm shutdown: the worker finishes the task in hand, hands back the rest, exits."""
        process = self.processes[name]
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(TASK_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def kill(self, name: str) -> None:
        process = self.processes[name]
        os.kill(process.pid, signal.SIGKILL)
        process.wait()

    def stop_all(self) -> None:
        for name in self.processes:
            self.stop(name)

    def renders(self) -> list[tuple[str, str, int]]:
        """(start or end, report id, worker pid) for each line the renderer wrote."""
        lines = self.render_log.read_text().splitlines()
        return [(event, report, int(pid)) for event, report, pid in map(str.split, lines)]

    def waiting(self) -> int:
        """Messages on the queue that no worker has taken yet."""
        with app.connection_for_write() as conn:
            try:
                return int(conn.default_channel.queue_declare(queue=self.queue, passive=True)[1])
            except ChannelError:  # Redis keeps no empty list: nothing waiting
                return 0

    def drain(self) -> None:
        """With one worker left: return once it has run every task sent before this call."""
        ping: Any = app.send_task("iop.ping", queue=self.queue)
        assert ping.get(timeout=TASK_TIMEOUT) == "pong"

    def delete_queue(self) -> None:
        """Leave nothing of this test's queue in Redis: its messages, its bindings, and the
        message a killed worker held (kombu's unacked hash would put it back in an hour)."""
        with app.connection_for_write() as conn:
            channel: Any = conn.default_channel
            channel.queue_delete(self.queue)
            client = channel.client
            client.delete(
                channel.keyprefix_queue % self.queue,
                channel.keyprefix_binding_permanent % self.queue,
            )
            for tag, payload in client.hgetall(channel.unacked_key).items():
                if json.loads(payload)[2] == self.queue:  # [message, exchange, routing key]
                    client.hdel(channel.unacked_key, tag)
                    client.zrem(channel.unacked_index_key, tag)


@pytest.fixture
def workers(transactional_db, settings, tmp_path) -> Iterator[Workers]:
    queue = f"iop-test-render-{uuid.uuid4().hex[:12]}"
    settings.MEDIA_ROOT = tmp_path / "media"
    # The tasks this process sends (report_request's) go to this test's queue.
    default_queue = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    register_renderer(KIND, worker_echo, label="Worker echo report")
    pool = Workers(tmp_path, queue, settings.MEDIA_ROOT)
    try:
        yield pool
    finally:
        pool.stop_all()  # before the database is flushed: no worker may hold a connection
        pool.delete_queue()
        app.conf.task_default_queue = default_queue
        unregister_renderer(KIND)


@pytest.fixture
def clinician(program):
    return member(Role.CLINICIAN, program)


def statuses_in_history(report: Report) -> list[str]:
    return list(report.events.order_by("pgh_id").values_list("status", flat=True))


def assert_stored_whole(report: Report, media_root: Path) -> bytes:
    """READY, its file where the row says, matching the row's SHA-256 and size."""
    assert report.status == ReportStatus.READY
    assert report.file_path == f"reports/{report.pk}.pdf"
    stored = (media_root / report.file_path).read_bytes()
    assert report.sha256 == hashlib.sha256(stored).hexdigest()
    assert report.size == len(stored)
    assert stored.startswith(PDF)
    assert f"report {report.pk} ".encode() in stored
    with report_open(report) as opened:  # the kernel's own check agrees
        assert opened.read() == stored
    return stored


REQUESTS = 200
RENDER_SECONDS = "0.02"


@pytest.mark.django_db(transaction=True)
def test_two_worker_processes_render_each_of_200_requests_exactly_once(
    workers, program, clinician, settings
):
    # A render takes a moment, so one worker's copy of a task meets the other's mid-render.
    workers.spawn("a", IOP_TEST_RENDER_SLEEP=RENDER_SECONDS)
    workers.spawn("b", IOP_TEST_RENDER_SLEEP=RENDER_SECONDS)
    workers.wait_ready("a")
    workers.wait_ready("b")

    clients = ClientFactory.create_batch(REQUESTS, program=program)
    reports = []
    for client_record in clients:
        # The request sends its task as it commits; a second copy follows at once (as a
        # broker may deliver a task twice), so each worker takes one copy of the pair.
        report = report_request(
            kind=KIND, client=client_record, subject=client_record, by=clinician
        )
        report_render.delay(str(report.pk))
        reports.append(report)
    ids = {str(report.pk) for report in reports}
    assert len(ids) == REQUESTS

    def all_ready() -> bool:
        return Report.objects.filter(kind=KIND, status=ReportStatus.READY).count() == REQUESTS

    wait_until(all_ready, 60, f"{REQUESTS} reports to be ready")
    wait_until(lambda: workers.waiting() == 0, TASK_TIMEOUT, "the queue to empty")
    workers.stop_all()  # each finishes the copy in hand first
    assert workers.waiting() == 0

    renders = workers.renders()
    started = Counter(report for event, report, _ in renders if event == "start")
    ended = Counter(report for event, report, _ in renders if event == "end")
    assert started == ended == Counter(ids)  # each rendered once: none twice, none lost
    by_pid = Counter(pid for event, _, pid in renders if event == "end")
    assert set(by_pid) == {workers.processes["a"].pid, workers.processes["b"].pid}
    assert sum(by_pid.values()) == REQUESTS

    rows = Report.objects.filter(kind=KIND)
    assert rows.count() == REQUESTS
    rendered_by = {report: pid for event, report, pid in renders if event == "end"}
    for report in rows:
        stored = assert_stored_whole(report, settings.MEDIA_ROOT)
        assert f"pid {rendered_by[str(report.pk)]}\n".encode() in stored
        assert statuses_in_history(report) == ["pending", "rendering", "ready"]
    assert {path.name for path in (settings.MEDIA_ROOT / "reports").iterdir()} == {
        f"{report_id}.pdf" for report_id in ids
    }


@pytest.mark.django_db(transaction=True)
def test_a_report_whose_worker_was_killed_mid_render_is_made_once_by_another(
    workers, client_record, clinician, settings
):
    slow = workers.start("slow", IOP_TEST_RENDER_SLEEP="60")
    report = report_request(kind=KIND, client=client_record, subject=client_record, by=clinician)

    def rendering() -> bool:
        return Report.objects.get(pk=report.pk).status == ReportStatus.RENDERING and any(
            event == "start" for event, _, _ in workers.renders()
        )

    wait_until(rendering, TASK_TIMEOUT, "the slow worker to claim the report")
    claimed_at = Report.objects.get(pk=report.pk).updated_at
    # A second worker, idle while the first is busy; it calls a claim stale after STALE_SECONDS.
    other = workers.start("other", IOP_REPORT_STALE_CLAIM_SECONDS=str(STALE_SECONDS))

    workers.kill("slow")  # SIGKILL in the middle of the render: no chance to clean up
    assert slow.returncode == -signal.SIGKILL
    assert Report.objects.get(pk=report.pk).status == ReportStatus.RENDERING

    # The task again while the dead worker's claim is fresh: the other worker leaves it.
    report_render.delay(str(report.pk))
    workers.drain()
    fresh_for = (Report.objects.get(pk=report.pk).updated_at - claimed_at).total_seconds()
    assert fresh_for == 0  # the claim was not touched
    assert time.time() - claimed_at.timestamp() < STALE_SECONDS, "too slow to test a fresh claim"
    assert Report.objects.get(pk=report.pk).status == ReportStatus.RENDERING
    assert [event for event, _, _ in workers.renders()] == ["start"]

    # Once the claim is stale, beat's sweep sends the report again and the other worker
    # takes it over.
    time.sleep(max(0.0, claimed_at.timestamp() + STALE_SECONDS + 0.5 - time.time()))
    report_render_stale.apply_async(queue=workers.queue)

    def ready() -> bool:
        return Report.objects.get(pk=report.pk).status == ReportStatus.READY

    wait_until(ready, TASK_TIMEOUT, "the report to be taken over and rendered")
    # More copies, and another sweep, after it is made: nothing is rendered again.
    report_render.delay(str(report.pk))
    report_render_stale.apply_async(queue=workers.queue)
    workers.drain()
    workers.stop("other")

    assert workers.renders() == [
        ("start", str(report.pk), slow.pid),
        ("start", str(report.pk), other.pid),
        ("end", str(report.pk), other.pid),
    ]
    report.refresh_from_db()
    stored = assert_stored_whole(report, settings.MEDIA_ROOT)
    assert f"pid {other.pid}\n".encode() in stored  # the file is the other worker's
    assert statuses_in_history(report) == ["pending", "rendering", "rendering", "ready"]
    assert [path.name for path in (settings.MEDIA_ROOT / "reports").iterdir()] == [
        f"{report.pk}.pdf"
    ]
