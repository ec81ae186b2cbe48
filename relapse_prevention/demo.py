"""Demo data of relapse prevention: each part seeds through its own services."""

from __future__ import annotations

from typing import Any

from relapse_prevention.demo_checkins import seed_checkins
from relapse_prevention.demo_plans import seed_plans
from relapse_prevention.demo_processing import seed_processing
from relapse_prevention.demo_random import seed_random
from relapse_prevention.demo_screens import seed_screens
from scheduling.demo_discharges import seed as discharges_seed
from scheduling.demo_level_changes import seed as level_changes_seed


def seed(context: dict[str, Any]) -> None:
    seed_screens(context)
    # Check-ins and lapses (one confirmed by a screen): after the screens, before the flags.
    seed_checkins(context)
    # Changes of level of care keep the record as evidence: after the screens exist.
    level_changes_seed(context)
    # Discharges of several kinds, among the clients no other story uses: after the flags.
    discharges_seed(context)
    # Relapse prevention plans for the clients still in care (after the discharges, so the
    # court date this week is on a client who is), a second version after a lapse review.
    seed_plans(context)
    # Trauma processing sessions and a pacing decision, on the plans already in processing.
    seed_processing(context)
    # Random screening last: today's draw among the clients with a schedule.
    seed_random(context)
