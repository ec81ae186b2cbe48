"""A check-in and a lapse of the sample client, for the role matrix (rp-checkins)."""

from __future__ import annotations

from typing import Any

from iop.accounts.models import Role
from tests.relapse_prevention.checkin_helpers import checkin, lapse


def checkin_samples(client_record: Any, staff: dict[str, Any]) -> dict[str, str]:
    episode = client_record.episodes.get()
    clinician = staff[Role.CLINICIAN]
    return {
        "checkin_id": str(checkin(episode, clinician, 3, 6).pk),
        "lapse_id": str(lapse(episode, clinician).pk),
    }
