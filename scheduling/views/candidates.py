"""Candidates for a change of level: the director's list (with "Propose a change" and
"Dismiss", a reason required)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_POST

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_views_log
from iop.http import AuthedRequest
from scheduling.access import get_level_change_candidate_for
from scheduling.models import LevelChangeCandidate
from scheduling.services import candidates

APPROVE = permissions.APPROVE_LEVEL_CHANGE


def _open_for(request: AuthedRequest) -> Any:
    return (
        LevelChangeCandidate.objects.open()
        .visible_to(request.user, APPROVE)
        .select_related("client", "episode__level_of_care")
    )


def _page(
    request: AuthedRequest, errors: dict[Any, str] | None = None, status: int = 200
) -> HttpResponse:
    flags = list(_open_for(request).order_by("direction", "flagged_on", "client__legal_last_name"))
    record_views_log(
        request=request, clients=[f.client for f in flags], page="Level-of-care candidates"
    )
    rows = [
        {"flag": f, "error": (errors or {}).get(f.pk), "value": request.POST.get("reason", "")}
        for f in flags
    ]
    return render(
        request,
        "scheduling/level_changes/candidates.html",
        {
            "ups": [r for r in rows if r["flag"].direction == "up"],
            "downs": [r for r in rows if r["flag"].direction == "down"],
            "quiet_days": candidates.QUIET_DAYS,
        },
        status=status,
    )


@require_GET
@capability_required(APPROVE)
def level_change_candidates(request: AuthedRequest) -> HttpResponse:
    return _page(request)


@require_POST
@capability_required(APPROVE)
def level_change_candidate_dismiss(request: AuthedRequest, candidate_id: UUID) -> HttpResponse:
    flag = get_level_change_candidate_for(request.user, candidate_id, APPROVE)
    try:
        candidates.candidate_dismiss(
            candidate=flag, by=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as refused:
        words = refused.message_dict.get("reason") if hasattr(refused, "error_dict") else None
        text = (words or refused.messages)[0]
        messages.error(request, text)
        return _page(request, errors={flag.pk: text}, status=400)
    messages.success(request, f"Flag for {flag.client.display_name} dismissed.")
    return redirect("scheduling:level_change_candidates")


urlpatterns: list[URLPattern] = [
    path("level-changes/candidates/", level_change_candidates, name="level_change_candidates"),
    path(
        "level-changes/candidates/<uuid:candidate_id>/dismiss/",
        level_change_candidate_dismiss,
        name="level_change_candidate_dismiss",
    ),
]
