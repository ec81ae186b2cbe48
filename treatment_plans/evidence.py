"""Evidence that plan reviews show beside an objective, contributed by the apps above.

treatment_plans must not import scheduling (docs/architecture.md), yet an attendance objective
is reviewed against the sessions attended. Scheduling registers the counter from its
AppConfig.ready, as apps register chart sections.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

# (episode_id, since, until) -> (sessions attended, sessions with attendance recorded), both
# dates included; sessions the program cancelled count for neither.
AttendanceCounter = Callable[[Any, datetime.date, datetime.date], tuple[int, int]]

_attendance: list[AttendanceCounter] = []


def register_attendance_counter(counter: AttendanceCounter) -> None:
    _attendance[:] = [counter]


def attendance_counts(
    episode_id: Any, since: datetime.date, until: datetime.date
) -> tuple[int, int]:
    """Nothing recorded when no app counts attendance."""
    if not _attendance:
        return 0, 0
    return _attendance[0](episode_id, since, until)
