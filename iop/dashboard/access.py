"""Whose census a user reads: the programs they direct (VIEW_CENSUS). A figure of any
other program is a 404; the figures themselves come from the apps through the registry."""

from __future__ import annotations

from typing import Any

from iop.accounts import permissions
from iop.accounts.models import Program


def census_programs(user: Any) -> list[Program]:
    return list(permissions.programs_with(user, permissions.VIEW_CENSUS).order_by("name"))
