"""Demo data of the family app: each part seeds through its own services."""

from __future__ import annotations

from typing import Any

from family.demo_aftercare import seed_aftercare
from family.demo_group import seed_group
from family.demo_people import seed_people
from family.demo_sessions import seed_sessions


def seed(context: dict[str, Any]) -> None:
    # The clients' people first: most clients have some, some without consent, one marked
    # do not contact; every later part draws on them.
    seed_people(context)
    # Family sessions with the people whose consent covers appointment times.
    seed_sessions(context)
    # The multi-family group: its roster is drawn from those people (consent to appointments).
    seed_group(context)
    # The family aftercare plans: one signed for a client near discharge, one draft.
    seed_aftercare(context)
