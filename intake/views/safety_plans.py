"""Safety plans from the chart or a safety alert: write with the client, sign together, print.

Clinicians, prescribers and directors of the client's program read and write them; other
roles are refused, and a plan in another program is a 404. The editor and the signing
page are read with the client in the room, so they are shown "with the client": the
chart header there leaves out safety flags and alert banners (see _chart_header.html).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intake import documents
from intake.access import (
    get_crisis_line_program_for,
    get_safety_plan_for,
    get_safety_report_for,
)
from intake.documents import SAFETY_PLAN_KINDS
from intake.forms.safety_plans import ClientSignForm, CrisisLineForm, SafetyPlanForm, SignForm
from intake.models import SafetyAlert, SafetyPlan
from intake.services import safety_plans as services
from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import client_ip, record_view_log
from iop.clients.access import get_client_for
from iop.clients.models import Client
from iop.http import AuthedRequest, form_add_service_errors, posted
from iop.reports.models import Report
from iop.reports.services import report_download_name, report_open, report_request
from iop.signatures.models import SignerRole, content_hash

READ, WRITE = services.READ, services.WRITE
# What the chart header needs to know: this page is read aloud with the client.
WITH_CLIENT = {"with_client": True}


def _client(plan: SafetyPlan) -> Client:
    return Client.objects.with_chart_header().get(pk=plan.client_id)


def _draft(request: AuthedRequest, plan_id: UUID) -> SafetyPlan | None:
    """The plan if it is still a draft; None (with a message) if it is signed."""
    plan = get_safety_plan_for(request.user, plan_id, WRITE)
    if plan.is_draft:
        return plan
    messages.info(request, "This version is signed and locked. Start a new version to change it.")
    return None


def alert_plan_context(alert: SafetyAlert) -> dict[str, Any]:
    """For the alert page: the plan signed since the alert, or the draft being written."""
    return {
        "written_plan": services.safety_plan_for_alert(alert),
        "draft_plan": SafetyPlan.objects.drafts().filter(client_id=alert.client_id).first(),
    }


@require_POST
@capability_required(WRITE)
def safety_plan_start(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    """Open the draft: a new plan, or a new version of the one in effect (for a review)."""
    client = get_client_for(request.user, client_id, WRITE)
    plan = services.safety_plan_start(client=client, by=request.user)
    return redirect("intake:safety_plan_edit", plan.pk)


@require_GET
@capability_required(READ)
def safety_plan_detail(request: AuthedRequest, safety_plan_id: UUID) -> HttpResponse:
    plan = get_safety_plan_for(request.user, safety_plan_id, READ)
    client = _client(plan)
    record_view_log(request=request, client=client, page="Safety plan")
    versions = list(
        SafetyPlan.objects.filter(client_id=plan.client_id).select_related("clinician_signed_by")
    )
    previous = next((v for v in versions if v.pk == plan.previous_id), None)
    context = {
        "client": client,
        "plan": plan,
        "sections": _sections(plan),
        "crisis_lines": services.crisis_lines(plan),
        "signatures": services.safety_plan_signatures(plan),
        "versions": versions,
        "draft": next((v for v in versions if v.is_draft), None),
        "changes": services.safety_plan_changes(previous, plan),
        "previous": previous,
        "new_risk": list(services.new_risk_since(plan)) if plan.signed_at else [],
        "can_write": permissions.can(request.user, WRITE, client.program),
        "can_edit_line": permissions.can(
            request.user, permissions.EDIT_CRISIS_LINE, client.program
        ),
        "reports": Report.objects.about(plan).filter(kind__in=SAFETY_PLAN_KINDS),
    }
    return render(request, "intake/safety_plans/detail.html", context)


def _sections(plan: SafetyPlan) -> list[dict[str, str]]:
    from intake.models.safety_plans import SECTIONS

    return [{"heading": s.heading, "words": getattr(plan, s.field)} for s in SECTIONS]


@require_http_methods(["GET", "POST"])
@capability_required(WRITE)
def safety_plan_edit(request: AuthedRequest, safety_plan_id: UUID) -> HttpResponse:
    plan = _draft(request, safety_plan_id)
    if plan is None:
        return redirect("intake:safety_plan_detail", safety_plan_id)
    form = SafetyPlanForm(posted(request), instance=plan)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        try:
            cleared = services.safety_plan_save(plan=plan, by=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)  # a dict of errors lands beside its fields
        else:
            return _after_save(request, plan, cleared)
    client = _client(plan)
    record_view_log(request=request, client=client, page="Safety plan editor")
    context = {"client": client, "plan": plan, "form": form, **WITH_CLIENT}
    status = 400 if form.errors else 200
    return render(request, "intake/safety_plans/edit.html", context, status=status)


def _after_save(request: AuthedRequest, plan: SafetyPlan, cleared: list[str]) -> HttpResponse:
    if cleared:
        messages.warning(
            request,
            "The plan changed after it was signed by the "
            + " and the ".join(cleared)
            + ": they sign again.",
        )
    else:
        messages.success(request, "Safety plan saved.")
    if request.POST.get("then") == "sign":
        return redirect("intake:safety_plan_sign", plan.pk)
    return redirect("intake:safety_plan_edit", plan.pk)


SIGN_FORMS: dict[str, type[SignForm]] = {
    str(SignerRole.CLIENT): ClientSignForm,
    str(SignerRole.CLINICIAN): SignForm,
}


@require_http_methods(["GET", "POST"])
@capability_required(WRITE)
def safety_plan_sign(request: AuthedRequest, safety_plan_id: UUID) -> HttpResponse:
    plan = _draft(request, safety_plan_id)
    if plan is None:
        return redirect("intake:safety_plan_detail", safety_plan_id)
    text = services.safety_plan_text(plan)
    role = request.POST.get("role", "") if request.method == "POST" else ""
    forms_ = {
        name: cls(
            posted(request) if role == name else None,
            prefix=name,
            initial={"text_sha256": content_hash(text)},
        )
        for name, cls in SIGN_FORMS.items()
    }
    form = forms_.get(role)
    if form is not None and form.is_valid():
        try:
            plan = services.safety_plan_sign(
                plan=plan,
                role=role,
                by=request.user,
                shown_sha256=form.cleaned_data["text_sha256"],
                typed_name=form.cleaned_data.get("typed_name", ""),
                ip_address=client_ip(request),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return _after_signing(request, plan)
    return _sign_page(request, plan, forms_, status=400 if request.method == "POST" else 200)


def _sign_page(
    request: AuthedRequest, plan: SafetyPlan, forms_: dict[str, SignForm], status: int
) -> HttpResponse:
    client = _client(plan)
    record_view_log(request=request, client=client, page="Safety plan signing")
    context = {
        "client": client,
        "plan": plan,
        "sections": _sections(plan),
        "crisis_lines": services.crisis_lines(plan),
        "missing": services.safety_plan_missing(plan),
        "forms": forms_,
        **WITH_CLIENT,
    }
    return render(request, "intake/safety_plans/sign.html", context, status=status)


def _after_signing(request: AuthedRequest, plan: SafetyPlan) -> HttpResponse:
    if plan.is_draft:
        messages.success(request, "Signed. The plan is locked once both of you have signed.")
        return redirect("intake:safety_plan_sign", plan.pk)
    messages.success(request, f"Safety plan version {plan.version} signed by both of you.")
    alert = services.open_alert_for(plan.client)
    if alert is not None and permissions.can(
        request.user, permissions.ACKNOWLEDGE_SAFETY_ALERT, plan.client.program
    ):
        messages.info(request, "Now record the risk assessment to close the safety alert.")
        return redirect("intake:alert_acknowledge", alert.pk)
    return redirect("intake:safety_plan_detail", plan.pk)


# ---------------------------------------------------------------- the client copy PDF


@require_POST
@capability_required(READ)
def safety_plan_report_request(request: AuthedRequest, safety_plan_id: UUID) -> HttpResponse:
    plan = get_safety_plan_for(request.user, safety_plan_id, READ)
    if plan.is_draft:
        raise Http404("Only a signed safety plan is printed for the client.")
    report = report_request(
        kind=documents.SAFETY_PLAN_CLIENT, client=plan.client, subject=plan, by=request.user
    )
    messages.success(request, "The client copy is being made. It is ready in a few seconds.")
    return redirect("intake:safety_plan_report_status", report.pk)


@require_GET
@capability_required(READ)
def safety_plan_report_status(request: AuthedRequest, safety_report_id: UUID) -> HttpResponse:
    report = get_safety_report_for(request.user, safety_report_id)
    template = "intake/safety_plans/report.html"
    if request.htmx:  # the polled line names no client
        return render(request, f"{template}#report", {"report": report})
    page = f"{SAFETY_PLAN_KINDS[report.kind]} page"
    record_view_log(request=request, client=report.client, page=page)
    return render(request, template, {"report": report, "client": report.client})


@require_GET
# FileResponse streams (a StreamingHttpResponse), which the decorator's type leaves out.
@capability_required(READ)  # type: ignore[arg-type]
def safety_plan_report_download(request: AuthedRequest, safety_report_id: UUID) -> FileResponse:
    report = get_safety_report_for(request.user, safety_report_id)
    if not report.is_ready:
        raise Http404("This PDF is not ready.")
    stored = report_open(report)
    record_view_log(request=request, client=report.client, page=SAFETY_PLAN_KINDS[report.kind])
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=report_download_name(report),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "no-store"
    return response


# ---------------------------------------------------------------- the program's crisis line


@require_http_methods(["GET", "POST"])
@capability_required(permissions.EDIT_CRISIS_LINE)
def program_crisis_line(request: AuthedRequest, program_id: UUID) -> HttpResponse:
    program = get_crisis_line_program_for(request.user, program_id)
    form = CrisisLineForm(posted(request), instance=program)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Crisis line saved. New safety plans will print it.")
        return redirect("intake:program_crisis_line", program.pk)
    context = {"program": program, "form": form, "lifeline": services.LIFELINE}
    status = 400 if form.errors else 200
    return render(request, "intake/safety_plans/crisis_line.html", context, status=status)


PLAN = "safety-plans/<uuid:safety_plan_id>/"
urlpatterns: list[URLPattern] = [
    path("clients/<uuid:client_id>/safety-plan/", safety_plan_start, name="safety_plan_start"),
    path(PLAN, safety_plan_detail, name="safety_plan_detail"),
    path(PLAN + "edit/", safety_plan_edit, name="safety_plan_edit"),
    path(PLAN + "sign/", safety_plan_sign, name="safety_plan_sign"),
    path(PLAN + "pdf/", safety_plan_report_request, name="safety_plan_report_request"),
    path(
        "safety-plan-pdfs/<uuid:safety_report_id>/",
        safety_plan_report_status,
        name="safety_plan_report_status",
    ),
    path(
        "safety-plan-pdfs/<uuid:safety_report_id>/download/",
        safety_plan_report_download,
        name="safety_plan_report_download",
    ),
    path(
        "programs/<uuid:program_id>/crisis-line/",
        program_crisis_line,
        name="program_crisis_line",
    ),
]
