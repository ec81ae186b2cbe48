"""The aftercare plan: what continues after the program, the appointments already made and
the people to call. Written during care by the program's clinicians and directors; once the
episode is discharged it stays as it was.

Every write is one transaction holding the episode's row, so a discharge cannot close the
episode between the check and the write. Rows are never deleted: a removed appointment or
contact keeps its place in the record with who removed it and why.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from iop.accounts.models import User
from iop.clients.models import Episode
from iop.phones import phone_display, phone_parse
from treatment_plans.access import aftercare_write_check
from treatment_plans.models import (
    AftercareAppointment,
    AftercareContact,
    AftercareKind,
    AftercarePlan,
)

CLOSED = "The episode is closed: the aftercare plan stays as it was at discharge."
IN_THE_PAST = (
    "An aftercare appointment must be later than now; one already held belongs in what "
    "continues after the program."
)
NO_PROVIDER = "Name the provider or clinician the appointment is with."
NO_NAME = "Give the contact's name."
NO_WAY_TO_REACH = (
    "Give a phone number, or say under when to call how to reach them (for example at the "
    "Tuesday meeting)."
)
NO_REASON = "Say why it comes off the plan; the row stays in the record."

# How an appointment's kind reads inside a sentence ("outpatient counseling with Dr. Lee").
KIND_PHRASE = {
    AftercareKind.COUNSELING: "outpatient counseling",
    AftercareKind.PSYCHIATRY: "psychiatry and medication management",
    AftercareKind.PRIMARY_CARE: "primary care",
    AftercareKind.SUPPORT_GROUP: "support group",
    AftercareKind.RECEIVING_PROGRAM: "receiving program",
    AftercareKind.OTHER: "appointment",
}


# ---------------------------------------------------------------- reading


@dataclass
class AftercareView:
    plan: AftercarePlan | None
    appointments: list[AftercareAppointment]
    contacts: list[AftercareContact]


def aftercare_read(episode: Episode) -> AftercareView:
    """The plan and its current rows (removed ones hidden): three queries at most."""
    plan = AftercarePlan.objects.filter(episode=episode).first()
    if plan is None:
        return AftercareView(None, [], [])
    appointments = list(AftercareAppointment.objects.current().filter(plan=plan))
    contacts = list(AftercareContact.objects.current().filter(plan=plan))
    return AftercareView(plan, appointments, contacts)


def appointment_time_text(appointment: AftercareAppointment, episode: Episode) -> str:
    """'Dec 12, 2026 at 10:00 AM', in the program's time zone."""
    local = episode.program.local(appointment.starts_at)
    hour = local.strftime("%I:%M %p").lstrip("0")
    return f"{local:%b} {local.day}, {local.year} at {hour}"


def appointment_line(appointment: AftercareAppointment, episode: Episode) -> str:
    """'Dec 12, 2026 at 10:00 AM: outpatient counseling with Dr. Lee, 12 Main St, (202) ...'"""
    what = KIND_PHRASE.get(AftercareKind(appointment.kind), "appointment")
    parts = [f"{what} with {appointment.with_whom}"]
    if appointment.place:
        parts.append(appointment.place)
    if appointment.phone:
        parts.append(phone_display(appointment.phone))
    line = f"{appointment_time_text(appointment, episode)}: {', '.join(parts)}"
    return f"{line} ({appointment.notes})" if appointment.notes else line


def contact_line(contact: AftercareContact) -> str:
    """'Call Sam (sponsor) at (202) 555-0143 when cravings rise'."""
    line = f"Call {contact.name}"
    if contact.role:
        line += f" ({contact.role})"
    if contact.phone:
        line += f" at {phone_display(contact.phone)}"
    when = contact.when_to_call.strip()
    if not when:
        return line
    return f"{line} {when}" if when[0].islower() else f"{line}: {when}"


# ---------------------------------------------------------------- writing


def _locked_open_episode(episode: Episode, by: User) -> Episode:
    aftercare_write_check(by, episode)
    locked = Episode.objects.select_for_update().select_related("program").get(pk=episode.pk)
    if locked.discharged_on is not None:
        raise ValidationError(CLOSED, code="closed")
    return locked


def _plan_for(episode: Episode, by: User) -> AftercarePlan:
    plan, _ = AftercarePlan.objects.get_or_create(
        episode=episode,
        defaults={
            "client_id": episode.client_id,
            "program_id": episode.program_id,
            "created_by": by,
        },
    )
    return plan


@transaction.atomic
def aftercare_plan_get_or_create(*, episode: Episode, by: User) -> AftercarePlan:
    return _plan_for(_locked_open_episode(episode, by), by)


@transaction.atomic
def aftercare_care_save(*, episode: Episode, by: User, text: str) -> AftercarePlan:
    plan = _plan_for(_locked_open_episode(episode, by), by)
    plan.continuing_care = text.strip()
    plan.save(update_fields=["continuing_care", "updated_at"])
    return plan


def _phone(raw: str) -> str:
    raw = (raw or "").strip()
    if not raw:
        return ""
    try:
        return phone_parse(raw)
    except ValidationError as error:
        raise ValidationError({"phone": error.messages}) from error


@transaction.atomic
def aftercare_appointment_add(
    *,
    episode: Episode,
    by: User,
    kind: str,
    with_whom: str,
    starts_at: datetime.datetime,
    place: str = "",
    phone: str = "",
    notes: str = "",
) -> AftercareAppointment:
    locked = _locked_open_episode(episode, by)
    errors: dict[str, list[str]] = {}
    if kind not in AftercareKind.values:
        errors["kind"] = ["Choose what kind of appointment it is."]
    if not with_whom.strip():
        errors["with_whom"] = [NO_PROVIDER]
    if starts_at <= timezone.now():
        errors["starts_at"] = [IN_THE_PAST]
    try:
        phone = _phone(phone)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return AftercareAppointment.objects.create(
        plan=_plan_for(locked, by),
        kind=kind,
        with_whom=with_whom.strip(),
        starts_at=starts_at,
        place=place.strip(),
        phone=phone,
        notes=notes.strip(),
        created_by=by,
    )


@transaction.atomic
def aftercare_contact_add(
    *,
    episode: Episode,
    by: User,
    name: str,
    role: str = "",
    phone: str = "",
    when_to_call: str = "",
) -> AftercareContact:
    locked = _locked_open_episode(episode, by)
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [NO_NAME]
    try:
        phone = _phone(phone)
    except ValidationError as error:
        errors.update(error.message_dict)
    else:
        if not phone and not when_to_call.strip():
            errors["phone"] = [NO_WAY_TO_REACH]
    if errors:
        raise ValidationError(errors)
    return AftercareContact.objects.create(
        plan=_plan_for(locked, by),
        name=name.strip(),
        role=role.strip(),
        phone=phone,
        when_to_call=when_to_call.strip(),
        created_by=by,
    )


def _remove(rows: QuerySet[Any], *, episode: Episode, by: User, row_id: UUID, reason: str) -> Any:
    _locked_open_episode(episode, by)
    if not reason.strip():
        raise ValidationError({"reason": [NO_REASON]})
    row = rows.select_for_update().filter(plan__episode=episode, pk=row_id, removed_at=None).first()
    if row is None:
        raise ValidationError("That row is no longer on the plan.", code="gone")
    row.removed_at = timezone.now()
    row.removed_by = by
    row.removed_reason = reason.strip()
    row.save(update_fields=["removed_at", "removed_by", "removed_reason", "updated_at"])
    return row


@transaction.atomic
def aftercare_appointment_remove(
    *, episode: Episode, by: User, appointment_id: UUID, reason: str
) -> AftercareAppointment:
    row: AftercareAppointment = _remove(
        AftercareAppointment.objects.all(),
        episode=episode,
        by=by,
        row_id=appointment_id,
        reason=reason,
    )
    return row


@transaction.atomic
def aftercare_contact_remove(
    *, episode: Episode, by: User, contact_id: UUID, reason: str
) -> AftercareContact:
    row: AftercareContact = _remove(
        AftercareContact.objects.all(), episode=episode, by=by, row_id=contact_id, reason=reason
    )
    return row
