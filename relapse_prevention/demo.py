"""Demo data of relapse prevention (iop.clients seed_demo runs each app's ``seed``)."""

from __future__ import annotations

from typing import Any


def seed(context: dict[str, Any]) -> None:
    # --- random drug screening (screens-random): keep last, after the panels.
    from relapse_prevention.demo_random import seed_random

    seed_random(context)
