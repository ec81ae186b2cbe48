"""`make demo`: the whole app (web, worker, beat) in the foreground on the embedded defaults.

PROCESSES is the one list of what runs; docker-compose.yml runs the same commands
(tests/test_stack.py holds the two together).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

PROCESSES: dict[str, list[str]] = {
    "web": ["gunicorn", "iop.wsgi"],
    "worker": ["celery", "-A", "iop", "worker", "--loglevel", "INFO", "--concurrency", "2"],
    "beat": ["celery", "-A", "iop", "beat", "--loglevel", "INFO"],
}

DEMO_ENV = {
    "DJANGO_DEBUG": "true",
    "IOP_DEMO": "true",
    "IOP_REQUIRE_MFA": "false",
}


def _bin(name: str) -> str:
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else name


def _manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), *args], check=True, cwd=BASE_DIR, env=env
    )


def _database_roles() -> tuple[str, str, str]:
    """(URL to migrate and seed with, URL of web/worker/beat, the app role to grant).

    Embedded: the owner and app roles of iop/embedded.py. With DATABASE_URL set, migrations
    use IOP_MIGRATE_DATABASE_URL (the owner) when given, granting DATABASE_URL's user; without
    it everything runs as DATABASE_URL's user, as before.
    """
    from iop import embedded

    if not os.environ.get("DATABASE_URL", "").strip():
        owner_url, app_url = embedded.database_role_urls()
        return owner_url, app_url, embedded.APP_ROLE
    app_url = os.environ["DATABASE_URL"]
    migrate_url = os.environ.get("IOP_MIGRATE_DATABASE_URL", "").strip()
    if not migrate_url:
        return app_url, app_url, os.environ.get("IOP_APP_DATABASE_ROLE", "")
    import dj_database_url

    role = os.environ.get("IOP_APP_DATABASE_ROLE") or dj_database_url.parse(app_url)["USER"]
    return migrate_url, app_url, role


def _start(name: str) -> subprocess.Popen[bytes]:
    command = [_bin(PROCESSES[name][0]), *PROCESSES[name][1:]]
    # Own process group, so Ctrl-C reaches each child once, through us.
    return subprocess.Popen(command, cwd=BASE_DIR, start_new_session=True)


def _stop(children: dict[str, subprocess.Popen[bytes]]) -> None:
    for child in children.values():
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    for child in children.values():
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)


def demo() -> int:
    for key, value in DEMO_ENV.items():
        os.environ.setdefault(key, value)
    from iop import embedded

    # This process owns the embedded servers; children inherit their URLs.
    migrate_url, app_url, app_role = _database_roles()
    embedded.redis_url()
    owner_env = {**os.environ, "DATABASE_URL": migrate_url, "IOP_APP_DATABASE_ROLE": app_role}
    _manage("migrate", "--noinput", "-v", "0", env=owner_env)
    _manage("seed_demo", env=owner_env)
    # web, worker and beat never see the owner's URL.
    os.environ.pop("IOP_MIGRATE_DATABASE_URL", None)
    os.environ["DATABASE_URL"] = app_url
    stopping = False

    def on_signal(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    # Before the children start: a Ctrl-C from here on stops them rather than orphaning them.
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    children = {name: _start(name) for name in PROCESSES}
    address = os.environ.get("IOP_BIND", "127.0.0.1:8000")  # gunicorn.conf.py binds the same
    print(
        f"\n  IOP clinic demo: http://{address}  (Ctrl-C stops web, worker and beat)\n",
        flush=True,
    )
    exit_code = 0
    while not stopping:
        for name, child in children.items():
            if child.poll() is not None:
                print(
                    f"{name} exited with status {child.returncode}; stopping the others.",
                    flush=True,
                )
                exit_code = child.returncode or 1
                stopping = True
        time.sleep(0.5)
    _stop(children)
    return exit_code


if __name__ == "__main__":
    sys.exit(demo())
