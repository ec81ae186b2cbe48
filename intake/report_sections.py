"""The report sections intake owns: identifiers (with the court order) and measures over
time; and the court order in effect, a fact the attendance sections compare against.

Registered with the kernel's report drafting (iop.reports.clinical.parts) from ready().
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from intake import instruments
from intake.models import CourtOrder, InstrumentResult
from intake.score_history import HEIGHT, PAD, WIDTH
from iop.reports.clinical.parts import ONE_DAY, Record, register_fact, register_section
from iop.reports.clinical.words import day_text, period_text


def court_order(record: Record) -> CourtOrder | None:
    """The latest-dated order in effect at some time in the period: one query."""
    return (
        CourtOrder.objects.filter(client=record.client, ordered_on__lte=record.end)
        .exclude(ends_on__lt=record.start)
        .select_related("supervising_officer")
        .order_by("-ordered_on", "-created_at")
        .first()
    )


def identifiers(record: Record) -> dict[str, Any]:
    client, episode, program = record.client, record.episode, record.program
    clinician = episode.primary_clinician
    order = record.fact("court_order")
    data: dict[str, Any] = {
        "client_name": client.legal_name,
        "date_of_birth": client.date_of_birth.isoformat(),
        "date_of_birth_text": day_text(client.date_of_birth),
        "record_number": client.record_number,
        "program": program.name,
        "reporting_program": program.name,
        "primary_clinician": clinician.display_name if clinician else "",
        "level_of_care": str(episode.level_of_care),
        "admitted_on": episode.admitted_on.isoformat(),
        "admitted_on_text": day_text(episode.admitted_on),
        "period_start": record.start.isoformat(),
        "period_end": record.end.isoformat(),
        "period_text": period_text(record.start, record.end),
        "court_order": None,
    }
    if order is not None:
        data["court_order"] = {
            "case_number": order.case_number,
            "court_program": order.court_program,
            "legal_status": order.get_legal_status_display(),
            "supervising_officer": order.officer_display,
        }
    return data


def _scores(record: Record) -> dict[str, list[InstrumentResult]]:
    """The episode's scores up to the period end, by instrument: one query."""
    grouped: dict[str, list[InstrumentResult]] = {}
    for result in InstrumentResult.objects.filter(
        client=record.client,
        administered_at__gte=record.moment(record.episode.admitted_on),
        administered_at__lt=record.moment(record.end + ONE_DAY),
    ).order_by("administered_at"):
        grouped.setdefault(result.instrument, []).append(result)
    return grouped


def _spark(results: list[InstrumentResult], low: Decimal, high: Decimal) -> dict[str, Any]:
    span = float(high - low) or 1.0
    step = (WIDTH - 2 * PAD) / max(len(results) - 1, 1)
    dots = [
        {
            "x": round(PAD + i * step, 1),
            "y": round(PAD + (HEIGHT - 2 * PAD) * (1 - float(r.score - low) / span), 1),
        }
        for i, r in enumerate(results)
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "points": " ".join(f"{d['x']},{d['y']}" for d in dots),
        "dots": dots,
    }


def _score(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _points(value: Decimal) -> str:
    return f"{_score(abs(value))} point{'' if abs(value) == 1 else 's'}"


def _moved(delta: Decimal) -> str:
    return "no change" if delta == 0 else f"{'down' if delta < 0 else 'up'} {_points(delta)}"


# What a change is, read against the program's reliable-change threshold (lower is better).
IMPROVEMENT, WORSENING, WITHIN = "improvement", "worsening", "within"
RELIABLE_WORDS = {
    IMPROVEMENT: "a reliable improvement",
    WORSENING: "a reliable worsening",
    WITHIN: "within the threshold (no reliable change)",
}


def reliable_reading(delta: Decimal, threshold: int) -> str:
    if delta <= -threshold:
        return IMPROVEMENT
    if delta >= threshold:
        return WORSENING
    return WITHIN


def _reliable(
    name: str, points: list[dict[str, Any]], threshold: tuple[int, bool] | None
) -> dict[str, Any] | None:
    """Since admission and since the previous score, against the threshold (None when the
    measure has none or one score only)."""
    if threshold is None or len(points) < 2:
        return None
    points_needed, confirmed = threshold
    first, previous, latest = points[0], points[-2], points[-1]
    since_admission = Decimal(latest["score"]) - Decimal(first["score"])
    since_previous = Decimal(latest["score"]) - Decimal(previous["score"])
    admission = reliable_reading(since_admission, points_needed)
    text = f"Since admission that is {RELIABLE_WORDS[admission]}"
    last = None
    if len(points) > 2:
        last = reliable_reading(since_previous, points_needed)
        text += (
            f"; since the previous score ({previous['score']} on {previous['date_text']}), "
            f"{_moved(since_previous)}, {RELIABLE_WORDS[last]}"
        )
    text += f". A change of {_points(Decimal(points_needed))} or more on the {name} is reliable."
    return {
        "threshold": points_needed,
        "confirmed": confirmed,
        "since_admission": admission,
        "since_admission_points": _score(since_admission),
        "since_previous": last,
        "since_previous_points": _score(since_previous) if last else None,
        "text": text,
    }


def _change(name: str, points: list[dict[str, Any]], reliable: dict[str, Any] | None = None) -> str:
    first, latest, count = points[0], points[-1], len(points)
    if count == 1:
        only = f"{latest['score']} ({latest['band']}) on {latest['date_text']}"
        return f"One {name} score so far: {only}."
    delta = Decimal(latest["score"]) - Decimal(first["score"])
    bands = (
        f", {first['band']} then, {latest['band']} now"
        if first["band"] != latest["band"]
        else f", {latest['band']} both times"
    )
    said = (
        f"{name}: {_moved(delta)} since admission, from {first['score']} on "
        f"{first['date_text']} to {latest['score']} on {latest['date_text']}{bands}."
    )
    return f"{said} {reliable['text']}" if reliable else said


def _instrument(record: Record, code: str, results: list[InstrumentResult]) -> dict[str, Any]:
    try:
        definition = instruments.get(code)
    except instruments.UnknownInstrument:
        return {}
    points = []
    for result in results:
        day = record.program.local_date(result.administered_at)
        points.append(
            {
                "date": day.isoformat(),
                "date_text": day_text(day),
                "score": _score(result.score),
                "band": result.band,
            }
        )
    described = ", ".join(f"{p['score']} on {p['date_text']}" for p in points)
    reliable = _reliable(
        definition.abbreviation, points, record.program.reliable_change(definition.code)
    )
    return {
        "code": definition.code,
        "name": definition.abbreviation,
        "score_min": _score(definition.score_min),
        "score_max": _score(definition.score_max),
        "points": points,
        "spark": _spark(results, definition.score_min, definition.score_max),
        "description": f"{definition.abbreviation} total scores: {described}.",
        "reliable": reliable,
        "change": _change(definition.abbreviation, points, reliable),
    }


def measures(record: Record) -> dict[str, Any]:
    drawn = [_instrument(record, code, results) for code, results in _scores(record).items()]
    return {
        "instruments": [d for d in drawn if d],
        "note": "Total scores and bands only, from admission to the end of the period.",
    }


def register() -> None:
    register_fact("court_order", court_order)
    register_section("identifiers", identifiers)
    register_section("instruments", measures)
