from __future__ import annotations

from iop.audit.models import RecordView
from iop.clients.models import Client
from iop.http import AuthedRequest


def client_ip(request: AuthedRequest) -> str | None:
    # Behind the proxy in docker-compose the first X-Forwarded-For hop is the browser.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


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
