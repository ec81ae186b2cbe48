"""Pages read aloud with the client carry no safety flags, alert banners, scores or other
clients' names; the ordinary chart (for staff) still shows the flags."""

from __future__ import annotations

import pytest
from django.urls import reverse

from intake.models import InstrumentResult
from iop.accounts.models import Role
from tests.intake.consent_helpers import make_consent
from tests.intake.safety_plan_helpers import client_with_alert, written_draft
from tests.treatment_plans.pdf_helpers import make_draft_plan, pdf_text

FLAG_TEXT = ("Open safety alert", "Suicide risk", "Safety flags")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def person(program, staff):
    return client_with_alert(program, staff[Role.CLINICIAN])


@pytest.fixture
def neighbour(program, staff):
    """Another client in the same program, with an alert of their own."""
    return client_with_alert(program, staff[Role.CLINICIAN], "Wendell", "Okafor")


def assert_read_aloud_safe(text: str, person, neighbour) -> None:
    for flag in FLAG_TEXT:
        assert flag not in text, flag
    band = InstrumentResult.objects.get(client=person).band
    assert "PHQ9 10" not in text and f"· {band}" not in text
    assert neighbour.legal_last_name not in text


def test_the_ordinary_chart_shows_the_flags(person, staff, login_as):
    response = login_as(staff[Role.CLINICIAN]).get(reverse("clients:chart", args=[person.pk]))
    assert "Open safety alert" in response.text
    assert "Suicide risk" in response.text


def test_consent_signing_shows_no_flags(person, neighbour, staff, login_as):
    consent = make_consent(person)
    response = login_as(staff[Role.INTAKE]).get(reverse("intake:consent_sign", args=[consent.pk]))
    assert response.status_code == 200
    assert person.legal_name in response.text
    assert_read_aloud_safe(response.text, person, neighbour)


def test_treatment_plan_signing_shows_no_flags(person, neighbour, staff, login_as):
    plan = make_draft_plan(person, staff[Role.CLINICIAN])
    url = reverse("treatment_plans:plan_sign", args=[plan.pk])
    response = login_as(staff[Role.CLINICIAN]).get(url)
    assert response.status_code == 200
    assert_read_aloud_safe(response.text, person, neighbour)


@pytest.mark.parametrize("page", ["intake:safety_plan_edit", "intake:safety_plan_sign"])
def test_safety_plan_writing_and_signing_show_no_flags(page, person, neighbour, staff, login_as):
    plan = written_draft(person, staff[Role.CLINICIAN])
    response = login_as(staff[Role.CLINICIAN]).get(reverse(page, args=[plan.pk]))
    assert response.status_code == 200
    assert "Shown with the client" in response.text
    assert_read_aloud_safe(response.text, person, neighbour)


def test_the_staff_page_of_the_safety_plan_still_shows_the_flags(person, staff, login_as):
    plan = written_draft(person, staff[Role.CLINICIAN])
    url = reverse("intake:safety_plan_detail", args=[plan.pk])
    assert "Suicide risk" in login_as(staff[Role.CLINICIAN]).get(url).text


def test_the_client_copies_show_no_flags(person, neighbour, staff):
    from iop.reports.services import report_render_one, report_request
    from tests.intake.safety_plan_helpers import sign_both
    from treatment_plans.documents import PLAN_CLIENT

    clinician = staff[Role.CLINICIAN]
    safety = sign_both(written_draft(person, clinician), clinician)
    plan = make_draft_plan(person, clinician)
    for kind, subject in (("safety_plan_client", safety), (PLAN_CLIENT, plan)):
        report = report_request(kind=kind, client=person, subject=subject, by=clinician)
        assert report_render_one(report_id=report.pk)
        report.refresh_from_db()
        assert_read_aloud_safe(pdf_text(report.path.read_bytes()), person, neighbour)
