from __future__ import annotations

from uuid import UUID

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log
from iop.clients.access import get_client_for
from iop.clients.chart import chart_sections
from iop.clients.models import Client, Episode
from iop.http import AuthedRequest

PAGE_SIZE = 25


@require_GET
@capability_required(permissions.VIEW_CLIENTS)
def client_list(request: AuthedRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    status = request.GET.get("status", "open")
    clients = Client.objects.visible_to(request.user).search(query)
    if status == "open":
        open_episode = Episode.objects.open().filter(client_id=OuterRef("pk"))
        clients = clients.filter(Exists(open_episode))
    page = Paginator(clients.with_chart_header(), PAGE_SIZE).get_page(request.GET.get("page"))
    template = "clients/client_list.html"
    if request.htmx and request.htmx.target == "client-results":
        template += "#results"
    return render(request, template, {"page": page, "query": query, "status": status})


@require_GET
@capability_required(permissions.VIEW_CLIENTS)
def client_chart(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client = get_client_for(request.user, client_id)
    client = Client.objects.with_chart_header().get(pk=client.pk)
    record_view_log(request=request, client=client, page="Client chart")
    episodes = client.episodes.select_related(
        "level_of_care", "primary_clinician"
    ).prefetch_related("level_changes__to_level", "level_changes__from_level")
    sections = [
        {"template": section.template, **section.context(client, request.user)}
        for section in chart_sections()
        if permissions.can(request.user, section.capability, client.program)
    ]
    return render(
        request,
        "clients/client_chart.html",
        {"client": client, "episodes": episodes, "sections": sections},
    )
