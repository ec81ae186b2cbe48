"""The relapse prevention plan pages: who gets in, what they show, bad input, query counts,
and the client copy PDF holding only what the client chose."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from iop.accounts.models import Role
from iop.audit.models import RecordView
from iop.reports.models import ReportStatus
from iop.reports.services import report_render_one, report_request
from relapse_prevention.documents import RP_PLAN_CLIENT
from relapse_prevention.models import PlanHighRiskDate, PlanSafeContact, RelapsePreventionPlan
from relapse_prevention.services.plans import rp_plan_start
from tests.factories import member
from tests.relapse_prevention.rp_plan_helpers import add, built_draft, sign_both, signed_plan, skill

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def url(name, client, *args):
    return reverse(f"relapse_prevention:{name}", args=[client.pk, *args])


def test_clinician_sees_the_plan_and_a_view_is_logged(client_record, staff, login_as):
    signed_plan(client_record, staff)
    response = login_as(staff[Role.CLINICIAN]).get(url("plan", client_record))
    assert response.status_code == 200
    assert "The bar on 5th Street" in response.content.decode()
    assert RecordView.objects.filter(client=client_record, page="Relapse prevention plan").exists()


@pytest.mark.parametrize("role", [Role.PROBATION, Role.INTAKE, Role.ADMINISTRATOR])
def test_other_roles_are_refused(client_record, staff, login_as, role):
    signed_plan(client_record, staff)
    assert login_as(staff[role]).get(url("plan", client_record)).status_code == 403


@pytest.mark.parametrize("name", ["plan", "plan_sign", "plan_versions", "plan_review"])
def test_a_clinician_of_another_program_gets_404(
    client_record, staff, other_program, login_as, name
):
    signed_plan(client_record, staff)
    outsider = member(Role.CLINICIAN, other_program, email="elsewhere@clinic.test")
    assert login_as(outsider).get(url(name, client_record)).status_code == 404


def test_a_clinician_of_another_program_cannot_add_a_part(
    client_record, staff, other_program, login_as
):
    plan = rp_plan_start(client=client_record, by=staff[Role.CLINICIAN])
    outsider = member(Role.CLINICIAN, other_program, email="elsewhere@clinic.test")
    response = login_as(outsider).post(
        url("plan_part_add", client_record, "triggers"),
        {
            "revision": plan.revision,
            "new-triggers-category": "people",
            "new-triggers-description": "x",
        },
    )
    assert response.status_code == 404 and not plan.triggers.exists()


def test_a_high_risk_date_without_a_date_shows_the_message_and_saves_nothing(
    client_record, staff, login_as
):
    plan = rp_plan_start(client=client_record, by=staff[Role.CLINICIAN])
    response = login_as(staff[Role.CLINICIAN]).post(
        url("plan_part_add", client_record, "dates"),
        {
            "revision": plan.revision,
            "new-dates-kind": "court",
            "new-dates-label": "Hearing",
            "new-dates-on_date": "",
        },
    )
    assert response.status_code == 400
    assert "Give the date of this high-risk day." in response.content.decode()
    assert 'value="Hearing"' in response.content.decode()
    assert not PlanHighRiskDate.objects.exists()


def test_a_contact_without_a_phone_is_refused_through_htmx(client_record, staff, login_as):
    plan = rp_plan_start(client=client_record, by=staff[Role.CLINICIAN])
    response = login_as(staff[Role.CLINICIAN]).post(
        url("plan_part_add", client_record, "contacts"),
        {
            "revision": plan.revision,
            "new-contacts-name": "Ana",
            "new-contacts-when_to_call": "Any time",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200  # htmx swaps only 2xx answers
    assert "Give a phone number for this person." in response.content.decode()
    assert "<html" not in response.content.decode()
    assert not PlanSafeContact.objects.exists()


def test_signing_with_no_trigger_shows_the_message(client_record, staff, login_as):
    clinician = staff[Role.CLINICIAN]
    plan = rp_plan_start(client=client_record, by=clinician)
    add(plan, "coping", clinician, description="Box breathing")
    page = login_as(clinician).get(url("plan_sign", client_record))
    assert "Add at least one trigger before signing." in page.content.decode()
    sha = page.context["forms"]["clinician"].initial["text_sha256"]
    response = login_as(clinician).post(
        url("plan_sign", client_record),
        {"role": "clinician", "clinician-text_sha256": sha, "clinician-confirm": "on"},
    )
    assert response.status_code == 400
    assert not RelapsePreventionPlan.objects.get(pk=plan.pk).clinician_signed_at


def test_the_versions_page_shows_what_changed(client_record, staff, login_as):
    clinician = staff[Role.CLINICIAN]
    signed_plan(client_record, staff)
    draft = rp_plan_start(client=client_record, by=clinician)
    add(draft, "triggers", clinician, category="emotions", description="Lonely Sunday nights")
    page = login_as(clinician).get(url("plan_versions", client_record)).content.decode()
    assert "Lonely Sunday nights" in page and "Added:" in page


def test_the_chart_shows_the_plan_and_review_due(client_record, staff, login_as):
    page = login_as(staff[Role.CLINICIAN]).get(reverse("clients:chart", args=[client_record.pk]))
    text = page.content.decode()
    assert "Relapse prevention plan" in text and "No signed plan yet." in text


def _queries(http, client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert http.get(url("plan", client)).status_code == 200
    return len(captured)


def test_plan_page_queries_are_bounded_and_do_not_grow_with_parts(
    client_record, staff, login_as, django_assert_max_num_queries
):
    clinician = staff[Role.CLINICIAN]
    sign_both(built_draft(client_record, clinician), clinician)
    draft = rp_plan_start(client=client_record, by=clinician)
    http = login_as(clinician)
    few = _queries(http, client_record)
    topic = skill(client_record.program, "Box breathing")
    for n in range(6):
        add(draft, "triggers", clinician, category="people", description=f"Person {n}")
        add(draft, "coping", clinician, description=f"Way {n}", skill=topic)
        add(draft, "contacts", clinician, name=f"C{n}", phone="(202) 555-0143", when_to_call="x")
    assert _queries(http, client_record) == few
    with django_assert_max_num_queries(40):
        http.get(url("plan", client_record))


def pdf_text(pdf: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def test_the_client_copy_holds_only_what_the_client_chose(client_record, staff):
    clinician = staff[Role.CLINICIAN]
    draft = built_draft(client_record, clinician)
    add(
        draft,
        "triggers",
        clinician,
        category="people",
        description="My cousin Ray",
        in_client_copy=False,
    )
    add(draft, "crisis", clinician, name="Warm line", contact="555-0177", in_client_copy=False)
    draft.refresh_from_db()
    from relapse_prevention.services.plan_parts import rp_plan_others_edit

    rp_plan_others_edit(
        plan=draft,
        by=clinician,
        revision=draft.revision,
        what_others_do="Ask me to take a walk",
        in_client_copy=False,
    )
    plan = sign_both(draft, clinician)
    report = report_request(kind=RP_PLAN_CLIENT, client=client_record, subject=plan, by=clinician)
    assert report_render_one(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.READY
    text = pdf_text(report.path.read_bytes())
    assert "The bar on 5th Street" in text and "People I can call" in text
    assert "When I notice these signs" in text and "Ana Ruiz" in text
    assert "My cousin Ray" not in text and "Ask me to take a walk" not in text
    assert "Call or text 988" in text and "Warm line" in text  # crisis lines always printed
    assert f"You ({client_record.legal_name})" in text
    for clinical in ("trigger", "relapse", "version", "Court date"):
        assert clinical.casefold() not in text.casefold(), clinical


def test_a_draft_is_not_printed(client_record, staff, login_as):
    built_draft(client_record, staff[Role.CLINICIAN])
    response = login_as(staff[Role.CLINICIAN]).post(url("plan_pdf_request", client_record))
    assert response.status_code == 404


def test_parts_move_leave_the_copy_and_go(client_record, staff, login_as):
    clinician = staff[Role.CLINICIAN]
    plan = built_draft(client_record, clinician)
    add(plan, "triggers", clinician, category="people", description="Second trigger")
    first, second = plan.triggers.order_by("order")
    http = login_as(clinician)

    def post(part, action):
        plan.refresh_from_db()
        return http.post(
            url("plan_part_edit", client_record, "triggers", part.pk),
            {"revision": plan.revision, "action": action},
        )

    assert post(second, "up").status_code == 302
    assert [t.description for t in plan.triggers.order_by("order")] == [
        "Second trigger",
        "The bar on 5th Street",
    ]
    post(first, "copy")
    first.refresh_from_db()
    assert first.in_client_copy is False
    post(second, "remove")
    assert list(plan.triggers.values_list("description", flat=True)) == ["The bar on 5th Street"]


def test_a_signed_versions_part_is_not_changed_through_the_page(client_record, staff, login_as):
    plan = signed_plan(client_record, staff)
    part = plan.triggers.get()
    response = login_as(staff[Role.CLINICIAN]).post(
        url("plan_part_edit", client_record, "triggers", part.pk),
        {"revision": plan.revision, "action": "remove"},
    )
    assert response.status_code == 404 and plan.triggers.exists()


def test_a_review_with_changes_needed_opens_version_two(client_record, staff, login_as):
    signed_plan(client_record, staff)
    response = login_as(staff[Role.CLINICIAN]).post(
        url("plan_review", client_record),
        {
            "reviewed_on": client_record.program.today().isoformat(),
            "occasion": "lapse",
            "summary": "Talked through the lapse",
            "changes_needed": "on",
        },
    )
    assert response.status_code == 302
    assert RelapsePreventionPlan.objects.drafts().get(client=client_record).version == 2
    page = login_as(staff[Role.CLINICIAN]).get(url("plan", client_record)).content.decode()
    assert "Version 2" in page and "Last reviewed" in page


def test_a_review_without_a_summary_shows_the_message(client_record, staff, login_as):
    signed_plan(client_record, staff)
    response = login_as(staff[Role.CLINICIAN]).post(
        url("plan_review", client_record),
        {"reviewed_on": client_record.program.today().isoformat(), "occasion": "other"},
    )
    assert response.status_code == 400
    assert "Write what you talked through with the client." in response.content.decode()
    assert not RelapsePreventionPlan.objects.drafts().exists()


def test_a_prescriber_reads_but_cannot_write(client_record, staff, login_as):
    signed_plan(client_record, staff)
    http = login_as(staff[Role.PRESCRIBER])
    assert http.get(url("plan", client_record)).status_code == 200
    assert http.get(url("plan_review", client_record)).status_code == 403


def test_the_treatment_plan_page_shows_the_relapse_prevention_plan(client_record, staff, login_as):
    from treatment_plans.services.plan_versions import plan_start

    clinician = staff[Role.CLINICIAN]
    signed_plan(client_record, staff)
    treatment = plan_start(episode=client_record.episodes.get(), by=clinician)
    page = login_as(clinician).get(reverse("treatment_plans:plan_detail", args=[treatment.pk]))
    text = page.content.decode()
    assert "Relapse prevention plan" in text and "Open the relapse prevention plan" in text


def test_a_prescriber_sees_that_a_draft_is_being_written_without_the_editor(
    client_record, staff, login_as
):
    built_draft(client_record, staff[Role.CLINICIAN])
    text = login_as(staff[Role.PRESCRIBER]).get(url("plan", client_record)).content.decode()
    assert "Version 1 is being written with the client." in text
    assert "Go to signing" not in text


def test_the_review_opened_from_a_lapse_is_set_for_after_a_lapse(client_record, staff, login_as):
    signed_plan(client_record, staff)
    http = login_as(staff[Role.CLINICIAN])
    page = http.get(url("plan_review", client_record) + "?occasion=lapse").content.decode()
    assert '<option value="lapse" selected>' in page
    page = http.get(url("plan_review", client_record) + "?occasion=nonsense").content.decode()
    assert '<option value="lapse" selected>' not in page
