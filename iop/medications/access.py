"""Who may see and write a client's medication list: fetch-and-check helpers (a record
outside the user's programs is a 404) and the write predicates, asked by the views and by
the services alike."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.shortcuts import get_object_or_404

from iop.accounts import permissions
from iop.clients.models import Client
from iop.medications.models import Medication, MedicationSource, Reconciliation

READER = permissions.VIEW_MEDICATIONS
RECORDER = permissions.RECORD_REPORTED_MEDICATIONS
RECONCILER = permissions.RECONCILE_MEDICATIONS

NOT_A_PRESCRIBER = "Only a prescriber of the program records a prescription made here."
NOT_YOURS_TO_CHANGE = "Only a prescriber changes or stops a prescription made here."


def get_medication_for(user: Any, medication_id: UUID, capability: str = READER) -> Medication:
    meds = Medication.objects.visible_to(user, capability).select_related(
        "client__program", "prescriber"
    )
    return get_object_or_404(meds, pk=medication_id)


def get_reconciliation_for(
    user: Any, reconciliation_id: UUID, capability: str = RECONCILER
) -> Reconciliation:
    recs = Reconciliation.objects.filter(
        client__program_id__in=permissions.program_ids_with(user, capability)
    ).select_related("client__program", "episode", "reconciled_by")
    return get_object_or_404(recs, pk=reconciliation_id)


def get_reconciliation_medication_for(rec: Reconciliation, medication_id: Any) -> Medication:
    """A medication on this reconciliation's client's list (the id comes from the posted
    form, so it may be anything: another client's entry is a 404)."""
    return get_object_or_404(Medication.objects.filter(client=rec.client), pk=medication_id)


def reconciling_program_ids(user: Any) -> set[Any]:
    """The programs where the user reconciles (and so reviews) medications: prescribers."""
    return permissions.program_ids_with(user, RECONCILER)


def can_record(user: Any, client: Client) -> bool:
    return permissions.can(user, RECORDER, client.program)


def can_prescribe(user: Any, client: Client) -> bool:
    return permissions.can(user, RECONCILER, client.program) and permissions.can(
        user, permissions.PRESCRIBE, client.program
    )


def can_reconcile(user: Any, client: Client) -> bool:
    return permissions.can(user, RECONCILER, client.program)


def can_add(user: Any, client: Client, source: str) -> bool:
    if source == MedicationSource.PRESCRIBED_HERE:
        return can_prescribe(user, client)
    return can_record(user, client)


def can_change(user: Any, medication: Medication) -> bool:
    """Prescribers change or stop any entry; intake staff and clinicians only the entries
    they could have recorded themselves (reported or from an outside record), to correct
    or stop them, always with a reason."""
    return can_add(user, medication.client, medication.source) or can_reconcile(
        user, medication.client
    )
