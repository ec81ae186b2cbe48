from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse

# The internal module, as DefaultAccountAdapter itself uses it: only it hands back the usage
# that a successful sign-in rolls back (allauth is pinned in pyproject.toml).
from allauth.core.internal import ratelimit
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from iop.audit.services import client_ip

# settings.ACCOUNT_RATE_LIMITS: wrong passwords from one address, whichever accounts they name.
FAILED_FROM_ADDRESS = "login_failed_address"


class ClinicAccountAdapter(DefaultAccountAdapter):
    """No public sign-up: administrators invite staff. Sign-in failures are limited per account
    (allauth's "login_failed": the form says the account is locked) and per address (429)."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def get_client_ip(self, request: HttpRequest) -> str:
        """The address the audit log records, so both follow IOP_TRUSTED_PROXY_COUNT."""
        address = client_ip(request)
        if address is None:
            raise PermissionDenied("Unable to determine client IP address")
        return address

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        # A blocked address is refused before its attempt counts against the account; a
        # locked account is refused (password unchecked) without using the address's budget,
        # so an attack on one account does not lock out colleagues behind the same NAT.
        if not ratelimit.consume(
            request, app="allauth.account", action=FAILED_FROM_ADDRESS, dry_run=True
        ):
            raise ImmediateHttpResponse(ratelimit.respond_429(request))
        super().pre_authenticate(request, **credentials)
        self._address_usage = ratelimit.consume(
            request, app="allauth.account", action=FAILED_FROM_ADDRESS
        )
        if self._address_usage is None:  # another worker took the last attempt meanwhile
            raise ImmediateHttpResponse(ratelimit.respond_429(request))

    def authenticate(self, request: HttpRequest, **credentials: Any) -> AbstractBaseUser | None:
        user = super().authenticate(request, **credentials)
        usage = getattr(self, "_address_usage", None)
        if user is not None and usage is not None:
            usage.rollback()  # only failures count, as allauth does for the account's limit
        return user
