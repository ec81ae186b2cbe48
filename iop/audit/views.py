from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.access import audit_events_for, record_views_for
from iop.audit.services import record_views_log
from iop.http import AuthedRequest

PAGE_SIZE = 50
EVENTS_SHOWN = 25


@require_GET
@capability_required(permissions.VIEW_AUDIT_LOG)
def record_view_log(request: AuthedRequest) -> HttpResponse:
    """Directors search who viewed which record, by client and by staff member."""
    client_q = request.GET.get("client", "").strip()
    user_q = request.GET.get("user", "").strip()
    views = record_views_for(request.user).select_related("user", "client")
    if client_q:
        views = views.filter(
            Q(client__record_number__iexact=client_q)
            | Q(client__legal_last_name__icontains=client_q)
        )
    if user_q:
        views = views.filter(
            Q(user__email__icontains=user_q) | Q(user__last_name__icontains=user_q)
        )
    page = Paginator(views.order_by("-at"), PAGE_SIZE).get_page(request.GET.get("page"))
    events = audit_events_for(request.user).select_related("actor", "client")
    if client_q:
        events = events.filter(
            Q(client__record_number__iexact=client_q)
            | Q(client__legal_last_name__icontains=client_q)
        )
    if user_q:
        events = events.filter(
            Q(actor__email__icontains=user_q) | Q(actor__last_name__icontains=user_q)
        )
    events_shown = list(events.order_by("-at")[:EVENTS_SHOWN])
    # Read before writing, so this view's own rows wait for the next visit.
    shown = [view.client for view in page.object_list]
    shown += [event.client for event in events_shown if event.client is not None]
    record_views_log(request=request, clients=shown, page="Audit log")
    return render(
        request,
        "audit/record_view_log.html",
        {
            "page": page,
            "events": events_shown,
            "client_q": client_q,
            "user_q": user_q,
        },
    )
