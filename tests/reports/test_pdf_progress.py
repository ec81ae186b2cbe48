"""The shared PDF-progress fragment every printing page includes: polling while the worker
makes the PDF, the download once it is ready, the hash only where the page asks for it."""

from __future__ import annotations

import datetime
import uuid
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.urls import reverse

NAMES = {"status": "treatment_plans:report_status", "download": "treatment_plans:report_download"}


def report(**state):
    return SimpleNamespace(
        pk=uuid.uuid4(),
        title="Treatment plan v1 (client copy)",
        get_status_display="Ready" if state.get("is_ready") else "Being made",
        in_progress=state.get("in_progress", False),
        is_ready=state.get("is_ready", False),
        rendered_at=datetime.datetime(2026, 12, 3, 15, 0, tzinfo=datetime.UTC),
        requested_by=None,
        size=2048,
        sha256="ab" * 32,
    )


def test_in_progress_polls_its_status():
    made = report(in_progress=True)
    html = render_to_string("reports/_pdf_progress.html", {"report": made, **NAMES})
    status = reverse("treatment_plans:report_status", args=[made.pk])
    assert f'hx-get="{status}" hx-trigger="every 1s"' in html
    assert "Making the PDF" in html and "Download PDF" not in html


def test_ready_offers_the_download_and_the_hash_only_when_asked():
    made = report(is_ready=True)
    plain = render_to_string("reports/_pdf_progress.html", {"report": made, **NAMES})
    assert "Download PDF" in plain and "hx-trigger" not in plain
    assert "SHA-256" not in plain
    hashed = render_to_string(
        "reports/_pdf_progress.html", {"report": made, **NAMES, "show_hash": True}
    )
    assert f'SHA-256 <code class="hash">{"ab" * 32}</code>' in hashed
