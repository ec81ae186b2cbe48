"""Database locks on clinical and audit records that no database session can switch off.

django-pgtrigger starts every trigger with ``IF _pgtrigger_should_ignore(TG_NAME)``, which
reads the session setting ``pgtrigger.ignore``: any role that may write a row could also
``SET pgtrigger.ignore = '{<trigger>}'`` and rewrite a signed note. The triggers built here
compile to the same SQL without that escape hatch. Only a superuser (who can also set
``session_replication_role``) gets past them, and the app does not connect as one.

Every refusal names the table and the rule, so a failed statement says what it hit.
"""

from __future__ import annotations

from typing import Any

import pghistory
import pgtrigger
from django.db import models
from pgtrigger import compiler


class LockSql(compiler.UpsertTriggerSql):
    """pgtrigger's installation SQL (v1 template) minus the ``pgtrigger.ignore`` check.

    Migrations refer to this class by its path: keep its template stable, as pgtrigger
    does its own.
    """

    def get_template(self) -> str:
        return """
            CREATE OR REPLACE FUNCTION {pgid}()
            RETURNS TRIGGER AS $$
                {declare}
                BEGIN
                    {func}
                END;
            $$ LANGUAGE plpgsql;

            DROP TRIGGER IF EXISTS {pgid} ON {table};
            CREATE {constraint} TRIGGER {pgid}
                {when} {operation} ON {table}
                {timing}
                {referencing}
                FOR EACH {level} {condition}
                EXECUTE PROCEDURE {execute};

            COMMENT ON TRIGGER {pgid} ON {table} IS '{hash}';
        """


class _NoIgnore:
    """Mixin for pgtrigger triggers: compile with :class:`LockSql`."""

    def compile(self, model: models.Model) -> compiler.Trigger:
        compiled = super().compile(model)  # type: ignore[misc]
        return compiler.Trigger(name=compiled.name, sql=LockSql(**compiled.sql.kwargs))


class LockTrigger(_NoIgnore, pgtrigger.Trigger):
    """A free-form trigger that ``pgtrigger.ignore`` cannot switch off."""


class LockProtect(_NoIgnore, pgtrigger.Protect):
    """``pgtrigger.Protect`` that ``pgtrigger.ignore`` cannot switch off."""


def refusal(rule: str) -> str:
    """PL/pgSQL raising '<table>: <rule>' (the rule is our own constant, never input)."""
    quoted = rule.replace("'", "''")
    return f"RAISE EXCEPTION '%: {quoted}', TG_TABLE_NAME;"


NEVER_DELETED = "clinical records are never deleted; close, supersede or amend them"
APPEND_ONLY = "rows here are append-only; they are never changed or deleted"


def refuse(
    *, name: str, operation: pgtrigger.Operation, rule: str, condition: Any = None
) -> LockTrigger:
    """A row-level BEFORE trigger refusing ``operation`` (when ``condition`` holds)."""
    return LockTrigger(
        name=name,
        when=pgtrigger.Before,
        operation=operation,
        condition=condition,
        func=f"{refusal(rule)} RETURN NULL;",
    )


def never_truncated(rule: str = NEVER_DELETED) -> LockTrigger:
    return LockTrigger(
        name="never_truncated",
        when=pgtrigger.Before,
        operation=pgtrigger.Truncate,
        level=pgtrigger.Statement,
        func=f"{refusal(rule)} RETURN NULL;",
    )


def never_deleted(rule: str = NEVER_DELETED) -> list[pgtrigger.Trigger]:
    """Refuse DELETE and TRUNCATE: the one helper every clinical table uses."""
    return [
        refuse(name="never_deleted", operation=pgtrigger.Delete, rule=rule),
        never_truncated(rule),
    ]


def append_only(rule: str = APPEND_ONLY) -> list[pgtrigger.Trigger]:
    """Refuse UPDATE, DELETE and TRUNCATE: audit rows, signatures, addenda, history."""
    return [
        refuse(name="append_only", operation=pgtrigger.Update | pgtrigger.Delete, rule=rule),
        never_truncated(rule),
    ]


class Changed(pgtrigger.Condition):
    """True when an UPDATE changes any of the given columns (by field name)."""

    def __init__(self, *fields: str) -> None:
        self.fields = fields
        super().__init__(sql="built per model in resolve()")

    def resolve(self, model: type[models.Model]) -> str:
        columns = [model._meta.get_field(f).column for f in self.fields]  # type: ignore[union-attr]
        return " OR ".join(f'OLD."{c}" IS DISTINCT FROM NEW."{c}"' for c in columns)


def locked_once(*, name: str, sql: str, rule: str) -> LockTrigger:
    """Refuse every UPDATE of a row once ``sql`` (about ``OLD``) holds: it is final."""
    return refuse(
        name=name, operation=pgtrigger.Update, rule=rule, condition=pgtrigger.Condition(sql)
    )


def track(*trackers: Any, **kwargs: Any) -> Any:
    """``pghistory.track`` whose event table is append-only by triggers that cannot be
    switched off (pghistory's own ``append_only`` uses a plain, ignorable Protect)."""
    return pghistory.track(*trackers, append_only=False, meta={"triggers": append_only()}, **kwargs)


def trigger_migrations_skip_model_reload() -> None:
    """Make pgtrigger's AddTrigger/RemoveTrigger record the trigger in the migration state
    without re-rendering the model and its relations each time.

    Why: our ~340 trigger operations re-rendered models about 750 times, close to half of a
    fresh ``migrate`` (the test database, ``make demo``'s first start). Nothing reads the
    rendered model's triggers between operations: installing uses the operation's own compiled
    trigger, and the next real model change renders from the updated options. The schema
    ``migrate`` builds is the same either way (compared with ``pg_dump --schema-only``), and
    ``makemigrations`` still sees every trigger, since it reads the same options.
    """
    from pgtrigger import migrations

    def add_forwards(self: Any, app_label: str, state: Any) -> None:
        model_state = state.models[app_label, self.model_name]
        model_state.options["triggers"] = [*model_state.options.get("triggers", []), self.trigger]

    def remove_forwards(self: Any, app_label: str, state: Any) -> None:
        model_state = state.models[app_label, self.model_name]
        kept = [t for t in model_state.options.get("triggers", []) if t.name != self.name]
        model_state.options["triggers"] = kept

    migrations.AddTrigger.state_forwards = add_forwards  # type: ignore[method-assign]
    migrations.RemoveTrigger.state_forwards = remove_forwards  # type: ignore[method-assign]
