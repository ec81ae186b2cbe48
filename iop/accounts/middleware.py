"""Idle logoff, mandatory MFA for staff, and the program's time zone for each request."""

from __future__ import annotations

import time
from collections.abc import Callable

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from iop.accounts import permissions

LAST_ACTIVITY_KEY = "iop_last_activity"
# Paths that must stay reachable for a user who still has to enrol in MFA or sign in.
OPEN_PREFIXES = ("/accounts/", "/static/", "/healthz", "/session/")


def idle_timeout_seconds(request: HttpRequest) -> int:
    program = permissions.primary_program(request.user)
    minutes = program.idle_timeout_minutes if program else settings.IOP_IDLE_TIMEOUT_MINUTES
    return int(minutes) * 60


class IdleLogoffMiddleware:
    """HIPAA 164.312(a)(2)(iii): end a session after the program's idle time."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            last = request.session.get(LAST_ACTIVITY_KEY)
            if last is not None and now - float(last) > idle_timeout_seconds(request):
                logout(request)
                messages.info(request, "You were signed out after a period of inactivity.")
                if getattr(request, "htmx", False):
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = reverse("account_login")
                    return response
                if request.path.startswith("/session/"):
                    # The warning script reloads the page on 401; the message waits for it.
                    return JsonResponse({"signed_out": True}, status=401)
                return redirect_to_login(request.get_full_path())
            # The idle warning's countdown polls this path; it must not count as activity.
            if request.path != reverse("session_status"):
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)


def passed_mfa(request: HttpRequest) -> bool:
    # allauth keeps the records per user and returns none unless it is told whose they are.
    records = get_authentication_records(request, request.user)  # type: ignore[arg-type]
    return any(record.get("method") == "mfa" for record in records)


class RequireMFAMiddleware:
    """allauth cannot make MFA mandatory, so staff without TOTP are sent to enrol first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.IOP_REQUIRE_MFA
            and request.user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
        ):
            has_totp = Authenticator.objects.filter(
                user=request.user, type=Authenticator.Type.TOTP
            ).exists()
            if not has_totp:
                messages.info(
                    request, "Set up two-factor authentication before opening client records."
                )
                return redirect("mfa_activate_totp")
            if not passed_mfa(request):
                # Signed in by a path that skipped the second factor: start again.
                logout(request)
                messages.info(request, "Sign in again with your password and authenticator code.")
                return redirect("account_login")
        return self.get_response(request)


class ProgramTimezoneMiddleware:
    """Times are stored in UTC and shown in the user's program's time zone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        program = permissions.primary_program(request.user)
        if program is not None:
            timezone.activate(program.zone)
        else:
            timezone.deactivate()
        return self.get_response(request)
