"""Printed plans on the plan page: ask for a PDF, watch it being made, download it.

A worker renders each PDF (``iop.reports``); the panel polls a small status fragment
until the report is ready, then offers the stored file. Every download is logged.
Clinician, prescriber and director of the client's program only; elsewhere it is a 404.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_POST

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log
from iop.http import AuthedRequest
from iop.reports.models import Report
from iop.reports.services import report_download_name, report_open, report_request
from treatment_plans import documents
from treatment_plans.access import can_request_plan_report, get_plan_for, get_plan_report_for
from treatment_plans.documents import PLAN_KINDS
from treatment_plans.models import TreatmentPlan
from treatment_plans.panels import PlanPanel, register_panel

REPORT = "treatment_plans/documents/report.html"
PANEL = "treatment_plans/documents/_panel.html"


def documents_panel(plan: TreatmentPlan, user: Any) -> dict[str, Any]:
    """The plan page's PDF panel: one query, however many reports there are."""
    reports = Report.objects.about(plan).filter(kind__in=PLAN_KINDS).select_related("requested_by")
    return {
        "plan": plan,
        "reports": list(reports),
        "kinds": PLAN_KINDS,
        "can_request": can_request_plan_report(user, plan),
    }


@require_POST
@capability_required(permissions.VIEW_CLINICAL_RECORD)
def plan_report_request(request: AuthedRequest, plan_id: UUID, kind: str) -> HttpResponse:
    if kind not in PLAN_KINDS:
        raise Http404("No such document.")
    plan = get_plan_for(request.user, plan_id)
    report = report_request(kind=kind, client=plan.client, subject=plan, by=request.user)
    if request.htmx:
        context = {"panel": documents_panel(plan, request.user)}
        return render(request, f"{PANEL}#reports", context)
    return redirect("treatment_plans:report_status", report.pk)


@require_GET
@capability_required(permissions.VIEW_CLINICAL_RECORD)
def report_status(request: AuthedRequest, report_id: UUID) -> HttpResponse:
    """The report's line in the panel (polled while it renders), or a page of its own."""
    report = get_plan_report_for(request.user, report_id)
    if request.htmx:  # the polled line names no client
        return render(request, f"{REPORT}#report", {"report": report})
    record_view_log(request=request, client=report.client, page=f"{PLAN_KINDS[report.kind]} page")
    return render(request, REPORT, {"report": report, "client": report.client})


@require_GET
# FileResponse streams (a StreamingHttpResponse), which the decorator's type leaves out.
@capability_required(permissions.VIEW_CLINICAL_RECORD)  # type: ignore[arg-type]
def report_download(request: AuthedRequest, report_id: UUID) -> FileResponse:
    report = get_plan_report_for(request.user, report_id)
    if not report.is_ready:
        raise Http404("This PDF is not ready.")
    stored = report_open(report)
    record_view_log(request=request, client=report.client, page=PLAN_KINDS[report.kind])
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=report_download_name(report),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "no-store"
    return response


documents.register()
register_panel(PlanPanel(key="documents", order=30, template=PANEL, context=documents_panel))

urlpatterns: list[URLPattern] = [
    path("<uuid:plan_id>/pdf/<slug:kind>/", plan_report_request, name="plan_report_request"),
    path("pdfs/<uuid:report_id>/", report_status, name="report_status"),
    path("pdfs/<uuid:report_id>/download/", report_download, name="report_download"),
]
