"""Contact details and reminder choices: saved from the chart, checked against the channel."""

from __future__ import annotations

import pytest
from django.urls import reverse

from iop.accounts.models import Role
from iop.clients.models import Client
from tests.page_text import definitions

pytestmark = pytest.mark.django_db


def test_clinician_chooses_text_reminders_and_the_chart_shows_it(staff, client_record, login_as):
    http = login_as(staff[Role.CLINICIAN])
    response = http.post(
        reverse("clients:contact_edit", args=[client_record.pk]),
        {"phone": "(202) 555-0142", "email": "", "address": "", "reminder_channel": "sms"},
        follow=True,
    )
    assert "Contact details and reminder choices saved." in response.text
    assert "Text message" in response.text
    client_record.refresh_from_db()
    assert client_record.reminder_channel == "sms"
    # An unticked checkbox is a choice too: this client wants the program's name shown.
    assert client_record.reminder_discreet is False


def test_email_reminders_need_an_email_address(staff, client_record, login_as):
    http = login_as(staff[Role.INTAKE])
    response = http.post(
        reverse("clients:contact_edit", args=[client_record.pk]),
        {"phone": "", "email": "", "reminder_channel": "email", "reminder_discreet": "on"},
    )
    assert "Add an email address, or choose another reminder channel." in response.text
    assert Client.objects.get(pk=client_record.pk).reminder_channel == "none"


def test_probation_officer_cannot_edit_contact(staff, client_record, login_as):
    http = login_as(staff[Role.PROBATION])
    url = reverse("clients:contact_edit", args=[client_record.pk])
    assert http.post(url, {"reminder_channel": "none"}).status_code == 403


def test_other_programs_client_is_not_found(staff, other_client, login_as):
    http = login_as(staff[Role.CLINICIAN])
    assert http.get(reverse("clients:contact_edit", args=[other_client.pk])).status_code == 404


def _contact_post(http, client_record, phone, channel="none"):
    return http.post(
        reverse("clients:contact_edit", args=[client_record.pk]),
        {"phone": phone, "email": "", "address": "", "reminder_channel": channel},
    )


def test_a_phone_that_is_not_a_phone_is_refused_with_one_message(staff, client_record, login_as):
    response = _contact_post(login_as(staff[Role.INTAKE]), client_record, "not a phone!!", "sms")
    assert response.status_code == 200
    errors = response.context["form"].errors["phone"]
    assert errors == [
        "Enter a phone number with its area code, such as (202) 555-0143, "
        "or a number starting with + and the country code."
    ]
    assert "not a phone!!" in response.text  # what was typed stays in the box
    client_record.refresh_from_db()
    assert client_record.phone == ""
    assert client_record.reminder_channel == "none"


def test_a_phone_is_stored_in_e164_and_shown_in_national_format(staff, client_record, login_as):
    http = login_as(staff[Role.INTAKE])
    response = _contact_post(http, client_record, "202.555.0143")
    assert response.status_code == 302
    client_record.refresh_from_db()
    assert client_record.phone == "+12025550143"
    chart = http.get(reverse("clients:chart", args=[client_record.pk])).text
    assert definitions(chart)["Phone"] == "(202) 555-0143"
    form = http.get(reverse("clients:contact_edit", args=[client_record.pk])).text
    assert 'value="(202) 555-0143"' in form


def test_a_foreign_number_keeps_its_country_code(staff, client_record, login_as):
    http = login_as(staff[Role.INTAKE])
    _contact_post(http, client_record, "+44 20 7946 0958")
    client_record.refresh_from_db()
    assert client_record.phone == "+442079460958"
    assert "+44 20 7946 0958" in http.get(reverse("clients:chart", args=[client_record.pk])).text


def test_a_number_that_does_not_parse_is_shown_as_typed(program):
    # Kept from the test of the phone data migration (clients 0004, since squashed away):
    # rows it could not normalise stay as typed, and are shown so.
    from tests.factories import ClientFactory

    odd = ClientFactory(program=program, phone="ask at the front desk")
    odd.refresh_from_db()
    assert odd.phone == "ask at the front desk"
    assert odd.phone_display == "ask at the front desk"
