"""The test suite's superuser connection, which alone gets past the database locks."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator


@contextlib.contextmanager
def superuser_past_the_locks() -> Iterator[None]:
    """Let the test suite's own superuser connection past every trigger, for setting up
    states the app never writes (and for a flush). ``session_replication_role`` is a
    superuser-only setting: no app role can do this, unlike ``pgtrigger.ignore``."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET session_replication_role")
