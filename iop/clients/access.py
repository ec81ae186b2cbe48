"""One fetch-and-check helper per protected object: outside the user's programs is a 404.

Scoped querysets are ``Client.objects.visible_to(user, capability)`` and
``Episode.objects.visible_to(user, capability)``.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.shortcuts import get_object_or_404

from iop.accounts import permissions
from iop.clients.models import Client, Episode


def get_client_for(
    user: Any,
    client_id: UUID,
    capability: str = permissions.VIEW_CLIENTS,
    *,
    chart_header: bool = False,
) -> Client:
    """The client, 404 outside the user's programs; ``chart_header`` loads what the chart
    header shows (the open episode's level of care, the primary clinician, flags)."""
    clients = Client.objects.visible_to(user, capability)
    if chart_header:
        clients = clients.with_chart_header()
    return get_object_or_404(clients, pk=client_id)


def get_episode_for(
    user: Any, episode_id: UUID, capability: str, *, open_only: bool = False
) -> Episode:
    """An episode of care; ``open_only`` makes a closed one a 404 too (discharge pages)."""
    episodes = Episode.objects.visible_to(user, capability).select_related("client", "program")
    if open_only:
        episodes = episodes.open()
    return get_object_or_404(episodes, pk=episode_id)
