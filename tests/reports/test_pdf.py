from __future__ import annotations

import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from pypdf import PdfReader

from intake.models.consent import ConsentKind
from intake.services.consents import render_consent_pdf
from iop.accounts.models import Role
from iop.reports.pdf import PdfResourceRefused, StaticFilesOnlyFetcher, render_pdf
from tests.factories import member
from tests.intake.consent_helpers import make_consent, sign

NOTICE = (
    "This record which has been disclosed to you is protected by Federal confidentiality "
    "rules (42 CFR part 2)."
)


def pdf_text(pdf: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


# --- The url_fetcher ----------------------------------------------------------------------


def test_fetcher_serves_a_static_stylesheet():
    response = StaticFilesOnlyFetcher().fetch("file:///static/css/print.css")

    assert b"@page" in response.read()
    assert response.content_type == "text/css"


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/style.css",
        "https://example.com/style.css",
        "http://169.254.169.254/latest/meta-data/",
        "http://localhost/static/css/print.css",
        "file:///etc/passwd",
        "file:///work/main/iop/settings.py",
        "file:///static/../etc/passwd",
        "file:///static/css/../../iop/settings.py",
        "file:///static/%2e%2e/%2e%2e/etc/passwd",
        "file://otherhost/static/css/print.css",
        "file:///static/css/no-such-file.css",
        "file:///static/",
        "data:text/css,body{color:red}",
        "ftp://example.com/style.css",
    ],
)
def test_fetcher_refuses_anything_but_static_files(url):
    with pytest.raises(PdfResourceRefused):
        StaticFilesOnlyFetcher().fetch(url)


class _CountingHandler(BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self):  # noqa: N802
        type(self).hits += 1
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    server = HTTPServer(("127.0.0.1", 0), _CountingHandler)
    _CountingHandler.hits = 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def template_dir(tmp_path, settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    return tmp_path


def test_render_pdf_never_reaches_the_network(template_dir, http_server):
    (template_dir / "ssrf.html").write_text(
        f'<link rel="stylesheet" href="{http_server}/x.css"><p>Hello</p>'
    )

    with pytest.raises(PdfResourceRefused):
        render_pdf("ssrf.html", {})
    assert _CountingHandler.hits == 0


def test_render_pdf_refuses_local_files_outside_static(template_dir):
    (template_dir / "local.html").write_text('<img src="file:///etc/hostname"><p>Hi</p>')

    with pytest.raises(PdfResourceRefused):
        render_pdf("local.html", {})


def test_render_pdf_uses_static_stylesheets(template_dir):
    (template_dir / "ok.html").write_text(
        '{% load static %}<link rel="stylesheet" href="{% static \'css/print.css\' %}">'
        "<p>{{ word }}</p>"
    )

    pdf = render_pdf("ok.html", {"word": "Grounding"})

    assert "Grounding" in pdf_text(pdf)


# --- The consent PDF ----------------------------------------------------------------------


@pytest.fixture
def officer(program):
    return member(Role.PROBATION, program, first_name="Pat", last_name="Okafor")


@pytest.mark.django_db
def test_consent_pdf_holds_every_element_both_signatures_and_the_notice(
    client_record, officer, staff
):
    consent = sign(
        make_consent(client_record, officer, kind=ConsentKind.CRIMINAL_JUSTICE),
        staff[Role.INTAKE],
        typed_name=f"  {client_record.legal_name.lower()} ",
    )

    text = pdf_text(render_consent_pdf(consent))

    assert client_record.legal_name in text
    assert "Pat Okafor, probation officer" in text
    assert "Attendance; Drug screen results" in text
    assert "Monitoring progress in treatment as a condition of probation." in text
    assert "For the length of the probation term." in text
    assert NOTICE in text
    assert client_record.legal_name.lower() in text  # the name as the client typed it
    assert staff[Role.INTAKE].display_name in text
    assert "Staff witness" in text
    assert "its SHA-256 matches both signatures" in text


@pytest.mark.django_db
def test_treatment_consent_pdf_has_no_disclosure_notice(client_record, staff):
    consent = sign(
        make_consent(client_record, kind=ConsentKind.TREATMENT, purpose="Group therapy"),
        staff[Role.INTAKE],
    )

    text = pdf_text(render_consent_pdf(consent))

    assert "Group therapy" in text
    assert "42 CFR part 2" in text  # the confidentiality banner
    assert NOTICE not in text


@pytest.mark.django_db
def test_consent_pdf_prints_the_text_as_signed_after_the_record_changed(
    client_record, officer, staff
):
    signed_as = client_record.legal_name
    consent = sign(make_consent(client_record, officer), staff[Role.INTAKE])
    client_record.legal_last_name = "Renamed"
    client_record.save()
    consent.refresh_from_db()

    text = pdf_text(render_consent_pdf(consent))

    assert signed_as in text
    assert "Renamed" not in text
    assert "matches both signatures" in text
