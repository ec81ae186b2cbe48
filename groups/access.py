"""Who may see and change groups: a group outside the user's programs is a 404.

Scoped querysets are ``Group.objects.visible_to(user, capability)``; this module holds the
one fetch-and-check helper per protected object, for the group pages and services alike.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from groups.models import Group, RosterEntry
from iop.accounts import permissions
from iop.accounts.models import Program, User


def get_group_for(user: Any, group_id: UUID, capability: str) -> Group:
    groups = Group.objects.visible_to(user, capability).select_related("program", "kind")
    return get_object_or_404(groups, pk=group_id)


def facilitator_choices(program: Program) -> QuerySet[User]:
    """Who may facilitate a group: staff who may lead a session in the program."""
    return permissions.users_with(program, permissions.LEAD_SESSIONS).order_by(
        "last_name", "first_name"
    )


def get_roster_entry_for(group: Group, entry_id: UUID) -> RosterEntry:
    """A current roster entry of this group (the group was fetched and checked already)."""
    entries = RosterEntry.objects.current().select_related("episode__client")
    return get_object_or_404(entries, group=group, pk=entry_id)
