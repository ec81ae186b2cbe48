"""Bar charts drawn on the server as inline SVG (no script): one bar per part of a figure,
the number above each bar. The page gives the same numbers as a table beside the chart."""

from __future__ import annotations

from typing import Any

from iop.dashboard.registry import CensusPart

WIDTH = 360
HEIGHT = 150
TOP = 18  # room for the number above the tallest bar
BOTTOM = 22  # room for the week labels
LEFT = 4
GAP = 6


def bar_chart(parts: list[CensusPart]) -> dict[str, Any]:
    """Bars and labels in SVG user units; labels under every other bar (the first and the
    last always) so that twelve weeks stay readable at tablet width."""
    n = max(len(parts), 1)
    peak = max((p.count for p in parts), default=0) or 1
    slot = (WIDTH - 2 * LEFT) / n
    plot = HEIGHT - TOP - BOTTOM
    bars = []
    for i, part in enumerate(parts):
        height = round(plot * part.count / peak, 1)
        x = round(LEFT + i * slot + GAP / 2, 1)
        bars.append(
            {
                "x": x,
                "y": round(TOP + plot - height, 1),
                "width": round(slot - GAP, 1),
                "height": max(height, 0),
                "cx": round(x + (slot - GAP) / 2, 1),
                "count": part.count,
                "label": part.label.removeprefix("Week of "),
                "show_label": i % 2 == (n - 1) % 2,
            }
        )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "baseline": TOP + plot,
        "label_y": HEIGHT - 6,
        "value_dy": -4,
        "bars": bars,
    }
