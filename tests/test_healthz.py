"""/healthz: up (200) or down (503) for anyone; database, broker and workers for
administrators and for monitoring with the token, answered quickly.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest
from django.db import OperationalError, connection
from django.test import Client as HttpClient

from iop.accounts.models import Role, User
from iop.celery import app
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

# The check must answer well inside a load balancer's or Docker's timeout.
ANSWER_WITHIN = 3.0
TOKEN = "monitoring-token-for-tests-0123456789abcdef"
DETAILS = {"database", "broker", "workers"}


@pytest.fixture(autouse=True)
def _healthz_token(settings):
    settings.IOP_HEALTHZ_TOKEN = TOKEN


@pytest.fixture
def monitor() -> HttpClient:
    return HttpClient(HTTP_AUTHORIZATION=f"Bearer {TOKEN}")


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


def test_healthz_reports_database_broker_and_running_worker_to_monitoring(monitor, celery_worker):
    status, body, elapsed = get_healthz(monitor)
    assert status == 200
    assert body["status"] == "up"
    assert body["database"] == "ok"
    assert body["broker"] == "ok"
    assert isinstance(body["workers"], int) and body["workers"] >= 1
    assert elapsed < ANSWER_WITHIN


def test_anonymous_callers_learn_only_that_the_site_is_up(client):
    status, body, _ = get_healthz(client)
    assert (status, body) == (200, {"status": "up"})


@pytest.mark.parametrize(
    "authorization", [f"Bearer {TOKEN[:-1]}x", TOKEN, f"Token {TOKEN}", "Bearer ", ""]
)
def test_a_wrong_token_gets_the_public_answer(authorization):
    status, body, _ = get_healthz(HttpClient(HTTP_AUTHORIZATION=authorization))
    assert (status, body) == (200, {"status": "up"})


def test_without_a_configured_token_no_header_opens_the_details(settings):
    settings.IOP_HEALTHZ_TOKEN = ""
    _, body, _ = get_healthz(HttpClient(HTTP_AUTHORIZATION="Bearer "))
    assert body == {"status": "up"}


def test_signed_in_administrator_and_superuser_see_the_details(staff, login_as):
    _, body, _ = get_healthz(login_as(staff[Role.ADMINISTRATOR]))
    assert DETAILS <= body.keys() and body["database"] == "ok"
    root = HttpClient()
    root.force_login(User.objects.create_superuser("root@clinic.test", PASSWORD))
    _, body, _ = get_healthz(root)
    assert DETAILS <= body.keys()


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMINISTRATOR])
def test_other_signed_in_staff_learn_only_up_or_down(role, staff, login_as):
    _, body, _ = get_healthz(login_as(staff[role]))
    assert body == {"status": "up"}


def test_healthz_is_not_cached(client):
    response = client.get("/healthz")
    assert "no-cache" in response["Cache-Control"]


@pytest.fixture
def database_down(monkeypatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)


@pytest.mark.usefixtures("database_down")
def test_healthz_is_503_down_when_the_database_does_not_answer(client, monitor):
    status, body, _ = get_healthz(client)
    assert (status, body) == (503, {"status": "down"})
    status, body, _ = get_healthz(monitor)
    assert status == 503
    assert (body["status"], body["database"]) == ("down", "error: OperationalError")


@pytest.mark.parametrize("port_fixture", ["closed_port", "silent_port"])
def test_broker_down_is_reported_quickly_without_failing_the_check(
    client, monitor, monkeypatch, request, port_fixture
):
    port = request.getfixturevalue(port_fixture)
    monkeypatch.setattr(app.conf, "broker_url", f"redis://127.0.0.1:{port}/0")
    status, body, elapsed = get_healthz(monitor)
    assert status == 200  # the web answers without the broker; the report says what is wrong
    assert body["database"] == "ok"
    assert str(body["broker"]).startswith("error: ")
    assert body["workers"] == "unknown"
    assert elapsed < ANSWER_WITHIN
    assert get_healthz(client)[:2] == (200, {"status": "up"})  # nothing of it told outside


def test_healthz_refuses_post(client):
    assert client.post("/healthz").status_code == 405
