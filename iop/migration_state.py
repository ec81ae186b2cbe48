"""Migration-state speed-ups for a fresh ``migrate`` (the test databases, ``make demo``).

Django re-renders, for each new model, every model related to the models it points at,
recursively; nearly every model here points at the user model, so each ``CreateModel``
re-rendered nearly all of them (about 21,000 renders, three quarters of a fresh migrate).
A new model has no reverse relations yet: rendering it alone registers it in the state's
app registry, which adds its reverse accessors to the models it points at and expires their
cached options, and nothing else changes. The schema ``migrate`` builds is the same
(compared with ``pg_dump --schema-only``), and ``makemigrations`` does not use this path.
"""

from __future__ import annotations

from typing import Any


def create_model_renders_only_itself() -> None:
    from django.db.migrations.state import ProjectState

    def add_model(self: Any, model_state: Any) -> None:
        model_key = model_state.app_label, model_state.name_lower
        self.models[model_key] = model_state
        if self._relations is not None:
            self.resolve_model_relations(model_key)
        if "apps" in self.__dict__:  # hasattr would cache the property
            self._reload({model_key})

    ProjectState.add_model = add_model  # type: ignore[method-assign]
