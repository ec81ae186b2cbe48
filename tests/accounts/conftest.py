from __future__ import annotations

import time

import pytest
import time_machine


@pytest.fixture
def frozen_clock():
    """TOTP codes change every 30 s; stop the clock so a code stays valid for the test."""
    with time_machine.travel(time.time(), tick=False) as traveller:
        yield traveller
