"""users_with(program, capability): the staff a menu or a notice may name, by what they may
do, never by a list of roles written beside the query."""

from __future__ import annotations

import pytest

from iop.accounts import permissions
from iop.accounts.models import Membership, Role
from tests.factories import member

pytestmark = pytest.mark.django_db


def test_users_with_names_the_roles_that_hold_the_capability_in_that_program(
    program, other_program, staff
):
    member(Role.PRESCRIBER, other_program)
    assert set(permissions.users_with(program, permissions.PRESCRIBE)) == {staff[Role.PRESCRIBER]}
    assert set(permissions.users_with(program, permissions.LEAD_SESSIONS)) == {
        staff[Role.CLINICIAN],
        staff[Role.PRESCRIBER],
        staff[Role.DIRECTOR],
    }
    assert set(permissions.users_with(program, permissions.COSIGN_PLAN)) == {staff[Role.DIRECTOR]}


def test_users_with_leaves_out_inactive_people_and_grants_awaiting_approval(program, staff):
    director = staff[Role.DIRECTOR]
    director.is_active = False
    director.save(update_fields=["is_active"])
    pending = member(Role.DIRECTOR, program)
    Membership.objects.filter(user=pending).update(active=False, awaiting_approval=True)
    assert not permissions.users_with(program, permissions.COSIGN_PLAN).exists()


def test_users_with_lists_a_person_with_two_roles_once(program, staff):
    director = staff[Role.DIRECTOR]
    Membership.objects.create(user=director, program=program, role=Role.CLINICIAN)
    assert list(permissions.users_with(program, permissions.EDIT_PLANS)).count(director) == 1


def test_the_renamed_capabilities_keep_who_may_do_what(program, staff):
    """Contact editing, discharge and plan co-signature are held by exactly the roles that
    held the capabilities guarding them before (VIEW_CLIENTS, APPROVE_LEVEL_CHANGE,
    COSIGN_NOTES), so no page opens or closes for anyone."""
    for new, old in [
        (permissions.EDIT_CONTACT_DETAILS, permissions.VIEW_CLIENTS),
        (permissions.DISCHARGE, permissions.APPROVE_LEVEL_CHANGE),
        (permissions.COSIGN_PLAN, permissions.COSIGN_NOTES),
    ]:
        assert permissions.roles_with(new) == permissions.roles_with(old)


def test_an_unknown_capability_is_an_error():
    with pytest.raises(ValueError, match="Unknown capability"):
        permissions.roles_with("discharg")


def test_no_role_is_named_outside_the_accounts_kernel():
    """Access is asked by capability: a role written in an app's code (a role list beside a
    query, a role compared in a check) would bypass the one table in permissions.py."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    # The table itself, the Role enum, and demo seeding (which gives people their roles).
    allowed = {"iop/accounts/permissions.py", "iop/accounts/models.py"}
    named = re.compile(r"\bRole\.[A-Z]|memberships__role\b")
    offenders = [
        str(path.relative_to(root))
        for app in (
            "iop",
            "intake",
            "treatment_plans",
            "scheduling",
            "groups",
            "family",
            "relapse_prevention",
        )  # fmt: skip
        for path in (root / app).rglob("*.py")
        if not {"migrations", "management"} & set(path.parts)
        and path.name != "demo.py"
        and str(path.relative_to(root)) not in allowed
        and named.search(path.read_text())
    ]
    assert offenders == []
