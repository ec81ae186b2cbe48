"""The medication-management visit's session page: the prescriber starts the visit's
reconciliation there and, once completed, sees its summary there."""

from __future__ import annotations

import pytest
from django.urls import reverse

from iop.accounts.models import Role
from iop.medications.models import Reconciliation, ReconciliationOccasion
from tests.medications.helpers import add
from tests.medications.visit_helpers import book
from tests.scheduling.views_helpers import episode

pytestmark = pytest.mark.django_db


def test_prescriber_reconciles_at_the_visit_and_sees_the_summary(program, staff, login_as):
    ep = episode(program, "Jordan")
    visit = book(program, ep, staff[Role.PRESCRIBER], staff[Role.INTAKE])
    add(ep.client, staff[Role.INTAKE])
    client = login_as(staff[Role.PRESCRIBER])
    page = reverse("scheduling:session", args=[visit.pk])
    assert "Reconcile medications" in client.get(page).content.decode()
    client.post(
        reverse("medications:reconcile_start", args=[ep.client.pk]),
        {"occasion": "medication_visit", "visit": str(visit.pk)},
    )
    rec = Reconciliation.objects.get()
    assert (rec.occasion, rec.visit_session_id) == (
        ReconciliationOccasion.MEDICATION_VISIT,
        visit.pk,
    )
    url = reverse("medications:reconciliation", args=[rec.pk])
    med = ep.client.medications.get()
    client.post(
        url,
        {
            "action": "decide",
            "medication": med.pk,
            f"d{med.pk.hex[:8]}-decision": "stopped",
            f"d{med.pk.hex[:8]}-reason": "no longer needed",
        },
    )
    client.post(url, {"action": "complete"})
    text = client.get(page).content.decode()
    assert "Sertraline 50 mg once daily: stopped (no longer needed)" in text
    assert "Reconcile medications" not in text


def test_clinician_is_not_offered_the_visit_reconciliation(program, staff, login_as):
    ep = episode(program, "Jordan")
    visit = book(program, ep, staff[Role.PRESCRIBER], staff[Role.INTAKE])
    text = (
        login_as(staff[Role.CLINICIAN])
        .get(reverse("scheduling:session", args=[visit.pk]))
        .content.decode()
    )
    assert "Reconcile medications" not in text


def test_the_visit_note_signs_what_the_reconciliation_changed(program, staff):
    from django.utils import timezone

    from iop.medications import services
    from scheduling.models import ProgressNote
    from scheduling.services.note_visit import visit_lines

    ep = episode(program, "Jordan")
    visit = book(program, ep, staff[Role.PRESCRIBER], staff[Role.INTAKE])
    med = add(ep.client, staff[Role.INTAKE])
    prescriber = staff[Role.PRESCRIBER]
    note = ProgressNote(session=visit, client=ep.client, kind=visit.kind)
    assert not any("reconciliation" in line for line in visit_lines(note))
    rec = services.reconciliation_start(
        episode=ep, by=prescriber, occasion="medication_visit", visit_session_id=visit.pk
    )
    services.reconciliation_decide(
        reconciliation=rec,
        medication=med,
        by=prescriber,
        decision="stopped",
        reason="no longer needed",
    )
    before = timezone.now()
    services.reconciliation_complete(reconciliation=rec, by=prescriber)
    lines = visit_lines(note)
    assert "Medication reconciliation at this visit (what changed and why):" in lines
    assert "  Sertraline 50 mg once daily: stopped (no longer needed)" in lines
    # A note signed before the reconciliation was completed keeps the text it was signed with.
    note.signed_at = before
    assert not any("reconciliation" in line for line in visit_lines(note))
