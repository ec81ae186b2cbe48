"""Diagnoses on the plan: ICD-10-CM billable codes found by search, primary and secondary,
with who recorded them; on the chart and in the clinical PDF; locked with a signed version."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from iop.accounts.models import Role
from iop.reports.services import report_request
from tests.factories import ClientFactory, EpisodeFactory, member
from tests.treatment_plans.pdf_helpers import client_with_episode, make_draft_plan, pdf_text
from tests.treatment_plans.plan_helpers import (
    draft_from_templates,
    fresh,
    sign_all,
    with_diagnosis,
)
from treatment_plans import icd10
from treatment_plans.documents import PLAN_CLINICAL, render_plan_clinical
from treatment_plans.models import PlanDiagnosis
from treatment_plans.services.plan_signing import plan_sign_missing
from treatment_plans.services.plan_text import plan_text
from treatment_plans.services.plan_versions import plan_start
from treatment_plans.views import plan_diagnoses


def url(name, *args):
    return reverse(f"treatment_plans:{name}", args=args)


def page(response) -> str:
    return response.content.decode()


@pytest.fixture
def draft(episode, clinician):
    """Complete except for its diagnoses."""
    plan = draft_from_templates(episode, clinician, complete=False)
    from tests.treatment_plans.plan_helpers import in_client_words

    in_client_words(plan, clinician)
    return fresh(plan)


# ---------------------------------------------------------------- the code list


def test_search_by_code_prefix_lists_billable_codes_with_descriptions():
    found = icd10.code_search("F43.1")
    assert [(c.code, c.description) for c in found.codes] == [
        ("F43.10", "Post-traumatic stress disorder, unspecified"),
        ("F43.11", "Post-traumatic stress disorder, acute"),
        ("F43.12", "Post-traumatic stress disorder, chronic"),
    ]
    assert icd10.code_search("f4310").codes[0].code == "F43.10"


def test_search_by_words_and_abbreviations_puts_behavioral_health_first():
    assert icd10.code_search("chronic post-traumatic").codes[0].code == "F43.12"
    assert "F43.10" in [c.code for c in icd10.code_search("ptsd").codes]
    dependence = icd10.code_search("alcohol dependence uncomplicated").codes
    assert dependence[0].code == "F10.20"


def test_search_results_are_bounded():
    found = icd10.code_search("alcohol")
    assert len(found.codes) == icd10.SEARCH_LIMIT and found.total > icd10.SEARCH_LIMIT
    assert all(c.code.replace(".", "") in icd10.code_index().by_code for c in found.codes)


def test_categories_and_unknown_codes_are_refused_with_a_reason():
    with pytest.raises(ValueError, match=r"F43\.1 .*is a category, not a billable code.*F43\.10"):
        icd10.billable_code("F43.1")
    with pytest.raises(ValueError, match=r"F99\.99 is not an ICD-10-CM code"):
        icd10.billable_code("F99.99")
    assert icd10.billable_code("f1020").code == "F10.20"


# ---------------------------------------------------------------- on the plan page


def test_search_page_works_without_javascript(draft, clinician, login_as):
    shown = page(login_as(clinician).get(url("diagnosis_add", draft.pk), {"q": "F43.1"}))
    assert "<html" in shown and 'value="F43.12"' in shown
    assert "Post-traumatic stress disorder, chronic" in shown


def test_live_search_answers_with_the_results_fragment_only(draft, clinician, login_as):
    response = login_as(clinician).get(
        url("diagnosis_add", draft.pk),
        {"q": "opioid dependence in remission"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="dx-results",
    )
    shown = page(response)
    assert "<html" not in shown and shown.lstrip().startswith('<div id="dx-results"')
    assert "F11.21" in shown and "Opioid dependence, in remission" in shown


def add(browser, plan, code, rank="primary", q=""):
    plan.refresh_from_db(fields=["revision"])
    data = {"revision": plan.revision, "code": code, "rank": rank, "q": q}
    return browser.post(url("diagnosis_add", plan.pk), data)


def test_adding_primary_and_secondary_records_who_and_shows_them(draft, clinician, login_as):
    browser = login_as(clinician)
    assert add(browser, draft, "F43.10").status_code == 302
    assert add(browser, draft, "F10.20", "secondary").status_code == 302
    rows = {d.code: d for d in PlanDiagnosis.objects.filter(plan=draft)}
    assert rows["F43.10"].rank == "primary" and rows["F10.20"].rank == "secondary"
    assert rows["F10.20"].description == "Alcohol dependence, uncomplicated"
    assert rows["F43.10"].recorded_by == clinician and rows["F43.10"].recorded_at
    assert rows["F43.10"].code_list == icd10.CODE_LIST
    shown = page(browser.get(url("plan_detail", draft.pk)))
    assert "Post-traumatic stress disorder, unspecified" in shown
    assert "Recorded by Sam Okafor" in shown
    text = plan_text(fresh(draft))
    assert "Primary: F43.10 Post-traumatic stress disorder, unspecified" in text
    assert "Secondary: F10.20 Alcohol dependence, uncomplicated" in text


def test_a_new_primary_makes_the_old_one_secondary(draft, clinician, login_as):
    browser = login_as(clinician)
    add(browser, draft, "F43.10")
    response = add(browser, draft, "F33.1")
    assert response.status_code == 302
    ranks = dict(PlanDiagnosis.objects.filter(plan=draft).values_list("code", "rank"))
    assert ranks == {"F43.10": "secondary", "F33.1": "primary"}
    shown = page(browser.get(url("plan_detail", draft.pk)))
    assert "F43.10 is now a secondary diagnosis." in shown


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("F43.1", "is a category, not a billable code"),
        ("F99.99", "is not an ICD-10-CM code"),
        ("", "Choose a diagnosis code from the search results."),
    ],
)
def test_invalid_or_non_billable_codes_are_refused_and_nothing_saved(
    draft, clinician, login_as, code, message
):
    response = add(login_as(clinician), draft, code, q="F43")
    assert response.status_code == 400
    assert message in page(response)
    assert not PlanDiagnosis.objects.exists()


def test_the_same_code_twice_is_refused(draft, clinician, login_as):
    browser = login_as(clinician)
    add(browser, draft, "F43.10")
    response = add(browser, draft, "F43.10", "secondary")
    assert "F43.10 is already on this plan." in page(response)
    assert PlanDiagnosis.objects.count() == 1


def test_make_primary_and_remove(draft, clinician, login_as):
    browser = login_as(clinician)
    add(browser, draft, "F43.10")
    add(browser, draft, "F10.20", "secondary")
    secondary = PlanDiagnosis.objects.get(code="F10.20")
    draft.refresh_from_db()
    browser.post(
        url("diagnosis_make_primary", draft.pk, secondary.pk), {"revision": draft.revision}
    )
    ranks = dict(PlanDiagnosis.objects.values_list("code", "rank"))
    assert ranks == {"F43.10": "secondary", "F10.20": "primary"}
    draft.refresh_from_db()
    old = PlanDiagnosis.objects.get(code="F43.10")
    browser.post(url("diagnosis_remove", draft.pk, old.pk), {"revision": draft.revision})
    assert list(PlanDiagnosis.objects.values_list("code", flat=True)) == ["F10.20"]


@pytest.mark.parametrize("action", ["diagnosis_make_primary", "diagnosis_remove"])
def test_a_version_signed_while_the_page_was_open_is_refused_with_a_reason(
    draft, clinician, director, login_as, monkeypatch, action
):
    """The version is signed in the moment between the page loading the draft and the
    change being saved: the clinician is told it is locked, and nothing changes."""
    with_diagnosis(draft, clinician, "F43.10")
    secondary = with_diagnosis(draft, clinician, "F10.20", "secondary")
    fetch = plan_diagnoses.get_plan_diagnosis_for

    def signed_meanwhile(*args):
        diagnosis = fetch(*args)  # the draft, as the view holds it
        sign_all(draft, clinician, director)
        return diagnosis

    monkeypatch.setattr(plan_diagnoses, "get_plan_diagnosis_for", signed_meanwhile)
    draft.refresh_from_db()
    response = login_as(clinician).post(
        url(action, draft.pk, secondary.pk), {"revision": draft.revision}, follow=True
    )
    assert response.status_code == 200
    assert "This version is signed and locked." in page(response)
    ranks = dict(PlanDiagnosis.objects.filter(plan=draft).values_list("code", "rank"))
    assert ranks == {"F43.10": "primary", "F10.20": "secondary"}


def test_a_plan_without_a_primary_diagnosis_cannot_be_signed(draft, clinician):
    assert plan_sign_missing(fresh(draft)) == ["Record the primary diagnosis (ICD-10-CM)."]
    with_diagnosis(draft, clinician, "F43.10", "secondary")
    assert plan_sign_missing(fresh(draft)) == ["Record the primary diagnosis (ICD-10-CM)."]
    PlanDiagnosis.objects.filter(plan=draft).update(rank="primary")
    assert plan_sign_missing(fresh(draft)) == []


def test_prescriber_cannot_add_and_another_programs_clinician_gets_404(
    draft, staff, login_as, other_program
):
    assert add(login_as(staff[Role.PRESCRIBER]), draft, "F43.10").status_code == 403
    outsider = member(Role.CLINICIAN, other_program, email="out@clinic.test")
    assert add(login_as(outsider), draft, "F43.10").status_code == 404
    assert login_as(outsider).get(url("diagnosis_add", draft.pk)).status_code == 404
    assert not PlanDiagnosis.objects.exists()


# ---------------------------------------------------------------- signed, charted, printed


def test_signed_diagnoses_are_locked_and_a_revision_carries_them_forward(
    episode, clinician, director
):
    plan = draft_from_templates(episode, clinician)
    signed = sign_all(plan, clinician, director)
    diagnosis = PlanDiagnosis.objects.get(plan=signed)
    with pytest.raises(DatabaseError, match="Signed plan versions are locked"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "UPDATE treatment_plans_plandiagnosis SET code = 'F10.20' WHERE id = %s",
                [diagnosis.pk],
            )
    with pytest.raises(DatabaseError, match="Signed plan versions are locked"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM treatment_plans_plandiagnosis WHERE id = %s", [diagnosis.pk]
            )
    revision = plan_start(episode=episode, by=director)
    copy = PlanDiagnosis.objects.get(plan=revision)
    assert (copy.code, copy.rank, copy.recorded_by, copy.recorded_at) == (
        "F43.10",
        "primary",
        clinician,
        diagnosis.recorded_at,
    )


def test_chart_shows_the_signed_diagnoses_and_a_drafts_proposal(
    episode, clinician, director, login_as
):
    signed = sign_all(draft_from_templates(episode, clinician), clinician, director)
    chart_url = reverse("clients:chart", args=[signed.client_id])
    chart = page(login_as(clinician).get(chart_url))
    assert "F43.10" in chart and "Post-traumatic stress disorder, unspecified" in chart
    assert "Recorded by Sam Okafor" in chart
    revision = plan_start(episode=episode, by=clinician)
    with_diagnosis(revision, clinician, "F10.20", "secondary")
    chart = page(login_as(clinician).get(chart_url))
    assert "Proposed in draft version 2, not yet signed" in chart
    assert "F10.20 Alcohol dependence, uncomplicated (secondary)" in chart


def test_clinical_pdf_prints_the_diagnoses_with_who_recorded_them(
    program, staff, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    clinician = staff[Role.CLINICIAN]
    plan = make_draft_plan(client_with_episode(program), clinician)
    with_diagnosis(plan, clinician, "F43.12")
    with_diagnosis(plan, clinician, "F10.20", "secondary")
    report = report_request(kind=PLAN_CLINICAL, client=plan.client, subject=plan, by=clinician)
    pdf, _title = render_plan_clinical(report)
    text = pdf_text(pdf)
    assert "Diagnoses (ICD-10-CM)" in text
    assert "F43.12 Post-traumatic stress disorder, chronic Primary" in text
    assert "F10.20 Alcohol dependence, uncomplicated Secondary" in text
    assert f"{clinician.display_name}," in text
    assert icd10.CODE_LIST in text


def test_other_clients_are_not_affected(program, clinician):
    """Diagnoses belong to one version of one client's plan."""
    other = EpisodeFactory(client=ClientFactory(program=program), primary_clinician=clinician)
    plan = plan_start(episode=other, by=clinician)  # type: ignore[arg-type]
    assert not plan.diagnoses.exists()
