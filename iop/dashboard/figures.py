"""The census figures the kernel counts itself: episodes, levels of care, admissions,
discharges, changes of level and length of stay. Feature apps add theirs through
``iop.dashboard.registry`` from their own ``ready()``.

Periods (each in the program's time zone, from ``program.today()``):
- Admissions, discharges and changes of level: per week (Monday to Sunday) over the last 12
  weeks, this week included. Twelve weeks shows a quarter's trend while each bar still holds
  a handful of clients in a program of a few dozen; per month over six months would put most
  of a program's changes of level in two or three bars.
- Length of stay: episodes discharged in the last 12 months (days from admission to
  discharge; average and median), and the current stay of everyone in care now.
"""

from __future__ import annotations

import datetime
import statistics
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncWeek

from iop.clients.models import Episode, EpisodeQuerySet, LevelOfCareChange
from iop.dashboard.registry import CensusPart, CensusRow, register_census_figure

WEEKS = 12
STAY_DAYS = 365


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def weeks(today: datetime.date) -> list[datetime.date]:
    """The Mondays of the last WEEKS weeks, oldest first, this week last."""
    this = week_start(today)
    return [this - datetime.timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]


def week_label(monday: datetime.date) -> str:
    return f"Week of {monday:%b} {monday.day}"


def _episodes(program: Any) -> EpisodeQuerySet:
    return Episode.objects.filter(program=program)


def _on(today: datetime.date, day: datetime.date) -> str:
    return f"{day:%b} {day.day}" + ("" if day.year == today.year else f", {day.year}")


def _week_of(part: str) -> tuple[datetime.date, datetime.date] | None:
    try:
        monday = week_start(datetime.date.fromisoformat(part))
    except ValueError:
        return None
    return monday, monday + datetime.timedelta(days=6)


def _client_sorted(rows: list[CensusRow]) -> list[CensusRow]:
    return sorted(
        rows, key=lambda r: (r.client.legal_last_name, r.client.legal_first_name, str(r.client.pk))
    )


# ---------------------------------------------------------------- in care now


def active_count(program: Any, today: datetime.date) -> int:
    return _episodes(program).open().count()


def active_rows(program: Any, today: datetime.date, part: str = "") -> list[CensusRow]:
    episodes = _episodes(program).open().select_related("client", "level_of_care")
    if part:
        episodes = episodes.filter(level_of_care__code=part)
    return _client_sorted(
        [
            CensusRow(
                e.client,
                f"ASAM {e.level_of_care.code} {e.level_of_care.name}, "
                f"admitted {_on(today, e.admitted_on)}",
            )
            for e in episodes
        ]
    )


def level_parts(program: Any, today: datetime.date) -> list[CensusPart]:
    rows = (
        _episodes(program)
        .open()
        .values("level_of_care__code", "level_of_care__name")
        .annotate(total=Count("pk"))
        .order_by("level_of_care__ordering", "level_of_care__code")
    )
    return [
        CensusPart(
            r["level_of_care__code"],
            f"ASAM {r['level_of_care__code']} {r['level_of_care__name']}",
            r["total"],
        )
        for r in rows
    ]


def unassigned_count(program: Any, today: datetime.date) -> int:
    return _episodes(program).open().filter(primary_clinician__isnull=True).count()


def unassigned_rows(program: Any, today: datetime.date, part: str = "") -> list[CensusRow]:
    episodes = _episodes(program).open().filter(primary_clinician__isnull=True)
    return _client_sorted(
        [
            CensusRow(e.client, f"Admitted {_on(today, e.admitted_on)}")
            for e in episodes.select_related("client")
        ]
    )


def planned_count(program: Any, today: datetime.date) -> int:
    return _episodes(program).discharge_planned().count()


def planned_rows(program: Any, today: datetime.date, part: str = "") -> list[CensusRow]:
    episodes = (
        _episodes(program)
        .discharge_planned()
        .select_related("client")
        .order_by("discharge_planned_on", "client__legal_last_name")
    )
    return [
        CensusRow(
            e.client,
            f"Discharge planned for {e.discharge_planned_on:%b} {e.discharge_planned_on.day}, "
            f"{e.discharge_planned_on.year}",
        )
        for e in episodes
        if e.discharge_planned_on
    ]


# ---------------------------------------------------------------- flow, per week


def _weekly(queryset: QuerySet[Any], field: str, today: datetime.date) -> list[CensusPart]:
    mondays = weeks(today)
    counted = {
        row["week"]: row["total"]
        for row in queryset.filter(
            **{f"{field}__gte": mondays[0], f"{field}__lte": mondays[-1] + datetime.timedelta(6)}
        )
        .annotate(week=TruncWeek(field))
        .values("week")
        .annotate(total=Count("pk"))
        .order_by()
    }
    return [CensusPart(m.isoformat(), week_label(m), counted.get(m, 0)) for m in mondays]


def _window(today: datetime.date, part: str) -> tuple[datetime.date, datetime.date]:
    mondays = weeks(today)
    window = _week_of(part) if part else None
    if window is None or not (mondays[0] <= window[0] <= mondays[-1]):
        return mondays[0], mondays[-1] + datetime.timedelta(days=6)
    return window


def admitted_parts(program: Any, today: datetime.date) -> list[CensusPart]:
    return _weekly(_episodes(program), "admitted_on", today)


def admitted_count(program: Any, today: datetime.date) -> int:
    first, last = _window(today, "")
    return _episodes(program).filter(admitted_on__range=(first, last)).count()


def admitted_rows(program: Any, today: datetime.date, part: str = "") -> list[CensusRow]:
    episodes = (
        _episodes(program)
        .filter(admitted_on__range=_window(today, part))
        .select_related("client", "level_of_care")
        .order_by("-admitted_on", "client__legal_last_name")
    )
    return [
        CensusRow(e.client, f"Admitted {_on(today, e.admitted_on)} at ASAM {e.level_of_care.code}")
        for e in episodes
    ]


def discharged_parts(program: Any, today: datetime.date) -> list[CensusPart]:
    return _weekly(_episodes(program), "discharged_on", today)


def discharged_count(program: Any, today: datetime.date) -> int:
    return _episodes(program).filter(discharged_on__range=_window(today, "")).count()


def discharged_rows(program: Any, today: datetime.date, part: str = "") -> list[CensusRow]:
    episodes = (
        _episodes(program)
        .filter(discharged_on__range=_window(today, part))
        .select_related("client")
        .order_by("-discharged_on", "client__legal_last_name")
    )
    return [
        CensusRow(
            e.client,
            f"Discharged {_on(today, e.discharged_on)}: {e.get_discharge_reason_display()}"
            if e.discharged_on
            else "",
        )
        for e in episodes
    ]


def _changes(program: Any) -> QuerySet[LevelOfCareChange]:
    # An episode's first level (from_level empty) is its admission, not a change.
    return LevelOfCareChange.objects.filter(episode__program=program, from_level__isnull=False)


def changes_parts(program: Any, today: datetime.date) -> list[CensusPart]:
    return _weekly(_changes(program), "effective_on", today)


def changes_count(program: Any, today: datetime.date) -> int:
    return _changes(program).filter(effective_on__range=_window(today, "")).count()


def changes_rows(program: Any, today: datetime.date, part: str = "") -> list[CensusRow]:
    changes = (
        _changes(program)
        .filter(effective_on__range=_window(today, part))
        .select_related("episode__client", "from_level", "to_level")
        .order_by("-effective_on", "episode__client__legal_last_name")
    )
    return [
        CensusRow(
            c.episode.client,
            f"ASAM {c.from_level.code if c.from_level else ''} to ASAM {c.to_level.code} "
            f"from {_on(today, c.effective_on)}",
        )
        for c in changes
    ]


# ---------------------------------------------------------------- length of stay


def _discharged_stays(program: Any, today: datetime.date) -> QuerySet[Episode]:
    since = today - datetime.timedelta(days=STAY_DAYS)
    return _episodes(program).filter(discharged_on__gte=since, discharged_on__lte=today)


def _days(values: list[int], how: str) -> Decimal:
    if not values:
        return Decimal(0)
    value = statistics.mean(values) if how == "mean" else statistics.median(values)
    return Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def _stays(program: Any, today: datetime.date) -> list[int]:
    return [
        (out - admitted).days
        for admitted, out in _discharged_stays(program, today).values_list(
            "admitted_on", "discharged_on"
        )
        if out is not None
    ]


def stay_average(program: Any, today: datetime.date) -> Decimal:
    return _days(_stays(program, today), "mean")


def stay_median(program: Any, today: datetime.date) -> Decimal:
    return _days(_stays(program, today), "median")


def stay_rows(program: Any, today: datetime.date, part: str = "") -> list[CensusRow]:
    episodes = (
        _discharged_stays(program, today)
        .select_related("client")
        .order_by("-discharged_on", "client__legal_last_name")
    )
    return [
        CensusRow(
            e.client,
            f"{(e.discharged_on - e.admitted_on).days} days: admitted "
            f"{_on(today, e.admitted_on)}, discharged {_on(today, e.discharged_on)}",
        )
        for e in episodes
        if e.discharged_on
    ]


def current_stay(program: Any, today: datetime.date) -> Decimal:
    days = [
        (today - a).days for a in _episodes(program).open().values_list("admitted_on", flat=True)
    ]
    return _days(days, "mean")


def current_stay_rows(program: Any, today: datetime.date, part: str = "") -> list[CensusRow]:
    episodes = _episodes(program).open().select_related("client").order_by("admitted_on")
    return [
        CensusRow(
            e.client,
            f"{(today - e.admitted_on).days} days so far, admitted {_on(today, e.admitted_on)}",
        )
        for e in episodes
    ]


def register() -> None:
    register_census_figure(
        "active", "In care now", active_count, active_rows, section="census", order=10
    )
    register_census_figure(
        "by_level",
        "In care by level of care",
        active_count,
        active_rows,
        section="census",
        order=20,
        parts=level_parts,
    )
    register_census_figure(
        "unassigned",
        "Without a primary clinician",
        unassigned_count,
        unassigned_rows,
        section="attention",
        order=90,
        attention=True,
    )
    register_census_figure(
        "discharges_planned",
        "Discharges planned",
        planned_count,
        planned_rows,
        section="census",
        order=15,
        help="In care, and counted, until the date.",
    )
    flow = {"section": "flow", "help": f"Per week, the last {WEEKS} weeks."}
    register_census_figure(
        "admissions",
        "Admissions",
        admitted_count,
        admitted_rows,
        order=10,
        parts=admitted_parts,
        **flow,
    )
    register_census_figure(
        "discharges",
        "Discharges",
        discharged_count,
        discharged_rows,
        order=20,
        parts=discharged_parts,
        **flow,
    )
    register_census_figure(
        "level_changes",
        "Changes of level of care",
        changes_count,
        changes_rows,
        order=30,
        parts=changes_parts,
        **flow,
    )
    register_census_figure(
        "stay_average",
        "Average length of stay",
        stay_average,
        stay_rows,
        section="stay",
        order=20,
        unit="days",
        help="Clients discharged in the last 12 months.",
    )
    register_census_figure(
        "stay_median",
        "Median length of stay",
        stay_median,
        stay_rows,
        section="stay",
        order=30,
        unit="days",
        help="Clients discharged in the last 12 months.",
    )
    register_census_figure(
        "stay_current",
        "Current stay, on average",
        current_stay,
        current_stay_rows,
        section="stay",
        order=40,
        unit="days",
        help="Everyone in care now, since admission.",
    )
