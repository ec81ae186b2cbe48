from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class ClinicAccountAdapter(DefaultAccountAdapter):
    """No public sign-up: administrators invite staff."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
