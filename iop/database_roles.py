"""Two database roles: the owner runs migrations, the app role only reads and writes rows.

The signed-record locks are triggers. Whoever owns a table (or is superuser) can switch them
off: ``ALTER TABLE ... DISABLE TRIGGER``, ``DROP TRIGGER``, ``session_replication_role``.
So web, worker and beat connect as a role that owns nothing and holds only SELECT, INSERT,
UPDATE and DELETE (the triggers refuse DELETE where records are never deleted).

``app_role_grant`` is the one place those grants are made. ``migrate`` runs it after every
migration when IOP_APP_DATABASE_ROLE names the app role (docker-compose.yml, ``make demo``);
ALTER DEFAULT PRIVILEGES also covers tables the owner creates later, should a migrate run
without the variable. ``trigger_ignore_restrict`` keeps pgtrigger's escape hatch for roles
that could disable the triggers anyway.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, transaction
from psycopg import sql

# Role attributes (pg_roles column: keyword), any of which would let the app role around
# its grants.
_POWERFUL_ATTRIBUTES = {
    "rolsuper": "SUPERUSER",
    "rolcreaterole": "CREATEROLE",
    "rolcreatedb": "CREATEDB",
    "rolreplication": "REPLICATION",
    "rolbypassrls": "BYPASSRLS",
}


def app_role_problems(cursor: Any, *, role: str) -> list[str]:
    """Why ``role`` could not serve as the app role; empty when it can."""
    cursor.execute(
        sql.SQL(
            "SELECT {attributes}, pg_has_role(oid, current_user, 'MEMBER'), "
            "(SELECT count(*) FROM pg_shdepend d WHERE d.refobjid = r.oid AND d.deptype = 'o') "
            "FROM pg_roles r WHERE rolname = %s"
        ).format(attributes=sql.SQL(", ").join(map(sql.Identifier, _POWERFUL_ATTRIBUTES))),
        [role],
    )
    row = cursor.fetchone()
    if row is None:
        return [f"role {role!r} does not exist (compose: deploy/postgres-init/10-app-role.sh)"]
    *attributes, member_of_owner, owned = row
    keywords = _POWERFUL_ATTRIBUTES.values()
    problems = [keyword for keyword, held in zip(keywords, attributes, strict=True) if held]
    if member_of_owner:
        problems.append("member of the owner role")  # it could SET ROLE to the owner
    if owned:
        problems.append(f"owns {owned} database objects")
    return problems


def app_role_grant(cursor: Any, *, role: str) -> None:
    """Give ``role`` data access to every table and sequence in public, and nothing else.

    Run as the owner of the tables, in a transaction. Idempotent: revokes first, so a
    privilege granted by hand (TRUNCATE, TRIGGER, REFERENCES, MAINTAIN) does not survive.
    """
    problems = app_role_problems(cursor, role=role)
    if problems:
        raise ImproperlyConfigured(
            f"The app database role {role!r} must hold data access only: {'; '.join(problems)}."
        )
    cursor.execute("SELECT current_database()")
    database = sql.Identifier(cursor.fetchone()[0])
    app = sql.Identifier(role)
    for statement in [
        "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {app}",
        "REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {app}",
        "REVOKE ALL ON SCHEMA public FROM {app}",
        "REVOKE ALL ON DATABASE {database} FROM {app}",
        # PostgreSQL before 15 let everyone create in public. Temporary tables are refused
        # too: one named like a clinical table would shadow it inside a trigger's check.
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        "REVOKE CREATE, TEMPORARY ON DATABASE {database} FROM PUBLIC",
        "GRANT CONNECT ON DATABASE {database} TO {app}",
        "GRANT USAGE ON SCHEMA public TO {app}",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app}",
        "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app}",
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public"
        " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {app}",
    ]:
        cursor.execute(sql.SQL(statement).format(app=app, database=database))


# pgtrigger.ignore() works through a setting any session may set (set_config), which each
# trigger reads through this function. Honored here only for a role that owns the trigger's
# table (or is superuser), which could disable the trigger anyway; everyone else is refused
# silently, as if nothing were ignored. pgtrigger rewrites the function whenever it installs
# a trigger, so it is restored after every migrate.
TRIGGER_IGNORE_FUNCTION = """
CREATE OR REPLACE FUNCTION public._pgtrigger_should_ignore(trigger_name NAME)
RETURNS BOOLEAN AS $$
    DECLARE
        _pgtrigger_ignore TEXT[];
    BEGIN
        BEGIN
            SELECT INTO _pgtrigger_ignore CURRENT_SETTING('pgtrigger.ignore');
            EXCEPTION WHEN OTHERS THEN
        END;
        IF _pgtrigger_ignore IS NULL OR NOT (trigger_name = ANY(_pgtrigger_ignore)) THEN
            RETURN FALSE;
        END IF;
        -- iop: only for the table's owner (iop/database_roles.py)
        RETURN EXISTS (
            SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE t.tgname = trigger_name AND pg_has_role(current_user, c.relowner, 'USAGE')
        );
    END;
$$ LANGUAGE plpgsql;
"""


def trigger_ignore_restrict(cursor: Any) -> None:
    cursor.execute(TRIGGER_IGNORE_FUNCTION)


def after_migrate(using: str = "default", **kwargs: Any) -> None:
    """post_migrate: restore the trigger-ignore rule, then grant the app role (if named)."""
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        trigger_ignore_restrict(cursor)
        if settings.IOP_APP_DATABASE_ROLE:
            app_role_grant(cursor, role=settings.IOP_APP_DATABASE_ROLE)
