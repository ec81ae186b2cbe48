"""Recording, prescribing, changing and stopping entries: who may, and every refusal
leaves a message on its field and nothing saved."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction

from iop.accounts.models import Role
from iop.medications.models import Medication, MedicationChange, MedicationSource
from iop.medications.services import medication_change, medication_confirm, medication_stop
from tests.medications.helpers import add

HERE = MedicationSource.PRESCRIBED_HERE


def _field_error(excinfo: pytest.ExceptionInfo[ValidationError], field: str) -> str:
    return " ".join(excinfo.value.message_dict[field])


def test_intake_records_a_reported_medication_with_its_history(client_record, staff):
    med = add(client_record, staff[Role.INTAKE])
    change = med.changes.get()
    assert (change.kind, change.changed_by) == ("recorded", staff[Role.INTAKE])
    assert med.prescriber is None and med.outside_prescriber == "Dr. Lee (primary care)"


def test_prescriber_prescribes_here_and_is_named(client_record, staff):
    med = add(
        client_record,
        staff[Role.PRESCRIBER],
        name="Buprenorphine/naloxone",
        source=HERE,
        drug_class="buprenorphine",
        dose="8 mg/2 mg",
        controlled=True,
    )
    assert med.prescriber == staff[Role.PRESCRIBER]
    assert med.changes.get().kind == "prescribed"


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.INTAKE, Role.DIRECTOR])
def test_only_a_prescriber_prescribes_here(client_record, staff, role):
    with pytest.raises(PermissionDenied):
        add(client_record, staff[role], source=HERE)
    assert not Medication.objects.exists()


def test_director_cannot_record(client_record, staff):
    with pytest.raises(PermissionDenied):
        add(client_record, staff[Role.DIRECTOR])


def test_duplicate_current_entry_is_refused_on_the_name(client_record, staff):
    add(client_record, staff[Role.INTAKE])
    with pytest.raises(ValidationError) as excinfo:
        add(client_record, staff[Role.CLINICIAN], name="  sertraline ")
    assert "already on the client's list" in _field_error(excinfo, "name")
    assert Medication.objects.count() == 1 and MedicationChange.objects.count() == 1


def test_the_database_refuses_a_duplicate_current_entry(client_record, staff):
    med = add(client_record, staff[Role.INTAKE])
    twin = Medication(
        client=client_record,
        name="SERTRALINE",
        drug_class="ssri",
        dose="1",
        frequency="daily",
        started_on=med.started_on,
        source="reported",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_start_date_in_the_future_is_refused(client_record, staff):
    tomorrow = client_record.program.today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        add(client_record, staff[Role.INTAKE], started_on=tomorrow)
    assert "future" in _field_error(excinfo, "started_on")
    assert not Medication.objects.exists()


def test_outside_prescriber_on_a_prescription_made_here_is_refused(client_record, staff):
    with pytest.raises(ValidationError) as excinfo:
        add(client_record, staff[Role.PRESCRIBER], source=HERE, outside_prescriber="Dr. Who")
    assert "outside prescriber" in _field_error(excinfo, "outside_prescriber")
    assert not Medication.objects.exists()


def test_the_database_refuses_a_prescription_made_here_without_prescriber(client_record):
    med = Medication(
        client=client_record,
        name="Prazosin",
        drug_class="alpha_agonist",
        dose="1 mg",
        frequency="at bedtime",
        started_on=client_record.program.today(),
        source=HERE,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        med.save()


def test_change_keeps_before_and_after_and_the_reason(client_record, staff):
    med = add(client_record, staff[Role.PRESCRIBER], source=HERE)
    medication_change(
        medication=med, by=staff[Role.PRESCRIBER], reason="partial response", dose="100 mg"
    )
    change = med.changes.get(kind="changed")
    assert change.fields_changed == {"dose": ["50 mg", "100 mg"]}
    assert change.reason == "partial response"
    med.refresh_from_db()
    assert med.dose == "100 mg"


def test_change_without_a_reason_is_refused_and_nothing_saved(client_record, staff):
    med = add(client_record, staff[Role.INTAKE])
    with pytest.raises(ValidationError) as excinfo:
        medication_change(medication=med, by=staff[Role.INTAKE], reason=" ", dose="100 mg")
    assert _field_error(excinfo, "reason")
    med.refresh_from_db()
    assert med.dose == "50 mg" and med.changes.count() == 1


def test_clinician_corrects_a_reported_entry_but_not_one_prescribed_here(client_record, staff):
    reported = add(client_record, staff[Role.INTAKE])
    medication_change(
        medication=reported, by=staff[Role.CLINICIAN], reason="label says 25 mg", dose="25 mg"
    )
    here = add(
        client_record,
        staff[Role.PRESCRIBER],
        name="Prazosin",
        source=HERE,
        drug_class="alpha_agonist",
        dose="1 mg",
    )
    for write in (
        lambda: medication_change(
            medication=here, by=staff[Role.CLINICIAN], reason="x", dose="2 mg"
        ),
        lambda: medication_stop(
            medication=here,
            by=staff[Role.CLINICIAN],
            reason="x",
            stopped_on=client_record.program.today(),
        ),
    ):
        with pytest.raises(PermissionDenied):
            write()
    here.refresh_from_db()
    assert here.dose == "1 mg" and here.stopped_on is None


def test_stop_before_the_start_is_refused(client_record, staff):
    med = add(client_record, staff[Role.INTAKE])
    with pytest.raises(ValidationError) as excinfo:
        medication_stop(
            medication=med,
            by=staff[Role.INTAKE],
            reason="done",
            stopped_on=med.started_on - datetime.timedelta(days=1),
        )
    assert "before the start" in _field_error(excinfo, "stopped_on")
    med.refresh_from_db()
    assert med.stopped_on is None and med.changes.count() == 1


def test_stop_frees_the_name_for_a_new_entry(client_record, staff):
    med = add(client_record, staff[Role.INTAKE])
    medication_stop(
        medication=med,
        by=staff[Role.INTAKE],
        reason="ran out",
        stopped_on=client_record.program.today(),
    )
    add(client_record, staff[Role.INTAKE])
    assert Medication.objects.current().count() == 1
    assert Medication.objects.count() == 2


def test_changes_are_append_only_in_the_database(client_record, staff):
    med = add(client_record, staff[Role.INTAKE])
    medication_confirm(medication=med, by=staff[Role.PRESCRIBER])
    change = med.changes.all()[0]
    with pytest.raises(DatabaseError, match="never changed or deleted"), transaction.atomic():
        MedicationChange.objects.filter(pk=change.pk).update(reason="edited")
    with pytest.raises(DatabaseError, match="never changed or deleted"), transaction.atomic():
        MedicationChange.objects.filter(pk=change.pk).delete()
    # Straight at the table: the ORM's delete would stop first at the changes that refer to it.
    with pytest.raises(DatabaseError, match="never deleted"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {Medication._meta.db_table} WHERE id = %s", [med.pk])
    assert Medication.objects.filter(pk=med.pk).exists()
