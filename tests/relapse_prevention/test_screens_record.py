"""Recording a drug screen: the page, the refusals (each with its message, nothing saved)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from iop.accounts.models import Role
from iop.audit.models import RecordView
from relapse_prevention.models import AnalyteResult, PanelAnalyte, Specimen, Validity
from relapse_prevention.services.screens import ResultInput
from tests.factories import ClientFactory, member
from tests.relapse_prevention.screens_helpers import analyte, record, urine_panel

pytestmark = pytest.mark.django_db


def _post(panel, client_record, **overrides):
    now = client_record.program.now() - datetime.timedelta(hours=1)
    data = {
        "panel": str(panel.pk),
        "ordered_by": "",
        "collected_by": "",
        "collected_on": now.date().isoformat(),
        "collected_time": now.strftime("%H:%M"),
        "validity": "normal",
        "testing_site": "point_of_care",
        "lab_or_device": "12-panel cup",
    }
    return data | overrides


def test_page_defaults_to_the_user_and_shows_the_panels_analytes(login_as, staff, client_record):
    clinician = staff[Role.CLINICIAN]
    page = login_as(clinician).get(
        reverse("relapse_prevention:specimen_record", args=[client_record.pk])
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "Buprenorphine" in text and "Cocaine metabolite" in text
    assert f'<option value="{clinician.pk}" selected>' in text
    assert RecordView.objects.filter(client=client_record, user=clinician).exists()


def test_recording_through_the_page_saves_the_results(login_as, staff, client_record):
    clinician = staff[Role.CLINICIAN]
    panel = urine_panel()
    cocaine = analyte(panel, "cocaine")
    data = _post(panel, client_record, ordered_by=clinician.pk, collected_by=clinician.pk)
    data |= {f"screen_{cocaine.pk}": "positive", f"cutoff_{cocaine.pk}": "300"}
    response = login_as(clinician).post(
        reverse("relapse_prevention:specimen_record", args=[client_record.pk]), data
    )
    specimen = Specimen.objects.get(client=client_record)
    assert response.status_code == 302
    assert response.url == reverse("relapse_prevention:specimen", args=[specimen.pk])
    result = specimen.results.get()
    assert (result.analyte, result.screen_result, result.cutoff) == (cocaine, "positive", 300)


def _refused(login_as, user, client_record, data):
    response = login_as(user).post(
        reverse("relapse_prevention:specimen_record", args=[client_record.pk]), data
    )
    assert response.status_code == 400
    assert not Specimen.objects.exists() and not AnalyteResult.objects.exists()
    return response.content.decode()


def test_an_analyte_of_another_panel_is_refused(login_as, staff, client_record):
    clinician = staff[Role.CLINICIAN]
    panel = urine_panel()
    other = PanelAnalyte.objects.exclude(panel__code=panel.code).first()
    assert other is not None
    data = _post(panel, client_record, ordered_by=clinician.pk, collected_by=clinician.pk)
    data |= {f"screen_{other.pk}": "positive", f"cutoff_{other.pk}": "1"}
    text = _refused(login_as, clinician, client_record, data)
    assert "A result names an analyte not on this panel." in text


def test_a_confirmation_without_a_screen_is_refused(login_as, staff, client_record):
    clinician = staff[Role.CLINICIAN]
    panel = urine_panel()
    cocaine = analyte(panel, "cocaine")
    data = _post(panel, client_record, ordered_by=clinician.pk)
    data |= {f"confirm_{cocaine.pk}": "positive"}
    text = _refused(login_as, clinician, client_record, data)
    assert "a confirmation result needs a screen result first" in text


def test_a_validity_outside_the_set_is_refused(login_as, staff, client_record):
    clinician = staff[Role.CLINICIAN]
    data = _post(urine_panel(), client_record, ordered_by=clinician.pk, validity="clean")
    text = _refused(login_as, clinician, client_record, data)
    assert "Select a valid choice." in text
    with pytest.raises(ValidationError, match="Choose a validity"):
        record(client_record, clinician, validity="clean")
    assert not Specimen.objects.exists()


def test_a_collection_time_in_the_future_is_refused_and_kept(login_as, staff, client_record):
    clinician = staff[Role.CLINICIAN]
    later = client_record.program.now() + datetime.timedelta(days=1)
    data = _post(
        urine_panel(), client_record, ordered_by=clinician.pk, collected_on=later.date().isoformat()
    )
    text = _refused(login_as, clinician, client_record, data)
    assert "The collection time cannot be in the future." in text
    assert f'value="{later.date().isoformat()}"' in text


def test_a_collection_before_admission_is_refused(staff, client_record):
    clinician = staff[Role.CLINICIAN]
    with pytest.raises(ValidationError, match="before the admission"):
        record(
            client_record,
            clinician,
            collected_at=timezone.now() - datetime.timedelta(days=30),
        )
    assert not Specimen.objects.exists()


def test_a_client_with_no_open_episode_is_refused(staff, program):
    clinician = staff[Role.CLINICIAN]
    client = ClientFactory(program=program)
    with pytest.raises(ValidationError, match="no open episode"):
        record(client, clinician)
    assert not Specimen.objects.exists()


@pytest.mark.parametrize(
    "validity", [Validity.REFUSED, Validity.UNABLE_TO_PROVIDE, Validity.NO_SHOW]
)
def test_no_results_for_a_specimen_not_collected(login_as, staff, client_record, validity):
    clinician = staff[Role.CLINICIAN]
    with pytest.raises(ValidationError, match="has no results"):
        record(client_record, clinician, positives=("cocaine",), validity=validity)
    assert not Specimen.objects.exists() and not AnalyteResult.objects.exists()
    specimen = record(client_record, clinician, validity=validity, results=[])
    assert specimen.results.count() == 0


def test_a_reading_outside_negative_or_positive_is_refused(staff, client_record):
    clinician = staff[Role.CLINICIAN]
    cocaine = analyte(urine_panel(), "cocaine")
    with pytest.raises(ValidationError, match="choose negative or positive"):
        record(client_record, clinician, results=[ResultInput(cocaine.pk, "maybe")])
    assert not Specimen.objects.exists()


def test_staff_of_another_program_cannot_order(staff, client_record, other_program):
    clinician = staff[Role.CLINICIAN]
    stranger = member(Role.CLINICIAN, other_program, email="stranger@clinic.test")
    with pytest.raises(ValidationError, match="clinician or prescriber of this program"):
        record(client_record, clinician, ordered_by=stranger)
    assert not Specimen.objects.exists()


def test_a_clinician_of_another_program_gets_404(login_as, client_record, other_program):
    stranger = member(Role.CLINICIAN, other_program, email="stranger@clinic.test")
    url = reverse("relapse_prevention:specimen_record", args=[client_record.pk])
    assert login_as(stranger).get(url).status_code == 404


def test_results_entered_later_for_a_lab_specimen(login_as, staff, client_record):
    clinician = staff[Role.CLINICIAN]
    specimen = record(client_record, clinician, testing_site="lab", results=[])
    cocaine = analyte(urine_panel(), "cocaine")
    url = reverse("relapse_prevention:specimen_results", args=[specimen.pk])
    response = login_as(clinician).post(
        url, {f"screen_{cocaine.pk}": "positive", f"confirm_{cocaine.pk}": "positive"}
    )
    assert response.status_code == 302
    result = specimen.results.get()
    assert (result.final_reading, result.cutoff) == ("positive", cocaine.screen_cutoff)
