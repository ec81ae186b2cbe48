"""No page shown to a signed-in user may be kept by the browser or a shared cache.

The URLs, and a sample for each URL keyword, come from the role matrix, so a new page is
checked here as soon as the matrix knows it.
"""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from iop.accounts.models import Role
from tests import test_role_matrix as matrix

# The matrix's fixtures, used here under the same names.
samples = matrix.samples
_quick_healthz = matrix._quick_healthz

SIGNED_IN = list(Role)


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def kept_by_a_cache(response) -> bool:
    return not {"no-store", "private"} <= directives(response) or "public" in directives(response)


@pytest.mark.usefixtures("_quick_healthz")
@pytest.mark.parametrize("role", SIGNED_IN)
def test_every_answer_to_a_signed_in_user_is_no_store_and_private(role, staff, samples):
    """Pages, refusals (403, 404, 405) and redirects alike, as every role."""
    http = HttpClient()
    http.force_login(staff[role])
    cached = []
    for route in matrix.all_routes():
        url = matrix.build_url(route, samples)
        response = http.get(url)
        if kept_by_a_cache(response):
            cached.append(f"{route.key} {url}: {response.status_code} {directives(response)}")
    assert not cached, f"{role}:\n" + "\n".join(cached)


def test_an_htmx_partial_is_no_store(staff, client_record):
    http = HttpClient()
    http.force_login(staff[Role.CLINICIAN])
    response = http.get(
        reverse("clients:list"),
        {"q": client_record.legal_last_name},
        headers={"HX-Request": "true", "HX-Target": "client-results"},
    )
    assert response.status_code == 200
    assert "<html" not in response.content.decode()  # the fragment, not the page
    assert client_record.display_name in response.content.decode()
    assert response["Cache-Control"] == "no-store, private"


def test_a_redirect_is_no_store(staff):
    http = HttpClient()
    http.force_login(staff[Role.DIRECTOR])
    response = http.get(reverse("home"))
    assert response.status_code == 302
    assert response["Cache-Control"] == "no-store, private"


def test_a_pdf_keeps_no_store(staff, samples):
    http = HttpClient()
    http.force_login(staff[Role.CLINICIAN])
    url = reverse("intake:consent_pdf", args=[samples["consent_id"]])
    response = http.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store, private"
