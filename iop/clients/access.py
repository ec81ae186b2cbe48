"""One fetch-and-check helper per protected object: outside the user's programs is a 404."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.shortcuts import get_object_or_404

from iop.accounts import permissions
from iop.clients.models import Client


def get_client_for(
    user: Any, client_id: UUID, capability: str = permissions.VIEW_CLIENTS
) -> Client:
    return get_object_or_404(
        Client.objects.filter(program_id__in=permissions.program_ids_with(user, capability)),
        pk=client_id,
    )
