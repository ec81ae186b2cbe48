"""What intake adds to the client chart: the intake summary, score histories, alerts, consents."""

from __future__ import annotations

from typing import Any

from iop.accounts import permissions
from iop.clients.chart import ChartSection, register_chart_section
from iop.clients.models import Client


def intake_context(client: Client, user: Any) -> dict[str, Any]:
    from intake.models import Assessment, SafetyAlert
    from intake.services.assessments import assessment_readiness

    assessment = (
        Assessment.objects.filter(client=client)
        .select_related("placement_level", "recommended_level", "referral")
        .order_by("-created_at")
        .first()
    )
    alerts = SafetyAlert.objects.filter(client=client).select_related("result", "acknowledged_by")[
        :10
    ]
    return {
        "assessment": assessment,
        "readiness": assessment_readiness(assessment) if assessment else None,
        "alerts": alerts,
        "can_acknowledge": permissions.can(
            user, permissions.ACKNOWLEDGE_SAFETY_ALERT, client.program
        ),
        "can_administer": permissions.can(user, permissions.ADMINISTER_INSTRUMENTS, client.program),
    }


def scores_context(client: Client, user: Any) -> dict[str, Any]:
    from intake.instruments import all_instruments
    from intake.score_history import score_histories

    return {
        "histories": score_histories(client),
        "instruments": all_instruments(),
        "can_administer": permissions.can(user, permissions.ADMINISTER_INSTRUMENTS, client.program),
    }


def consents_context(client: Client, user: Any) -> dict[str, Any]:

    return {
        # Through the client, so each consent knows its client (and program) for its status.
        "consents": client.consents.select_related("recipient_user"),
        "can_edit": permissions.can(user, permissions.EDIT_INTAKE, client.program),
    }


def safety_plan_context(client: Client, user: Any) -> dict[str, Any]:
    """The plan in effect, the draft being written, and whether a review is due: 2 queries."""
    from intake.models import SafetyAlert, SafetyPlan
    from intake.services.safety_plans import WRITE

    plans = list(
        SafetyPlan.objects.filter(client=client, superseded_at__isnull=True).select_related(
            "clinician_signed_by"
        )
    )
    current = next((p for p in plans if p.signed_at), None)
    new_risk = bool(
        current
        and SafetyAlert.objects.filter(client=client, created_at__gt=current.signed_at).exists()
    )
    return {
        "client": client,
        "current": current,
        "draft": next((p for p in plans if p.is_draft), None),
        "review_due": bool(current and current.review_is_due(client.program.today())),
        "new_risk": new_risk,
        "can_write": permissions.can(user, WRITE, client.program),
    }


def court_order_context(client: Client, user: Any) -> dict[str, Any]:
    """The order in effect today (else the latest one) and how many others ended: 1 query."""
    from intake.models import CourtOrder
    from intake.services.court_orders import required_in_words

    today = client.program.today()
    orders = list(CourtOrder.objects.filter(client=client).select_related("supervising_officer"))
    in_effect = [
        o for o in orders if o.ordered_on <= today and (o.ends_on is None or o.ends_on >= today)
    ]
    order = in_effect[0] if in_effect else (orders[0] if orders else None)
    return {
        "order": order,
        "required": required_in_words(order) if order else "",
        "earlier": len(orders) - (1 if order else 0),
        "can_edit": permissions.can(user, permissions.EDIT_COURT_ORDERS, client.program),
    }


SECTIONS = [
    ChartSection(
        "safety_plan",
        7,
        "intake/chart/_safety_plan.html",
        safety_plan_context,
        permissions.VIEW_CLINICAL_RECORD,
    ),
    ChartSection(
        "intake", 10, "intake/chart/_intake.html", intake_context, permissions.VIEW_CLIENTS
    ),
    ChartSection(
        "scores", 20, "intake/chart/_scores.html", scores_context, permissions.VIEW_CLIENTS
    ),
    ChartSection(
        "consents", 30, "intake/chart/_consents.html", consents_context, permissions.VIEW_CLIENTS
    ),
    ChartSection(
        "court_order",
        35,
        "intake/chart/_court_order.html",
        court_order_context,
        permissions.VIEW_CLIENTS,
    ),
]


def register() -> None:
    for section in SECTIONS:
        register_chart_section(section)
