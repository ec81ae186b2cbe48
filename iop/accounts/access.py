"""Who decides a role awaiting a director's approval: asked by the staff page and by the
membership decide service alike (a request of another program is a 404)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.shortcuts import get_object_or_404

from iop.accounts import permissions
from iop.accounts.models import Membership

DECIDER = permissions.GRANT_CLINICAL_ROLES


def deciding_program_ids(user: Any) -> set[Any]:
    """The programs where the user approves or declines roles."""
    return permissions.program_ids_with(user, DECIDER)


def can_decide_membership(user: Any, membership: Membership) -> bool:
    return membership.awaiting_approval and permissions.can(user, DECIDER, membership.program)


def get_membership_awaiting_for(user: Any, membership_id: UUID) -> Membership:
    return get_object_or_404(
        Membership.objects.awaiting_approval().select_related("user"),
        pk=membership_id,
        program__in=permissions.programs_with(user, DECIDER),
    )
