"""Staff pages of reports: start one from the chart, the draft (what consent leaves out, the
clinician's parts saved as they type), signing, the rendering's progress, the download.

Every page is scoped to the user's programs (access.report_for) and logs a record view.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log
from iop.clients.access import get_client_for
from iop.clients.models import Client, Episode
from iop.http import AuthedRequest, form_add_service_errors, posted
from iop.reports.clinical import access, services
from iop.reports.clinical.consents import consents as consent_rows
from iop.reports.clinical.disclosure import disclosure_refusal
from iop.reports.clinical.documents import report_sections
from iop.reports.clinical.forms import NarrativeForm, ReportStartForm, SignForm, default_period
from iop.reports.clinical.models import ClinicalReport
from iop.reports.clinical.sections import ReportKind
from iop.reports.services import ReportFileMismatch, report_download_name, report_open

VIEW = access.VIEW
WRITE = access.WRITE


def _report_url(report: ClinicalReport) -> str:
    return reverse("clinical_reports:report", args=[report.pk])


@require_http_methods(["GET", "POST"])
@capability_required(WRITE)
def report_new(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client = get_client_for(request.user, client_id, WRITE, chart_header=True)
    program = client.program
    episode = (
        Episode.objects.filter(client=client)
        .select_related("level_of_care")
        .order_by("-admitted_on")
        .first()
    )
    if episode is None:
        raise Http404("This client has no episode of care to report on.")
    consents = [
        c
        for c in consent_rows()
        .report_choices(client)
        .select_related("recipient_user", "client__program")
    ]
    kind = request.GET.get("kind", ReportKind.COMPLIANCE)
    if kind not in ReportKind.values:
        kind = ReportKind.COMPLIANCE
    today = program.today()
    end_limit = min(today, episode.discharged_on) if episode.discharged_on else today
    start, end = default_period(kind, today=end_limit, admitted_on=episode.admitted_on)
    form = ReportStartForm(
        posted(request),
        consents=consents,
        initial={"kind": kind, "period_start": start, "period_end": end, "recipient": "chart"},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = services.report_draft(
                    kind=data["kind"],
                    client=client,
                    episode=episode,
                    start=data["period_start"],
                    end=data["period_end"],
                    consent=form.chosen_consent(),
                    author=request.user,
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(
                    request, "Drafted from the record. Read it, write your parts, then sign."
                )
                return redirect(_report_url(report))
        status = 400
    record_view_log(request=request, client=client, page="New report")
    return render(
        request,
        "reports/clinical/new.html",
        {"client": client, "form": form, "episode": episode, "consents": consents},
        status=status,
    )


def _detail_context(request: AuthedRequest, report: ClinicalReport) -> dict[str, object]:
    user = request.user
    fields = services.narrative_fields(report)
    writable = access.may_write(user, report)
    context: dict[str, object] = {
        # The chart header's level of care and flags come with the header's own query.
        "client": Client.objects.with_chart_header().get(pk=report.client_id),
        "report": report,
        "sections": report_sections(report),
        "left_out": report.content.get("left_out", []),
        "narrative_fields": fields,
        "writable": writable,
        "may_sign": access.may_sign(user, report),
        "document": report.document,
        "recipient": report.consent.recipient_display if report.consent else "",
    }
    if writable:
        context["narrative_form"] = NarrativeForm(
            initial={f: getattr(report, f) for f in fields},
            fields=fields,
            labels=services.NARRATIVE_LABELS,
        )
    if context["may_sign"]:
        context["sign_form"] = SignForm(initial={"text_sha256": services.report_shown_hash(report)})
    if report.is_signed and report.consent_id:
        disclosed = report.disclosures.filter(consent_id=report.consent_id).first()
        context["disclosure"] = disclosed
        if disclosed is None:
            context["not_disclosed_because"] = disclosure_refusal(report, report.consent)
    return context


@require_GET
@capability_required(VIEW)
def report_detail(request: AuthedRequest, clinical_report_id: UUID) -> HttpResponse:
    report = access.report_for(request.user, clinical_report_id)
    record_view_log(request=request, client=report.client, page="Report")
    return render(request, "reports/clinical/detail.html", _detail_context(request, report))


@require_POST
@capability_required(WRITE)
def report_narrative(request: AuthedRequest, clinical_report_id: UUID) -> HttpResponse:
    report = access.report_for(request.user, clinical_report_id, WRITE)
    fields = services.narrative_fields(report)
    form = NarrativeForm(request.POST, fields=fields, labels=services.NARRATIVE_LABELS)
    error = ""
    if form.is_valid():
        try:
            report = services.narrative_save(report=report, by=request.user, data=form.cleaned_data)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        except PermissionDenied as refused:
            raise refused
    if request.htmx:
        return render(
            request,
            "reports/clinical/_narrative_status.html",
            {"error": error, "report": report},
            status=400 if error else 200,
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, "Your parts of the report are saved.")
    return redirect(_report_url(report))


@require_POST
@capability_required(WRITE)
def report_refresh(request: AuthedRequest, clinical_report_id: UUID) -> HttpResponse:
    report = access.report_for(request.user, clinical_report_id, WRITE)
    try:
        services.report_refresh(report=report, by=request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, "Drawn again from the record; your parts are kept.")
    return redirect(_report_url(report))


@require_POST
@capability_required(WRITE)
def report_sign(request: AuthedRequest, clinical_report_id: UUID) -> HttpResponse:
    report = access.report_for(request.user, clinical_report_id, WRITE)
    access.check_may_sign(request.user, report)
    form = SignForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The signing form was incomplete: open the report again.")
        return redirect(_report_url(report))
    try:
        services.report_sign(
            report=report, by=request.user, shown_sha256=form.cleaned_data["text_sha256"]
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, "Signed and locked. The PDF is being made.")
    return redirect(_report_url(report))


@require_GET
@capability_required(VIEW)
def report_status(request: AuthedRequest, clinical_report_id: UUID) -> HttpResponse:
    """The rendering's progress, polled by the report page until the PDF is ready."""
    report = access.report_for(request.user, clinical_report_id)
    return render(
        request, "reports/clinical/_status.html", {"report": report, "document": report.document}
    )


@require_GET
# FileResponse streams (a StreamingHttpResponse), which the decorator's type leaves out.
@capability_required(VIEW)  # type: ignore[arg-type]
def report_download(request: AuthedRequest, clinical_report_id: UUID) -> FileResponse:
    report = access.report_for(request.user, clinical_report_id)
    return signed_pdf(request, report, page="Report PDF")


def signed_pdf(
    request: AuthedRequest, report: ClinicalReport, *, page: str, prefix: str = ""
) -> FileResponse:
    """The signed report's stored PDF, checked against its SHA-256; the view is logged."""
    document = report.document
    if document is None or not document.is_ready:
        raise Http404("The PDF is not ready yet: try again in a minute.")
    try:
        stored = report_open(document)
    except ReportFileMismatch as broken:
        raise Http404("The stored PDF does not match its record: ask the program.") from broken
    record_view_log(request=request, client=report.client, page=page)
    return FileResponse(
        stored,
        as_attachment=True,
        filename=prefix + report_download_name(document),
        content_type="application/pdf",
    )
