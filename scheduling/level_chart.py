"""The chart's "Level of care" section and the director's Today panel of level changes to
decide (both scheduling's, beside the proposals they show)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from iop.accounts import permissions
from iop.clients.chart import ChartSection, register_chart_section
from iop.clients.models import Client
from scheduling.today_panels import TodayPanel, register_today_panel

SHOWN = 6


def level_context(client: Client, user: Any) -> dict[str, Any]:
    from iop.clients.models import LevelOfCareChange
    from scheduling.models import LevelChangeCandidate, LevelChangeProposal

    episode = next(iter(getattr(client, "open_episodes", [])), None)
    changes = list(
        LevelOfCareChange.objects.filter(episode__client=client)
        .select_related("from_level", "to_level")
        .order_by("-effective_on", "-created_at")[:SHOWN]
    )
    proposals = list(
        LevelChangeProposal.objects.filter(client=client)
        .select_related("from_level", "to_level")
        .order_by("-created_at")[:3]
    )
    can_propose = episode is not None and permissions.can(
        user, permissions.PROPOSE_LEVEL_CHANGE, client.program
    )
    flags = (
        list(
            LevelChangeCandidate.objects.open()
            .filter(episode=episode)
            .order_by("direction", "flagged_on")
        )
        if episode is not None
        else []
    )
    return {
        "flags": flags,
        "episode": episode,
        "changes": changes,
        "proposals": proposals,
        "propose_url": reverse("scheduling:level_change_new", args=[client.pk])
        if can_propose
        else None,
    }


def to_decide_context(user: Any, programs: list[Any]) -> dict[str, Any]:
    from scheduling.models import LevelChangeProposal

    proposals = list(
        LevelChangeProposal.objects.pending()
        .filter(program__in=programs)
        .exclude(proposed_by=user)
        .select_related("client", "from_level", "to_level")
        .order_by("created_at")[:20]
    )
    return {"proposals": proposals}


def candidates_context(user: Any, programs: list[Any]) -> dict[str, Any]:
    from scheduling.models import LevelChangeCandidate

    counts = {"up": 0, "down": 0}
    for direction in (
        LevelChangeCandidate.objects.open()
        .filter(program__in=programs)
        .values_list("direction", flat=True)
    ):
        counts[direction] += 1
    return {"ups": counts["up"], "downs": counts["down"], "total": sum(counts.values())}


def to_decide_clients(context: dict[str, Any]) -> list[Any]:
    return [p.client for p in context["proposals"]]


def register() -> None:
    register_chart_section(
        ChartSection(
            "level_of_care",
            12,
            "scheduling/level_changes/_chart.html",
            level_context,
            permissions.VIEW_CLINICAL_RECORD,
        )
    )
    register_today_panel(
        TodayPanel(
            key="level_changes_to_decide",
            order=35,
            template="scheduling/level_changes/_today.html",
            capability=permissions.APPROVE_LEVEL_CHANGE,
            context=to_decide_context,
            clients=to_decide_clients,
        )
    )
    register_today_panel(
        TodayPanel(
            key="level_change_candidates",
            order=36,
            template="scheduling/level_changes/_today_candidates.html",
            capability=permissions.APPROVE_LEVEL_CHANGE,
            context=candidates_context,
            clients=lambda context: [],  # a count only: no client named
        )
    )
