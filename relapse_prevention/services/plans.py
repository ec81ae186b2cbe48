"""The relapse prevention plan: built with the client part by part, signed by both, kept alive.

Mirrors the treatment plan and the safety plan: one draft per client, edited with an
optimistic ``revision``; the client (typed name) and a clinician sign the text built by
``rp_plan_text``; the second signature locks the version and retires the one it replaces.
A new version starts as a copy of the one in effect, every part carried forward.
"""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max, Model, Q
from django.utils import timezone

from groups.models import CurriculumTopic
from iop.accounts import permissions
from iop.accounts.models import Program, User
from iop.audit.models import AuditAction
from iop.audit.services import audit_event_record
from iop.clients.models import Client, Episode
from iop.phones import phone_display, phone_parse
from iop.signatures.models import Signature, SignerRole, content_hash
from iop.signatures.services import signature_record
from iop.signatures.text import (
    EMPTY,
    changed_since_shown,
    client_identity,
    labelled_block,
    lines_text,
    long_date,
    refuse_if_changed,
)
from relapse_prevention.models import (
    Lapse,
    PlanCopingStrategy,
    PlanCrisisResource,
    PlanHighRiskDate,
    PlanSafeContact,
    PlanTrigger,
    PlanWarningSign,
    RelapsePlanReview,
    RelapsePreventionPlan,
    ReviewOccasion,
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


def _require_writer(user: User, program: Program) -> None:
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


# ---------------------------------------------------------------- the signed text


def _part_line(section: Section, part: Any) -> list[str]:
    off = "" if part.in_client_copy else " (not on the client's copy)"
    if section.key == "triggers":
        return [f"- {part.get_category_display()}: {part.description.strip()}{off}"]
    if section.key == "warning_signs":
        return [f"- {part.get_stage_display()}: {part.description.strip()}{off}"]
    if section.key == "coping":
        skill = f" (skill: {part.skill.title})" if part.skill_id else ""
        return [f"- {part.description.strip()}{skill}{off}"]
    if section.key == "contacts":
        relation = f" ({part.relationship})" if part.relationship else ""
        return [
            f"- {part.name}{relation}, {phone_display(part.phone)}{off}",
            *labelled_block("When to call", part.when_to_call, indent="  "),
        ]
    if section.key == "dates":
        every = ", every year" if part.recurs_yearly else ""
        lines = [
            f"- {part.label} ({part.get_kind_display()}), {long_date(part.on_date)}{every}{off}"
        ]
        if part.plan_for_the_day.strip():
            lines += labelled_block("Plan for the day", part.plan_for_the_day, indent="  ")
        return lines
    return [f"- {part.name}: {part.contact}{off}"]


def rp_plan_text(plan: RelapsePreventionPlan) -> str:
    """The plan exactly as the client and the clinician read and sign it."""
    if plan.signed_text:
        return plan.signed_text
    lines = [
        f"Relapse prevention plan, version {plan.version}",
        f"Client: {client_identity(plan.client)}",
        f"Program: {plan.program.name}",
    ]
    for section in SECTIONS.values():
        lines += ["", section.heading]
        parts = parts_of(plan, section)
        lines += [line for part in parts for line in _part_line(section, part)] or [EMPTY]
    off = "" if plan.what_others_do_in_client_copy else " (not on the client's copy)"
    lines += ["", f"What I want others to do when they see my warning signs{off}"]
    lines += [plan.what_others_do.strip() or EMPTY]
    return lines_text(lines)


@dataclass(frozen=True)
class DiffLine:
    kind: Literal["same", "added", "removed", "gap"]
    text: str

    @property
    def sign(self) -> str:
        return {"added": "+", "removed": "−", "same": " ", "gap": "…"}[self.kind]


def rp_plan_diff(
    old: RelapsePreventionPlan, new: RelapsePreventionPlan, context: int = 2
) -> list[DiffLine]:
    """What changed from one version's text to the next, with a little context around."""
    before, after = rp_plan_text(old).splitlines()[1:], rp_plan_text(new).splitlines()[1:]
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    lines: list[DiffLine] = []
    for index, group in enumerate(matcher.get_grouped_opcodes(context)):
        if index or group[0][1] > 0:
            lines.append(DiffLine("gap", "Unchanged lines not shown"))
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                lines += [DiffLine("same", text) for text in before[a1:a2]]
                continue
            lines += [DiffLine("removed", text) for text in before[a1:a2]]
            lines += [DiffLine("added", text) for text in after[b1:b2]]
    return lines


def rp_plan_sign_missing(plan: RelapsePreventionPlan) -> list[str]:
    missing = []
    if not parts_of(plan, SECTIONS["triggers"]):
        missing.append(NO_TRIGGER)
    if not parts_of(plan, SECTIONS["coping"]):
        missing.append(NO_COPING)
    return missing


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
    _require_writer(by, client.program)
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


# ---------------------------------------------------------------- editing a draft


def _claim_revision(plan: RelapsePreventionPlan, revision: int, by: User) -> None:
    """The optimistic lock; any change also clears signatures given over the old words."""
    _require_writer(by, plan.program)
    claimed = RelapsePreventionPlan.objects.filter(
        pk=plan.pk, revision=revision, signed_at__isnull=True
    ).update(revision=F("revision") + 1, updated_at=timezone.now(), **UNSIGNED)
    if not claimed:
        signed = RelapsePreventionPlan.objects.filter(pk=plan.pk, signed_at__isnull=False)
        raise ValidationError(LOCKED if signed.exists() else CONFLICT)
    plan.revision = revision + 1
    for field, value in UNSIGNED.items():
        setattr(plan, field, value)


def _required(errors: dict[str, str], fields: dict[str, Any], name: str, message: str) -> None:
    value = fields.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        errors[name] = message


def _check_part(section: Section, plan: RelapsePreventionPlan, fields: dict[str, Any]) -> None:
    """Clear messages for what the client and clinician would notice; ValidationError."""
    errors: dict[str, str] = {}
    if section.key == "triggers":
        _required(errors, fields, "category", "Choose what kind of trigger this is.")
        _required(errors, fields, "description", "Describe the trigger in the client's words.")
    elif section.key == "warning_signs":
        _required(errors, fields, "stage", "Choose the stage: early, middle or late.")
        _required(errors, fields, "description", "Describe the warning sign.")
    elif section.key == "coping":
        _required(errors, fields, "description", "Describe what works for the client.")
        skill = fields.get("skill")
        if skill is not None and not _skill_of_program(skill, plan.program):
            errors["skill"] = "Choose a skill taught in this program's groups."
    elif section.key == "contacts":
        _required(errors, fields, "name", "Give the name of the person to call.")
        _required(errors, fields, "when_to_call", "Say when to call this person.")
        _check_phone(errors, fields)
    elif section.key == "dates":
        _required(errors, fields, "on_date", "Give the date of this high-risk day.")
        _required(errors, fields, "label", "Say what the day is, for example “Court hearing”.")
        _required(errors, fields, "kind", "Choose what kind of day this is.")
    else:
        _required(errors, fields, "name", "Give the name of the crisis line or service.")
        _required(errors, fields, "contact", "Say how to reach it, for example “Call or text 988”.")
    if errors:
        raise ValidationError(errors)


NOT_ONE_OF_THEIR_PEOPLE = "Choose one of the client's people, or leave the choice empty."


def _fill_from_person(
    plan: RelapsePreventionPlan, section: Section, fields: dict[str, Any]
) -> None:
    """A safe contact who is one of the client's people: the name, relationship and phone
    left empty are filled from the person (contact_people.py); anyone else is refused."""
    if section.key != "contacts" or not fields.get("client_person_id"):
        return
    from relapse_prevention.contact_people import contact_people_for

    chosen = str(fields["client_person_id"])
    person = next((p for p in contact_people_for(plan.client) if str(p.id) == chosen), None)
    if person is None:
        raise ValidationError({"client_person_id": NOT_ONE_OF_THEIR_PEOPLE})
    fields["client_person_id"] = person.id
    for name, value in (
        ("name", person.name),
        ("relationship", person.relationship),
        ("phone", person.phone),
    ):
        if not str(fields.get(name) or "").strip():
            fields[name] = value


def _check_phone(errors: dict[str, str], fields: dict[str, Any]) -> None:
    phone = str(fields.get("phone") or "").strip()
    if not phone:
        errors["phone"] = "Give a phone number for this person."
        return
    try:
        fields["phone"] = phone_parse(phone)
    except ValidationError as error:
        errors["phone"] = error.messages[0]


def _skill_of_program(skill: CurriculumTopic, program: Program) -> bool:
    return CurriculumTopic.objects.filter(pk=skill.pk, group__program=program).exists()


def skills_for(program: Program) -> Any:
    """The skills the program's groups teach: the curricula's active topics."""
    return (
        CurriculumTopic.objects.filter(group__program=program, group__active=True, active=True)
        .select_related("group")
        .order_by("group__name", "position")
    )


def _clean_text(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}


@transaction.atomic
def rp_plan_part_add(
    *, plan: RelapsePreventionPlan, section: str, by: User, revision: int, **fields: Any
) -> Any:
    """A new part at the end of its section (a draft only)."""
    chosen = SECTIONS[section]
    fields = _clean_text(fields)
    in_copy = bool(fields.pop("in_client_copy", True))
    _fill_from_person(plan, chosen, fields)
    _check_part(chosen, plan, fields)
    _claim_revision(plan, revision, by)
    top = chosen.model._default_manager.filter(plan=plan).aggregate(top=Max("order"))["top"]
    return chosen.model._default_manager.create(
        plan=plan,
        order=(top if top is not None else -1) + 1,
        in_client_copy=in_copy,
        created_by=by,
        **{name: fields.get(name) for name in chosen.fields if name in fields},
    )


@transaction.atomic
def rp_plan_part_edit(*, part: Any, by: User, revision: int, **fields: Any) -> Any:
    section = section_of(part)
    fields = _clean_text(fields)
    _fill_from_person(part.plan, section, fields)
    _check_part(section, part.plan, {**{n: getattr(part, n) for n in section.fields}, **fields})
    _claim_revision(part.plan, revision, by)
    for name, value in fields.items():
        setattr(part, name, value)
    part.save()
    return part


@transaction.atomic
def rp_plan_part_remove(*, part: Any, by: User, revision: int) -> None:
    """A draft's part may go: it was never signed (the database refuses a signed one's)."""
    _claim_revision(part.plan, revision, by)
    part.delete()


@transaction.atomic
def rp_plan_part_move(*, part: Any, by: User, revision: int, up: bool) -> None:
    """Swap the part with its neighbor above or below; orders are renumbered 0..n."""
    _claim_revision(part.plan, revision, by)
    section = section_of(part)
    parts = list(
        section.model._default_manager.filter(plan=part.plan).order_by("order", "created_at")
    )
    index = next(i for i, p in enumerate(parts) if p.pk == part.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(parts):
        parts[index], parts[other] = parts[other], parts[index]
    for order, row in enumerate(parts):
        if row.order != order:  # type: ignore[attr-defined]
            row.order = order  # type: ignore[attr-defined]
            row.save(update_fields=["order", "updated_at"])


@transaction.atomic
def rp_plan_others_edit(
    *,
    plan: RelapsePreventionPlan,
    by: User,
    revision: int,
    what_others_do: str,
    in_client_copy: bool,
) -> RelapsePreventionPlan:
    """What the client wants others to do, in their words, and whether it is on their copy."""
    _claim_revision(plan, revision, by)
    plan.what_others_do = what_others_do.strip()
    plan.what_others_do_in_client_copy = in_client_copy
    plan.save(update_fields=["what_others_do", "what_others_do_in_client_copy", "updated_at"])
    return plan


# ---------------------------------------------------------------- signing


def _same_name(typed: str, legal: str) -> bool:
    return " ".join(typed.split()).casefold() == " ".join(legal.split()).casefold()


def _check_signer(plan: RelapsePreventionPlan, role: str, by: User, typed_name: str) -> None:
    if role not in SIGNED_AT:
        raise ValidationError("Say who is signing.")
    _require_writer(by, plan.program)
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


# ---------------------------------------------------------------- reviews


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
    _require_writer(by, plan.program)
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
