"""The census figures treatment_plans counts: first plans and reviews due soon or overdue.
Registered in ``iop.dashboard.registry`` from TreatmentPlansConfig.ready()."""

from __future__ import annotations

import datetime
from typing import Any

from iop.dashboard.registry import CensusRow, register_census_figure
from treatment_plans.services.reviews import (
    DUE_SOON_DAYS,
    DueRow,
    plans_due_counts,
    plans_due_or_overdue,
)


def _due(program: Any, today: datetime.date, *, overdue_only: bool) -> list[DueRow]:
    rows = plans_due_or_overdue(program_ids=[program.pk], today=today)
    return [r for r in rows if r.status.is_overdue] if overdue_only else rows


def _row(due: DueRow) -> CensusRow:
    return CensusRow(due.client, f"{due.kind.label} {due.status.text}")


def due_count(program: Any, today: datetime.date) -> int:
    return plans_due_counts(program_ids=[program.pk], today=today)[0]


def due_rows(program: Any, today: datetime.date, part: str = "") -> list[CensusRow]:
    return [_row(r) for r in _due(program, today, overdue_only=False)]


def overdue_count(program: Any, today: datetime.date) -> int:
    return plans_due_counts(program_ids=[program.pk], today=today)[1]


def overdue_rows(program: Any, today: datetime.date, part: str = "") -> list[CensusRow]:
    return [_row(r) for r in _due(program, today, overdue_only=True)]


def register() -> None:
    register_census_figure(
        "plans_due",
        "Plans due or overdue",
        due_count,
        due_rows,
        order=30,
        help=f"First plans and reviews due within {DUE_SOON_DAYS} days, or past due.",
    )
    register_census_figure(
        "plans_overdue", "Plans overdue", overdue_count, overdue_rows, order=35, attention=True
    )
