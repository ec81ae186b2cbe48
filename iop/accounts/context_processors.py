from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from iop.accounts import permissions
from iop.accounts.middleware import idle_timeout_seconds

# (label, url name, capability). Items appear only for roles that hold the capability.
NAVIGATION = [
    ("Today", "scheduling:today", permissions.CHART_SESSIONS),
    ("Intake", "intake:queue", permissions.EDIT_INTAKE),
    ("Clients", "clients:list", permissions.VIEW_CLIENTS),
    ("Schedule", "scheduling:week", permissions.VIEW_SCHEDULE),
    ("Groups", "groups:list", permissions.VIEW_SCHEDULE),
    ("Census", "dashboard:census", permissions.VIEW_CENSUS),
    ("Plans due", "treatment_plans:plans_due", permissions.VIEW_CENSUS),
    ("To co-sign", "treatment_plans:plans_to_cosign", permissions.COSIGN_PLAN),
    ("Reports", "reports:disclosed", permissions.VIEW_DISCLOSED_REPORTS),
    ("Consent wording", "intake:treatment_consent_text", permissions.EDIT_CONSENT_TEXT),
    ("Audit log", "audit:log", permissions.VIEW_AUDIT_LOG),
    ("Staff", "accounts:staff", permissions.MANAGE_STAFF),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    context: dict[str, Any] = {
        "mfa_off_banner": not settings.IOP_REQUIRE_MFA,
        "demo_mode": settings.IOP_DEMO,
    }
    user = request.user
    if not user.is_authenticated:
        return context
    caps = permissions.capabilities(user)
    path = request.path
    items = []
    for label, name, capability in NAVIGATION:
        if capability in caps:
            url = reverse(name)
            items.append({"label": label, "url": url, "current": path.startswith(url)})
    context.update(
        nav_items=items,
        user_roles=sorted({m.get_role_display() for m in permissions._memberships(user)}),
        current_program=permissions.primary_program(user),
        idle_timeout_seconds=idle_timeout_seconds(request),
    )
    return context
