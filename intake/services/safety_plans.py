"""Writing a safety plan with the client, signing it together, and replacing it by a new version.

The text both people read and sign is built by one function (``safety_plan_text``): the
signing page, the signatures' hashes and the client copy all come from it. The crisis
lines are always on it: the 988 Lifeline, 911, and the program's own line when it has one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from intake.models import SafetyAlert, SafetyPlan, SafetyPlanDecision
from intake.models.safety_plans import SECTION_FIELDS, SECTIONS
from iop.accounts import permissions
from iop.accounts.models import Program, User
from iop.audit.models import AuditAction
from iop.audit.services import audit_event_record
from iop.clients.models import Client
from iop.signatures.models import Signature, SignerRole, content_hash
from iop.signatures.services import signature_record
from iop.signatures.text import (
    EMPTY,
    changed_since_shown,
    client_identity,
    lines_text,
    long_date,
    refuse_if_changed,
)

WRITE = permissions.ACKNOWLEDGE_SAFETY_ALERT  # clinicians, prescribers and directors
READ = permissions.VIEW_CLINICAL_RECORD
LIFELINE = "988 Suicide & Crisis Lifeline: call or text 988, any time, day or night"
EMERGENCY = "Emergency: call 911, or go to the nearest emergency room"
# Every section must be written before signing, except the professionals: the crisis
# lines are always printed, so a client without a counselor of their own still has some.
REQUIRED = tuple(f for f in SECTION_FIELDS if f != "professionals")
SIGNERS: dict[str, str] = {
    SignerRole.CLIENT: "client_signed_at",
    SignerRole.CLINICIAN: "clinician_signed_at",
}
PLAN_DECISIONS = {SafetyPlanDecision.PLAN_COMPLETED, SafetyPlanDecision.PLAN_UPDATED}


def program_crisis_line(program: Program) -> str:
    """The program's own line as printed, or "" when the program has none."""
    phone = program.crisis_line_phone.strip()
    if not phone:
        return ""
    return f"{program.crisis_line_name.strip() or program.name + ' crisis line'}: {phone}"


def crisis_lines(plan: SafetyPlan) -> list[str]:
    """988 first, the program's line (as signed, once signed), then 911."""
    own = plan.program_crisis_line if plan.signed_at else program_crisis_line(plan.client.program)
    return [LIFELINE, *([own] if own else []), EMERGENCY]


def _require_writer(user: User, client: Client) -> None:
    if not permissions.can(user, WRITE, client.program):
        raise PermissionDenied("Only a clinician, prescriber or director writes safety plans.")


def safety_plan_text(plan: SafetyPlan) -> str:
    """The plan exactly as the client and the clinician read and sign it."""
    if plan.signed_text:
        return plan.signed_text
    client = plan.client
    lines = [
        f"Safety plan, version {plan.version}",
        f"Client: {client_identity(client)}",
        f"Program: {client.program.name}",
    ]
    for number, section in enumerate(SECTIONS, start=1):
        lines += ["", f"{number}. {section.heading}", getattr(plan, section.field).strip() or EMPTY]
    lines += ["", "Crisis lines, always there for you", *crisis_lines(plan)]
    if plan.review_on:
        lines += ["", f"We will look at this plan again by {long_date(plan.review_on)}."]
    return lines_text(lines)


def safety_plan_missing(plan: SafetyPlan) -> list[str]:
    """What still has to be written before anyone signs, in the words of the screen."""
    missing = [
        f"Write “{section.heading}”."
        for section in SECTIONS
        if section.field in REQUIRED and not getattr(plan, section.field).strip()
    ]
    if plan.review_on is None:
        missing.append("Choose the date by which you will review the plan together.")
    return missing


@transaction.atomic
def safety_plan_start(*, client: Client, by: User) -> SafetyPlan:
    """The client's draft: the one being written, or a new version of the plan in effect."""
    _require_writer(by, client)
    Client.objects.select_for_update().filter(pk=client.pk).get()  # one draft at a time
    draft = SafetyPlan.objects.drafts().filter(client=client).first()
    if draft is not None:
        return draft
    current = SafetyPlan.objects.in_effect().filter(client=client).first()
    review_on = client.program.today() + datetime.timedelta(days=client.program.plan_review_days)
    copied = {f: getattr(current, f) for f in SECTION_FIELDS} if current else {}
    return SafetyPlan.objects.create(
        client=client,
        version=current.version + 1 if current else 1,
        previous=current,
        review_on=review_on,
        created_by=by,
        **copied,
    )


def _clear_signatures(plan: SafetyPlan) -> list[str]:
    """A signature over words that have since changed no longer counts: ask again."""
    cleared = []
    if plan.client_signed_at:
        plan.client_signed_name, plan.client_signed_at = "", None
        cleared.append("client")
    if plan.clinician_signed_at:
        plan.clinician_signed_by, plan.clinician_signed_at = None, None
        cleared.append("clinician")
    return cleared


@transaction.atomic
def safety_plan_save(
    *, plan: SafetyPlan, by: User, review_on: datetime.date | None, **sections: str
) -> list[str]:
    """Save the draft's sections and review date; returns whose signature had to be cleared."""
    plan = SafetyPlan.objects.select_for_update().select_related("client__program").get(pk=plan.pk)
    _require_writer(by, plan.client)
    if not plan.is_draft:
        raise ValidationError(
            "This version is signed and locked. Start a new version to change it."
        )
    if review_on is not None and review_on <= plan.client.program.today():
        raise ValidationError({"review_on": "Choose a review date after today."})
    before = safety_plan_text(plan)
    for field in SECTION_FIELDS:
        setattr(plan, field, sections.get(field, "").strip())
    plan.review_on = review_on
    cleared = _clear_signatures(plan) if safety_plan_text(plan) != before else []
    plan.save()
    return cleared


def _other_signature_stands(plan: SafetyPlan, role: str, text: str) -> bool:
    """Whether the first signer signed these very words. If not (the program's crisis line
    changed in between, say), their signature is cleared and they are asked again."""
    other = SignerRole.CLINICIAN if role == SignerRole.CLIENT else SignerRole.CLIENT
    if getattr(plan, SIGNERS[other]) is None:
        return False
    latest = Signature.for_object(plan).filter(role=other).order_by("-signed_at").first()
    if latest is not None and latest.content_sha256 == content_hash(text):
        return True
    _clear_signatures(plan)
    return False


def _check_signer(plan: SafetyPlan, role: str, by: User, typed_name: str) -> None:
    if role not in SIGNERS:
        raise ValidationError("Say who is signing.")
    _require_writer(by, plan.client)
    if getattr(plan, SIGNERS[role]) is not None:
        raise ValidationError(f"The {SignerRole(role).label.lower()} has already signed.")
    legal = plan.client.legal_name
    if role == SignerRole.CLIENT and " ".join(typed_name.split()).casefold() != legal.casefold():
        raise ValidationError(
            {"typed_name": f"The name typed does not match the legal name on record ({legal})."}
        )


def _lock(plan: SafetyPlan, by: User, text: str, at: datetime.datetime) -> None:
    """Both have signed: keep the words, lock the row, retire the version it replaces."""
    plan.program_crisis_line = program_crisis_line(plan.client.program)
    plan.signed_text, plan.signed_at = text, at
    plan.save()
    earlier = SafetyPlan.objects.in_effect().filter(client=plan.client).exclude(pk=plan.pk)
    earlier.update(superseded_at=at)
    audit_event_record(
        action=AuditAction.SAFETY_PLAN_SIGNED,
        actor=by,
        obj=plan,
        client=plan.client,
        summary=f"Safety plan version {plan.version} signed by the client and {by.display_name}",
    )


@transaction.atomic
def safety_plan_sign(
    *,
    plan: SafetyPlan,
    role: str,
    by: User,
    shown_sha256: str,
    typed_name: str = "",
    ip_address: str | None = None,
) -> SafetyPlan:
    """One signature over the text on the screen; the second one locks the version.

    ``by`` signs as the clinician, or witnesses the client's typed name. Refused when a
    section is empty, or when the text changed since the page was shown.
    """
    plan = SafetyPlan.objects.select_for_update().select_related("client__program").get(pk=plan.pk)
    if not plan.is_draft:
        raise ValidationError("This version is already signed.")
    _check_signer(plan, role, by, typed_name)
    missing = safety_plan_missing(plan)
    if missing:
        raise ValidationError(missing)
    text = safety_plan_text(plan)
    refuse_if_changed(text, shown_sha256, refusal=changed_since_shown("plan"))
    both = _other_signature_stands(plan, role, text)
    typed_name = " ".join(typed_name.split())
    signature = signature_record(
        obj=plan,
        role=role,
        signed_text=text,
        signer=None if role == SignerRole.CLIENT else by,
        signer_name=typed_name if role == SignerRole.CLIENT else "",
        ip_address=ip_address,
    )
    if role == SignerRole.CLIENT:
        plan.client_signed_name, plan.client_signed_at = typed_name, signature.signed_at
    else:
        plan.clinician_signed_by, plan.clinician_signed_at = by, signature.signed_at
    if both:
        _lock(plan, by, text, signature.signed_at)
    else:
        plan.save()
    return plan


def safety_plan_signatures(plan: SafetyPlan) -> list[Signature]:
    """The signatures that count: over the signed words (a cleared one stays on record)."""
    signatures = list(Signature.for_object(plan).select_related("signer"))
    if not plan.signed_text:
        return signatures
    signed = content_hash(plan.signed_text)
    return [s for s in signatures if s.content_sha256 == signed]


@dataclass(frozen=True)
class SectionChange:
    heading: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before.strip() != self.after.strip()


def safety_plan_changes(old: SafetyPlan | None, new: SafetyPlan) -> list[SectionChange]:
    """Each section before and after, so a reviewer sees what the new version changed."""
    if old is None:
        return []
    rows = [
        SectionChange(s.heading, getattr(old, s.field), getattr(new, s.field)) for s in SECTIONS
    ]
    old_review = long_date(old.review_on) if old.review_on else ""
    new_review = long_date(new.review_on) if new.review_on else ""
    return [*rows, SectionChange("Review by", old_review, new_review)]


def safety_plan_for_alert(alert: SafetyAlert) -> SafetyPlan | None:
    """A plan signed since the alert was raised: what a "plan completed" answer points to."""
    return (
        SafetyPlan.objects.in_effect()
        .filter(client_id=alert.client_id, signed_at__gte=alert.created_at)
        .first()
    )


def written_plan_for_decision(alert: SafetyAlert, decision: str) -> SafetyPlan | None:
    """The plan an answer names; refuses "completed / updated" when none was written."""
    if decision not in PLAN_DECISIONS:
        return None
    plan = safety_plan_for_alert(alert)
    if plan is None:
        raise ValidationError(
            {
                "safety_plan_decision": (
                    "There is no safety plan signed since this alert was raised. Write the "
                    "plan with the client and sign it together first, then record this decision."
                )
            }
        )
    return plan


def open_alert_for(client: Client) -> SafetyAlert | None:
    return SafetyAlert.objects.open().filter(client=client).order_by("created_at").first()


def new_risk_since(plan: SafetyPlan) -> Any:
    """Alerts raised after the plan was signed: each one calls for a review."""
    return SafetyAlert.objects.filter(client_id=plan.client_id, created_at__gt=plan.signed_at)
