"""Links to the multi-family group's family pages from groups' group page and scheduling's
session page (their registries: groups/hooks.py, scheduling/session_links.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from iop.accounts import permissions


def _is_family(group: Any) -> bool:
    from groups.kinds import MULTI_FAMILY_CODE

    return bool(group) and group.kind.code == MULTI_FAMILY_CODE and group.kind.program_id is None


def group_links(group: Any, user: Any) -> list[Any]:
    from groups.hooks import PageLink

    if not _is_family(group) or not permissions.can(user, permissions.VIEW_FAMILY, group.program):
        return []
    return [
        PageLink(
            "Family roster and attendance",
            reverse("family:group", args=[group.pk]),
            "Its members are the clients’ family members, not clients: the roster, their "
            "consent to invitations, and who came to each session.",
            replaces_roster=True,
        )
    ]


def session_links(user: Any, session: Any) -> list[Any]:
    from scheduling.session_links import SessionLink

    group = session.group
    if not _is_family(group) or not permissions.can(user, permissions.VIEW_FAMILY, session.program):
        return []
    return [
        SessionLink(
            "Family attendance",
            reverse("family:group_attendance", args=[session.pk]),
            "Family members attend this group, not clients: their attendance is recorded "
            "on its own page, one row per person and client.",
            replaces_attendance=True,
        )
    ]


def register() -> None:
    from groups.hooks import register_group_page_links
    from scheduling.session_links import register_session_links

    register_group_page_links("family", group_links)
    register_session_links("family", session_links)
