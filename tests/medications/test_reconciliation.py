"""Reconciliation: only prescribers, every current entry decided before completing, the
summary, and a completed one is final in the database."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction

from iop.accounts.models import Role
from iop.medications.models import MedicationSource, Reconciliation, ReconciliationOccasion
from iop.medications.services import (
    reconciliation_add,
    reconciliation_complete,
    reconciliation_decide,
    reconciliation_start,
)
from tests.medications.helpers import add


@pytest.fixture
def prescriber(staff):
    return staff[Role.PRESCRIBER]


@pytest.fixture
def rec(client_record, prescriber):
    return reconciliation_start(
        episode=client_record.episodes.get(),
        by=prescriber,
        occasion=ReconciliationOccasion.ADMISSION,
    )


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.INTAKE, Role.DIRECTOR])
def test_only_a_prescriber_reconciles(client_record, staff, role):
    with pytest.raises(PermissionDenied):
        reconciliation_start(
            episode=client_record.episodes.get(), by=staff[role], occasion="admission"
        )
    assert not Reconciliation.objects.exists()


def test_the_full_flow_writes_a_summary_line_per_entry(client_record, staff, prescriber, rec):
    sertraline = add(client_record, staff[Role.INTAKE])
    prazosin = add(
        client_record,
        staff[Role.INTAKE],
        name="Prazosin",
        drug_class="alpha_agonist",
        dose="1 mg",
        frequency="at bedtime",
    )
    ibuprofen = add(
        client_record,
        staff[Role.INTAKE],
        name="Ibuprofen",
        drug_class="other",
        dose="400 mg",
        frequency="as needed",
    )
    reconciliation_decide(
        reconciliation=rec, medication=prazosin, by=prescriber, decision="confirmed"
    )
    reconciliation_decide(
        reconciliation=rec,
        medication=sertraline,
        by=prescriber,
        decision="changed",
        reason="partial response",
        dose="100 mg",
    )
    with pytest.raises(ValidationError, match="Ibuprofen"):
        reconciliation_complete(reconciliation=rec, by=prescriber)
    reconciliation_decide(
        reconciliation=rec,
        medication=ibuprofen,
        by=prescriber,
        decision="stopped",
        reason="stomach upset",
    )
    reconciliation_add(
        reconciliation=rec,
        by=prescriber,
        source=MedicationSource.PRESCRIBED_HERE,
        name="Naltrexone",
        drug_class="naltrexone",
        dose="50 mg",
        frequency="once daily",
        started_on=client_record.program.today(),
        reason="alcohol cravings",
    )
    reconciliation_complete(reconciliation=rec, by=prescriber)
    rec.refresh_from_db()
    assert rec.completed_at is not None
    lines = rec.summary.splitlines()
    assert "Sertraline 50 mg once daily: changed dose to 100 mg (partial response)" in lines
    assert "Prazosin 1 mg at bedtime: continued, no change" in lines
    assert "Ibuprofen 400 mg as needed: stopped (stomach upset)" in lines
    assert "Naltrexone 50 mg once daily: started (alcohol cravings)" in lines
    assert rec.changes.count() == 4


def test_stopping_in_a_reconciliation_needs_a_reason(client_record, staff, prescriber, rec):
    med = add(client_record, staff[Role.INTAKE])
    with pytest.raises(ValidationError):
        reconciliation_decide(
            reconciliation=rec, medication=med, by=prescriber, decision="stopped", reason=""
        )
    med.refresh_from_db()
    assert med.stopped_on is None and not rec.entries.exists()


def test_a_completed_reconciliation_is_final(client_record, prescriber, rec):
    reconciliation_complete(reconciliation=rec, by=prescriber)
    with pytest.raises(DatabaseError, match="final"), transaction.atomic():
        Reconciliation.objects.filter(pk=rec.pk).update(summary="rewritten")
    with pytest.raises(ValidationError):
        reconciliation_add(
            reconciliation=rec,
            by=prescriber,
            source="reported",
            name="X",
            drug_class="other",
            dose="1",
            frequency="daily",
            started_on=client_record.program.today(),
        )


def test_one_open_reconciliation_per_episode(client_record, prescriber, rec):
    with pytest.raises(ValidationError):
        reconciliation_start(episode=client_record.episodes.get(), by=prescriber, occasion="review")
