"""HTML to PDF with WeasyPrint, reading nothing but our own static files.

Every PDF goes through ``render_pdf``. WeasyPrint fetches stylesheets, fonts and images
through a url_fetcher; the default one would follow any ``http://`` or ``file://`` URL
in the HTML, so a stray URL in a template (or in text a user typed) could make the
server read a private file or call an internal address. Ours serves files found by
Django's static finders (or collected into STATIC_ROOT) and refuses everything else.

Templates link assets the usual way, ``{% static 'css/print.css' %}``: the document's
base URL is ``file://`` + STATIC_URL's path, so ``/static/css/print.css`` becomes
``file:///static/css/print.css``, a name the fetcher maps to the real static file. No
file is ever opened by the path in the URL itself.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse


class PdfResourceRefused(ValueError):
    """A PDF asked for a resource that is not one of our static files."""


def static_base_url() -> str:
    """The base URL a PDF's relative and ``{% static %}`` links are resolved against."""
    prefix = urlsplit(settings.STATIC_URL or "/static/").path or "/static/"
    prefix = "/" + prefix.strip("/") + "/"
    return f"file://{prefix}"


def _static_roots() -> list[Path]:
    roots = [
        Path(storage.location).resolve()
        for finder in finders.get_finders()
        for storage in getattr(finder, "storages", {}).values()
    ]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


def _find_static(relative: str) -> Path | None:
    found = finders.find(relative)
    if isinstance(found, str):
        return Path(found)
    if settings.STATIC_ROOT:  # collected (and hashed) files in production
        collected = Path(settings.STATIC_ROOT) / relative
        return collected if collected.is_file() else None
    return None


def static_file_for(url: str) -> Path:
    """The static file a PDF URL names, or PdfResourceRefused."""
    parts = urlsplit(url)
    base = urlsplit(static_base_url())
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        raise PdfResourceRefused(f"Only static files may be used in a PDF, not {url!r}.")
    path = unquote(parts.path)
    if not path.startswith(base.path):
        raise PdfResourceRefused(f"{url!r} is not under {base.path}.")
    relative = path.removeprefix(base.path)
    segments = relative.split("/")
    if not relative or any(s in ("", ".", "..") or "\\" in s or "\0" in s for s in segments):
        raise PdfResourceRefused(f"{url!r} is not a plain static file name.")
    found = _find_static(relative)
    if found is None:
        raise PdfResourceRefused(f"No static file {relative!r}.")
    real = found.resolve()
    # A symlink inside a static folder must not lead out of it.
    if not any(real.is_relative_to(root) for root in _static_roots()):
        raise PdfResourceRefused(f"{url!r} leads outside the static folders.")
    return real


class _StaticFileResponse(URLFetcherResponse):
    """Keeps the static URL (relative links in CSS resolve against it) but points
    WeasyPrint's local-file shortcut for images at the file we checked."""

    def __init__(self, url: str, body: bytes, content_type: str, real_path: Path) -> None:
        super().__init__(url, body=body, headers={"Content-Type": content_type})
        self._real_path = real_path

    @property
    def path(self) -> str:
        return str(self._real_path)


class StaticFilesOnlyFetcher(URLFetcher):
    """WeasyPrint url_fetcher (WeasyPrint 70 API: a URLFetcher with ``fetch(url, headers)``)."""

    def __init__(self) -> None:
        # fail_on_errors: a refused resource stops the render instead of being skipped quietly.
        super().__init__(allowed_protocols=["file"], allow_redirects=False, fail_on_errors=True)

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        real = static_file_for(url)
        content_type = mimetypes.guess_type(real.name)[0] or "application/octet-stream"
        return _StaticFileResponse(url, real.read_bytes(), content_type, real)


# PDF/UA-1: a tagged PDF (structure tree of headings, paragraphs, tables, its language and
# title) that screen readers can follow. WeasyPrint 70 tags the document for this variant.
ACCESSIBLE = "pdf/ua-1"


def render_pdf(template: str, context: dict[str, Any], *, accessible: bool = False) -> bytes:
    """Render a Django template to PDF bytes; assets come only from static files.

    ``accessible``: a tagged PDF/UA-1 document (the template must set ``<html lang>`` and a
    ``<title>``). Off by default: other callers' documents stay as they were.
    """
    html = render_to_string(template, context)
    document = HTML(string=html, base_url=static_base_url(), url_fetcher=StaticFilesOnlyFetcher())
    options: dict[str, Any] = {"pdf_variant": ACCESSIBLE, "pdf_tags": True} if accessible else {}
    try:
        pdf: bytes = document.write_pdf(**options)
    except FatalURLFetchingError as error:
        # WeasyPrint's fatal error is a BaseException, which Django would not handle.
        raise PdfResourceRefused(str(error)) from error.__cause__
    return pdf
