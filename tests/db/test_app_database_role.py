"""The role web, worker and beat connect as cannot switch the signed-record locks off.

A fresh role gets its grants from the deployment's own code (the post-migrate step behind
IOP_APP_DATABASE_ROLE) and then logs in for real, over the same host and port as the test
database, so every statement below runs with exactly its privileges.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pgtrigger
import psycopg
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import override_settings
from psycopg import errors, sql

from iop.clients.models import Client
from iop.database_roles import after_migrate, app_role_grant
from iop.signatures.models import Signature, SignerRole
from tests.factories import ClientFactory

# What compose's init script and `make demo` give the role: a login, nothing more.
ROLE_ATTRIBUTES = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"


def connect(user: str | None = None) -> psycopg.Connection[Any]:
    """A connection of its own to the test database (as ``user``, else as the suite's user)."""
    db = connection.settings_dict
    params = {"host": db["HOST"], "port": db["PORT"], "dbname": db["NAME"], "user": db["USER"]}
    # The embedded server's socket directory comes as ?host= in its URL.
    params["host"] = params["host"] or db["OPTIONS"].get("host", "")
    if user is None:
        params["password"] = db["PASSWORD"]
    else:
        params["user"] = user  # trust authentication here and on the embedded server
    return psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True)


@pytest.fixture(scope="module")
def app_role(django_db_setup, django_db_blocker) -> Iterator[str]:
    role = f"iop_test_app_{uuid.uuid4().hex[:10]}"
    with django_db_blocker.unblock():
        with connect() as admin:
            admin.execute(sql.SQL("CREATE ROLE {} " + ROLE_ATTRIBUTES).format(sql.Identifier(role)))
        with override_settings(IOP_APP_DATABASE_ROLE=role):
            after_migrate(using="default")
        connection.close()
    yield role
    with django_db_blocker.unblock(), connect() as admin:
        # Grants and default privileges in this database; the role owns nothing to drop.
        admin.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
        admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


@pytest.fixture
def as_app(app_role) -> Iterator[psycopg.Connection[Any]]:
    with connect(app_role) as conn:
        yield conn


def pgid(conn: psycopg.Connection[Any], table: str, name: str) -> str:
    row = conn.execute(
        "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND tgname LIKE %s",
        [table, f"pgtrigger_{name}_%"],
    ).fetchone()
    assert row is not None, (table, name)
    return str(row[0])


def test_the_app_role_logs_in_as_itself_and_is_not_superuser(as_app, app_role):
    user, superuser = as_app.execute(
        "SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user"
    ).fetchone()
    assert (user, superuser) == (app_role, False)


@pytest.mark.django_db(transaction=True)
def test_the_app_role_reads_and_writes_a_client_row(as_app):
    client = ClientFactory(legal_first_name="Rowan")
    first_name = as_app.execute(
        "SELECT legal_first_name FROM clients_client WHERE id = %s", [client.pk]
    ).fetchone()
    assert first_name == ("Rowan",)
    as_app.execute("UPDATE clients_client SET preferred_name = 'Ro' WHERE id = %s", [client.pk])
    assert Client.objects.get(pk=client.pk).preferred_name == "Ro"
    # DELETE stays granted for tables that are not clinical records (sign-out ends a session).
    as_app.execute(
        "INSERT INTO django_session VALUES ('dbrole-test', '', now() + interval '1 hour')"
    )
    as_app.execute("DELETE FROM django_session WHERE session_key = 'dbrole-test'")


NOTE = "scheduling_progressnote"
REFUSED = {
    "disable a trigger": "ALTER TABLE {table} DISABLE TRIGGER {trigger}",
    "disable every trigger": "ALTER TABLE {table} DISABLE TRIGGER USER",
    "drop a trigger": "DROP TRIGGER {trigger} ON {table}",
    "replica mode skips triggers": "SET session_replication_role = replica",
    "truncate": "TRUNCATE {table} CASCADE",
    "take the table": "ALTER TABLE {table} OWNER TO CURRENT_USER",
    "create a function": (
        "CREATE FUNCTION public.iop_unlock() RETURNS int LANGUAGE sql AS 'SELECT 1'"
    ),
    "replace a trigger's function": (
        "CREATE OR REPLACE FUNCTION public._pgtrigger_should_ignore(trigger_name name)"
        " RETURNS boolean LANGUAGE sql AS 'SELECT true'"
    ),
    "create a schema": "CREATE SCHEMA iop_unlock",
    "create a table": "CREATE TABLE public.iop_unlock (id int)",
    # A temporary table named like the note table would shadow it in the triggers' checks.
    "shadow a table": f"CREATE TEMPORARY TABLE {NOTE} (id bigint, signed_at timestamptz)",
}


@pytest.mark.parametrize("statement", REFUSED.values(), ids=REFUSED.keys())
def test_the_app_role_cannot_switch_the_locks_off(as_app, statement):
    trigger = pgid(as_app, NOTE, "locked_once_signed")
    with pytest.raises(errors.InsufficientPrivilege):
        as_app.execute(statement.format(table=NOTE, trigger=trigger))
    assert as_app.execute(
        "SELECT tgenabled FROM pg_trigger WHERE tgname = %s", [trigger]
    ).fetchone() == ("O",)


def test_the_app_role_owns_nothing_and_holds_data_access_only(as_app):
    owned = as_app.execute(
        "SELECT count(*) FROM pg_shdepend WHERE refobjid = current_user::regrole AND deptype = 'o'"
    ).fetchone()
    assert owned == (0,)
    extra = as_app.execute(
        "SELECT c.relname, p FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,"
        " unnest(ARRAY['TRUNCATE', 'REFERENCES', 'TRIGGER']) AS p"
        " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')"
        " AND has_table_privilege(c.oid, p)"
    ).fetchall()
    assert extra == []
    missing = as_app.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT"
        " has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE, DELETE')"
    ).fetchall()
    assert missing == []
    assert as_app.execute(
        "SELECT has_database_privilege(current_database(), 'CREATE'),"
        " has_database_privilege(current_database(), 'TEMPORARY'),"
        " has_schema_privilege('public', 'CREATE')"
    ).fetchone() == (False, False, False)


@pytest.mark.django_db(transaction=True)
def test_pgtrigger_ignore_does_not_lift_a_lock_for_the_app_role(as_app):
    client = ClientFactory()
    signature = Signature.objects.create(
        signed_object=client,
        role=SignerRole.CLIENT,
        signer_name="Rowan Testperson",
        signed_at="2026-01-05T10:00:00Z",
        content_sha256="0" * 64,
    )
    trigger = pgid(as_app, "signatures_signature", "append_only")
    as_app.execute("SELECT set_config('pgtrigger.ignore', %s, false)", ["{" + trigger + "}"])
    with pytest.raises(errors.RaiseException):
        as_app.execute(
            "UPDATE signatures_signature SET signer_name = 'Someone else' WHERE id = %s",
            [signature.pk],
        )
    assert Signature.objects.get(pk=signature.pk).signer_name == "Rowan Testperson"


def history_rows(conn: psycopg.Connection[Any], client: Any) -> int:
    row = conn.execute(
        "SELECT count(*) FROM clients_clientevent WHERE pgh_obj_id = %s", [client.pk]
    ).fetchone()
    assert row is not None
    return int(row[0])


@pytest.mark.django_db(transaction=True)
def test_pgtrigger_ignore_does_not_stop_change_history_for_the_app_role(as_app):
    """pghistory's recording triggers still go through pgtrigger's ignore check: for the app
    role that check answers no, so a change it makes is always recorded."""
    client = ClientFactory()
    recorder = pgid(as_app, "clients_client", "update_update")
    before = history_rows(as_app, client)
    as_app.execute("SELECT set_config('pgtrigger.ignore', %s, false)", ["{" + recorder + "}"])
    as_app.execute("UPDATE clients_client SET pronouns = 'ze/zir' WHERE id = %s", [client.pk])
    assert history_rows(as_app, client) == before + 1
    # The owner (here the suite's superuser) still may skip a recorder, as pgtrigger intends.
    with pgtrigger.ignore("clients.Client:update_update"):
        Client.objects.filter(pk=client.pk).update(pronouns="she/her")
    assert history_rows(as_app, client) == before + 1


def test_tables_the_owner_creates_later_are_granted_too(as_app, app_role):
    with connect() as owner:
        owner.execute("CREATE TABLE public.iop_later_migration (id int)")
        try:
            as_app.execute("INSERT INTO public.iop_later_migration VALUES (1)")
            assert as_app.execute("SELECT id FROM public.iop_later_migration").fetchall() == [(1,)]
            with pytest.raises(errors.InsufficientPrivilege):
                as_app.execute("TRUNCATE public.iop_later_migration")
        finally:
            owner.execute("DROP TABLE public.iop_later_migration")


@pytest.mark.parametrize("attribute", ["SUPERUSER", "CREATEDB", "CREATEROLE", "BYPASSRLS"])
def test_granting_refuses_a_role_with_more_than_data_access(app_role, attribute):
    role = f"{app_role}_{attribute.lower()}"
    with connect() as admin, admin.transaction(force_rollback=True), admin.cursor() as cursor:
        cursor.execute(sql.SQL("CREATE ROLE {} LOGIN " + attribute).format(sql.Identifier(role)))
        with pytest.raises(ImproperlyConfigured, match=attribute):
            app_role_grant(cursor, role=role)
