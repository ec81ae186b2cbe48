"""The Today panel of check-in rises: for each primary clinician, their clients whose latest
check-in has risen past the program's threshold against the client's own baseline
(relapse_prevention.checkin_trend.rise); directors see the whole program's.

Four queries whatever the number of clients: the episodes, their baselines, their latest
check-ins (and the programs, read with the episodes).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from iop.accounts import permissions
from iop.clients.models import Episode
from relapse_prevention.checkin_trend import baselines_for, figure, latest_for, rise, short_day
from scheduling.today_panels import TodayPanel, register_today_panel

# Directors oversee the program: they see every client's rise, not only their own caseload.
PROGRAM_WIDE = permissions.OVERSEE_CASELOADS


def _episodes(user: Any, programs: list[Any]) -> list[Episode]:
    whole = [p.pk for p in programs if permissions.can(user, PROGRAM_WIDE, p)]
    mine = [p.pk for p in programs if p.pk not in whole]
    return list(
        Episode.objects.open()
        .filter(Q(program_id__in=whole) | Q(program_id__in=mine, primary_clinician=user))
        .select_related("client", "program")
    )


def _row(episode: Episode, latest: Any, baseline: Any, found: Any) -> dict[str, Any]:
    parts = []
    if found.craving:
        parts.append(f"craving {latest.craving} (baseline {figure(baseline.craving)})")
    if found.mood:
        parts.append(f"mood {latest.mood} (baseline {figure(baseline.mood)})")
    return {
        "client": episode.client,
        "episode": episode,
        "latest": latest,
        "text": f"{' and '.join(parts).capitalize()} on {short_day(latest.recorded_on)}.",
    }


def rises_context(user: Any, programs: list[Any]) -> dict[str, Any]:
    episodes = _episodes(user, programs)
    ids = [e.pk for e in episodes]
    baselines = baselines_for(ids) if ids else {}
    latest = latest_for(list(baselines)) if baselines else {}
    rows = []
    for episode in episodes:
        baseline, last = baselines.get(episode.pk), latest.get(episode.pk)
        found = rise(last, baseline, episode.program.checkin_rise_points)
        if found:
            rows.append(_row(episode, last, baseline, found))
    rows.sort(key=lambda r: (r["client"].legal_last_name, r["client"].legal_first_name))
    return {"rows": rows}


def rises_clients(context: dict[str, Any]) -> list[Any]:
    return [r["client"] for r in context["rows"]]


def register() -> None:
    register_today_panel(
        TodayPanel(
            key="checkin_rises",
            order=15,
            template="relapse_prevention/checkins/_today.html",
            capability=permissions.VIEW_CLINICAL_RECORD,
            context=rises_context,
            clients=rises_clients,
        )
    )
