from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.accounts.forms import InviteStaffForm
from iop.accounts.middleware import LAST_ACTIVITY_KEY, idle_timeout_seconds
from iop.accounts.models import Membership
from iop.accounts.services import staff_invite
from iop.http import AuthedRequest, posted


@require_http_methods(["GET", "POST"])
@capability_required(permissions.MANAGE_STAFF)
def staff(request: AuthedRequest) -> HttpResponse:
    programs = permissions.programs_with(request.user, permissions.MANAGE_STAFF)
    form = InviteStaffForm(posted(request), programs=programs)
    if request.method == "POST" and form.is_valid():
        user = staff_invite(
            **form.cleaned_data, by=request.user, base_url=request.build_absolute_uri("/")[:-1]
        )
        messages.success(request, f"Invitation sent to {user.email}.")
        return redirect("accounts:staff")
    memberships = (
        Membership.objects.filter(program__in=programs)
        .select_related("user", "program")
        .order_by("program__name", "user__last_name", "user__first_name")
    )
    return render(request, "accounts/staff.html", {"form": form, "memberships": memberships})


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
