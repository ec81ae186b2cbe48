"""The report PDF's furniture on every page (client, report id, "Page N of M", the 2.32
notice when disclosed), its tagging for accessibility (PDF/UA-1: structure tree, language,
title), and fonts embedded from the system, never fetched."""

from __future__ import annotations

import copy
import io
from typing import Any

import pytest
from django.conf import settings
from django.test import override_settings
from pypdf import PdfReader

from iop.accounts.models import Role
from iop.reports.pdf import render_pdf
from iop.reports.services import report_open, report_render_one
from tests.reports.clinical_pdf import TEMPLATES, sample_context
from tests.reports.test_disclosure import _consent, _signed

pytestmark = pytest.mark.django_db

NOTICE_START = "This record which has been disclosed to you is protected by Federal"
NOTICE_END = "(see 42 CFR 2.31)"


def _with_sample_templates():
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEMPLATES]
    return override_settings(TEMPLATES=templates)


@pytest.fixture
def officer(program):
    from tests.factories import member

    return member(Role.PROBATION, program, email="officer@county.test")


def _sample_pdf(report, *, rows=140, disclosed=None):
    with _with_sample_templates():
        context = sample_context(report, days=rows, disclosed=disclosed)
        return render_pdf("reports/clinical/sample.html", context, accessible=True)


def _pages(data):
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _flat(text):
    return " ".join(text.split())


def test_every_page_of_a_disclosed_report_names_the_client_the_id_and_the_notice(
    client_record, staff, officer
):
    report = _signed(client_record, staff, _consent(client_record, staff, officer))
    pages = _pages(_sample_pdf(report))
    assert len(pages) >= 3, "the sample must run over several pages to test this"
    for number, text in enumerate(pages, start=1):
        flat = _flat(text)
        assert client_record.legal_name in flat, number
        assert f"Report {report.reference}" in flat, number
        assert f"Page {number} of {len(pages)}" in flat, number
        assert NOTICE_START in flat and NOTICE_END in flat, number


def test_a_report_for_the_chart_carries_no_notice(client_record, staff):
    report = _signed(client_record, staff, None)
    pages = _pages(_sample_pdf(report, rows=60))
    assert all(NOTICE_START not in _flat(text) for text in pages)
    assert f"Page 1 of {len(pages)}" in _flat(pages[0])


def test_the_real_report_is_tagged_pdf_ua_with_its_language_title_and_fonts(
    client_record, staff, officer
):
    report = _signed(client_record, staff, _consent(client_record, staff, officer))
    assert report_render_one(report_id=report.document_id)
    report.document.refresh_from_db()
    with report_open(report.document) as stored:
        data = stored.read()
    reader = PdfReader(io.BytesIO(data))
    root: Any = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root, "tagged: a structure tree"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert str(root["/Lang"]).lower().startswith("en")
    assert reader.metadata is not None
    assert reader.metadata.title == f"{report.get_kind_display()} {report.reference}"
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "pdfuaid:part" in xmp and ">1<" in xmp.replace('"1"', ">1<")
    # The structure tree names real content: headings and table cells, not one blob.
    tags = _struct_tags(root["/StructTreeRoot"])
    assert {"H1", "H2", "Table", "TH", "TD"} <= tags
    fonts = _fonts(reader)
    assert fonts and all("DejaVu" in name for name in fonts), fonts
    text = _flat(" ".join(page.extract_text() for page in reader.pages))
    assert NOTICE_START in text and report.reference in text


def _struct_tags(node, seen=None, depth=0):
    seen = set() if seen is None else seen
    if depth > 60:
        return seen
    node = node.get_object()
    if hasattr(node, "get") and node.get("/S"):
        seen.add(str(node["/S"]).lstrip("/"))
    kids = node.get("/K") if hasattr(node, "get") else None
    if kids is None:
        return seen
    kids = kids.get_object()
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if hasattr(kid, "get"):
            _struct_tags(kid, seen, depth + 1)
    return seen


def _fonts(reader):
    names = set()
    for page in reader.pages:
        resources = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            assert embedded, f"{font.get('/BaseFont')} is not embedded"
            names.add(str(font.get("/BaseFont")))
    return names
