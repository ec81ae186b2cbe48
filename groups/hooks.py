"""What the apps above groups plug into it (docs/architecture.md).

groups sits below scheduling: it holds group definitions, facilitators, curricula and rosters,
and must not import scheduling. Scheduling owns the sessions a roster is expected at, so it
registers (from its AppConfig.ready) what happens to sessions when a roster changes, and what
the group page shows about sessions.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from groups.models import Group, RosterEntry
    from iop.accounts.models import User


@dataclass(frozen=True)
class RosterListener:
    """Called inside roster_add / roster_remove's transaction, with the group row locked.

    ``joined`` may refuse the change by raising ValidationError (e.g. a session already full),
    which rolls the roster change back."""

    key: str
    # (entry, on, actor): a member joined from ``on``.
    joined: Callable[[RosterEntry, datetime.date, User], None]
    # (entry, left_on, reason): a member left from ``left_on``.
    left: Callable[[RosterEntry, datetime.date, str], None]


_listeners: dict[str, RosterListener] = {}
# Each provider adds keys to the group page's context (e.g. "upcoming" sessions).
_page_context: dict[str, Callable[[Group], dict[str, Any]]] = {}


def register_roster_listener(listener: RosterListener) -> None:
    _listeners[listener.key] = listener


def roster_listeners() -> list[RosterListener]:
    return list(_listeners.values())


def register_group_page_context(key: str, provider: Callable[[Group], dict[str, Any]]) -> None:
    _page_context[key] = provider


def group_page_context(group: Group) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for provider in _page_context.values():
        context.update(provider(group))
    return context


@dataclass(frozen=True)
class PageLink:
    """A link the group page shows for an app above groups (e.g. the family app's roster
    of a multi-family group), with a line saying what is there."""

    label: str
    url: str
    note: str = ""
    # The group's members are kept by that app (e.g. a multi-family group's roster of
    # family members): the page then leaves out its own client roster and waitlist.
    replaces_roster: bool = False


# (group, user) -> links to show on that group's page; [] for groups the provider ignores.
_page_links: dict[str, Callable[[Group, Any], list[PageLink]]] = {}


def register_group_page_links(key: str, provider: Callable[[Group, Any], list[PageLink]]) -> None:
    _page_links[key] = provider


def group_page_links(group: Group, user: Any) -> list[PageLink]:
    return [link for provider in _page_links.values() for link in provider(group, user)]
