"""The chart's drug screen timeline: newest first, each screen read against the medication
list, explained positives told apart from unexplained ones in words, refusals and no-shows
as what they are; a fixed number of queries whatever the number of screens."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from iop.accounts.models import Role
from iop.medications.classes import DrugClass
from relapse_prevention.chart import screens_context
from relapse_prevention.models import Validity
from tests.relapse_prevention.screen_helpers import medication, specimen_with

pytestmark = pytest.mark.django_db

POS, NEG = "positive", "negative"


def days_ago(program, n, hour=10):
    return program.at(program.today() - datetime.timedelta(days=n), datetime.time(hour, 0))


def chart(login_as, user, client):
    response = login_as(user).get(reverse("clients:chart", args=[client.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_timeline_reads_each_screen_newest_first(client_record, staff, login_as):
    program = client_record.program
    medication(
        client_record,
        "Buprenorphine/naloxone",
        DrugClass.BUPRENORPHINE,
        program.today() - datetime.timedelta(days=60),
    )
    specimen_with(
        client_record,
        {"buprenorphine": (POS, None), "cocaine": (POS, None), "thc": (NEG, None)},
        at=days_ago(program, 1),
        observed=True,
    )
    specimen_with(client_record, validity=Validity.REFUSED, at=days_ago(program, 5))
    specimen_with(client_record, validity=Validity.NO_SHOW, at=days_ago(program, 8))
    specimen_with(
        client_record, {"thc": (NEG, None)}, validity=Validity.DILUTE, at=days_ago(program, 9)
    )
    page = chart(login_as, staff[Role.CLINICIAN], client_record)
    assert "Drug screens" in page
    assert "Record a screen" in page and f"/clients/{client_record.pk}/screens/new/" in page
    newest = page.index("Unexplained positive: Cocaine metabolite (benzoylecgonine).")
    assert (
        newest
        < page.index("Refused: no specimen collected")
        < page.index("No-show: missed the collection")
        < page.index("Dilute specimen: a negative result may not be reliable.")
    )
    assert (
        '<span class="screen-label">Explained</span> <strong>Buprenorphine</strong>: '
        "Positive (screen, not confirmed), consistent with prescribed buprenorphine/naloxone"
    ) in page
    assert (
        '<span class="screen-label">Not explained</span> '
        "<strong>Cocaine metabolite (benzoylecgonine)</strong>"
    ) in page
    assert "Urine, observed" in page
    assert "Not signed" in page
    # A negative analyte is not listed as a finding.
    assert "Marijuana metabolite" not in page
    local = program.local(days_ago(program, 1))
    assert local.strftime("%H:%M") in page


def test_director_views_without_recording_intake_and_probation_see_no_section(
    client_record, staff, login_as
):
    specimen_with(client_record, {"thc": (NEG, None)}, at=days_ago(client_record.program, 2))
    page = chart(login_as, staff[Role.DIRECTOR], client_record)
    assert "Negative for every analyte tested." in page
    assert "Record a screen" not in page
    page = chart(login_as, staff[Role.INTAKE], client_record)
    assert "Drug screens" not in page and "Negative for every analyte" not in page


def test_no_screens_said_so(client_record, staff, login_as):
    page = chart(login_as, staff[Role.CLINICIAN], client_record)
    assert "No drug screens recorded." in page


def _context_queries(client, user):
    with CaptureQueriesContext(connection) as captured:
        context = screens_context(client, user)
        [row["reading"].headline for row in context["rows"]]
    return len(captured.captured_queries), context


def test_query_count_constant_and_older_screens_counted(client_record, staff):
    program = client_record.program
    user = staff[Role.CLINICIAN]
    for n in range(2):
        specimen_with(client_record, {"thc": (POS, None)}, at=days_ago(program, n))
    screens_context(client_record, user)  # the user's capabilities are cached after once
    few, context = _context_queries(client_record, user)
    assert len(context["rows"]) == 2 and context["older"] == 0
    for n in range(2, 12):
        specimen_with(client_record, {"thc": (POS, None)}, at=days_ago(program, n))
    many, context = _context_queries(client_record, user)
    assert len(context["rows"]) == 12 and context["older"] == 0
    assert few == many
    for n in range(12, 15):
        specimen_with(client_record, {"thc": (NEG, None)}, at=days_ago(program, n))
    more, context = _context_queries(client_record, user)
    assert len(context["rows"]) == 12 and context["older"] == 3
    assert more <= many + 1  # the count of older screens
    assert context["rows"][0]["local"].date() == program.today()
