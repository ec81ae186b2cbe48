"""The medication list page and the reconciliation page, as each role sees them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from iop.accounts.models import Role
from iop.audit.models import RecordView
from iop.medications.models import Medication, Reconciliation
from tests.medications.helpers import add


def _add_data(**kwargs):
    data = {
        "source": "reported",
        "name": "Escitalopram",
        "drug_class": "ssri",
        "dose": "10 mg",
        "route": "oral",
        "frequency": "once daily",
        "controlled": "class",
        "started_on": "2026-01-05",
    }
    data.update(kwargs)
    return data


def test_list_shows_current_and_stopped_with_history_and_logs_the_view(
    login_as, client_record, staff
):
    add(client_record, staff[Role.INTAKE], indication="depression")
    response = login_as(staff[Role.CLINICIAN]).get(
        reverse("medications:list", args=[client_record.pk])
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Sertraline" in text and "depression" in text and "Dr. Lee (primary care)" in text
    assert "History (1)" in text and "Recorded by" in text
    assert RecordView.objects.filter(client=client_record, page="Medications").exists()


def test_director_reads_without_buttons(login_as, client_record, staff):
    add(client_record, staff[Role.INTAKE])
    text = (
        login_as(staff[Role.DIRECTOR])
        .get(reverse("medications:list", args=[client_record.pk]))
        .content.decode()
    )
    assert "Sertraline" in text
    assert "Add a medication" not in text and "Save the change" not in text


@pytest.mark.parametrize("role", [Role.PROBATION, Role.ADMINISTRATOR])
def test_probation_and_administrator_refused(login_as, client_record, staff, role):
    response = login_as(staff[role]).get(reverse("medications:list", args=[client_record.pk]))
    assert response.status_code == 403


def test_another_programs_client_is_not_found(login_as, other_client, staff):
    response = login_as(staff[Role.PRESCRIBER]).get(
        reverse("medications:list", args=[other_client.pk])
    )
    assert response.status_code == 404


def test_adding_proposes_controlled_from_the_class(login_as, client_record, staff):
    url = reverse("medications:add", args=[client_record.pk])
    client = login_as(staff[Role.INTAKE])
    client.post(url, _add_data(name="Clonazepam", drug_class="benzodiazepine", dose="0.5 mg"))
    client.post(url, _add_data())
    assert Medication.objects.get(name="Clonazepam").controlled is True
    assert Medication.objects.get(name="Escitalopram").controlled is False


def test_duplicate_shows_on_the_name_and_keeps_what_was_typed(login_as, client_record, staff):
    add(client_record, staff[Role.INTAKE], name="Escitalopram")
    response = login_as(staff[Role.INTAKE]).post(
        reverse("medications:add", args=[client_record.pk]),
        _add_data(name="escitalopram", dose="20 mg"),
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "already on the client" in text and 'value="20 mg"' in text
    assert Medication.objects.count() == 1


def test_clinician_is_not_offered_prescribed_here(login_as, client_record, staff):
    response = login_as(staff[Role.CLINICIAN]).post(
        reverse("medications:add", args=[client_record.pk]), _add_data(source="prescribed_here")
    )
    assert response.status_code == 400
    assert not Medication.objects.exists()


def test_list_page_queries_do_not_grow_with_entries(
    login_as, client_record, staff, django_assert_max_num_queries
):
    client = login_as(staff[Role.PRESCRIBER])
    url = reverse("medications:list", args=[client_record.pk])
    add(client_record, staff[Role.INTAKE], name="One")
    with django_assert_max_num_queries(25) as few:
        client.get(url)
    for n in range(6):
        add(client_record, staff[Role.INTAKE], name=f"Med {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_chart_section_queries_do_not_grow_with_entries(
    login_as, client_record, staff, django_assert_max_num_queries
):
    client = login_as(staff[Role.PRESCRIBER])
    url = reverse("clients:chart", args=[client_record.pk])
    add(client_record, staff[Role.INTAKE], name="One")
    response = client.get(url)
    assert "Reconcile at admission" in response.content.decode()
    with django_assert_max_num_queries(200) as few:
        client.get(url)
    for n in range(6):
        add(client_record, staff[Role.INTAKE], name=f"Med {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        text = client.get(url).content.decode()
    assert "Med 5" in text


def test_prescriber_reconciles_through_the_pages(login_as, client_record, staff):
    med = add(client_record, staff[Role.INTAKE])
    client = login_as(staff[Role.PRESCRIBER])
    response = client.post(
        reverse("medications:reconcile_start", args=[client_record.pk]), {"occasion": "admission"}
    )
    rec = Reconciliation.objects.get()
    url = reverse("medications:reconciliation", args=[rec.pk])
    assert response.url == url
    refused = client.post(url, {"action": "complete"})
    assert refused.status_code == 400 and "Sertraline" in refused.content.decode()
    prefix = f"d{med.pk.hex[:8]}"
    client.post(url, {"action": "decide", "medication": med.pk, f"{prefix}-decision": "confirmed"})
    client.post(url, {"action": "complete"})
    rec.refresh_from_db()
    assert rec.completed_at is not None
    text = client.get(url).content.decode()
    assert "Sertraline 50 mg once daily: continued, no change" in text


def test_director_cannot_write_a_reconciliation(login_as, client_record, staff):
    from iop.medications.services import reconciliation_start

    rec = reconciliation_start(
        episode=client_record.episodes.get(), by=staff[Role.PRESCRIBER], occasion="admission"
    )
    client = login_as(staff[Role.DIRECTOR])
    url = reverse("medications:reconciliation", args=[rec.pk])
    assert "Complete the reconciliation" not in client.get(url).content.decode()
    assert client.post(url, {"action": "complete"}).status_code == 403
    assert (
        client.post(
            reverse("medications:reconcile_start", args=[client_record.pk]), {"occasion": "review"}
        ).status_code
        == 403
    )
