"""The relapse prevention plan: built with the client part by part, signed by both, kept alive.

Mirrors the treatment plan and the safety plan: one draft per client, edited with an
optimistic ``revision``; the client (typed name) and a clinician sign the text built by
``rp_plan_text`` (plan_text.py); the second signature locks the version and retires the one it
replaces (plan_signing.py). A new version starts as a copy of the one in effect, every part
carried forward (here). Parts are edited in plan_parts.py, reviews recorded in plan_reviews.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Model

from iop.accounts import permissions
from iop.accounts.models import Program, User
from iop.clients.models import Client, Episode
from iop.phones import phone_display
from iop.signatures.models import SignerRole
from relapse_prevention.models import (
    PlanCopingStrategy,
    PlanCrisisResource,
    PlanHighRiskDate,
    PlanSafeContact,
    PlanTrigger,
    PlanWarningSign,
    RelapsePreventionPlan,
)

WRITE = permissions.EDIT_PLANS
READ = permissions.VIEW_CLINICAL_RECORD
LIFELINE_NAME = "988 Suicide & Crisis Lifeline"
LIFELINE_CONTACT = "Call or text 988"
LOCKED = "This version is signed and locked. Start a new version to change it."
CONFLICT = (
    "Someone else saved this plan while you were editing. Nothing you typed was saved: "
    "reload the plan and make the change again."
)
NO_PLAN = "There is no signed relapse prevention plan yet."
NO_TRIGGER = "Add at least one trigger before signing."
NO_COPING = "Add at least one coping strategy before signing."
SIGNED_AT: dict[str, str] = {
    SignerRole.CLIENT: "client_signed_at",
    SignerRole.CLINICIAN: "clinician_signed_at",
}
UNSIGNED: dict[str, Any] = {
    "client_signed_name": "",
    "client_signed_at": None,
    "clinician_signed_by": None,
    "clinician_signed_at": None,
}


@dataclass(frozen=True)
class Section:
    key: str
    model: type[Model]
    related: str
    heading: str
    fields: tuple[str, ...]


SECTIONS: dict[str, Section] = {
    s.key: s
    for s in (
        Section("triggers", PlanTrigger, "triggers", "Triggers", ("category", "description")),
        Section(
            "warning_signs",
            PlanWarningSign,
            "warning_signs",
            "Warning signs",
            ("stage", "description"),
        ),
        Section(
            "coping",
            PlanCopingStrategy,
            "coping_strategies",
            "Coping strategies",
            ("description", "skill"),
        ),
        Section(
            "contacts",
            PlanSafeContact,
            "safe_contacts",
            "Safe contacts",
            ("name", "relationship", "phone", "when_to_call", "client_person_id"),
        ),
        Section(
            "dates",
            PlanHighRiskDate,
            "high_risk_dates",
            "High-risk dates",
            ("kind", "label", "on_date", "recurs_yearly", "plan_for_the_day"),
        ),
        Section(
            "crisis",
            PlanCrisisResource,
            "crisis_resources",
            "Crisis resources",
            ("name", "contact"),
        ),
    )
}


def section_of(part: Model) -> Section:
    return next(s for s in SECTIONS.values() if isinstance(part, s.model))


def require_writer(user: User, program: Program) -> None:
    """Only the program's clinicians and directors write these plans, whoever calls."""
    if not permissions.can(user, WRITE, program):
        raise PermissionDenied("Only clinicians and directors of the program write these plans.")


def parts_of(plan: RelapsePreventionPlan, section: Section) -> list[Any]:
    """The section's parts in order (from the prefetch cache when the plan has one)."""
    manager = getattr(plan, section.related)
    parts = sorted(manager.all(), key=lambda p: (p.order, p.created_at))
    if section.key == "contacts":
        for part in parts:  # shown in the clinic's own format, stored in E.164
            part.phone_shown = phone_display(part.phone)
    return parts


def plan_with_parts(plans: Any) -> Any:
    return plans.select_related("client", "program", "clinician_signed_by").prefetch_related(
        *(s.related for s in SECTIONS.values()), "coping_strategies__skill"
    )


# ---------------------------------------------------------------- starting a version


def _episode_for(client: Client) -> Episode:
    episode = Episode.objects.open().filter(client=client).order_by("-admitted_on").first()
    episode = episode or Episode.objects.filter(client=client).order_by("-admitted_on").first()
    if episode is None:
        raise ValidationError("The client has no episode of care: admit them first.")
    return episode


def _crisis_defaults(program: Program) -> list[tuple[str, str]]:
    """988 always; the program's own line when it has one (Program settings)."""
    lines = [(LIFELINE_NAME, LIFELINE_CONTACT)]
    phone = program.crisis_line_phone.strip()
    if phone:
        lines.append((program.crisis_line_name.strip() or f"{program.name} crisis line", phone))
    return lines


def _copy_parts(source: RelapsePreventionPlan, target: RelapsePreventionPlan, by: User) -> None:
    for section in SECTIONS.values():
        for part in parts_of(source, section):
            skip = {"id", "created_at", "updated_at", "created_by", "updated_by", "plan"}
            values = {
                f.attname: getattr(part, f.attname)
                for f in part._meta.concrete_fields
                if f.name not in skip
            }
            section.model._default_manager.create(**values, plan=target, created_by=by)


@transaction.atomic
def rp_plan_start(*, client: Client, by: User) -> RelapsePreventionPlan:
    """The client's draft: the one being written, or a new version of the plan in effect."""
    require_writer(by, client.program)
    Client.objects.select_for_update().filter(pk=client.pk).get()  # one draft at a time
    plans = RelapsePreventionPlan.objects.filter(client=client)
    draft = plans.drafts().first()
    if draft is not None:
        return draft
    current = plan_with_parts(plans.in_effect()).first()
    version = (plans.aggregate(top=Max("version"))["top"] or 0) + 1
    plan = RelapsePreventionPlan.objects.create(
        client=client,
        program=client.program,
        episode=_episode_for(client),
        version=version,
        previous=current,
        what_others_do=current.what_others_do if current else "",
        what_others_do_in_client_copy=current.what_others_do_in_client_copy if current else True,
        created_by=by,
    )
    if current is not None:
        _copy_parts(current, plan, by)
        return plan
    for order, (name, contact) in enumerate(_crisis_defaults(client.program)):
        PlanCrisisResource.objects.create(
            plan=plan, order=order, name=name, contact=contact, created_by=by
        )
    return plan
