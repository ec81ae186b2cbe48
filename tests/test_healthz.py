"""/healthz: 200 while the database answers; broker and workers reported, and answered quickly."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest
from django.db import OperationalError, connection

from iop.celery import app

pytestmark = pytest.mark.django_db

# The check must answer well inside a load balancer's or Docker's timeout.
ANSWER_WITHIN = 3.0


def get_healthz(client) -> tuple[int, dict[str, object], float]:
    started = time.monotonic()
    response = client.get("/healthz")
    return response.status_code, response.json(), time.monotonic() - started


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def silent_port() -> Iterator[int]:
    """Accepts TCP connections (the kernel does) and never says a word: a hung Redis."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield sock.getsockname()[1]


def test_healthz_reports_database_broker_and_running_worker(client, celery_worker):
    status, body, elapsed = get_healthz(client)
    assert status == 200
    assert body["database"] == "ok"
    assert body["broker"] == "ok"
    assert isinstance(body["workers"], int) and body["workers"] >= 1
    assert elapsed < ANSWER_WITHIN


def test_healthz_is_not_cached(client):
    response = client.get("/healthz")
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_does_not_answer(client, monkeypatch):
    def refuse(*args: object, **kwargs: object) -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    status, body, _ = get_healthz(client)
    assert status == 503
    assert body["database"] == "error: OperationalError"


@pytest.mark.parametrize("port_fixture", ["closed_port", "silent_port"])
def test_broker_down_is_reported_quickly_without_failing_the_check(
    client, monkeypatch, request, port_fixture
):
    port = request.getfixturevalue(port_fixture)
    monkeypatch.setattr(app.conf, "broker_url", f"redis://127.0.0.1:{port}/0")
    status, body, elapsed = get_healthz(client)
    assert status == 200  # the web answers without the broker; the report says what is wrong
    assert body["database"] == "ok"
    assert str(body["broker"]).startswith("error: ")
    assert body["workers"] == "unknown"
    assert elapsed < ANSWER_WITHIN


def test_healthz_refuses_post(client):
    assert client.post("/healthz").status_code == 405
