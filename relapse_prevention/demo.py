"""Demo data of relapse prevention: each part seeds through its own services."""

from __future__ import annotations

from typing import Any

from relapse_prevention.demo_random import seed_random
from relapse_prevention.demo_screens import seed_screens


def seed(context: dict[str, Any]) -> None:
    seed_screens(context)
    # Random screening last: today's draw among the clients with a schedule.
    seed_random(context)
