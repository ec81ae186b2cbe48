"""Raising a safety alert the way the clinic does: a PHQ-9 with item 9 above 0."""

from __future__ import annotations

import datetime
from typing import Any

import time_machine

from intake.models import SafetyAlert
from intake.services.instruments import instrument_record
from iop.accounts.models import User

PHQ9_ITEM9 = {str(k): 0 for k in range(1, 9)} | {"9": 1}
# Words an email read over a shoulder must not carry.
CLINICAL_WORDS = ("suicid", "risk", "phq", "c-ssrs", "safety", "alert", "self-harm", "crisis")


def alert_raise(client: Any, by: User, when: datetime.datetime | None = None) -> SafetyAlert:
    """Record a PHQ-9 with item 9 answered "several days" for ``client`` (a Client, or a
    factory's result); returns the alert it raised."""
    if when is None:
        result = instrument_record(client=client, instrument="phq9", answers=PHQ9_ITEM9, by=by)
    else:
        with time_machine.travel(when, tick=False):
            result = instrument_record(client=client, instrument="phq9", answers=PHQ9_ITEM9, by=by)
    return result.safety_alerts.get()
