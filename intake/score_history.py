"""Score histories for the chart: a small SVG line per instrument with its band thresholds.

Drawn on the server as SVG (no JavaScript, nothing for the CSP to allow).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from intake.instruments import get as get_instrument
from intake.models import InstrumentResult
from iop.clients.models import Client

WIDTH, HEIGHT, PAD = 260, 72, 6
MAX_POINTS = 12


@dataclass
class Point:
    x: float
    y: float
    label: str


@dataclass
class Threshold:
    y: float
    label: str


@dataclass
class ScoreHistory:
    code: str
    name: str
    latest: InstrumentResult
    points: list[Point]
    thresholds: list[Threshold]
    description: str

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def _y(score: Decimal, low: Decimal, high: Decimal) -> float:
    span = float(high - low) or 1.0
    return PAD + (HEIGHT - 2 * PAD) * (1 - float(score - low) / span)


def _history(code: str, results: list[InstrumentResult]) -> ScoreHistory:
    definition = get_instrument(code)
    low, high = definition.score_min, definition.score_max
    shown = results[-MAX_POINTS:]
    step = (WIDTH - 2 * PAD) / max(len(shown) - 1, 1)
    points = [
        Point(
            PAD + i * step,
            _y(r.score, low, high),
            f"{r.score.normalize():f} on {r.administered_at:%b %d}",
        )
        for i, r in enumerate(shown)
    ]
    thresholds = [
        Threshold(_y(band.min, low, high), band.label)
        for band in definition.bands
        if low < band.min <= high
    ]
    described = ", ".join(p.label for p in points)
    return ScoreHistory(
        code=code,
        name=definition.abbreviation,
        latest=shown[-1],
        points=points,
        thresholds=thresholds,
        description=f"{definition.abbreviation} scores: {described}",
    )


def score_histories(client: Client) -> list[ScoreHistory]:
    """One query for all of the client's results, grouped by instrument."""
    grouped: dict[str, list[InstrumentResult]] = {}
    for result in InstrumentResult.objects.filter(client=client).order_by("administered_at"):
        grouped.setdefault(result.instrument, []).append(result)
    return [_history(code, results) for code, results in grouped.items()]
