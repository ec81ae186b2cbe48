"""A medication-management visit booked for a client (as the scheduling tests book one)."""

from __future__ import annotations

import datetime
from typing import Any

from scheduling.models import Session, SessionKind
from scheduling.services.bookings import session_book
from tests.scheduling.factories import local
from tests.scheduling.views_helpers import WED, at

THU = WED + datetime.timedelta(days=1)


def book(program: Any, ep: Any, prescriber: Any, actor: Any) -> Session:
    starts = local(program, THU, 13)
    with at(program, WED, 9):
        return session_book(
            program=program,
            kind=SessionKind.MEDICATION,
            episode=ep,
            staff=prescriber,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(minutes=30),
            telehealth_url="https://meet.example/abc",
            actor=actor,
        )
