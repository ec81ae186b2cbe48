from __future__ import annotations

import hmac

from celery import Celery
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection

from iop.accounts import permissions

# Where each capability's holder starts their day, most specific first.
LANDING_PAGES = [
    (permissions.VIEW_CENSUS, "dashboard:census"),
    (permissions.CHART_SESSIONS, "scheduling:today"),
    (permissions.EDIT_INTAKE, "intake:queue"),
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


# For this probe only: a broker that accepts connections but never answers must not hang
# the health check (the worker keeps the default, blocking, timeouts).
_BROKER_PROBE_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 2}


def _broker_and_workers() -> tuple[str, int | str]:
    from iop.celery import app

    try:
        with app.connection_for_write(transport_options=_BROKER_PROBE_OPTIONS) as conn:
            conn.ensure_connection(max_retries=0)
            return "ok", _count_workers(app, conn)
    except Exception as exc:
        return f"error: {exc.__class__.__name__}", "unknown"


def _count_workers(app: Celery, conn: Connection) -> int | str:
    try:
        return len(app.control.ping(timeout=1.0, connection=conn) or [])
    except Exception as exc:
        return f"error: {exc.__class__.__name__}"


def _may_see_health_details(request: HttpRequest, database_up: bool) -> bool:
    """Monitoring with IOP_HEALTHZ_TOKEN, or a signed-in administrator. The broker's state
    and the worker count tell an outsider what to attack, so nobody else sees them."""
    token = settings.IOP_HEALTHZ_TOKEN
    sent = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
        return True
    # Who is signed in is read from the database: with it down, only the token tells.
    return database_up and permissions.can_see_system_health(request.user)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Up (200) while the database answers, else down (503). Administrators and monitoring
    also get the database, broker and worker details; broker and workers are reported,
    not required."""
    database = _database_state()
    up = database == "ok"
    body: dict[str, object] = {"status": "up" if up else "down"}
    if _may_see_health_details(request, up):
        broker, workers = _broker_and_workers()
        body |= {"database": database, "broker": broker, "workers": workers}
    return JsonResponse(body, status=200 if up else 503)
