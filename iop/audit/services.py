from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Model
from django.http import HttpRequest

from iop.accounts.models import User
from iop.audit.models import AuditEvent, RecordView
from iop.clients.models import Client
from iop.http import AuthedRequest


def client_ip(request: HttpRequest) -> str | None:
    """The browser's address as our own proxies saw it.

    Each trusted proxy appends the address it saw to X-Forwarded-For; hops before those are
    whatever the browser sent, so they are never believed. The sign-in limits key on this
    address too (iop.accounts.adapter).
    """
    count = settings.IOP_TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    address = hops[-count] if count and len(hops) >= count else request.META.get("REMOTE_ADDR")
    try:
        return str(ipaddress.ip_address(address or ""))
    except ValueError:
        return None


def record_view_log(*, request: AuthedRequest, client: Client, page: str) -> RecordView:
    """Written inside the request that shows the record, so no view goes unlogged."""
    return RecordView.objects.create(
        user=request.user,
        client=client,
        program_id=client.program_id,
        page=page,
        path=request.get_full_path()[:500],
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
    )


def record_views_log(
    *, request: AuthedRequest, clients: Iterable[Client], page: str
) -> list[RecordView]:
    """One view row per client shown on a page about several clients (a group's notes),
    written in one query so the page's cost does not grow with the group."""
    common = {
        "user": request.user,
        "page": page,
        "path": request.get_full_path()[:500],
        "ip_address": client_ip(request),
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
    }
    return RecordView.objects.bulk_create(
        [
            RecordView(client=c, program_id=c.program_id, **common)
            for c in {c.pk: c for c in clients}.values()
        ]
    )


def audit_event_record(
    *, action: str, actor: User | None, obj: Model, client: Client | None, summary: str
) -> AuditEvent:
    """Called inside the service's transaction, so the event stands or falls with the change."""
    program_id = client.program_id if client else obj.program_id  # type: ignore[attr-defined]
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        program_id=program_id,
        client=client,
        object_type=obj._meta.label,
        object_id=obj.pk,
        summary=summary[:300],
    )
