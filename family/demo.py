"""Demo data of the family app: each part seeds through its own services."""

from __future__ import annotations

from typing import Any

from family.demo_aftercare import seed_aftercare
from family.demo_people import seed_people


def seed(context: dict[str, Any]) -> None:
    # The clients' people first: most clients have some, some without consent, one marked
    # do not contact; every later part draws on them.
    seed_people(context)
    # The family aftercare plans: one signed for a client near discharge, one draft.
    seed_aftercare(context)
