from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from iop.accounts import permissions

# Where each capability's holder starts their day, most specific first.
LANDING_PAGES = [
    (permissions.CHART_SESSIONS, "dashboard:today"),
    (permissions.VIEW_CLIENTS, "clients:list"),
    (permissions.VIEW_DISCLOSED_REPORTS, "reports:disclosed"),
    (permissions.MANAGE_STAFF, "accounts:staff"),
]


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    caps = permissions.capabilities(request.user)
    for capability, url_name in LANDING_PAGES:
        if capability in caps:
            return redirect(url_name)
    return redirect("no_role")


@require_GET
@login_required
def no_role(request: HttpRequest) -> HttpResponse:
    return render(request, "no_role.html", status=403)


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as exc:  # report, never raise: this page must answer
        return f"error: {exc.__class__.__name__}"


def _broker_and_workers() -> tuple[str, Any]:
    from iop.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return f"error: {exc.__class__.__name__}", "unknown"
    try:
        replies = app.control.ping(timeout=1.0) or []
    except Exception as exc:
        return "ok", f"error: {exc.__class__.__name__}"
    return "ok", len(replies)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 only when the database answers; broker and workers are reported, not required."""
    database = _database_state()
    broker, workers = _broker_and_workers()
    status = 200 if database == "ok" else 503
    return JsonResponse({"database": database, "broker": broker, "workers": workers}, status=status)
