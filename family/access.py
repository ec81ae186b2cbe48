"""Who may see and change a client's people: one fetch-and-check helper per protected object.

Used by the family views and services alike. A link, person or record outside the user's
programs (for the capability asked) is a 404; a capability the user lacks everywhere is a
403 (the view decorators).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.shortcuts import get_object_or_404

from family.consents import with_consents
from family.models import ClientPerson, FamilyAftercarePlan
from iop.accounts import permissions
from iop.clients.models import Client, Episode


def get_family_client_for(user: Any, client_id: UUID, capability: str) -> Client:
    """The client whose people are asked for, with the chart header: 404 elsewhere."""
    from iop.clients.access import get_client_for

    return get_client_for(user, client_id, capability, chart_header=True)


def get_client_person_for(user: Any, link_id: UUID, capability: str) -> ClientPerson:
    """One of a client's people, with its consents, in the user's programs (404 elsewhere)."""
    links = with_consents(
        ClientPerson.objects.visible_to(user, capability).select_related(
            "person", "client__program", "do_not_contact_recorded_by"
        )
    )
    return get_object_or_404(links, pk=link_id)


def check_can(user: Any, capability: str, client: Client) -> None:
    """Services call this before a write: the actor must hold ``capability`` in the program."""
    check_can_in(user, capability, client.program, "You cannot change this client's people.")


def get_family_session_for(user: Any, session_id: UUID, capability: str) -> Any:
    """A family session (scheduling's, kind "family") in the user's programs: 404 elsewhere."""
    from scheduling.access import get_session_for
    from scheduling.models import SessionKind

    session = get_session_for(user, session_id, capability)
    if session.kind != SessionKind.FAMILY:
        from django.http import Http404

        raise Http404("Not a family session.")
    return session


# ---------------------------------------------------------------- the multi-family group


def family_groups_visible(user: Any, capability: str) -> Any:
    """Multi-family groups (the built-in family education kind) in the user's programs."""
    from groups.kinds import MULTI_FAMILY_CODE
    from groups.models import Group

    return Group.objects.visible_to(user, capability).filter(
        kind__code=MULTI_FAMILY_CODE, kind__program__isnull=True
    )


def get_family_group_for(user: Any, group_id: UUID, capability: str) -> Any:
    """A multi-family group of the user's programs; any other group, or elsewhere: 404."""
    groups = family_groups_visible(user, capability).select_related("program", "kind")
    return get_object_or_404(groups, pk=group_id)


def get_family_group_session_for(user: Any, session_id: UUID, capability: str) -> Any:
    """A session of a multi-family group in the user's programs (404 otherwise)."""
    from groups.kinds import MULTI_FAMILY_CODE
    from scheduling.models import Session

    sessions = (
        Session.objects.visible_to(user, capability)
        .filter(group__kind__code=MULTI_FAMILY_CODE, group__kind__program__isnull=True)
        .select_related("program", "group", "room")
    )
    return get_object_or_404(sessions, pk=session_id)


def get_family_group_member_for(user: Any, group: Any, member_id: UUID, capability: str) -> Any:
    """One roster row of this group (the group already checked for the user)."""
    from family.models import FamilyGroupMember

    if not permissions.can(user, capability, group.program):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("You cannot change this group's roster.")
    members = FamilyGroupMember.objects.filter(group=group).select_related(
        "client_person__person", "client_person__client"
    )
    return get_object_or_404(members, pk=member_id)


def check_can_in(user: Any, capability: str, program: Any, message: str) -> None:
    """Services call this before a write about a program (not one client)."""
    from django.core.exceptions import PermissionDenied

    if not permissions.can(user, capability, program):
        raise PermissionDenied(message)


# ---------------------------------------------------------------- the family aftercare plan

AFTERCARE_READ = permissions.VIEW_FAMILY
AFTERCARE_WRITE = permissions.EDIT_PLANS
NOT_AN_AFTERCARE_WRITER = (
    "Only the program's clinicians and directors write the family aftercare plan."
)


def can_edit_family_aftercare(user: Any, client: Client) -> bool:
    """Writing the plan is clinical planning (EDIT_PLANS); reading it needs VIEW_FAMILY too,
    which the views ask first."""
    return permissions.can(user, AFTERCARE_WRITE, client.program) and permissions.can(
        user, AFTERCARE_READ, client.program
    )


def aftercare_write_check(user: Any, client: Client) -> None:
    """The services' own check: a write by anyone else is refused, whoever calls them."""
    from django.core.exceptions import PermissionDenied

    if not can_edit_family_aftercare(user, client):
        raise PermissionDenied(NOT_AN_AFTERCARE_WRITER)


def get_family_copy_for(user: Any, report_id: UUID) -> Any:
    """A family copy (by its report's id) of a client in the user's programs; 404 elsewhere."""
    from family.models import FamilyCopy

    copies = FamilyCopy.objects.visible_to(user, AFTERCARE_READ).select_related(
        "report__client__program", "report__requested_by", "client", "client_person__person"
    )
    return get_object_or_404(copies, report_id=report_id)


def get_family_aftercare_draft_for(client: Client, episode: Episode | None) -> FamilyAftercarePlan:
    """The draft family aftercare plan of the client's episode, which a write changes; 404
    when there is none (the client was fetched and checked already)."""
    drafts = FamilyAftercarePlan.objects.drafts().filter(client=client, episode=episode)
    return get_object_or_404(drafts.select_related("client__program", "program"))


def get_family_aftercare_in_effect_for(
    client: Client, episode: Episode | None
) -> FamilyAftercarePlan:
    """The family aftercare plan in effect for the client's episode; 404 when there is none."""
    in_effect = FamilyAftercarePlan.objects.in_effect().filter(client=client, episode=episode)
    return get_object_or_404(in_effect.select_related("client"))
