"""Editing a relapse prevention plan's draft: its parts (added, edited, moved, removed) and
what the client wants others to do, each under the optimistic revision lock."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from groups.models import CurriculumTopic
from iop.accounts.models import Program, User
from iop.phones import phone_parse
from relapse_prevention.models import RelapsePreventionPlan
from relapse_prevention.services.plans import (
    CONFLICT,
    LOCKED,
    SECTIONS,
    UNSIGNED,
    Section,
    require_writer,
    section_of,
)


def _claim_revision(plan: RelapsePreventionPlan, revision: int, by: User) -> None:
    """The optimistic lock; any change also clears signatures given over the old words."""
    require_writer(by, plan.program)
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
