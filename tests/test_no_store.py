"""No page shown to a signed-in user may be kept by the browser or a shared cache.

Every URL of the role matrix is checked as every role by the matrix's own crawl
(``test_role_matrix``: pages, refusals and redirects alike); these are the answers it does
not make: an htmx partial, a redirect, a PDF.
"""

from __future__ import annotations

from django.test import Client as HttpClient
from django.urls import reverse

from iop.accounts.models import Role
from tests import test_role_matrix as matrix

# The matrix's fixtures, used here under the same names.
samples = matrix.samples
_quick_healthz = matrix._quick_healthz


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
