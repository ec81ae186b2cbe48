"""ASAM levels of care as data (CLINICAL.md), each stored with its edition.

Weekly hours are the adult ranges; the program's own minimum for IOP is a program setting.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple


class Level(NamedTuple):
    edition: str
    code: str
    name: str
    min_weekly_hours: Decimal | None
    max_weekly_hours: Decimal | None


D = Decimal
LEVELS: list[Level] = [
    # ASAM Criteria, 3rd edition (2013)
    Level("3", "0.5", "Early intervention", None, None),
    Level("3", "1", "Outpatient", None, D("8.9")),
    Level("3", "2.1", "Intensive outpatient", D("9"), D("19")),
    Level("3", "2.5", "Partial hospitalization", D("20"), None),
    Level("3", "3.1", "Clinically managed low-intensity residential", None, None),
    Level(
        "3", "3.3", "Clinically managed population-specific high-intensity residential", None, None
    ),
    Level("3", "3.5", "Clinically managed high-intensity residential", None, None),
    Level("3", "3.7", "Medically monitored intensive inpatient", None, None),
    Level("3", "4", "Medically managed intensive inpatient", None, None),
    # ASAM Criteria, 4th edition (2023)
    Level("4", "1.0", "Long-term remission monitoring", None, None),
    Level("4", "1.5", "Outpatient therapy", None, D("8.9")),
    Level("4", "1.7", "Medically managed outpatient", None, D("8.9")),
    Level("4", "2.1", "Intensive outpatient", D("9"), D("19")),
    Level("4", "2.5", "High-intensity outpatient", D("20"), None),
    Level("4", "2.7", "Medically managed intensive outpatient", D("20"), None),
    Level("4", "3.1", "Clinically managed low-intensity residential", None, None),
    Level("4", "3.5", "Clinically managed high-intensity residential", None, None),
    Level("4", "3.7", "Medically managed residential", None, None),
    Level("4", "4", "Medically managed inpatient", None, None),
]


def levels_of_care_load(level_model: Any) -> None:
    """Insert or update every level; used by the data migration and after test flushes."""
    for order, level in enumerate(LEVELS):
        level_model.objects.update_or_create(
            edition=level.edition,
            code=level.code,
            defaults={
                "name": level.name,
                "min_weekly_hours": level.min_weekly_hours,
                "max_weekly_hours": level.max_weekly_hours,
                "ordering": order,
            },
        )
