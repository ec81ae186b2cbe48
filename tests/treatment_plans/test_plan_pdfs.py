"""Treatment plan PDFs: made by a real worker, stored with their SHA-256, downloaded with a log.

The plans are made with the ORM (tests/treatment_plans/pdf_helpers.py) and signed with
Signature rows, as the plan page's signing would.
"""

from __future__ import annotations

import hashlib

import pytest
from django.db import transaction
from django.template.loader import render_to_string
from django.test import Client as HttpClient
from django.urls import reverse

from iop.accounts.models import Role
from iop.audit.models import RecordView
from iop.reports.models import Report, ReportStatus
from iop.reports.services import report_render_one, report_request
from iop.reports.tasks import report_render
from iop.signatures.models import Signature
from iop.signatures.services import signature_record
from tests.celery_worker import drain_worker
from tests.factories import member
from tests.treatment_plans.pdf_helpers import (
    ATTENDANCE_OBJECTIVE,
    DRINK_WORDS,
    GROUNDING_OBJECTIVE,
    PCL_OBJECTIVE,
    SLEEP_WORDS,
    add_objective,
    client_with_episode,
    make_draft_plan,
    make_signed_plan,
    page_texts,
    pdf_text,
    stored_report,
)
from treatment_plans.documents import PLAN_CLIENT, PLAN_CLINICAL
from treatment_plans.panels import plan_panels
from treatment_plans.views.documents import documents_panel

NOTICE = "This record which has been disclosed to you is protected by Federal confidentiality"
READERS = [Role.CLINICIAN, Role.PRESCRIBER, Role.DIRECTOR]
REFUSED = [Role.INTAKE, Role.PROBATION, Role.ADMINISTRATOR]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def plan(program, staff):
    return make_signed_plan(client_with_episode(program), staff)


def request_pdf(plan, kind, by) -> Report:
    with transaction.atomic():
        return report_request(kind=kind, client=plan.client, subject=plan, by=by)


def stored_bytes(report: Report) -> bytes:
    report.refresh_from_db()
    assert report.status == ReportStatus.READY, report.error
    return report.path.read_bytes()


# --- Rendered by a real Celery worker -------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("celery_worker")
class TestRenderedByAWorker:
    def test_clinical_plan_is_stored_with_its_sha256(self, plan, staff):
        report = request_pdf(plan, PLAN_CLINICAL, staff[Role.CLINICIAN])
        drain_worker()

        pdf = stored_bytes(report)
        assert pdf.startswith(b"%PDF-")
        assert report.sha256 == hashlib.sha256(pdf).hexdigest()
        assert report.size == len(pdf)
        assert report.title == "Treatment plan, version 1 (clinical record)"
        text = pdf_text(pdf)
        for expected in (
            "Marisol Quintana",
            "goes by Sunny",
            plan.client.record_number,
            "ASAM 2.1",
            "Stabilization and preparation",
            SLEEP_WORDS,
            DRINK_WORDS,
            "Reduce PTSD symptom severity and hyperarousal.",
            PCL_OBJECTIVE,
            GROUNDING_OBJECTIVE,
            ATTENDANCE_OBJECTIVE,
            "PCL-5 score below 33",
            "Practiced 4 times a week",
            "Cognitive behavioral therapy (CBT)",
            "weekly, 50 minutes",
            "three times a week, in group",
            "Loyal friend; steady work history; humour.",
            "Slow pace; sit near the door.",
            "No touch-based grounding.",
            "Primary care for sleep review.",
            "Objectives met and an aftercare plan in place.",
            "Weekly outpatient therapy and a peer support group.",
            staff[Role.CLINICIAN].display_name,
            staff[Role.DIRECTOR].display_name,
            "Co-signer",
            NOTICE,
        ):
            assert expected in text, expected
        squeezed = text.replace(" ", "")
        hashes = Signature.for_object(plan).values_list("content_sha256", flat=True)
        assert all(h in squeezed for h in hashes)

    def test_client_copy_is_in_plain_language(self, plan, staff):
        report = request_pdf(plan, PLAN_CLIENT, staff[Role.CLINICIAN])
        drain_worker()

        text = pdf_text(stored_bytes(report))
        for expected in (
            "Your goals in your words",
            "What we will do together",
            "How we'll know it's working",
            "Sunny, this is the plan you and your team made together.",
            SLEEP_WORDS,
            DRINK_WORDS,
            "stress from what happened to you come out under 33",
            "You practice it 4 times a week",
            "You come to at least 80% of your planned sessions",
            "Cognitive behavioral therapy: noticing how thoughts",
            "with " + staff[Role.CLINICIAN].first_name,
            "You (Marisol Quintana)",
            staff[Role.CLINICIAN].display_name,
            "call or text 988",
        ):
            assert expected in text, expected
        for jargon in ("ASAM", "2.1", "PCL", "(CBT)", "Stabilization", "imension", "42 CFR"):
            assert jargon not in text, jargon

    def test_sending_the_task_again_renders_the_plan_once(self, plan, staff):
        report = request_pdf(plan, PLAN_CLINICAL, staff[Role.CLINICIAN])
        drain_worker()
        first = stored_bytes(report)
        rendered_at = report.rendered_at

        report_render.delay(str(report.pk))
        report_render.delay(str(report.pk))
        drain_worker()

        assert stored_bytes(report) == first
        assert report.rendered_at == rendered_at
        statuses = list(report.events.order_by("pgh_id").values_list("status", flat=True))
        assert statuses == ["pending", "rendering", "ready"]


# --- The PDFs' pages ------------------------------------------------------------------------


@pytest.mark.django_db
def test_long_plan_keeps_rows_and_signatures_whole_across_pages(program, staff):
    """Objectives wrap onto two lines and a signature is two rows (name, then hash); on
    whichever page each falls, it reads whole."""
    clinician = staff[Role.CLINICIAN]
    draft = make_draft_plan(client_with_episode(program), clinician)
    goal = draft.problems.get(order=1).goals.get()
    rows = [
        f"Objective row {n:02d}: notices the early signs of distress and uses a coping "
        "skill before it builds, as recorded by staff."
        for n in range(45)
    ]
    for row in rows:
        add_objective(goal, row, clinician, measure="observed")
    signatures = [
        signature_record(
            obj=draft, role="witness", signed_text=f"version {n}", signer_name=f"Witness {n:02d}"
        )
        for n in range(30)
    ]
    report = report_request(kind=PLAN_CLINICAL, client=draft.client, subject=draft, by=clinician)
    assert report_render_one(report_id=report.pk) is True

    pages = page_texts(stored_bytes(report))
    assert len(pages) >= 4
    assert "Draft: not yet signed." in pages[0]
    for row in rows:
        assert sum(row in page for page in pages) == 1, row
    for signature in signatures:
        page = next(p for p in pages if signature.signer_name in p)
        assert signature.content_sha256 in page.replace(" ", ""), signature.signer_name


# --- The panel and its views ----------------------------------------------------------------


def as_user(user) -> HttpClient:
    http = HttpClient()
    http.force_login(user)
    return http


def request_url(plan, kind: str = PLAN_CLINICAL) -> str:
    return reverse("treatment_plans:plan_report_request", args=[plan.pk, kind])


@pytest.mark.django_db
def test_panel_is_registered_on_the_plan_page_with_both_buttons(plan, staff):
    panels = {p["template"]: p for p in plan_panels(plan, staff[Role.CLINICIAN])}
    panel = panels["treatment_plans/documents/_panel.html"]
    assert panel["plan"] == plan
    assert panel["can_request"] is True

    html = render_to_string(panel["template"], {"panel": panel})
    assert "Make clinical PDF" in html and "Make client copy" in html
    assert f'hx-post="{request_url(plan)}"' in html
    assert "No PDFs made of this version yet." in html


@pytest.mark.django_db
def test_panel_lists_earlier_reports_in_a_fixed_number_of_queries(
    plan, staff, django_assert_num_queries
):
    clinician = staff[Role.CLINICIAN]
    reports = [stored_report(plan, clinician, kind) for kind in (PLAN_CLINICAL, PLAN_CLIENT)]
    stored_report(plan, clinician)  # a second clinical copy
    with django_assert_num_queries(2):  # the user's memberships, then the reports
        panel = documents_panel(plan, clinician)
    html = render_to_string("treatment_plans/documents/_panel.html", {"panel": panel})
    assert len(panel["reports"]) == 3
    for report in reports:
        assert report.sha256 in html
        assert reverse("treatment_plans:report_download", args=[report.pk]) in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", READERS)
def test_clinical_staff_ask_for_a_pdf_and_get_the_polling_list(role, plan, staff):
    response = as_user(staff[role]).post(request_url(plan, PLAN_CLIENT), HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    report = Report.objects.get()
    assert (report.kind, report.status, report.requested_by) == (
        PLAN_CLIENT,
        ReportStatus.PENDING,
        staff[role],
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<ul id="plan-documents-list"')
    status_url = reverse("treatment_plans:report_status", args=[report.pk])
    assert f'hx-get="{status_url}" hx-trigger="every 1s" hx-swap="outerHTML"' in html
    assert "<script" not in html and "style=" not in html and "hx-on" not in html


@pytest.mark.django_db
def test_request_without_javascript_goes_to_the_report_page(plan, staff):
    http = as_user(staff[Role.CLINICIAN])
    response = http.post(request_url(plan))

    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("treatment_plans:report_status", args=[report.pk])
    page = http.get(response["Location"])
    assert page.status_code == 200
    assert "Making the PDF" in page.content.decode()
    assert "<html" in page.content.decode()


@pytest.mark.django_db
def test_unknown_kind_is_not_found(plan, staff):
    response = as_user(staff[Role.CLINICIAN]).post(request_url(plan, "court_letter"))
    assert response.status_code == 404
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_status_fragment_polls_while_rendering_and_offers_the_download_when_ready(plan, staff):
    http = as_user(staff[Role.CLINICIAN])
    report = report_request(
        kind=PLAN_CLINICAL, client=plan.client, subject=plan, by=staff[Role.CLINICIAN]
    )
    status_url = reverse("treatment_plans:report_status", args=[report.pk])
    download_url = reverse("treatment_plans:report_download", args=[report.pk])

    pending = http.get(status_url, HTTP_HX_REQUEST="true").content.decode()
    assert pending.lstrip().startswith(f'<li id="report-{report.pk}"')
    assert 'hx-trigger="every 1s"' in pending
    assert download_url not in pending
    assert "<html" not in pending

    report_render_one(report_id=report.pk)
    report.refresh_from_db()
    ready = http.get(status_url, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in ready  # polling stops
    assert download_url in ready
    assert report.sha256 in ready


@pytest.mark.django_db
def test_failed_render_says_so_without_the_error_text(plan, staff, monkeypatch):
    monkeypatch.setattr(
        "treatment_plans.documents.render_pdf", lambda *a: (_ for _ in ()).throw(KeyError("x"))
    )
    report = report_request(
        kind=PLAN_CLINICAL, client=plan.client, subject=plan, by=staff[Role.CLINICIAN]
    )
    report_render_one(report_id=report.pk)
    html = (
        as_user(staff[Role.CLINICIAN])
        .get(reverse("treatment_plans:report_status", args=[report.pk]), HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert "could not be made" in html
    assert "KeyError" not in html and "hx-trigger" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", READERS)
def test_each_download_serves_the_stored_file_and_writes_a_record_view(role, plan, staff):
    report = stored_report(plan, staff[Role.CLINICIAN])
    http = as_user(staff[role])
    url = reverse("treatment_plans:report_download", args=[report.pk])

    for n in (1, 2):
        response = http.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        disposition = response["Content-Disposition"]
        assert disposition.startswith(
            f'attachment; filename="plan-clinical-{plan.client.record_number}-'
        )
        assert disposition.endswith('.pdf"')
        assert response["Cache-Control"] == "no-store, private"
        assert b"".join(response.streaming_content) == report.path.read_bytes()
        assert RecordView.objects.filter(user=staff[role]).count() == n
    view = RecordView.objects.filter(user=staff[role])[0]
    assert (view.client, view.page, view.path) == (plan.client, "Plan PDF (clinical)", url)


@pytest.mark.django_db
def test_client_copy_download_is_logged_as_the_client_copy(plan, staff):
    report = stored_report(plan, staff[Role.CLINICIAN], PLAN_CLIENT)
    as_user(staff[Role.DIRECTOR]).get(reverse("treatment_plans:report_download", args=[report.pk]))
    assert RecordView.objects.get().page == "Plan PDF (client copy)"


@pytest.mark.django_db
def test_a_pdf_still_rendering_cannot_be_downloaded(plan, staff):
    report = report_request(
        kind=PLAN_CLINICAL, client=plan.client, subject=plan, by=staff[Role.CLINICIAN]
    )
    url = reverse("treatment_plans:report_download", args=[report.pk])
    assert as_user(staff[Role.CLINICIAN]).get(url).status_code == 404
    assert not RecordView.objects.exists()


def plan_urls(plan, report) -> list[tuple[str, str]]:
    return [
        ("post", request_url(plan)),
        ("get", reverse("treatment_plans:report_status", args=[report.pk])),
        ("get", reverse("treatment_plans:report_download", args=[report.pk])),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("role", REFUSED)
def test_intake_probation_and_administrator_are_refused(role, plan, staff):
    report = stored_report(plan, staff[Role.CLINICIAN])
    http = as_user(staff[role])
    for method, url in plan_urls(plan, report):
        assert getattr(http, method)(url).status_code == 403, url
    assert Report.objects.count() == 1
    assert not RecordView.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", READERS)
def test_same_role_in_another_program_gets_404(role, plan, staff, other_program):
    report = stored_report(plan, staff[Role.CLINICIAN])
    http = as_user(member(role, other_program))
    for method, url in plan_urls(plan, report):
        assert getattr(http, method)(url).status_code == 404, url
    assert Report.objects.count() == 1
    assert not RecordView.objects.exists()


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(plan, staff):
    report = stored_report(plan, staff[Role.CLINICIAN])
    for method, url in plan_urls(plan, report):
        response = getattr(HttpClient(), method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
