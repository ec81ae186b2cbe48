"""Today: trauma processing whose pacing is to review, for the client's primary clinician,
and pacing decisions awaiting confirmation, for supervisors and directors.

Names and a link to the plan only: Today may be on screen in the room, so no signs, targets
or figures here (they are on the plan page).
"""

from __future__ import annotations

from typing import Any

from iop.accounts import permissions
from scheduling.today_panels import TodayPanel, register_today_panel


def processing_today_context(user: Any, programs: list[Any]) -> dict[str, Any]:
    from relapse_prevention.access import confirming_program_ids
    from relapse_prevention.models import ProcessingDecision
    from relapse_prevention.processing import current_plans_in_processing, processing_statuses

    plans = current_plans_in_processing(program__in=programs, episode__primary_clinician=user)
    statuses = processing_statuses(plans)
    to_review = [plan for plan in plans if statuses[plan.episode_id].to_review]
    to_review.sort(key=lambda p: (p.client.legal_last_name, p.client.legal_first_name))
    confirming = confirming_program_ids(user)
    awaiting = list(
        ProcessingDecision.objects.awaiting_confirmation()
        .filter(program__in=[p for p in programs if p.pk in confirming])
        .exclude(decided_by=user)
        .select_related("episode__client", "decided_by")
        .order_by("created_at")
    )
    return {"to_review": to_review, "awaiting": awaiting}


def processing_today_clients(context: dict[str, Any]) -> list[Any]:
    return [plan.client for plan in context["to_review"]] + [
        decision.episode.client for decision in context["awaiting"]
    ]


def register() -> None:
    register_today_panel(
        TodayPanel(
            key="trauma_processing",
            order=30,
            template="relapse_prevention/processing/_today.html",
            capability=permissions.EDIT_PLANS,
            context=processing_today_context,
            clients=processing_today_clients,
        )
    )
