"""What the apps above scheduling add beside each attendee on the session page
(docs/architecture.md): e.g. relapse_prevention's inline check-in.

scheduling must not import those apps, so each registers an extra from its AppConfig.ready:
a title, a template rendered once per attendee (``row`` is what the extra built for that
attendee) and a builder that reads what it needs for all the session's attendees in a fixed
number of queries. The page shows an extra to users holding its capability in the session's
program; a builder returning None hides it (e.g. a cancelled session).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scheduling.models import Session, SessionAttendee


@dataclass(frozen=True)
class AttendeeExtra:
    key: str
    order: int
    title: str
    template: str
    capability: str
    # (user, session, expected attendees) -> {attendee id: row context}, or None to hide.
    rows: Callable[[Any, Session, list[SessionAttendee]], dict[Any, dict[str, Any]] | None]
    intro: str = ""


@dataclass(frozen=True)
class ShownExtra:
    extra: AttendeeExtra
    rows: list[tuple[SessionAttendee, dict[str, Any]]]


_extras: dict[str, AttendeeExtra] = {}


def register_attendee_extra(extra: AttendeeExtra) -> None:
    _extras[extra.key] = extra


def attendee_extras(
    user: Any, session: Session, expected: list[SessionAttendee]
) -> list[ShownExtra]:
    from iop.accounts import permissions

    shown = []
    for extra in sorted(_extras.values(), key=lambda e: e.order):
        if not expected or not permissions.can(user, extra.capability, session.program):
            continue
        rows = extra.rows(user, session, expected)
        if rows is not None:
            shown.append(ShownExtra(extra, [(a, rows.get(a.pk, {})) for a in expected]))
    return shown
