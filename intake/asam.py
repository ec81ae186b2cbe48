"""ASAM dimensions and this program's placement rule.

The rule below is the program's written decision aid, not ASAM's licensed software:
it reads the six risk ratings (0 none - 4 severe) and names the least intensive level
that meets the highest risks. Staff make the final placement and must give a reason
when it differs. The reasons it returns are shown on screen ("why this level").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DIMENSIONS: dict[str, list[str]] = {
    "3": [
        "Acute intoxication and/or withdrawal potential",
        "Biomedical conditions and complications",
        "Emotional, behavioral or cognitive conditions",
        "Readiness to change",
        "Relapse, continued use or continued problem potential",
        "Recovery / living environment",
    ],
    "4": [
        "Intoxication, withdrawal and addiction medications",
        "Biomedical conditions",
        "Psychiatric and cognitive conditions",
        "Substance use-related risks",
        "Recovery environment interactions",
        "Person-centered considerations",
    ],
}

RATING_WORDS = {
    0: "no risk",
    1: "mild risk",
    2: "moderate risk",
    3: "significant risk",
    4: "severe risk",
}

RATING_LABELS = {
    0: "0 – no risk",
    1: "1 – mild",
    2: "2 – moderate",
    3: "3 – significant",
    4: "4 – severe",
}

# Level codes per edition, from least to most intensive, as the rule names them.
OUTPATIENT = {"3": "1", "4": "1.5"}
IOP = {"3": "2.1", "4": "2.1"}
HIGH_INTENSITY = {"3": "2.5", "4": "2.5"}
RESIDENTIAL = {"3": "3.5", "4": "3.5"}
MEDICALLY_MANAGED = {"3": "3.7", "4": "3.7"}


@dataclass(frozen=True)
class DimensionRating:
    """One rated dimension, named, for the intake review."""

    number: int
    name: str
    rating: int
    notes: str

    @property
    def words(self) -> str:
        return f"{RATING_WORDS[self.rating]} ({self.rating} of 4)"


def named_ratings(ratings: Any, edition: str) -> list[DimensionRating]:
    """Stored ratings (objects with dimension, rating, notes) with their dimensions' names."""
    names = DIMENSIONS[edition]
    return [
        DimensionRating(r.dimension, names[r.dimension - 1], r.rating, r.notes) for r in ratings
    ]


@dataclass(frozen=True)
class Recommendation:
    code: str
    reasons: list[str]


def recommend(ratings: dict[int, int], edition: str) -> Recommendation:
    """The least intensive level that meets the highest-risk dimensions."""
    names = DIMENSIONS[edition]

    def why(dimension: int, text: str) -> str:
        return f"Dimension {dimension} ({names[dimension - 1]}) rated {ratings[dimension]}: {text}"

    d = ratings
    if d[1] >= 3 or d[2] >= 3:
        reasons = [
            why(n, "needs medical monitoring beyond outpatient care") for n in (1, 2) if d[n] >= 3
        ]
        return Recommendation(MEDICALLY_MANAGED[edition], reasons)
    if d[3] == 4 or d[6] == 4:
        reasons = [
            why(n, "needs 24-hour structure away from the current setting")
            for n in (3, 6)
            if d[n] == 4
        ]
        return Recommendation(RESIDENTIAL[edition], reasons)
    high = [n for n in (3, 5, 6) if d[n] >= 3]
    if len(high) >= 2:
        reasons = [why(n, "daily structure (20+ hours a week) is indicated") for n in high]
        return Recommendation(HIGH_INTENSITY[edition], reasons)
    moderate = [n for n in (3, 4, 5, 6) if d[n] >= 2]
    if moderate:
        reasons = [why(n, "needs 9-19 hours a week of structured treatment") for n in moderate]
        return Recommendation(IOP[edition], reasons)
    return Recommendation(
        OUTPATIENT[edition],
        ["No dimension rated above 1: fewer than 9 hours a week of treatment meets the need"],
    )
