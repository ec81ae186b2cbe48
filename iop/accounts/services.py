from __future__ import annotations

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.db import transaction
from django.urls import reverse

from iop.accounts.models import Membership, Program, User
from iop.notifications.services import outbox_enqueue


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
    base_url: str,
) -> User:
    """Create the account without a password and email a link to choose one."""
    user = User.objects.create_user(
        email, password=None, first_name=first_name, last_name=last_name, credentials=credentials
    )
    Membership.objects.create(user=user, program=program, role=role, created_by=by)
    token = default_token_generator.make_token(user)
    link = base_url + reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": token},
    )
    outbox_enqueue(
        channel="email",
        recipient=user.email,
        subject="Your clinic account",
        body=(
            f"Hello {first_name},\n\n{by.get_full_name() or 'An administrator'} has created an "
            f"account for you. Choose your password here:\n\n{link}\n\n"
            "You will then be asked to set up two-factor authentication."
        ),
        dedupe_key=f"staff-invite:{user.pk}",
    )
    return user
