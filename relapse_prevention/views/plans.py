"""The relapse prevention plan pages: the plan (the version in effect and the draft being
built with the client, edited section by section), signing, versions with what changed,
reviews, and the client copy PDF. Read with the client in the room: the chart header leaves
out safety flags (``with_client``). Every form posts without JavaScript too."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import client_ip, record_view_log
from iop.clients.models import Client
from iop.http import AuthedRequest, form_add_service_errors, posted
from iop.reports.services import report_download_name, report_open, report_request
from iop.signatures.models import SignerRole
from iop.signatures.text import shown_hash
from relapse_prevention.access import (
    get_rp_plan_client_for,
    get_rp_plan_part_for,
    get_rp_plan_report_for,
)
from relapse_prevention.contact_people import ContactPerson, contact_flags, contact_people_for
from relapse_prevention.documents import RP_PLAN_CLIENT, RP_PLAN_KINDS
from relapse_prevention.models import RelapsePreventionPlan, ReviewOccasion
from relapse_prevention.plan_forms import (
    ClientSignForm,
    OthersForm,
    ReviewForm,
    SignForm,
    part_form,
)
from relapse_prevention.services import plan_parts, plan_reviews, plan_signing, plan_text
from relapse_prevention.services import plans as rp_plans

READ, WRITE = rp_plans.READ, rp_plans.WRITE
WITH_CLIENT = {"with_client": True}
PAGE = "relapse_prevention/plans/plan.html"


def _plans(client: Client) -> tuple[Any, Any]:
    plans = list(rp_plans.plan_with_parts(RelapsePreventionPlan.objects.filter(client=client)))
    current = next((p for p in plans if p.status == "in_effect"), None)
    draft = next((p for p in plans if p.is_draft), None)
    return current, draft


def _skills(client: Client) -> list[Any]:
    return list(plan_parts.skills_for(client.program))


def _people(client: Client) -> list[ContactPerson]:
    """The client's people a safe contact may be (family registers them; one query)."""
    return contact_people_for(client)


def _sections(
    plan: Any,
    skills: list[Any],
    bound: dict[str, Any] | None = None,
    people: list[ContactPerson] | None = None,
) -> list[dict]:
    bound = bound or {}
    return [
        {
            "section": s,
            "parts": [
                {
                    "part": part,
                    "form": part_form(
                        s.key, skills, instance=part, prefix=f"part-{part.pk}", people=people
                    ),
                }
                for part in rp_plans.parts_of(plan, s)
            ],
            "form": bound.get(s.key)
            or part_form(s.key, skills, prefix=f"new-{s.key}", people=people),
        }
        for s in rp_plans.SECTIONS.values()
    ]


def _flag_contacts(*blocks: list[dict]) -> None:
    """Beside a safe contact who is one of the client's people: their do-not-contact mark
    (staff pages only; the client's own copy is the client's list). One query for all."""
    contacts = [
        row["part"]
        for sections in blocks
        for block in sections
        if block["section"].key == "contacts"
        for row in block["parts"]
    ]
    flags = contact_flags(part.client_person_id for part in contacts)
    for part in contacts:
        part.contact_flag = flags.get(part.client_person_id, "")


def _page(
    request: AuthedRequest, client: Client, bound: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    current, draft = _plans(client)
    can_write = permissions.can(request.user, WRITE, client.program)
    others = (bound or {}).get("others") or OthersForm(
        initial={
            "what_others_do": draft.what_others_do if draft else "",
            "in_client_copy": draft.what_others_do_in_client_copy if draft else True,
        }
    )
    editing = bool(draft and can_write)
    people = _people(client) if editing else []
    current_sections = _sections(current, []) if current else []
    draft_sections = _sections(draft, _skills(client), bound, people) if editing else []
    _flag_contacts(current_sections, draft_sections)
    context = {
        "client": client,
        "current": current,
        "current_sections": current_sections,
        "draft": draft,
        "draft_sections": draft_sections,
        "others_form": others,
        "can_write": can_write,
        "draft_error": (bound or {}).get("error", ""),
        "due": plan_reviews.rp_plan_review_due(client, client.program.today()),
        "last_reviewed": plan_reviews.rp_plan_last_reviewed(current),
        **WITH_CLIENT,
    }
    if request.htmx:
        # htmx swaps only 2xx answers, so field errors come back as 200 in the fragment.
        return render(request, f"{PAGE}#draft", context)
    record_view_log(request=request, client=client, page="Relapse prevention plan")
    return render(request, PAGE, context, status=status)


@require_GET
@capability_required(READ)
def plan(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    return _page(request, get_rp_plan_client_for(request.user, client_id, READ))


@require_POST
@capability_required(WRITE)
def plan_start(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client = get_rp_plan_client_for(request.user, client_id, WRITE)
    try:
        rp_plans.rp_plan_start(client=client, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("relapse_prevention:plan", client.pk)


def _revision(request: AuthedRequest) -> int:
    try:
        return int(request.POST.get("revision", ""))
    except ValueError:
        return 0


def _after_edit(request: AuthedRequest, client: Client, done: str) -> HttpResponse:
    if request.htmx:
        return _page(request, client)
    messages.success(request, done)
    return redirect("relapse_prevention:plan", client.pk)


@require_POST
@capability_required(WRITE)
def part_add(request: AuthedRequest, client_id: UUID, section: str) -> HttpResponse:
    client = get_rp_plan_client_for(request.user, client_id, WRITE)
    if section not in rp_plans.SECTIONS:
        raise Http404("No such section.")
    draft = RelapsePreventionPlan.objects.drafts().filter(client=client).first()
    if draft is None:
        raise Http404("There is no draft to add to.")
    form = part_form(
        section, _skills(client), request.POST, prefix=f"new-{section}", people=_people(client)
    )
    if form.is_valid():
        try:
            plan_parts.rp_plan_part_add(
                plan=draft,
                section=section,
                by=request.user,
                revision=_revision(request),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)  # type: ignore[arg-type]
        else:
            return _after_edit(request, client, "Added to the plan.")
    return _page(request, client, {section: form}, status=400)


@require_POST
@capability_required(WRITE)
def part_edit(request: AuthedRequest, client_id: UUID, section: str, part_id: UUID) -> HttpResponse:
    """Change, move, show on or leave off the client copy, or remove one part of the draft."""
    client = get_rp_plan_client_for(request.user, client_id, WRITE)
    if section not in rp_plans.SECTIONS:
        raise Http404("No such section.")
    part = get_rp_plan_part_for(request.user, rp_plans.SECTIONS[section], part_id, WRITE)
    if part.plan.client_id != client.pk or not part.plan.is_draft:
        raise Http404("Only a draft's parts are changed.")
    action, revision = request.POST.get("action", "save"), _revision(request)
    try:
        if action == "remove":
            plan_parts.rp_plan_part_remove(part=part, by=request.user, revision=revision)
        elif action in ("up", "down"):
            plan_parts.rp_plan_part_move(
                part=part, by=request.user, revision=revision, up=action == "up"
            )
        elif action == "copy":
            plan_parts.rp_plan_part_edit(
                part=part,
                by=request.user,
                revision=revision,
                in_client_copy=not part.in_client_copy,
            )
        else:
            form = part_form(
                section,
                _skills(client),
                request.POST,
                instance=part,
                prefix=f"part-{part.pk}",
                people=_people(client),
            )
            if not form.is_valid():
                return _page(request, client, {"error": "Check the part's fields."}, status=400)
            fields = {n: form.cleaned_data[n] for n in form.fields}
            plan_parts.rp_plan_part_edit(part=part, by=request.user, revision=revision, **fields)
    except ValidationError as error:
        return _page(request, client, {"error": " ".join(error.messages)}, status=400)
    return _after_edit(request, client, "Plan saved.")


@require_POST
@capability_required(WRITE)
def others_edit(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client = get_rp_plan_client_for(request.user, client_id, WRITE)
    draft = RelapsePreventionPlan.objects.drafts().filter(client=client).first()
    if draft is None:
        raise Http404("There is no draft to change.")
    form = OthersForm(request.POST)
    if form.is_valid():
        try:
            plan_parts.rp_plan_others_edit(
                plan=draft,
                by=request.user,
                revision=_revision(request),
                what_others_do=form.cleaned_data["what_others_do"],
                in_client_copy=form.cleaned_data["in_client_copy"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return _after_edit(request, client, "Plan saved.")
    return _page(request, client, {"others": form}, status=400)


SIGN_FORMS: dict[str, type[SignForm]] = {
    str(SignerRole.CLIENT): ClientSignForm,
    str(SignerRole.CLINICIAN): SignForm,
}


@require_http_methods(["GET", "POST"])
@capability_required(WRITE)
def plan_sign(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client = get_rp_plan_client_for(request.user, client_id, WRITE)
    draft = (
        rp_plans.plan_with_parts(RelapsePreventionPlan.objects.drafts())
        .filter(client=client)
        .first()
    )
    if draft is None:
        messages.info(request, "There is no draft to sign.")
        return redirect("relapse_prevention:plan", client.pk)
    text = plan_text.rp_plan_text(draft)
    role = request.POST.get("role", "") if request.method == "POST" else ""
    forms_ = {
        name: cls(
            posted(request) if role == name else None,
            prefix=name,
            initial={"text_sha256": shown_hash(text)},
        )
        for name, cls in SIGN_FORMS.items()
    }
    form = forms_.get(role)
    if form is not None and form.is_valid():
        try:
            signed = plan_signing.rp_plan_sign(
                plan=draft,
                role=role,
                by=request.user,
                shown_sha256=form.cleaned_data["text_sha256"],
                typed_name=form.cleaned_data.get("typed_name", ""),
                ip_address=client_ip(request),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            if signed.is_draft:
                messages.success(
                    request, "Signed. The plan is locked once both of you have signed."
                )
                return redirect("relapse_prevention:plan_sign", client.pk)
            messages.success(
                request, f"Relapse prevention plan version {signed.version} signed by both of you."
            )
            return redirect("relapse_prevention:plan", client.pk)
    record_view_log(request=request, client=client, page="Relapse prevention plan signing")
    context = {
        "client": client,
        "plan": draft,
        "text": text,
        "forms": forms_,
        "missing": plan_text.rp_plan_sign_missing(draft),
        **WITH_CLIENT,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "relapse_prevention/plans/sign.html", context, status=status)


@require_GET
@capability_required(READ)
def plan_versions(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client = get_rp_plan_client_for(request.user, client_id, READ)
    versions = list(rp_plans.plan_with_parts(RelapsePreventionPlan.objects.filter(client=client)))
    by_pk = {v.pk: v for v in versions}
    rows = [
        {
            "plan": v,
            "diff": plan_text.rp_plan_diff(by_pk[v.previous_id], v)
            if v.previous_id in by_pk
            else [],
        }
        for v in versions
    ]
    record_view_log(request=request, client=client, page="Relapse prevention plan versions")
    return render(
        request, "relapse_prevention/plans/versions.html", {"client": client, "rows": rows}
    )


@require_http_methods(["GET", "POST"])
@capability_required(WRITE)
def plan_review(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client = get_rp_plan_client_for(request.user, client_id, WRITE)
    current = (
        RelapsePreventionPlan.objects.in_effect()
        .filter(client=client)
        .select_related("program", "client")
        .first()
    )
    if current is None:
        messages.info(request, "Sign a plan with the client before reviewing it.")
        return redirect("relapse_prevention:plan", client.pk)
    # From a lapse's page the review is set for after a lapse (the link says so).
    occasion = request.GET.get("occasion", "")
    initial = {"reviewed_on": client.program.today()}
    if occasion in ReviewOccasion.values:
        initial["occasion"] = occasion
    form = ReviewForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plan_reviews.rp_plan_review_record(plan=current, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Review recorded.")
            return redirect("relapse_prevention:plan", client.pk)
    record_view_log(request=request, client=client, page="Relapse prevention plan review")
    context = {
        "client": client,
        "plan": current,
        "form": form,
        "due": plan_reviews.rp_plan_review_due(client, client.program.today()),
        "reviews": current.reviews.select_related("reviewed_by")[:10],
        "last_reviewed": plan_reviews.rp_plan_last_reviewed(current),
    }
    status = 400 if form.errors else 200
    return render(request, "relapse_prevention/plans/review.html", context, status=status)


# ---------------------------------------------------------------- the client copy PDF


@require_POST
@capability_required(READ)
def plan_pdf_request(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client = get_rp_plan_client_for(request.user, client_id, READ)
    current = RelapsePreventionPlan.objects.in_effect().filter(client=client).first()
    if current is None:
        raise Http404("Only a signed plan is printed for the client.")
    report = report_request(kind=RP_PLAN_CLIENT, client=client, subject=current, by=request.user)
    messages.success(request, "The client copy is being made. It is ready in a few seconds.")
    return redirect("relapse_prevention:plan_pdf_status", report.pk)


@require_GET
@capability_required(READ)
def plan_pdf_status(request: AuthedRequest, rp_report_id: UUID) -> HttpResponse:
    report = get_rp_plan_report_for(request.user, rp_report_id)
    template = "relapse_prevention/plans/report.html"
    if request.htmx:  # the polled line names no client
        return render(request, f"{template}#report", {"report": report})
    record_view_log(request=request, client=report.client, page="Relapse prevention plan PDF page")
    return render(request, template, {"report": report, "client": report.client})


@require_GET
@capability_required(READ)  # type: ignore[arg-type]
def plan_pdf_download(request: AuthedRequest, rp_report_id: UUID) -> FileResponse:
    report = get_rp_plan_report_for(request.user, rp_report_id)
    if not report.is_ready:
        raise Http404("This PDF is not ready.")
    stored = report_open(report)
    record_view_log(request=request, client=report.client, page=RP_PLAN_KINDS[report.kind])
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=report_download_name(report),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "no-store"
    return response


PLAN = "relapse-prevention/<uuid:client_id>/plan/"
urlpatterns: list[URLPattern] = [
    path(PLAN, plan, name="plan"),
    path(PLAN + "start/", plan_start, name="plan_start"),
    path(PLAN + "parts/<str:section>/", part_add, name="plan_part_add"),
    path(PLAN + "parts/<str:section>/<uuid:part_id>/", part_edit, name="plan_part_edit"),
    path(PLAN + "others/", others_edit, name="plan_others"),
    path(PLAN + "sign/", plan_sign, name="plan_sign"),
    path(PLAN + "versions/", plan_versions, name="plan_versions"),
    path(PLAN + "review/", plan_review, name="plan_review"),
    path(PLAN + "pdf/", plan_pdf_request, name="plan_pdf_request"),
    path(
        "relapse-prevention/plan-pdfs/<uuid:rp_report_id>/", plan_pdf_status, name="plan_pdf_status"
    ),
    path(
        "relapse-prevention/plan-pdfs/<uuid:rp_report_id>/download/",
        plan_pdf_download,
        name="plan_pdf_download",
    ),
]
