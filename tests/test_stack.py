"""`make demo` and `docker compose up` start the same processes: iop/stack.py PROCESSES.

Docker cannot run here, so docker-compose.yml and the Dockerfile are checked as text; the demo
stack itself is started for real, once, on throwaway embedded servers.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import psycopg
import pytest
import yaml

from iop.stack import PROCESSES

BASE_DIR = Path(__file__).resolve().parent.parent
COMPOSE: dict[str, Any] = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())
SERVICES: dict[str, dict[str, Any]] = COMPOSE["services"]
DOCKERFILE = (BASE_DIR / "Dockerfile").read_text()


def one_shot_services() -> set[str]:
    """Services that others wait on to finish (migrate), rather than to be healthy."""
    return {
        name
        for service in SERVICES.values()
        for name, dependency in service.get("depends_on", {}).items()
        if dependency["condition"] == "service_completed_successfully"
    }


def test_compose_runs_exactly_the_processes_make_demo_runs():
    assert {"web", "worker", "beat", "db", "redis"} <= SERVICES.keys()
    for name, command in PROCESSES.items():
        assert SERVICES[name]["command"] == command, name


def test_make_demo_runs_the_stack_module():
    makefile = (BASE_DIR / "Makefile").read_text()
    recipe = re.search(r"^demo:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe is not None
    assert "-m iop.stack" in recipe.group(1)


def test_every_service_that_stays_up_has_a_healthcheck():
    assert one_shot_services() == {"migrate"}
    for name, service in SERVICES.items():
        if name in one_shot_services():
            assert service["restart"] == "no"
        else:
            assert service["healthcheck"]["test"], name
    assert "/healthz" in " ".join(SERVICES["web"]["healthcheck"]["test"])
    assert "pg_isready" in " ".join(SERVICES["db"]["healthcheck"]["test"])
    assert SERVICES["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]


def test_app_starts_after_healthy_database_and_redis_and_migrations():
    assert SERVICES["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]
    for name in PROCESSES:
        assert SERVICES[name]["depends_on"] == {
            "db": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
            "migrate": {"condition": "service_completed_successfully"},
        }, name


def test_compose_takes_secrets_and_urls_from_the_environment():
    assert (SERVICES["db"]["image"], SERVICES["redis"]["image"]) == ("postgres:18", "redis:7")
    for name in [*PROCESSES, "migrate"]:
        env = SERVICES[name]["environment"]
        assert env["DJANGO_SECRET_KEY"].startswith("${DJANGO_SECRET_KEY:?")
        for key in ["REDIS_URL", "DJANGO_ALLOWED_HOSTS", "IOP_REQUIRE_MFA"]:
            assert env[key].startswith(f"${{{key}:-"), (name, key)
        url = "IOP_MIGRATE_DATABASE_URL" if name == "migrate" else "DATABASE_URL"
        assert env["DATABASE_URL"].startswith(f"${{{url}:-"), name
    assert SERVICES["web"]["environment"]["IOP_BIND"] == "0.0.0.0:8000"
    assert {"db-data", "media"} <= COMPOSE["volumes"].keys()


def test_dockerfile_builds_a_non_root_image_that_runs_the_web_command():
    assert DOCKERFILE.startswith("# ") and "\nFROM python:3.13-slim\n" in DOCKERFILE
    for library in ["libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"]:
        assert library in DOCKERFILE
    assert "collectstatic" in DOCKERFILE
    user = re.findall(r"^USER (\S+)$", DOCKERFILE, re.MULTILINE)
    assert user and user[-1] not in {"root", "0"}
    cmd = re.findall(r"^CMD (.+)$", DOCKERFILE, re.MULTILINE)
    assert [json.loads(line) for line in cmd] == [PROCESSES["web"]]


def _default_database_user(value: str) -> str:
    """The user of a compose ``${VAR:-postgres://user:${PASSWORD:?...}@db:5432/iop}`` default."""
    match = re.fullmatch(r"\$\{\w+:-postgres://(\w+):\$\{(\w+):\?[^}]*\}@db:5432/iop\}", value)
    assert match is not None, value
    return match.group(1)


def test_migrations_run_as_the_owner_and_the_app_as_a_role_with_data_access_only():
    db_env = SERVICES["db"]["environment"]
    owner = db_env["POSTGRES_USER"]
    assert db_env["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")
    assert db_env["IOP_DB_APP_PASSWORD"].startswith("${IOP_DB_APP_PASSWORD:?")
    app_role = "${IOP_APP_DATABASE_ROLE:-iop_app}"
    assert db_env["IOP_APP_DATABASE_ROLE"] == app_role

    migrate_env = SERVICES["migrate"]["environment"]
    assert _default_database_user(migrate_env["DATABASE_URL"]) == owner
    assert migrate_env["IOP_APP_DATABASE_ROLE"] == app_role  # settings: migrate grants it
    for name in PROCESSES:
        env = SERVICES[name]["environment"]
        assert _default_database_user(env["DATABASE_URL"]) == "iop_app", name
        assert "IOP_DB_APP_PASSWORD" in env["DATABASE_URL"]
        # The owner's password never reaches web, worker or beat.
        assert not any("POSTGRES_PASSWORD" in str(value) for value in env.values()), name
        assert "IOP_APP_DATABASE_ROLE" not in env, name


def test_the_database_creates_the_app_role_on_first_start():
    mounts = {volume.split(":")[1]: volume.split(":")[0] for volume in SERVICES["db"]["volumes"]}
    init_dir = BASE_DIR / mounts["/docker-entrypoint-initdb.d"]
    [script] = sorted(init_dir.iterdir())
    assert script.suffix == ".sh" and os.access(script, os.X_OK)
    text = script.read_text()
    assert '"${IOP_DB_APP_PASSWORD:?' in text and "${IOP_APP_DATABASE_ROLE:-iop_app}" in text
    assert "CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE" in text
    assert "GRANT" not in text  # grants come from migrate alone (iop/database_roles.py)
    subprocess.run(["sh", "-n", str(script)], check=True)


# The demo for real: about 30 s alone, well over 120 s at the end of a loaded full suite
# (a fresh embedded PostgreSQL, migrate, seed_demo, start-up).
STACK_READY_WITHIN = 300.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Monitoring's token: the broker and worker details are not shown to anonymous callers.
HEALTHZ_TOKEN = "demo-stack-test-monitoring-token-0123456789"


def _healthz(port: int) -> dict[str, Any] | None:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz", headers={"Authorization": f"Bearer {HEALTHZ_TOKEN}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            body: dict[str, Any] = json.load(response)
            return body if response.status == 200 else None
    except OSError:
        return None


def _server_pids(data_dir: Path) -> list[int]:
    """The embedded PostgreSQL and Redis: daemons of the stack's, not its children."""
    postgres = int((data_dir / "postgres" / "postmaster.pid").read_text().split()[0])
    redis_pidfile = json.loads((data_dir / "redis.db.settings").read_text())["pidfile"]
    return [postgres, int(Path(redis_pidfile).read_text())]


def _database_users(data_dir: Path) -> set[str]:
    # postmaster.pid: pid, data directory, start time, port, socket directory, ...
    lines = (data_dir / "postgres" / "postmaster.pid").read_text().splitlines()
    server = f"host={lines[4]} port={lines[3]} user=postgres dbname=iop"
    with psycopg.connect(server) as conn:
        rows = conn.execute(
            "SELECT DISTINCT usename FROM pg_stat_activity"
            " WHERE datname = 'iop' AND backend_type = 'client backend'"
            " AND pid <> pg_backend_pid()"
        ).fetchall()
    return {row[0] for row in rows}


def _everything_started_by(stack: subprocess.Popen[bytes], data_dir: Path) -> list[psutil.Process]:
    processes: list[psutil.Process] = []
    with contextlib.suppress(psutil.Error):
        processes += psutil.Process(stack.pid).children(recursive=True)
    with contextlib.suppress(psutil.Error, OSError, ValueError, KeyError):
        processes += [psutil.Process(pid) for pid in _server_pids(data_dir)]
    return processes


def _clean_up(stack: subprocess.Popen[bytes], processes: list[psutil.Process]) -> None:
    """After a failure: stop whatever is left, by process id, hardest last."""
    if stack.poll() is None:
        stack.terminate()
        try:
            stack.wait(timeout=20)
        except subprocess.TimeoutExpired:
            stack.kill()
            stack.wait()
    _, alive = psutil.wait_procs(processes, timeout=10)
    for process in alive:
        with contextlib.suppress(psutil.Error):
            process.kill()


@pytest.fixture
def data_dir() -> Iterator[Path]:
    """Not under pytest's tmp_path: run as root, PostgreSQL runs as its own user and cannot
    enter pytest's private (0700) temporary directory."""
    path = Path(tempfile.mkdtemp(prefix="iop-stack-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_demo_stack_serves_healthz_with_a_worker_and_sigint_stops_everything(data_dir):
    port = _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "XDG_RUNTIME_DIR", "IOP_TESTING"}
    }
    env.update(
        IOP_DATA_DIR=str(data_dir), IOP_BIND=f"127.0.0.1:{port}", IOP_HEALTHZ_TOKEN=HEALTHZ_TOKEN
    )
    log = data_dir / "stack.log"
    with log.open("wb") as out:
        stack = subprocess.Popen(
            [sys.executable, "-m", "iop.stack"],
            cwd=BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )

    def log_tail() -> str:
        return log.read_text(errors="replace")[-3000:]

    processes: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + STACK_READY_WITHIN
        health = _healthz(port)
        while not (health and isinstance(health["workers"], int) and health["workers"] >= 1):
            assert stack.poll() is None, log_tail()
            assert time.monotonic() < deadline, log_tail()
            time.sleep(0.5)
            health = _healthz(port)
        assert (health["database"], health["broker"]) == ("ok", "ok")

        # web and worker hold connections (the /healthz just answered): all as the app role.
        assert _database_users(data_dir) == {"iop_app"}

        processes = _everything_started_by(stack, data_dir)
        commands = [" ".join(process.cmdline()) for process in processes]
        for name, command in PROCESSES.items():
            assert any(" ".join(command) in line for line in commands), name

        stack.send_signal(signal.SIGINT)  # what Ctrl-C does to `make demo`
        assert stack.wait(timeout=40) == 0, log_tail()
        _, alive = psutil.wait_procs(processes, timeout=10)
        assert alive == [], log_tail()
        assert _healthz(port) is None
    finally:
        _clean_up(stack, processes or _everything_started_by(stack, data_dir))
