"""Reading the census as a director does: the number on a figure's card, and its list."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse


def figure_value(html: str, key: str) -> str:
    """The number shown on one figure's card (its link text, unit left out)."""
    match = re.search(
        rf'id="figure-{re.escape(key)}">\s*<a href="([^"]+)"><span class="stat-value">([^<\s]+)',
        html,
    )
    assert match, f"no card for {key} on the page"
    return match.group(2)


def figure_href(html: str, key: str) -> str:
    match = re.search(rf'id="figure-{re.escape(key)}">\s*<a href="([^"]+)"', html)
    assert match, f"no card for {key} on the page"
    return match.group(1).replace("&amp;", "&")


def figure_url(program: Any, key: str, part: str = "") -> str:
    url = reverse("dashboard:census_figure", args=[program.pk, key])
    return f"{url}?part={part}" if part else url
