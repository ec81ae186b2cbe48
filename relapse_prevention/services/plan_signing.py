"""Signing a relapse prevention plan: the client (typed name) and a clinician, each over the
text on the screen; the second signature locks the version."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from iop.accounts.models import User
from iop.audit.models import AuditAction
from iop.audit.services import audit_event_record
from iop.signatures.models import Signature, SignerRole, content_hash
from iop.signatures.services import signature_record
from iop.signatures.text import changed_since_shown, refuse_if_changed
from relapse_prevention.models import RelapsePreventionPlan
from relapse_prevention.services.plan_text import rp_plan_sign_missing, rp_plan_text
from relapse_prevention.services.plans import SIGNED_AT, plan_with_parts, require_writer


def _same_name(typed: str, legal: str) -> bool:
    return " ".join(typed.split()).casefold() == " ".join(legal.split()).casefold()


def _check_signer(plan: RelapsePreventionPlan, role: str, by: User, typed_name: str) -> None:
    if role not in SIGNED_AT:
        raise ValidationError("Say who is signing.")
    require_writer(by, plan.program)
    if getattr(plan, SIGNED_AT[role]) is not None:
        raise ValidationError(f"The {SignerRole(role).label.lower()} has already signed.")
    legal = plan.client.legal_name
    if role == SignerRole.CLIENT and not _same_name(typed_name, legal):
        raise ValidationError(
            {"typed_name": f"The name typed does not match the legal name on record ({legal})."}
        )


@transaction.atomic
def rp_plan_sign(
    *,
    plan: RelapsePreventionPlan,
    role: str,
    by: User,
    shown_sha256: str,
    typed_name: str = "",
    ip_address: str | None = None,
) -> RelapsePreventionPlan:
    """One signature over the text on the screen; the second one locks the version and
    supersedes the one it replaces. ``by`` signs as the clinician, or witnesses the client."""
    plan = plan_with_parts(RelapsePreventionPlan.objects.select_for_update(of=("self",))).get(
        pk=plan.pk
    )
    if not plan.is_draft:
        raise ValidationError("This version is already signed.")
    _check_signer(plan, role, by, typed_name)
    missing = rp_plan_sign_missing(plan)
    if missing:
        raise ValidationError(missing)
    text = rp_plan_text(plan)
    refuse_if_changed(text, shown_sha256, refusal=changed_since_shown("plan"))
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
    if plan.client_signed_at and plan.clinician_signed_at:
        _lock(plan, text, signature.signed_at)
        audit_event_record(
            action=AuditAction.RELAPSE_PLAN_SIGNED,
            actor=by,
            obj=plan,
            client=plan.client,
            summary=f"Relapse prevention plan version {plan.version} signed by the client "
            f"and {by.display_name}",
        )
    else:
        plan.save()
    return plan


def _lock(plan: RelapsePreventionPlan, text: str, at: datetime.datetime) -> None:
    """Both have signed: retire the version in effect first (one in effect at a time)."""
    earlier = RelapsePreventionPlan.objects.in_effect().filter(client_id=plan.client_id)
    earlier.exclude(pk=plan.pk).update(superseded_at=at)
    plan.signed_text, plan.signed_at = text, at
    plan.save()


def rp_plan_signatures(plan: RelapsePreventionPlan) -> list[Signature]:
    """The signatures that count: over the signed words (a cleared one stays on record)."""
    signatures = list(Signature.for_object(plan).select_related("signer"))
    if not plan.signed_text:
        return signatures
    signed = content_hash(plan.signed_text)
    return [s for s in signatures if s.content_sha256 == signed]
