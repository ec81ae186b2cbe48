"""Court orders: recorded at intake from the paperwork, shown on the chart, edited with clear
refusals, never by a probation officer or a prescriber, never another program's."""

from __future__ import annotations

import pytest
from django.urls import reverse

from intake.models import CourtOrder, LegalStatus
from iop.accounts.models import Role
from tests.factories import member

pytestmark = pytest.mark.django_db


def _form(**changes):
    data = {
        "case_number": "CR-2026-3141",
        "court_program": "County Adult Treatment Court",
        "legal_status": LegalStatus.DRUG_COURT,
        "supervising_officer": "",
        "supervising_officer_name": "Officer Dana Ruiz, County Adult Probation",
        "ordered_on": "2026-11-02",
        "ends_on": "",
        "group_sessions_per_week": "3",
        "individual_sessions_per_week": "1",
        "family_sessions_per_week": "0",
        "medication_visits_per_week": "0",
        "drug_screens_per_week": "2",
        "other_conditions": "No new arrests.",
    }
    data.update(changes)
    return data


def test_intake_records_the_order_and_the_chart_shows_it(client_record, staff, login_as):
    http = login_as(staff[Role.INTAKE])
    url = reverse("intake:court_order_create", args=[client_record.pk])
    response = http.post(url, _form(), follow=True)
    assert response.status_code == 200
    order = CourtOrder.objects.get(client=client_record)
    assert order.case_number == "CR-2026-3141" and order.drug_screens_per_week == 2
    chart = login_as(staff[Role.CLINICIAN]).get(reverse("clients:chart", args=[client_record.pk]))
    text = chart.content.decode()
    assert "CR-2026-3141" in text and "County Adult Treatment Court" in text


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"supervising_officer_name": ""}, "supervising_officer_name", "Name the supervising"),
        ({"ends_on": "2026-10-01"}, "ends_on", "cannot end before it is dated"),
        (
            {"group_sessions_per_week": "-1"},
            "group_sessions_per_week",
            "greater than or equal to 0",
        ),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_saved(
    client_record, staff, login_as, changes, field, message
):
    http = login_as(staff[Role.INTAKE])
    url = reverse("intake:court_order_create", args=[client_record.pk])
    response = http.post(url, _form(**changes))
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in response.content.decode()
    assert message in response.content.decode()
    assert not CourtOrder.objects.exists()


def test_an_officer_account_from_another_program_is_refused(
    client_record, staff, login_as, other_program
):
    stranger = member(Role.PROBATION, other_program)
    http = login_as(staff[Role.INTAKE])
    url = reverse("intake:court_order_create", args=[client_record.pk])
    http.post(url, _form(supervising_officer=str(stranger.pk), supervising_officer_name=""))
    assert not CourtOrder.objects.exists()


def test_editing_changes_the_one_order(client_record, staff, login_as):
    http = login_as(staff[Role.CLINICIAN])
    http.post(reverse("intake:court_order_create", args=[client_record.pk]), _form())
    order = CourtOrder.objects.get()
    http.post(reverse("intake:court_order_edit", args=[order.pk]), _form(drug_screens_per_week="1"))
    order.refresh_from_db()
    assert CourtOrder.objects.count() == 1 and order.drug_screens_per_week == 1


@pytest.mark.parametrize("role", [Role.PROBATION, Role.PRESCRIBER, Role.ADMINISTRATOR])
def test_roles_that_do_not_record_orders_are_refused(client_record, staff, login_as, role):
    http = login_as(staff[role])
    url = reverse("intake:court_order_create", args=[client_record.pk])
    assert http.post(url, _form()).status_code == 403
    assert not CourtOrder.objects.exists()


def test_another_programs_client_is_not_found(other_client, staff, login_as):
    http = login_as(staff[Role.INTAKE])
    url = reverse("intake:court_order_create", args=[other_client.pk])
    assert http.get(url).status_code == 404
