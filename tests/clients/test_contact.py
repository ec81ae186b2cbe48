"""Contact details and reminder choices: saved from the chart, checked against the channel."""

from __future__ import annotations

import pytest
from django.urls import reverse

from iop.accounts.models import Role
from iop.clients.models import Client

pytestmark = pytest.mark.django_db


def test_clinician_chooses_text_reminders_and_the_chart_shows_it(staff, client_record, login_as):
    http = login_as(staff[Role.CLINICIAN])
    response = http.post(
        reverse("clients:contact_edit", args=[client_record.pk]),
        {"phone": "555-0142", "email": "", "address": "", "reminder_channel": "sms"},
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
