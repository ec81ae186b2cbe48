"""The trauma-phase gate (CLINICAL.md, "Trauma readiness"): may trauma processing begin?

The gate opens only when the episode's latest readiness review is ready and confirmed by a
supervisor or director, and the facts it rested on still hold now: no open safety alert,
the latest C-SSRS not high risk, no DES-II at or above 30 given since. A review is a
snapshot and clients change, so the gate re-reads those facts every time it is asked.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from intake.models import InstrumentResult, SafetyAlert
from intake.models.assessment import AffectTolerance, GroundingSkill, HomeStability, SelfHarm
from intake.readiness import DES_CAUTION, Readiness, readiness_status
from iop.accounts import permissions
from iop.accounts.models import Program, User
from iop.audit.models import AuditAction
from iop.audit.services import audit_event_record
from iop.clients.models import Episode
from treatment_plans.models import (
    Phase,
    PhaseChange,
    PlanIntervention,
    PlanStatus,
    ReadinessReview,
    TreatmentPlan,
)

NO_REVIEW = "No readiness review recorded"
AWAITING = "Readiness review awaiting a supervisor's confirmation"
HELD = "Held"
ACTIVE = "Active"
ANSWERS: dict[str, type[Any]] = {
    "affect_tolerance": AffectTolerance,
    "grounding_skill": GroundingSkill,
    "self_harm": SelfHarm,
    "home_stability": HomeStability,
}


@dataclass(frozen=True)
class LiveFacts:
    """What the instruments and alerts say about the client right now."""

    des: InstrumentResult | None
    cssrs: InstrumentResult | None
    open_alerts: int

    @property
    def cssrs_high(self) -> bool:
        return bool(self.cssrs and self.cssrs.details.get("risk_level") == "high")

    @property
    def acute_suicide_risk(self) -> bool:
        return self.open_alerts > 0 or self.cssrs_high

    @property
    def des_score(self) -> Decimal | None:
        return plain(self.des.score) if self.des else None


@dataclass
class Gate:
    open: bool
    label: str
    met: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    latest_review: ReadinessReview | None = None
    awaiting_confirmation: bool = False


def plain(number: Decimal) -> Decimal:
    """40.0 reads as 40, 29.6 stays 29.6."""
    return number.quantize(Decimal(1)) if number == number.to_integral_value() else number


def live_facts(client_id: UUID) -> LiveFacts:
    """The newest DES-II and C-SSRS and the open alerts, in two queries."""
    latest = {
        result.instrument: result
        for result in InstrumentResult.objects.filter(
            client_id=client_id, instrument__in=["des2", "cssrs"]
        )
        .order_by("instrument", "-administered_at", "-created_at")
        .distinct("instrument")
    }
    alerts = SafetyAlert.objects.open().filter(client_id=client_id).count()
    return LiveFacts(latest.get("des2"), latest.get("cssrs"), alerts)


def review_readiness(review: ReadinessReview) -> Readiness:
    """The review's own answers through the intake rule, for its met and missing items."""
    return readiness_status(
        affect_tolerance=review.affect_tolerance,
        grounding_skill=review.grounding_skill,
        self_harm=review.self_harm,
        home_stability=review.home_stability,
        des_score=plain(review.des_score) if review.des_score is not None else None,
        acute_suicide_risk=review.acute_suicide_risk,
    )


def latest_review(episode: Episode) -> ReadinessReview | None:
    return (
        ReadinessReview.objects.filter(episode=episode)
        .select_related("created_by", "confirmed_by")
        .order_by("-created_at")
        .first()
    )


# ---------------------------------------------------------------- the gate


def gate_status(episode: Episode) -> Gate:
    """Open or closed, with what holds and what is missing; three queries."""
    review = latest_review(episode)
    facts = live_facts(episode.client_id)
    met, missing = _review_items(review, episode.program)
    live_met, live_missing = _live_items(facts, review, episode.program)
    missing += [item for item in live_missing if item not in missing]
    is_open = not missing
    return Gate(
        open=is_open,
        label=_label(review, is_open),
        met=met + live_met,
        missing=missing,
        latest_review=review,
        awaiting_confirmation=bool(review and review.ready and review.confirmed_at is None),
    )


def _review_items(review: ReadinessReview | None, program: Program) -> tuple[list[str], list[str]]:
    if review is None:
        return [], [NO_REVIEW]
    readiness = review_readiness(review)
    if not (review.ready and readiness.ready):
        return readiness.met, readiness.missing or ["Latest readiness review: not ready"]
    if review.confirmed_at is None:
        return readiness.met, [AWAITING]
    who = review.confirmed_by.display_name if review.confirmed_by else "a supervisor"
    return [*readiness.met, f"Confirmed by {who} on {_day(review.confirmed_at, program)}"], []


def _live_items(
    facts: LiveFacts, review: ReadinessReview | None, program: Program
) -> tuple[list[str], list[str]]:
    met: list[str] = []
    missing: list[str] = []
    if facts.open_alerts:
        many = facts.open_alerts > 1
        missing.append(f"{facts.open_alerts} open safety alerts" if many else "Open safety alert")
    else:
        met.append("No open safety alert")
    if facts.cssrs_high:
        missing.append(f"C-SSRS on {_day(facts.cssrs.administered_at, program)}: high suicide risk")  # type: ignore[union-attr]
    elif facts.cssrs:
        met.append("Latest C-SSRS not high risk")
    des = facts.des
    newer = des is not None and (review is None or des.administered_at > review.created_at)
    if newer and facts.des_score is not None and facts.des_score >= DES_CAUTION:
        since = " (given after the review)" if review else ""
        missing.append(f"DES-II {facts.des_score}{since}: high dissociation")
    return met, missing


def _label(review: ReadinessReview | None, is_open: bool) -> str:
    if is_open:
        return "Open: trauma processing may begin"
    if review is None:
        return "Closed: no readiness review yet"
    if not review.ready:
        return "Closed: not yet ready for trauma processing"
    if review.confirmed_at is None:
        return "Closed: awaiting a supervisor's confirmation"
    return "Closed: safety concerns since the confirmed review"


def _day(moment: datetime.datetime, program: Program) -> str:
    return date_format(program.local(moment), "M j, Y")


def intervention_status(intervention: PlanIntervention, gate: Gate) -> tuple[str, str]:
    """("Held", why) for a trauma-processing intervention not yet allowed; else ("Active", "")."""
    if not intervention.modality.trauma_processing:
        return ACTIVE, ""
    if not gate.open:
        return HELD, "; ".join(gate.missing)
    phase = intervention.plan.phase
    if phase != Phase.PROCESSING:
        # The label, not the stored value: staff read it (US spelling; stored values stay put).
        return HELD, f"the plan is in the {Phase(phase).label.lower()} phase"
    return ACTIVE, ""


# ---------------------------------------------------------------- writes


def _require(user: User, capability: str, program: Any, refusal: str) -> None:
    if not permissions.can(user, capability, program):
        raise PermissionDenied(refusal)


def _check_answers(answers: dict[str, str]) -> None:
    wrong = {
        name: "Choose one of the answers listed."
        for name, value in answers.items()
        if value not in ANSWERS[name].values
    }
    if wrong:
        raise ValidationError(wrong)


@transaction.atomic
def readiness_review_record(
    *,
    episode: Episode,
    by: User,
    affect_tolerance: str,
    grounding_skill: str,
    self_harm: str,
    home_stability: str,
    notes: str = "",
) -> ReadinessReview:
    """The clinician's answers plus the live DES-II and suicide risk; `ready` decided here."""
    _require(by, permissions.EDIT_PLANS, episode.program, "Only clinicians record readiness.")
    if not episode.is_open:
        raise ValidationError("This episode is closed; readiness is reviewed during care.")
    answers = {
        "affect_tolerance": affect_tolerance,
        "grounding_skill": grounding_skill,
        "self_harm": self_harm,
        "home_stability": home_stability,
    }
    _check_answers(answers)
    facts = live_facts(episode.client_id)
    readiness = readiness_status(
        **answers, des_score=facts.des_score, acute_suicide_risk=facts.acute_suicide_risk
    )
    return ReadinessReview.objects.create(
        episode=episode,
        **answers,
        des_score=facts.des_score,
        acute_suicide_risk=facts.acute_suicide_risk,
        ready=readiness.ready,
        notes=notes.strip(),
        created_by=by,
    )


@transaction.atomic
def readiness_confirm(*, review: ReadinessReview, by: User) -> ReadinessReview:
    """A supervisor or director, not the author, confirms the latest, ready review once."""
    review = (
        ReadinessReview.objects.select_for_update(of=("self",))
        .select_related("episode__client", "episode__program", "confirmed_by")
        .get(pk=review.pk)
    )
    episode = review.episode
    _require(
        by,
        permissions.CONFIRM_READINESS,
        episode.program,
        "Only a supervisor or director confirms a readiness review.",
    )
    _check_confirmable(review, by, episode.program)
    review.confirmed_by = by
    review.confirmed_at = timezone.now()
    review.save(update_fields=["confirmed_by", "confirmed_at", "updated_at"])
    # No audit action names readiness yet; a supervisor's confirmation is a sign-off.
    audit_event_record(
        action=AuditAction.READINESS_CONFIRMED,
        actor=by,
        obj=review,
        client=episode.client,
        summary=f"Readiness review of {_day(review.created_at, episode.program)} confirmed: "
        "ready for trauma processing",
    )
    return review


def _check_confirmable(review: ReadinessReview, by: User, program: Program) -> None:
    if review.confirmed_at is not None:
        who = review.confirmed_by.display_name if review.confirmed_by else "a supervisor"
        raise ValidationError(
            f"This review was already confirmed by {who} on {_day(review.confirmed_at, program)}."
        )
    if review.created_by_id == by.pk:
        raise ValidationError(
            "You recorded this review; another supervisor or director must confirm it."
        )
    if not review.ready:
        raise ValidationError("This review is not ready for trauma processing; nothing to confirm.")
    newest = latest_review(review.episode)
    if newest is not None and newest.pk != review.pk:
        raise ValidationError("A newer readiness review has been recorded; confirm that one.")


@transaction.atomic
def phase_change(*, plan: TreatmentPlan, to_phase: str, reason: str, by: User) -> PhaseChange:
    """Record who moved the plan to which phase, when and why; processing waits for the gate."""
    plan = (
        TreatmentPlan.objects.select_for_update(of=("self",))
        .select_related("episode", "program")
        .get(pk=plan.pk)
    )
    _require(by, permissions.EDIT_PLANS, plan.program, "Only clinicians change a plan's phase.")
    _check_phase_change(plan, to_phase, reason)
    change = PhaseChange.objects.create(
        plan=plan,
        from_phase=plan.phase,
        to_phase=to_phase,
        reason=reason.strip(),
        created_by=by,
    )
    plan.phase = to_phase
    # Phase is one of the columns the lock leaves mutable on an active (signed) version.
    plan.save(update_fields=["phase", "updated_at"])
    audit_event_record(
        action=AuditAction.PHASE_CHANGED,
        actor=by,
        obj=plan,
        client=plan.client,
        summary=f"{Phase(change.from_phase).label} → {Phase(to_phase).label}",
    )
    return change


def _check_phase_change(plan: TreatmentPlan, to_phase: str, reason: str) -> None:
    if plan.status not in (PlanStatus.DRAFT, PlanStatus.ACTIVE):
        raise ValidationError(
            "This plan version is superseded; change the phase on the current one."
        )
    if to_phase not in Phase.values:
        raise ValidationError({"to_phase": "Choose one of the phases listed."})
    if to_phase == plan.phase:
        raise ValidationError(
            {"to_phase": f"The plan is already in the {Phase(to_phase).label.lower()} phase."}
        )
    if not reason.strip():
        raise ValidationError({"reason": "Say why the phase changes."})
    if to_phase == Phase.PROCESSING:
        gate = gate_status(plan.episode)
        if not gate.open:
            raise ValidationError(
                {"to_phase": "Trauma processing is held: " + "; ".join(gate.missing) + "."}
            )
