from __future__ import annotations

import time
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from iop.accounts import permissions
from iop.accounts.access import deciding_program_ids, get_membership_awaiting_for
from iop.accounts.decorators import capability_required
from iop.accounts.forms import InviteStaffForm
from iop.accounts.middleware import LAST_ACTIVITY_KEY, idle_timeout_seconds
from iop.accounts.models import Membership
from iop.accounts.services import (
    invitation_accept,
    invitation_find,
    membership_decide,
    needs_director,
    staff_invite,
)
from iop.http import AuthedRequest, posted


@require_http_methods(["GET", "POST"])
@capability_required(permissions.MANAGE_STAFF)
def staff(request: AuthedRequest) -> HttpResponse:
    programs = permissions.programs_with(request.user, permissions.MANAGE_STAFF)
    form = InviteStaffForm(posted(request), programs=programs)
    if request.method == "POST" and form.is_valid():
        pending = needs_director(
            role=form.cleaned_data["role"], program=form.cleaned_data["program"], by=request.user
        )
        user = staff_invite(**form.cleaned_data, by=request.user)
        note = " Their role starts once a director of the program approves it." if pending else ""
        messages.success(request, f"Invitation sent to {user.email}.{note}")
        return redirect("accounts:staff")
    memberships = (
        Membership.objects.filter(program__in=programs)
        .select_related("user", "program", "created_by")
        .order_by("program__name", "user__last_name", "user__first_name")
    )
    deciding = deciding_program_ids(request.user)
    awaiting = [m for m in memberships if m.awaiting_approval]
    return render(
        request,
        "accounts/staff.html",
        {
            "form": form,
            "memberships": [m for m in memberships if not m.awaiting_approval],
            "awaiting": awaiting,
            "deciding_program_ids": deciding,
        },
    )


@require_POST
@capability_required(permissions.GRANT_CLINICAL_ROLES)
def membership_decision(request: AuthedRequest, membership_id: UUID) -> HttpResponse:
    """A director approves or declines a role; other programs' requests are not found."""
    membership = get_membership_awaiting_for(request.user, membership_id)
    approve = request.POST.get("decision") == "approve"
    membership_decide(membership=membership, by=request.user, approve=approve)
    verb = "approved" if approve else "declined"
    messages.success(
        request,
        f"{membership.get_role_display()} for {membership.user.get_full_name()} {verb}.",
    )
    return redirect("accounts:staff")


INVITATION_REFUSALS = {
    "unknown": "This link is not valid. Check that the whole link from the email was opened, "
    "or ask your administrator for a new invitation.",
    "used": "This link has already been used to choose a password. Sign in with that "
    "password, or ask your administrator for a new invitation.",
    "expired": "This link has expired. Ask your administrator to send you a new invitation.",
}


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The invitation's set-password page: works once, until the link expires."""
    found = invitation_find(token)
    if found is None:
        refusal = "unknown"
    elif found.used_at is not None:
        refusal = "used"
    elif found.expires_at <= timezone.now():
        refusal = "expired"
    else:
        refusal = ""
    if found is None or refusal:
        context = {"refusal": INVITATION_REFUSALS[refusal]}
        return render(request, "accounts/invitation.html", context)
    form = SetPasswordForm(found.user, posted(request))
    # One plain sentence instead of Django's bulleted validator list (same rules, calmer page).
    form.fields["new_password1"].help_text = (
        "At least 12 characters, not a common password, not only numbers, "
        "and not close to your name or email address."
    )
    if request.method == "POST" and form.is_valid():
        invitation_accept(invitation=found, password=form.cleaned_data["new_password1"])
        messages.success(request, "Your password is set. Sign in to continue.")
        return redirect("account_login")
    return render(request, "accounts/invitation.html", {"form": form, "invited": found.user})


@require_GET
@login_required
def session_status(request: AuthedRequest) -> JsonResponse:
    """Seconds left before idle logoff; polled by the warning script, not counted as activity."""
    last = float(request.session.get(LAST_ACTIVITY_KEY, time.time()))
    remaining = max(0, int(idle_timeout_seconds(request) - (time.time() - last)))
    return JsonResponse({"seconds_remaining": remaining})


@require_POST
@login_required
def session_keepalive(request: AuthedRequest) -> JsonResponse:
    """'Stay signed in': the middleware has already renewed the activity time."""
    return JsonResponse({"seconds_remaining": idle_timeout_seconds(request)})
