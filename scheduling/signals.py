"""Scheduling's answer to kernel events."""

from __future__ import annotations

import datetime
from typing import Any

from iop.clients.models import Episode


def release_future_sessions(
    sender: Any, *, episode: Episode, discharged_on: datetime.date, by: Any, **kwargs: Any
) -> None:
    """On discharge: off every future session, roster and waitlist (same transaction)."""
    from scheduling.services.enrolment import episode_leave_future_sessions

    episode_leave_future_sessions(
        episode=episode,
        left_on=discharged_on,
        reason=f"Discharged ({episode.get_discharge_reason_display().lower()})",
        actor=by,
    )
