"""What check-ins and lapses add to the client chart: the trend of craving and mood over the
last 8 weeks against the client's own baseline, the last few check-ins, and the lapses."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse

from iop.accounts import permissions
from iop.clients.chart import ChartSection, register_chart_section
from iop.clients.models import Client, Episode
from relapse_prevention.baselines import episode_baseline
from relapse_prevention.checkin_trend import WEEKS, trend_drawing

LAST_CHECKINS = 5
LAST_LAPSES = 3
ORDER = 28  # after the drug screens (27)


def chart_episode(client: Client) -> Episode | None:
    """The open episode, else the latest one: its check-ins are the ones to read."""
    return (
        Episode.objects.filter(client=client)
        .select_related("program")
        .order_by("discharged_on", "-admitted_on")
        .first()
    )


def checkins_context(client: Client, user: Any) -> dict[str, Any]:
    from relapse_prevention.models import CheckIn, Lapse

    episode = chart_episode(client)
    if episode is None:
        return {"episode": None}
    today = client.program.today()
    since = today - datetime.timedelta(days=WEEKS * 7 - 1)
    standing = CheckIn.objects.standing().filter(episode=episode)
    window = list(standing.filter(recorded_on__gte=since).order_by("recorded_at"))
    baseline = episode_baseline(episode.pk)
    can_record = permissions.can(user, permissions.CHART_SESSIONS, client.program)
    return {
        "episode": episode,
        "trend": trend_drawing(window, baseline, today),
        "window": window,
        "baseline": baseline,
        "last": list(standing.select_related("recorded_by")[:LAST_CHECKINS]),
        "lapses": list(Lapse.objects.standing().filter(episode=episode)[:LAST_LAPSES]),
        "checkins_url": reverse("relapse_prevention:checkins", args=[client.pk]),
        "lapses_url": reverse("relapse_prevention:lapses", args=[client.pk]),
        "lapse_record_url": reverse("relapse_prevention:lapse_record", args=[client.pk])
        if can_record and episode.discharged_on is None
        else None,
        "can_record": can_record and episode.discharged_on is None,
    }


def register() -> None:
    register_chart_section(
        ChartSection(
            "checkins",
            ORDER,
            "relapse_prevention/chart/_checkins.html",
            checkins_context,
            permissions.VIEW_CLINICAL_RECORD,
        )
    )
