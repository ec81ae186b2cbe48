from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from iop.accounts.models import Program, User
from iop.audit.models import AuditAction
from iop.audit.services import audit_event_record
from iop.clients.models import Client, DischargeReason, Episode, LevelOfCare, LevelOfCareChange
from iop.clients.signals import episode_discharged


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


@transaction.atomic
def episode_discharge(
    *, episode: Episode, discharged_on: datetime.date, reason: str, by: User
) -> Episode:
    """Close the episode. Feature apps listening to ``episode_discharged`` take the client
    off future sessions and rosters inside this same transaction; past records stay."""
    episode = Episode.objects.select_for_update().get(pk=episode.pk)
    if episode.discharged_on is not None:
        raise ValidationError("This episode is already discharged.")
    if discharged_on < episode.admitted_on:
        raise ValidationError({"discharged_on": "Discharge cannot be before the admission date."})
    if reason not in DischargeReason.values:
        raise ValidationError({"discharge_reason": "Choose a discharge reason."})
    episode.discharged_on = discharged_on
    episode.discharge_reason = reason
    episode.save(update_fields=["discharged_on", "discharge_reason", "updated_at"])
    episode_discharged.send(sender=Episode, episode=episode, discharged_on=discharged_on, by=by)
    audit_event_record(
        action=AuditAction.CLIENT_DISCHARGED,
        actor=by,
        obj=episode,
        client=episode.client,
        summary=f"Discharged {discharged_on:%Y-%m-%d}: {episode.get_discharge_reason_display()}",
    )
    return episode
