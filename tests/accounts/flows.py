"""Sign-in steps as a browser takes them, shared by the account tests."""

from __future__ import annotations

from typing import Any

from django.test import Client as HttpClient
from django.urls import reverse

from tests.factories import PASSWORD


def sign_in(http: HttpClient, email: str, password: str = PASSWORD, next_url: str = "") -> str:
    """allauth's sign-in form; returns where it sends the browser next."""
    data = {"login": email, "password": password}
    if next_url:
        data["next"] = next_url
    response = http.post(reverse("account_login"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def open_enrolment(http: HttpClient, password: str = PASSWORD) -> Any:
    """allauth asks for the password once more before adding an authenticator."""
    page = reverse("mfa_activate_totp")
    first = http.get(page)
    assert first.status_code == 302, first.status_code
    assert first["Location"].startswith(reverse("account_reauthenticate")), first["Location"]
    confirmed = http.post(reverse("account_reauthenticate"), {"password": password, "next": page})
    assert confirmed["Location"] == page, confirmed.get("Location")
    return http.get(page)


def is_signed_in(http: HttpClient) -> bool:
    return "_auth_user_id" in http.session
