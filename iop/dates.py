"""Checks for dates that must lie between a sensible past and today (the program's today).

A typo in the year is the usual mistake on intake forms: a referral "received" next
year, a client "born" in 1826. Each check names the date in its message.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError

OLDEST_AGE_YEARS = 120
FURTHEST_AHEAD_YEARS = 10


def _shift_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # February 29th in a year without one
        return day.replace(year=day.year + years, day=28)


def validate_date_of_birth(born: datetime.date, *, today: datetime.date) -> None:
    if born > today:
        raise ValidationError("Date of birth cannot be in the future.", code="future")
    if born < _shift_years(today, -OLDEST_AGE_YEARS):
        raise ValidationError(
            f"Check the year: this date of birth is more than {OLDEST_AGE_YEARS} years ago.",
            code="too_old",
        )


def validate_recent(day: datetime.date, *, today: datetime.date, what: str) -> None:
    """``day`` is today or within the past year: referrals, admissions, revocations."""
    if day > today:
        raise ValidationError(f"{what} cannot be in the future.", code="future")
    if day < _shift_years(today, -1):
        raise ValidationError(f"{what} is more than a year ago. Check the year.", code="too_old")


def validate_upcoming(day: datetime.date, *, today: datetime.date, passed: str) -> None:
    """``day`` is today or later, within ten years: expiry dates and the like."""
    if day < today:
        raise ValidationError(passed, code="past")
    if day > _shift_years(today, FURTHEST_AHEAD_YEARS):
        raise ValidationError(
            f"This is more than {FURTHEST_AHEAD_YEARS} years from today. Check the year.",
            code="too_far",
        )
