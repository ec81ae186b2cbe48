from __future__ import annotations

import datetime

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction

from iop.accounts.models import Program, User
from iop.audit.models import AuditAction
from iop.audit.services import audit_event_record
from iop.clients.discharge_steps import DischargeStep, discharge_missing
from iop.clients.models import (
    DISCHARGE_KINDS,
    DISCHARGE_TO_PROVIDER,
    Client,
    Episode,
    LevelOfCare,
    LevelOfCareChange,
)
from iop.clients.signals import episode_discharged


def client_next_record_number(program: Program) -> str:
    """R-<n>: the next number after the highest in use in the program. The program's row is
    locked, so two intakes there never take the same number (even in an empty program)."""
    Program.objects.select_for_update().get(pk=program.pk)
    numbers = Client.objects.filter(
        program=program, record_number__regex=r"^[Rr]-[0-9]+$"
    ).values_list("record_number", flat=True)
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


def episode_level_change(
    *,
    episode: Episode,
    to_level: LevelOfCare,
    effective_on: datetime.date,
    reason: str,
    by: User,
) -> LevelOfCareChange:
    """Move an open episode to another level of care from ``effective_on`` (its history
    keeps every level held). Called inside the approving service's transaction."""
    episode = Episode.objects.select_for_update().select_related("level_of_care").get(pk=episode.pk)
    if not episode.is_open:
        raise ValidationError("The episode is closed: its level of care no longer changes.")
    if to_level.pk == episode.level_of_care_id:
        raise ValidationError({"to_level": "The client is already at that level of care."})
    if to_level.edition != episode.program.asam_edition:
        raise ValidationError({"to_level": "Choose a level from the program's ASAM edition."})
    latest = episode.level_changes.order_by("-effective_on", "-created_at").first()
    if effective_on < episode.admitted_on or (latest and effective_on < latest.effective_on):
        raise ValidationError(
            {"effective_on": "A change cannot take effect before the admission or the last change."}
        )
    change = LevelOfCareChange.objects.create(
        episode=episode,
        from_level=episode.level_of_care,
        to_level=to_level,
        effective_on=effective_on,
        reason=reason,
        created_by=by,
    )
    before = episode.level_of_care
    episode.level_of_care = to_level
    episode.save(update_fields=["level_of_care", "updated_at"])
    audit_event_record(
        action=AuditAction.LEVEL_CHANGED,
        actor=by,
        obj=episode,
        client=episode.client,
        summary=f"Level of care changed from ASAM {before.code} to ASAM {to_level.code}",
    )
    return change


# A discharge may be recorded late, but not months late: the chart would then show sessions
# and notes after the discharge date. Far ahead is refused too: plans change.
DISCHARGE_DAYS_BACK = 30
DISCHARGE_DAYS_AHEAD = 180


def _check_discharge(
    episode: Episode,
    discharged_on: datetime.date,
    reason: str,
    today: datetime.date,
    receiving_provider: str,
) -> None:
    errors: dict[str, str] = {}
    if discharged_on < episode.admitted_on:
        errors["discharged_on"] = "Discharge cannot be before the admission date."
    earliest = today - datetime.timedelta(days=DISCHARGE_DAYS_BACK)
    latest = today + datetime.timedelta(days=DISCHARGE_DAYS_AHEAD)
    if "discharged_on" not in errors and discharged_on < earliest:
        errors["discharged_on"] = (
            f"A discharge date more than {DISCHARGE_DAYS_BACK} days back "
            f"is refused: choose {_day(earliest)} or later."
        )
    if discharged_on > latest:
        errors["discharged_on"] = (
            f"Plan a discharge at most {DISCHARGE_DAYS_AHEAD} days ahead (by {_day(latest)})."
        )
    if reason not in DISCHARGE_KINDS:
        errors["discharge_reason"] = "Choose the kind of discharge."
    elif reason in DISCHARGE_TO_PROVIDER and not receiving_provider:
        errors["receiving_provider"] = "Name the provider who takes the client on."
    if errors:
        raise ValidationError(errors)


def _day(value: datetime.date) -> str:
    return f"{value:%B} {value.day}, {value.year}"


def _missing_text(missing: list[DischargeStep]) -> str:
    return "Still to do before the episode closes: " + "; ".join(
        f"{step.title} ({step.detail})" for step in missing
    )


@transaction.atomic
def episode_discharge(
    *,
    episode: Episode,
    discharged_on: datetime.date,
    reason: str,
    by: User,
    today: datetime.date | None = None,
    receiving_provider: str = "",
    receiving_provider_contact: str = "",
) -> Episode:
    """Record the discharge: its day (program-local), its kind, and for a move to another
    provider who takes the client on. The episode closes at once when the day has come and
    every step this kind requires is done (``iop.clients.discharge_steps``); otherwise the
    discharge is planned and the client stays in care: the discharge page lists what is
    missing, and the episode closes when staff close it or, on the day, the beat task does
    (``episode_discharges_due_apply``), once nothing is missing.
    Feature apps listening to ``episode_discharged`` take the client off future sessions and
    rosters, close the active plan and set the follow-up calls inside the closing
    transaction; past records stay."""
    episode = (
        Episode.objects.select_for_update(of=("self",))
        .select_related("program", "client", "level_of_care", "primary_clinician")
        .get(pk=episode.pk)
    )
    if episode.discharged_on is not None:
        raise ValidationError("This episode is already discharged.")
    today = today or episode.program.today()
    receiving_provider = receiving_provider.strip()
    _check_discharge(episode, discharged_on, reason, today, receiving_provider)
    if reason not in DISCHARGE_TO_PROVIDER:
        receiving_provider, receiving_provider_contact = "", ""
    _discharge_plan(
        episode,
        discharged_on,
        reason,
        by,
        receiving_provider=receiving_provider,
        receiving_provider_contact=receiving_provider_contact.strip(),
    )
    if discharged_on <= today and not discharge_missing(episode, reason, discharged_on):
        return _discharge_close(episode, discharged_on, reason, by, summary="Discharged")
    return episode


@transaction.atomic
def episode_discharge_close(
    *, episode: Episode, by: User, today: datetime.date | None = None
) -> Episode:
    """Close a recorded discharge now: its day must have come and nothing may be missing."""
    episode = (
        Episode.objects.select_for_update(of=("self",))
        .select_related("program", "client", "level_of_care", "primary_clinician")
        .get(pk=episode.pk)
    )
    if episode.discharged_on is not None:
        raise ValidationError("This episode is already discharged.")
    planned_on, reason = episode.discharge_planned_on, episode.discharge_planned_reason
    if planned_on is None:
        raise ValidationError("Record the discharge date and kind first.")
    today = today or episode.program.today()
    if planned_on > today:
        raise ValidationError(
            f"The discharge is dated {_day(planned_on)}: the client stays in care until then."
        )
    missing = discharge_missing(episode, reason, planned_on)
    if missing:
        raise ValidationError(_missing_text(missing))
    return _discharge_close(episode, planned_on, reason, by, summary="Discharged")


def _discharge_plan(
    episode: Episode,
    planned_on: datetime.date,
    reason: str,
    by: User,
    *,
    receiving_provider: str,
    receiving_provider_contact: str,
) -> Episode:
    episode.discharge_planned_on, episode.discharge_planned_reason = planned_on, reason
    episode.discharge_planned_by = by
    episode.receiving_provider = receiving_provider
    episode.receiving_provider_contact = receiving_provider_contact
    episode.save(
        update_fields=[
            "discharge_planned_on",
            "discharge_planned_reason",
            "discharge_planned_by",
            "receiving_provider",
            "receiving_provider_contact",
            "updated_at",
        ]
    )
    to = f" to {receiving_provider}" if receiving_provider else ""
    audit_event_record(
        action=AuditAction.CLIENT_DISCHARGED,
        actor=by,
        obj=episode,
        client=episode.client,
        summary=f"Discharge recorded for {planned_on:%Y-%m-%d} "
        f"({episode.get_discharge_planned_reason_display()}{to}); in care until it closes",
    )
    return episode


def _discharge_close(
    episode: Episode, discharged_on: datetime.date, reason: str, by: User | None, summary: str
) -> Episode:
    episode.discharged_on, episode.discharge_reason = discharged_on, reason
    episode.discharge_planned_on, episode.discharge_planned_reason = None, ""
    episode.discharge_planned_by = None
    episode.save(
        update_fields=[
            "discharged_on",
            "discharge_reason",
            "discharge_planned_on",
            "discharge_planned_reason",
            "discharge_planned_by",
            "updated_at",
        ]
    )
    episode_discharged.send(sender=Episode, episode=episode, discharged_on=discharged_on, by=by)
    audit_event_record(
        action=AuditAction.CLIENT_DISCHARGED,
        actor=by,
        obj=episode,
        client=episode.client,
        summary=f"{summary} {discharged_on:%Y-%m-%d}: {episode.get_discharge_reason_display()}",
    )
    return episode


@transaction.atomic
def episode_discharge_plan_cancel(*, episode: Episode, by: User) -> Episode:
    """Withdraw a planned discharge; the client simply stays in care."""
    episode = (
        Episode.objects.select_for_update(of=("self",)).select_related("client").get(pk=episode.pk)
    )
    if not episode.discharge_planned:
        raise ValidationError("No discharge is planned for this episode.")
    planned_on = episode.discharge_planned_on
    episode.discharge_planned_on, episode.discharge_planned_reason = None, ""
    episode.discharge_planned_by = None
    episode.save(
        update_fields=[
            "discharge_planned_on",
            "discharge_planned_reason",
            "discharge_planned_by",
            "updated_at",
        ]
    )
    audit_event_record(
        action=AuditAction.CLIENT_DISCHARGED,
        actor=by,
        obj=episode,
        client=episode.client,
        summary=f"Planned discharge for {planned_on:%Y-%m-%d} cancelled; stays in care",
    )
    return episode


def episode_discharges_due_apply() -> int:
    """Close every episode whose planned discharge date has come in its program's time zone
    and whose required steps are all done (the beat task); one still missing a step stays
    in care and is left for staff. Each in its own transaction, so one refusal does not hold
    back the rest; running it twice changes nothing. Returns how many took effect."""
    applied = 0
    planned = Episode.objects.discharge_planned().select_related("program")
    for episode in planned:
        if episode.discharge_planned_on and episode.discharge_planned_on <= episode.program.today():
            applied += _discharge_due(episode)
    return applied


def _discharge_due(episode: Episode) -> int:
    with pghistory.context(task="planned_discharges_apply"), transaction.atomic():
        episode = (
            Episode.objects.select_for_update(of=("self",))
            .select_related(
                "program", "client", "level_of_care", "primary_clinician", "discharge_planned_by"
            )
            .get(pk=episode.pk)
        )
        if not episode.discharge_planned or episode.discharge_planned_on is None:
            return 0  # cancelled or applied meanwhile
        if discharge_missing(
            episode, episode.discharge_planned_reason, episode.discharge_planned_on
        ):
            return 0  # stays in care: the discharge page and Today say what is missing
        _discharge_close(
            episode,
            episode.discharge_planned_on,
            episode.discharge_planned_reason,
            episode.discharge_planned_by,
            summary="Discharged as planned on",
        )
    return 1
