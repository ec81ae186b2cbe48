"""Reviews of the signed relapse prevention plan: recorded with the client, and why one is due
(the treatment plan's review, a lapse since the last look)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from iop.accounts.models import User
from iop.audit.models import AuditAction
from iop.audit.services import audit_event_record
from iop.clients.models import Client
from iop.signatures.text import long_date
from relapse_prevention.models import (
    Lapse,
    RelapsePlanReview,
    RelapsePreventionPlan,
    ReviewOccasion,
)
from relapse_prevention.services.plans import NO_PLAN, require_writer, rp_plan_start


def _check_review(
    plan: RelapsePreventionPlan, reviewed_on: datetime.date | None, occasion: str, summary: str
) -> None:
    errors: dict[str, str] = {}
    today = plan.program.today()
    if reviewed_on is None:
        errors["reviewed_on"] = "Give the date of the review."
    elif reviewed_on > today:
        errors["reviewed_on"] = "The review date cannot be in the future."
    elif plan.signed_at and reviewed_on < plan.program.local_date(plan.signed_at):
        errors["reviewed_on"] = "The review date cannot be before the plan was signed."
    if occasion not in ReviewOccasion.values:
        errors["occasion"] = "Choose when this review happened."
    if not summary.strip():
        errors["summary"] = "Write what you talked through with the client."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def rp_plan_review_record(
    *,
    plan: RelapsePreventionPlan,
    by: User,
    reviewed_on: datetime.date | None,
    occasion: str,
    summary: str,
    changes_needed: bool,
) -> RelapsePlanReview:
    """The signed plan in effect looked at again with the client; "changes needed" opens
    the next version's draft in the same transaction."""
    require_writer(by, plan.program)
    if plan.signed_at is None or plan.superseded_at is not None:
        raise ValidationError("Only the plan in effect is reviewed. Sign the draft first.")
    _check_review(plan, reviewed_on, occasion, summary)
    assert reviewed_on is not None
    review = RelapsePlanReview.objects.create(
        plan=plan,
        client_id=plan.client_id,
        program_id=plan.program_id,
        reviewed_on=reviewed_on,
        occasion=occasion,
        summary=summary.strip(),
        changes_needed=changes_needed,
        reviewed_by=by,
        created_by=by,
    )
    audit_event_record(
        action=AuditAction.RELAPSE_PLAN_REVIEWED,
        actor=by,
        obj=review,
        client=plan.client,
        summary=f"Relapse prevention plan version {plan.version} reviewed "
        f"({review.get_occasion_display().lower()})"
        + ("; a new version started" if changes_needed else ""),
    )
    if changes_needed:
        rp_plan_start(client=plan.client, by=by)
    return review


def _last_look(plan: RelapsePreventionPlan) -> tuple[datetime.date, datetime.datetime]:
    """The day and the moment the plan was last looked at: the latest review of any signed
    version of the client's plan, else the signing."""
    assert plan.signed_at is not None
    signed_on = plan.program.local_date(plan.signed_at)
    latest = (
        RelapsePlanReview.objects.filter(client_id=plan.client_id)
        .order_by("-reviewed_on", "-created_at")
        .values("reviewed_on", "created_at")
        .first()
    )
    if latest is None or latest["reviewed_on"] < signed_on:
        return signed_on, plan.signed_at
    return latest["reviewed_on"], latest["created_at"]


def rp_plan_last_reviewed(plan: RelapsePreventionPlan | None) -> datetime.date | None:
    if plan is None or plan.signed_at is None:
        return None
    return _last_look(plan)[0]


def rp_plan_review_due(
    client: Client, today: datetime.date, plan: RelapsePreventionPlan | None = None
) -> list[str]:
    """Why the plan needs a review now, in words; empty when none is due. ``plan`` is the
    version in effect when the caller has it already (saves a query)."""
    from treatment_plans.models import TreatmentPlan

    if plan is None:
        plan = RelapsePreventionPlan.objects.in_effect().filter(client=client).first()
    if plan is None:
        return [NO_PLAN]
    last, last_at = _last_look(plan)
    reasons = []
    treatment = TreatmentPlan.objects.active().filter(client=client).order_by("-version").first()
    if treatment is not None and treatment.review_due_on and treatment.review_due_on <= today:
        began = treatment.review_due_on - datetime.timedelta(days=plan.program.plan_review_days)
        if last < began:
            reasons.append(
                "The treatment plan review was due on "
                f"{long_date(treatment.review_due_on)}: review this plan with it."
            )
    lapse = (
        Lapse.objects.standing()
        # A lapse of the very day counts when it was recorded after that look.
        .filter(Q(occurred_on__gt=last) | Q(occurred_on=last, recorded_at__gt=last_at))
        .filter(client=client)
        .order_by("-occurred_on")
        .first()
    )
    if lapse is not None:
        reasons.append(f"A lapse on {long_date(lapse.occurred_on)} happened after the last review.")
    return reasons
