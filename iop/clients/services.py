from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from iop.accounts.models import Program, User
from iop.audit.models import AuditAction
from iop.audit.services import audit_event_record
from iop.clients.models import Client, Episode, LevelOfCare, LevelOfCareChange


def client_next_record_number() -> str:
    """R-<n>: the next number after the highest in use (locked, so two intakes never collide)."""
    numbers = (
        Client.objects.select_for_update()
        .filter(record_number__regex=r"^R-[0-9]+$")
        .values_list("record_number", flat=True)
    )
    highest = max((int(n[2:]) for n in numbers), default=1000)
    return f"R-{highest + 1}"


@transaction.atomic
def episode_admit(
    *,
    client: Client,
    program: Program,
    level: LevelOfCare,
    primary_clinician: User | None,
    admitted_on: datetime.date,
    reason: str,
    by: User,
) -> Episode:
    """Open an episode of care at a level of care; the level's history starts here."""
    if Episode.objects.filter(client=client, discharged_on__isnull=True).exists():
        raise ValidationError("This client already has an open episode of care.")
    if level.edition != program.asam_edition:
        raise ValidationError({"level_of_care": "Choose a level from the program's ASAM edition."})
    episode = Episode.objects.create(
        client=client,
        program=program,
        level_of_care=level,
        primary_clinician=primary_clinician,
        admitted_on=admitted_on,
        created_by=by,
    )
    LevelOfCareChange.objects.create(
        episode=episode,
        from_level=None,
        to_level=level,
        effective_on=admitted_on,
        reason=reason,
        created_by=by,
    )
    audit_event_record(
        action=AuditAction.CLIENT_ADMITTED,
        actor=by,
        obj=episode,
        client=client,
        summary=f"Admitted at ASAM {level.code} {level.name}",
    )
    return episode
