"""How reports write dates, counts and hours (shared by every app that draws a section)."""

from __future__ import annotations

import datetime
from decimal import Decimal

# Session kinds in words, by their stored value (scheduling's SessionKind).
KIND_WORDS = {
    "group": ("group session", "group sessions"),
    "individual": ("individual session", "individual sessions"),
    "family": ("family session", "family sessions"),
    "medication": ("medication management visit", "medication management visits"),
}


def day_text(day: datetime.date) -> str:
    """ "Mar 4, 2026" (US order, no leading zero)."""
    return f"{day:%b} {day.day}, {day.year}"


def weekday_text(day: datetime.date) -> str:
    return f"{day:%a}, {day_text(day)}"


def period_text(start: datetime.date, end: datetime.date) -> str:
    return f"{day_text(start)} to {day_text(end)}"


def plural(count: int | float, one: str, many: str) -> str:
    shown = f"{count:g}" if isinstance(count, float) else str(count)
    return f"{shown} {one if count == 1 else many}"


def hours_text(minutes: int) -> str:
    return f"{Decimal(minutes) / 60:.1f}".removesuffix(".0")
