"""Signing a plan version: what stops it being signed, who still signs, the signatures
themselves, the co-signature, and the version coming into effect with the last one.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from iop.accounts import permissions
from iop.accounts.models import Membership, Program, User
from iop.audit.models import AuditAction
from iop.audit.services import audit_event_record
from iop.signatures.models import SignerRole
from iop.signatures.services import signature_record
from iop.signatures.text import changed_since_shown, refuse_if_changed
from treatment_plans.access import NOT_A_COSIGNER, plan_cosign_refusal
from treatment_plans.models import DiagnosisRank, PlanGoal, PlanStatus, PlanTemplate, TreatmentPlan
from treatment_plans.services.plan_parts import objective_errors
from treatment_plans.services.plan_text import interventions_by_problem, plan_text, short_text
from treatment_plans.services.plan_versions import plans_with_parts, require_editor

# ---------------------------------------------------------------- what signing needs


def _same_words(a: str, b: str) -> bool:
    """Equal once case, spacing, quotes and end punctuation are set aside."""

    def bare(text: str) -> str:
        return " ".join(text.casefold().split()).strip(" .!?\"'“”‘’")

    return bool(bare(a)) and bare(a) == bare(b)


def template_sentences(program: Program) -> list[str]:
    """The library's suggested goal wordings, which are never the client's own words."""
    return list(
        PlanTemplate.objects.filter(Q(program__isnull=True) | Q(program=program)).values_list(
            "goal_client_words", flat=True
        )
    )


def goal_words_problem(goal: PlanGoal, sentences: Iterable[str] = ()) -> str:
    """Why this goal is not yet in the client's own words, or "" when it is."""
    if not goal.client_words.strip():
        return "the goal is not yet in the client's own words. Write down what they say they want."
    if any(_same_words(goal.client_words, s) for s in (goal.suggested_words, *sentences)):
        return (
            "the goal still reads as the template's suggested wording, not the client's. "
            "Write down what they say they want, as they say it."
        )
    return ""


def plan_sign_missing(plan: TreatmentPlan) -> list[str]:
    """What stops this version being signed, in words a clinician can act on."""
    problems = list(plan.problems.all())
    if not problems:
        return ["Add at least one problem, with a goal in the client's own words."]
    missing: list[str] = []
    if not any(problem.goals.all() for problem in problems):
        missing.append("Add at least one goal, in the client's own words.")
    sentences = template_sentences(plan.program)
    for number, problem in enumerate(problems, start=1):
        goals = list(problem.goals.all())
        if not goals:
            missing.append(f"Problem {number} has no goal yet.")
        for goal in goals:
            words = goal_words_problem(goal, sentences)
            if words:
                missing.append(
                    f"Problem {number}, goal “{short_text(goal.clinical_goal)}”: {words}"
                )
            objectives = list(goal.objectives.all())
            if not objectives:
                missing.append(f"Problem {number}: the goal has no measurable objective yet.")
            for objective in objectives:
                missing += [
                    f"Problem {number}, objective “{short_text(objective.description)}”: {error}"
                    for error in objective_errors(objective).values()
                ]
    if not any(d.rank == DiagnosisRank.PRIMARY for d in plan.diagnoses.all()):
        missing.append("Record the primary diagnosis (ICD-10-CM).")
    return missing


def plan_suggestions(plan: TreatmentPlan) -> list[str]:
    """Parts a complete plan usually has; they do not stop signing."""
    grouped = interventions_by_problem(plan)
    suggestions = [
        f"Problem {number} has no intervention yet."
        for number, problem in enumerate(plan.problems.all(), start=1)
        if not grouped.get(problem.pk)
    ]
    labels = {"strengths": "strengths", "discharge_criteria": "discharge criteria"}
    empty = [label for field, label in labels.items() if not getattr(plan, field).strip()]
    if empty:
        suggestions.append(f"Write the {' and '.join(empty)} in the plan details.")
    return suggestions


# ---------------------------------------------------------------- signing and activation


SIGNED_AT: dict[str, str] = {
    SignerRole.CLIENT: "client_signed_at",
    SignerRole.CLINICIAN: "clinician_signed_at",
    SignerRole.COSIGNER: "cosigned_at",
}


def _same_name(typed: str, legal: str) -> bool:
    return " ".join(typed.split()).casefold() == " ".join(legal.split()).casefold()


def plan_signatures_needed(plan: TreatmentPlan) -> list[str]:
    """The roles still to sign this version, in the order they usually sign."""
    roles = [SignerRole.CLINICIAN, SignerRole.CLIENT]
    if plan.program.plan_requires_cosign:
        roles.append(SignerRole.COSIGNER)
    return [role for role in roles if getattr(plan, SIGNED_AT[role]) is None]


def cosigners_for(plan: TreatmentPlan) -> list[User]:
    """Who may co-sign this version: the program's active directors, not the signing clinician."""
    users = permissions.users_with(plan.program_id, permissions.COSIGN_PLAN)
    if plan.clinician_signed_by_id:
        users = users.exclude(pk=plan.clinician_signed_by_id)
    return list(users.order_by("first_name", "last_name"))


def _supervisor_of(plan: TreatmentPlan) -> Any:
    if plan.clinician_signed_by_id is None:
        return None
    membership = (
        Membership.objects.active()
        .filter(program_id=plan.program_id, user_id=plan.clinician_signed_by_id)
        .exclude(supervisor=None)
        .first()
    )
    return membership.supervisor_id if membership else None


def plan_waiting_for(plan: TreatmentPlan) -> str:
    """Once the clinician and the client have signed: who must co-sign, in words."""
    if plan.clinician_signed_at is None or plan.client_signed_at is None:
        return ""
    if plan.cosigned_at is not None or not plan.program.plan_requires_cosign:
        return ""
    cosigners = cosigners_for(plan)
    if not cosigners:
        return (
            "Waiting for co-signature by a director other than the signing clinician. This "
            "program has none yet: ask the administrator to add one."
        )
    supervisor = next((u for u in cosigners if u.pk == _supervisor_of(plan)), None)
    if supervisor is not None:
        others = " or another director" if len(cosigners) > 1 else ""
        return (
            f"Waiting for co-signature by {supervisor.display_name} "
            f"(the clinician's supervisor){others}."
        )
    if len(cosigners) == 1:
        return f"Waiting for co-signature by {cosigners[0].display_name}."
    names = " or ".join(u.display_name for u in cosigners)
    return f"Waiting for co-signature by a director ({names})."


def plans_awaiting_cosign(*, user: User) -> QuerySet[TreatmentPlan]:
    """Drafts signed by clinician and client that this director may co-sign, oldest first."""
    return (
        TreatmentPlan.objects.visible_to(user, permissions.COSIGN_PLAN)
        .filter(
            program__plan_requires_cosign=True,
            status=PlanStatus.DRAFT,
            clinician_signed_at__isnull=False,
            client_signed_at__isnull=False,
            cosigned_at__isnull=True,
        )
        .exclude(clinician_signed_by=user)
        .select_related("client", "program", "episode__primary_clinician", "clinician_signed_by")
        .order_by("clinician_signed_at")
    )


def _check_signer(plan: TreatmentPlan, role: str, by: User, typed_name: str) -> None:
    if role not in SIGNED_AT:
        raise ValidationError("Say who is signing.")
    if getattr(plan, SIGNED_AT[role]) is not None:
        raise ValidationError(f"The {SignerRole(role).label.lower()} has already signed.")
    require_editor(by, plan.program)
    if role == SignerRole.CLIENT and not _same_name(typed_name, plan.client.legal_name):
        raise ValidationError(
            {
                "typed_name": "The name typed does not match the client's legal name on "
                f"record ({plan.client.legal_name})."
            }
        )
    if role == SignerRole.COSIGNER:
        _check_cosigner(plan, by)


def _check_cosigner(plan: TreatmentPlan, by: User) -> None:
    refusal = plan_cosign_refusal(by, plan)
    if refusal == NOT_A_COSIGNER:
        raise PermissionDenied(refusal)
    if refusal is not None:
        raise ValidationError(refusal)


@transaction.atomic
def plan_sign(
    *,
    plan: TreatmentPlan,
    role: str,
    by: User,
    shown_sha256: str,
    typed_name: str = "",
    ip_address: str | None = None,
) -> TreatmentPlan:
    """One signature over the plan's text; the last one needed activates the version.

    ``by`` is the staff member signing (clinician, co-signer) or witnessing the client's
    typed signature. ``shown_sha256`` is the hash of the text on the signer's screen:
    if the plan changed since, nothing is signed.
    """
    locked = TreatmentPlan.objects.select_for_update(of=("self",))
    plan = plans_with_parts(locked.filter(pk=plan.pk)).get()
    if not plan.is_draft:
        raise ValidationError("This version is already signed and in effect.")
    typed_name = " ".join(typed_name.split())
    _check_signer(plan, role, by, typed_name)
    missing = plan_sign_missing(plan)
    if missing:
        raise ValidationError(missing)
    text = plan_text(plan)
    refuse_if_changed(text, shown_sha256, refusal=changed_since_shown("plan"))
    signature = signature_record(
        obj=plan,
        role=role,
        signed_text=text,
        signer=None if role == SignerRole.CLIENT else by,
        signer_name=typed_name if role == SignerRole.CLIENT else "",
        ip_address=ip_address,
    )
    _mark_signed(plan, role, by, typed_name, signature.signed_at)
    if not plan_signatures_needed(plan):
        _activate(plan, by)
    return plan


def _mark_signed(
    plan: TreatmentPlan, role: str, by: User, typed_name: str, at: datetime.datetime
) -> None:
    if role == SignerRole.CLIENT:
        plan.client_signed_name, plan.client_signed_at = typed_name, at
        fields = ["client_signed_name", "client_signed_at"]
    elif role == SignerRole.CLINICIAN:
        plan.clinician_signed_by, plan.clinician_signed_at = by, at
        fields = ["clinician_signed_by", "clinician_signed_at"]
    else:
        plan.cosigned_by, plan.cosigned_at = by, at
        fields = ["cosigned_by", "cosigned_at"]
    plan.save(update_fields=[*fields, "updated_at"])


def _activate(plan: TreatmentPlan, by: User) -> None:
    """In effect from now; the version it replaces is superseded; the review date is set."""
    now = timezone.now()
    previous = (
        TreatmentPlan.objects.select_for_update()
        .filter(episode_id=plan.episode_id, status=PlanStatus.ACTIVE)
        .exclude(pk=plan.pk)
        .first()
    )
    if previous:
        previous.status, previous.superseded_at = PlanStatus.SUPERSEDED, now
        previous.save(update_fields=["status", "superseded_at", "updated_at"])
    plan.status, plan.activated_at = PlanStatus.ACTIVE, now
    plan.review_due_on = plan.program.today() + datetime.timedelta(
        days=plan.program.plan_review_days
    )
    plan.save(update_fields=["status", "activated_at", "review_due_on", "updated_at"])
    replaced = f"; version {previous.version} superseded" if previous else ""
    audit_event_record(
        action=AuditAction.PLAN_ACTIVATED,
        actor=by,
        obj=plan,
        client=plan.client,
        summary=f"Treatment plan version {plan.version} signed and in effect{replaced}",
    )
