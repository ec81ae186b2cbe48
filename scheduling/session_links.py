"""Links the session page shows for the apps above scheduling (docs/architecture.md): e.g.
the family app's attendance page for a session of a multi-family group, whose people are
not clients and so are not on the session's own attendance list.

scheduling must not import those apps, so each registers a provider from its
AppConfig.ready: (user, session) -> the links to show, [] for sessions it has nothing for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scheduling.models import Session


@dataclass(frozen=True)
class SessionLink:
    label: str
    url: str
    note: str = ""
    # The session's attendance is that app's (e.g. family members, not clients): the page
    # then shows this link in place of the client attendance list and walk-in form.
    replaces_attendance: bool = False


_providers: dict[str, Callable[[Any, Session], list[SessionLink]]] = {}


def register_session_links(key: str, provider: Callable[[Any, Session], list[SessionLink]]) -> None:
    _providers[key] = provider


def session_links(user: Any, session: Session) -> list[SessionLink]:
    return [link for provider in _providers.values() for link in provider(user, session)]
