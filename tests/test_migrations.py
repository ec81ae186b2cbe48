"""The migrations describe the models exactly, triggers included."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = io.StringIO()
    # --check exits non-zero (SystemExit) when a migration is missing.
    call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db
def test_the_migration_state_holds_every_model_trigger():
    """Trigger operations skip re-rendering models (iop/locks.py): the state they leave must
    still name each trigger the models declare, or makemigrations would miss a change."""
    from django.apps import apps
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    state = MigrationLoader(connection).project_state()
    for model in apps.get_models():
        declared = {t.name for t in getattr(model._meta, "triggers", [])}
        if not declared:
            continue
        key = (model._meta.app_label, model._meta.model_name)
        recorded = {t.name for t in state.models[key].options.get("triggers", [])}
        assert declared == recorded, key
