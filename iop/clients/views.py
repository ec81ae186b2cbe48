from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log
from iop.clients.access import get_client_for
from iop.clients.models import Client, Episode, SafetyFlag
from iop.http import AuthedRequest

PAGE_SIZE = 25


def _with_chart_header(clients: Any) -> Any:
    """What every chart header and list row shows, in a fixed number of queries."""
    return clients.select_related("program").prefetch_related(
        Prefetch(
            "episodes",
            queryset=Episode.objects.open().select_related("level_of_care", "primary_clinician"),
            to_attr="open_episodes",
        ),
        Prefetch("safety_flags", queryset=SafetyFlag.objects.active(), to_attr="active_flags"),
    )


@require_GET
@capability_required(permissions.VIEW_CLIENTS)
def client_list(request: AuthedRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    status = request.GET.get("status", "open")
    clients = Client.objects.visible_to(request.user).search(query)
    if status == "open":
        clients = clients.filter(episodes__discharged_on__isnull=True)
    page = Paginator(_with_chart_header(clients).distinct(), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    template = "clients/client_list.html"
    if request.htmx and request.htmx.target == "client-results":
        template += "#results"
    return render(request, template, {"page": page, "query": query, "status": status})


@require_GET
@capability_required(permissions.VIEW_CLIENTS)
def client_chart(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client = get_client_for(request.user, client_id)
    client = _with_chart_header(Client.objects.filter(pk=client.pk)).get()
    record_view_log(request=request, client=client, page="Client chart")
    episodes = client.episodes.select_related(
        "level_of_care", "primary_clinician"
    ).prefetch_related("level_changes__to_level", "level_changes__from_level")
    return render(request, "clients/client_chart.html", {"client": client, "episodes": episodes})
