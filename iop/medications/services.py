"""Writes to a client's medication list and its reconciliations: each one function in one
transaction, each leaving a MedicationChange row (who, when, which fields before/after, why).

Refusals are ValidationErrors keyed by the form field they are about, so the page shows the
message on that field and nothing is saved.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from iop.clients.models import Client, Episode
from iop.medications import access
from iop.medications.models import (
    Medication,
    MedicationChange,
    MedicationChangeKind,
    MedicationSource,
    Reconciliation,
    ReconciliationDecision,
    ReconciliationEntry,
    ReconciliationOccasion,
)

CHANGEABLE = (
    "name",
    "drug_class",
    "dose",
    "route",
    "frequency",
    "indication",
    "controlled",
    "outside_prescriber",
)
DUPLICATE = "This medication is already on the client's list: change that entry instead."
REASON_NEEDED = "Say why."


def _check_dates(client: Client, started_on: datetime.date) -> None:
    if started_on > client.program.today():
        raise ValidationError({"started_on": "The start date cannot be in the future."})


def _check_duplicate(client: Client, name: str, exclude: Any = None) -> None:
    current = Medication.objects.filter(client=client, name__iexact=name.strip()).current()
    if current.exclude(pk=exclude).exists():
        raise ValidationError({"name": DUPLICATE})


def _save(medication: Medication) -> None:
    """Save in a savepoint: a duplicate that slipped past the check (two people at once)
    comes back as the same message on the name field."""
    try:
        with transaction.atomic():
            medication.save()
    except IntegrityError as error:
        if "medication_one_current_entry_per_name" in str(error):
            raise ValidationError({"name": DUPLICATE}) from error
        raise


def _log(
    medication: Medication,
    *,
    kind: str,
    by: Any,
    fields: dict[str, list[Any]] | None = None,
    reason: str = "",
    reconciliation: Reconciliation | None = None,
) -> MedicationChange:
    return MedicationChange.objects.create(
        medication=medication,
        kind=kind,
        changed_by=by,
        changed_at=medication.client.program.now(),
        fields_changed=fields or {},
        reason=reason,
        reconciliation=reconciliation,
    )


@transaction.atomic
def medication_add(
    *,
    client: Client,
    by: Any,
    source: str,
    name: str,
    drug_class: str,
    dose: str,
    frequency: str,
    started_on: datetime.date,
    route: str = "oral",
    indication: str = "",
    controlled: bool = False,
    outside_prescriber: str = "",
    reason: str = "",
    reconciliation: Reconciliation | None = None,
) -> Medication:
    """Record a medication the client reports or an outside record shows, or prescribe one
    here (the acting prescriber is its prescriber)."""
    if not access.can_add(by, client, source):
        raise PermissionDenied(access.NOT_A_PRESCRIBER)
    here = source == MedicationSource.PRESCRIBED_HERE
    if here and outside_prescriber.strip():
        raise ValidationError(
            {"outside_prescriber": "A prescription made here names no outside prescriber."}
        )
    _check_dates(client, started_on)
    _check_duplicate(client, name)
    medication = Medication(
        client=client,
        source=source,
        name=name.strip(),
        drug_class=drug_class,
        dose=dose,
        frequency=frequency,
        route=route,
        indication=indication,
        controlled=controlled,
        outside_prescriber="" if here else outside_prescriber.strip(),
        prescriber=by if here else None,
        started_on=started_on,
    )
    _save(medication)
    kind = MedicationChangeKind.PRESCRIBED if here else MedicationChangeKind.RECORDED
    _log(medication, kind=kind, by=by, reason=reason, reconciliation=reconciliation)
    return medication


def _check_may_change(by: Any, medication: Medication) -> None:
    if medication.stopped_on is not None:
        raise ValidationError("This entry is stopped; record the medication again if restarted.")
    if not access.can_change(by, medication):
        raise PermissionDenied(access.NOT_YOURS_TO_CHANGE)


@transaction.atomic
def medication_change(
    *,
    medication: Medication,
    by: Any,
    reason: str,
    reconciliation: Reconciliation | None = None,
    **values: Any,
) -> Medication:
    """Change what an entry says (dose, frequency, route...); the reason is required."""
    _check_may_change(by, medication)
    unknown = set(values) - set(CHANGEABLE)
    if unknown:
        raise ValueError(f"Not changeable: {sorted(unknown)}")
    fields = {
        f: [getattr(medication, f), v] for f, v in values.items() if getattr(medication, f) != v
    }
    if not fields:
        raise ValidationError("Nothing was changed: use Confirm when the entry is right.")
    if not reason.strip():
        raise ValidationError({"reason": REASON_NEEDED})
    if "name" in fields:
        _check_duplicate(medication.client, values["name"], exclude=medication.pk)
    if medication.source == MedicationSource.PRESCRIBED_HERE and values.get("outside_prescriber"):
        raise ValidationError(
            {"outside_prescriber": "A prescription made here names no outside prescriber."}
        )
    for field, (_, after) in fields.items():
        setattr(medication, field, after)
    _save(medication)
    _log(
        medication,
        kind=MedicationChangeKind.CHANGED,
        by=by,
        fields=fields,
        reason=reason.strip(),
        reconciliation=reconciliation,
    )
    return medication


@transaction.atomic
def medication_stop(
    *,
    medication: Medication,
    by: Any,
    stopped_on: datetime.date,
    reason: str,
    reconciliation: Reconciliation | None = None,
) -> Medication:
    _check_may_change(by, medication)
    if stopped_on < medication.started_on:
        raise ValidationError({"stopped_on": "The stop date cannot be before the start date."})
    if stopped_on > medication.client.program.today():
        raise ValidationError({"stopped_on": "The stop date cannot be in the future."})
    if not reason.strip():
        raise ValidationError({"reason": REASON_NEEDED})
    medication.stopped_on = stopped_on
    medication.stop_reason = reason.strip()
    medication.save(update_fields=["stopped_on", "stop_reason", "updated_at"])
    _log(
        medication,
        kind=MedicationChangeKind.STOPPED,
        by=by,
        fields={"stopped_on": [None, stopped_on.isoformat()]},
        reason=reason.strip(),
        reconciliation=reconciliation,
    )
    return medication


@transaction.atomic
def medication_confirm(
    *,
    medication: Medication,
    by: Any,
    reason: str = "",
    reconciliation: Reconciliation | None = None,
) -> MedicationChange:
    _check_may_change(by, medication)
    return _log(
        medication,
        kind=MedicationChangeKind.CONFIRMED,
        by=by,
        reason=reason.strip(),
        reconciliation=reconciliation,
    )


# ---------------------------------------------------------------- reconciliation


def _check_reconciler(by: Any, client: Client) -> None:
    if not access.can_reconcile(by, client):
        raise PermissionDenied("Only a prescriber reconciles medications.")


@transaction.atomic
def reconciliation_start(
    *,
    episode: Episode,
    by: Any,
    occasion: str,
    visit_session_id: Any = None,
) -> Reconciliation:
    client = episode.client
    _check_reconciler(by, client)
    if not episode.is_open:
        raise ValidationError({"occasion": "This episode is closed."})
    if occasion == ReconciliationOccasion.MEDICATION_VISIT and visit_session_id is None:
        raise ValidationError({"visit": "A visit reconciliation names its visit."})
    if Reconciliation.objects.filter(episode=episode, completed_at__isnull=True).exists():
        raise ValidationError(
            {"occasion": "A reconciliation is already in progress for this episode."}
        )
    if (
        visit_session_id
        and Reconciliation.objects.filter(visit_session_id=visit_session_id).exists()
    ):
        raise ValidationError({"visit": "This visit already has a medication reconciliation."})
    return Reconciliation.objects.create(
        client=client,
        episode=episode,
        occasion=occasion,
        visit_session_id=visit_session_id,
        reconciled_by=by,
        started_at=client.program.now(),
    )


def _check_open(reconciliation: Reconciliation, by: Any) -> None:
    _check_reconciler(by, reconciliation.client)
    if reconciliation.completed_at is not None:
        raise ValidationError("This reconciliation is completed and final.")


def _decided(reconciliation: Reconciliation) -> set[Any]:
    return set(reconciliation.entries.values_list("medication_id", flat=True))


def _entry(
    reconciliation: Reconciliation, medication: Medication, decision: str, reason: str
) -> ReconciliationEntry:
    if medication.client_id != reconciliation.client_id:
        raise PermissionDenied
    if medication.pk in _decided(reconciliation):
        raise ValidationError("This medication is already decided here.")
    return ReconciliationEntry.objects.create(
        reconciliation=reconciliation,
        medication=medication,
        decision=decision,
        reason=reason.strip(),
        decided_at=reconciliation.client.program.now(),
    )


@transaction.atomic
def reconciliation_decide(
    *,
    reconciliation: Reconciliation,
    medication: Medication,
    by: Any,
    decision: str,
    reason: str = "",
    stopped_on: datetime.date | None = None,
    **values: Any,
) -> ReconciliationEntry:
    """Confirm, change or stop one current entry within the reconciliation."""
    _check_open(reconciliation, by)
    common = {"medication": medication, "by": by, "reconciliation": reconciliation}
    if decision == ReconciliationDecision.CONFIRMED:
        medication_confirm(reason=reason, **common)
    elif decision == ReconciliationDecision.CHANGED:
        medication_change(reason=reason, **common, **values)
    elif decision == ReconciliationDecision.STOPPED:
        day = stopped_on or reconciliation.client.program.today()
        medication_stop(stopped_on=day, reason=reason, **common)
    else:
        raise ValueError(decision)
    return _entry(reconciliation, medication, decision, reason)


@transaction.atomic
def reconciliation_add(
    *, reconciliation: Reconciliation, by: Any, **values: Any
) -> ReconciliationEntry:
    """A new entry added during the reconciliation (prescribed here, or newly reported)."""
    _check_open(reconciliation, by)
    medication = medication_add(
        client=reconciliation.client, by=by, reconciliation=reconciliation, **values
    )
    return _entry(
        reconciliation, medication, ReconciliationDecision.ADDED, values.get("reason", "")
    )


def undecided(reconciliation: Reconciliation) -> list[Medication]:
    decided = _decided(reconciliation)
    current = Medication.objects.filter(client=reconciliation.client).current()
    return [m for m in current if m.pk not in decided]


LABELS = {
    "name": "name",
    "drug_class": "class",
    "dose": "dose",
    "route": "route",
    "frequency": "frequency",
    "indication": "indication",
    "controlled": "controlled",
    "outside_prescriber": "prescriber",
}


def summary_line(entry: ReconciliationEntry, change: MedicationChange | None) -> str:
    med = entry.medication
    reason = f" ({entry.reason})" if entry.reason else ""
    if entry.decision == ReconciliationDecision.CHANGED and change is not None:
        what = ", ".join(
            f"changed {LABELS.get(field, field)} to {after}"
            for field, (_, after) in change.fields_changed.items()
        )
        before = {f: b for f, (b, _) in change.fields_changed.items()}
        shown = (
            f"{med.name} {before.get('dose', med.dose)} {before.get('frequency', med.frequency)}"
        )
        return f"{shown}: {what}{reason}"
    label = {
        ReconciliationDecision.CONFIRMED: "continued, no change",
        ReconciliationDecision.STOPPED: "stopped",
        ReconciliationDecision.ADDED: "started",
    }[ReconciliationDecision(entry.decision)]
    return f"{med.name} {med.dose} {med.frequency}: {label}{reason}"


def reconciliation_summary(reconciliation: Reconciliation) -> str:
    changes = {
        c.medication_id: c for c in reconciliation.changes.filter(kind=MedicationChangeKind.CHANGED)
    }
    entries = reconciliation.entries.select_related("medication")
    return "\n".join(summary_line(e, changes.get(e.medication_id)) for e in entries)


@transaction.atomic
def reconciliation_complete(*, reconciliation: Reconciliation, by: Any) -> Reconciliation:
    _check_open(reconciliation, by)
    left = undecided(reconciliation)
    if left:
        names = ", ".join(m.name for m in left)
        raise ValidationError(f"Decide every current entry first (still open: {names}).")
    reconciliation.summary = reconciliation_summary(reconciliation) or "No medications."
    reconciliation.completed_at = reconciliation.client.program.now()
    reconciliation.save(update_fields=["summary", "completed_at"])
    return reconciliation
