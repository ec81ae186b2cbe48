"""The group kinds every program starts with (loaded by a data migration)."""

from __future__ import annotations

from typing import Any

MULTI_FAMILY_CODE = "family-education"
MULTI_FAMILY_NAME = "Family education (multi-family group)"

BUILT_IN_KINDS = [
    ("process", "Process group"),
    ("skills", "Skills group"),
    ("psychoeducation", "Psychoeducation"),
    ("relapse-prevention", "Relapse prevention"),
    ("trauma-focused", "Trauma-focused"),
    # Its roster is of the clients' people, not clients (the family app keeps it).
    ("family-education", MULTI_FAMILY_NAME),
]


def group_kinds_load(group_kind_model: Any) -> None:
    for code, name in BUILT_IN_KINDS:
        group_kind_model.objects.get_or_create(program=None, code=code, defaults={"name": name})
