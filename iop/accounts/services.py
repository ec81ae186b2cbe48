from __future__ import annotations

import hashlib
import re
import secrets
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from iop.accounts import permissions
from iop.accounts.access import can_decide_membership
from iop.accounts.models import CLINICAL_ROLES, Membership, Program, Role, StaffInvitation, User
from iop.audit.models import AuditAction, AuditEvent
from iop.notifications.services import outbox_enqueue

# The outbox keeps this reference, never the link: the token is made as the email is sent.
INVITATION_LINK_MARK = "[invitation-link:{pk}]"
INVITATION_LINK_RE = re.compile(r"\[invitation-link:([0-9a-f-]{36})\]")


def _audit(*, action: str, by: User | None, program: Program, obj: Any, summary: str) -> None:
    AuditEvent.objects.create(
        action=action,
        actor=by,
        program=program,
        client=None,
        object_type=obj._meta.label,
        object_id=obj.pk,
        summary=summary[:300],
    )


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def needs_director(*, role: str, program: Program, by: User) -> bool:
    """A clinical role granted by someone who may not grant it waits for a director."""
    return role in CLINICAL_ROLES and not permissions.can(
        by, permissions.GRANT_CLINICAL_ROLES, program
    )


@transaction.atomic
def staff_invite(
    *,
    email: str,
    first_name: str,
    last_name: str,
    credentials: str,
    program: Program,
    role: str,
    by: User,
) -> User:
    """Create the account without a password and email a link to choose one.

    A clinical role from an administrator is recorded but inactive until a director of the
    program approves it, so creating an account never opens client records by itself.
    """
    user = User.objects.create_user(
        email, password=None, first_name=first_name, last_name=last_name, credentials=credentials
    )
    pending = needs_director(role=role, program=program, by=by)
    membership = Membership.objects.create(
        user=user,
        program=program,
        role=role,
        created_by=by,
        active=not pending,
        awaiting_approval=pending,
    )
    role_label = Role(role).label
    _audit(
        action=AuditAction.STAFF_INVITED,
        by=by,
        program=program,
        obj=user,
        summary=f"Invited {user.email} to {program.name}",
    )
    _audit(
        action=AuditAction.ROLE_REQUESTED if pending else AuditAction.ROLE_GRANTED,
        by=by,
        program=program,
        obj=membership,
        summary=f"{role_label} for {user.get_full_name()} ({user.email})"
        + (", awaiting a director's approval" if pending else ""),
    )
    invitation_send(user=user, by=by)
    return user


def invitation_send(*, user: User, by: User) -> StaffInvitation:
    """A new invitation replaces any earlier one (their links stop working)."""
    now = timezone.now()
    user.invitations.filter(used_at__isnull=True).update(expires_at=now)
    invitation = StaffInvitation.objects.create(
        user=user, expires_at=StaffInvitation.default_expiry(now), created_by=by
    )
    hours = settings.IOP_INVITATION_HOURS
    outbox_enqueue(
        channel="email",
        recipient=user.email,
        subject="Your clinic account",
        body=(
            f"Hello {user.first_name},\n\n{by.get_full_name() or 'An administrator'} has created "
            f"an account for you. Choose your password here (the link works once, for "
            f"{hours} hours):\n\n{INVITATION_LINK_MARK.format(pk=invitation.pk)}\n\n"
            "You will then be asked to set up two-factor authentication."
        ),
        dedupe_key=f"staff-invite:{invitation.pk}",
    )
    return invitation


def invitation_link_issue(*, invitation_id: str) -> str:
    """Called as the email is sent: a fresh token, of which only the hash is stored."""
    token = secrets.token_urlsafe(32)
    StaffInvitation.objects.filter(pk=invitation_id, used_at__isnull=True).update(
        token_hash=token_hash(token)
    )
    return settings.IOP_BASE_URL + reverse("accounts:invitation_accept", args=[token])


def invitation_links_fill(body: str) -> str:
    return INVITATION_LINK_RE.sub(lambda m: invitation_link_issue(invitation_id=m[1]), body)


def invitation_find(token: str) -> StaffInvitation | None:
    if not token:
        return None
    return (
        StaffInvitation.objects.select_related("user").filter(token_hash=token_hash(token)).first()
    )


@transaction.atomic
def invitation_accept(*, invitation: StaffInvitation, password: str) -> User:
    """Set the password and spend the link; a second use, or a late one, is refused."""
    locked = StaffInvitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.used_at is not None or locked.expires_at <= timezone.now():
        raise ValueError("This invitation link can no longer be used.")
    user = locked.user
    user.set_password(password)
    user.save(update_fields=["password"])
    locked.used_at = timezone.now()
    locked.save(update_fields=["used_at", "updated_at"])
    return user


@transaction.atomic
def membership_decide(*, membership: Membership, by: User, approve: bool) -> Membership:
    """A director approves or declines a role an administrator granted."""
    locked = Membership.objects.select_for_update().select_related("user", "program")
    membership = locked.get(pk=membership.pk)
    if not can_decide_membership(by, membership):
        raise PermissionError("Only a director of the program can decide this role.")
    membership.awaiting_approval = False
    membership.active = approve
    membership.decided_by = by
    membership.decided_at = timezone.now()
    membership.save(
        update_fields=["awaiting_approval", "active", "decided_by", "decided_at", "updated_at"]
    )
    _audit(
        action=AuditAction.ROLE_APPROVED if approve else AuditAction.ROLE_DECLINED,
        by=by,
        program=membership.program,
        obj=membership,
        summary=f"{membership.get_role_display()} for {membership.user.get_full_name()} "
        f"({membership.user.email})",
    )
    return membership


def program_settings_record(*, program: Program, changed: list[str], by: User) -> None:
    """Written by the admin's save, in its transaction: which settings changed, and by whom."""
    if not changed:
        return
    labels = [str(getattr(Program._meta.get_field(name), "verbose_name", name)) for name in changed]
    _audit(
        action=AuditAction.PROGRAM_SETTINGS_CHANGED,
        by=by,
        program=program,
        obj=program,
        summary="Changed " + ", ".join(labels),
    )
