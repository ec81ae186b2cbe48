"""A stand-in renderer for the tests that run real worker processes (test_render_workers.py).

The worker imports this module (``celery worker --include tests.reports.worker_renderer``), so
the kind is registered in the worker, not only in pytest. Each call writes a ``start`` line
before rendering and an ``end`` line after it to the file named by IOP_TEST_RENDER_LOG (one
``write`` on an O_APPEND file per line: the two workers' lines never mix), so the test counts
calls across processes. IOP_TEST_RENDER_SLEEP makes a render slow enough to kill a worker in
it. IOP_TEST_QUEUE is the queue this test's workers consume, made their default queue so the
tasks a worker sends (the stale sweep's, a retry's) reach this test's workers only.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

from iop.celery import app
from iop.reports.registry import register_renderer

if TYPE_CHECKING:
    from iop.reports.models import Report

KIND = "test_worker_echo"
PDF = b"%PDF-1.4\n% rendered by a worker process\n"

if os.environ.get("IOP_TEST_QUEUE"):
    app.conf.task_default_queue = os.environ["IOP_TEST_QUEUE"]


def log_line(event: str, report: Report) -> None:
    path = os.environ.get("IOP_TEST_RENDER_LOG")
    if not path:
        return
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, f"{event} {report.pk} {os.getpid()}\n".encode())
    finally:
        os.close(fd)


def worker_echo(report: Report) -> tuple[bytes, str]:
    log_line("start", report)
    time.sleep(float(os.environ.get("IOP_TEST_RENDER_SLEEP", "0")))
    pdf = PDF + f"report {report.pk} pid {os.getpid()}\n%%EOF\n".encode()
    log_line("end", report)
    return pdf, f"Worker echo of {report.subject_id}"


register_renderer(KIND, worker_echo, label="Worker echo report")
