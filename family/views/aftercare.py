"""The family aftercare plan page, its signing, and the family copy for one person.

Everyone who may see the client's people (VIEW_FAMILY) reads the plan; the program's
clinicians and directors (EDIT_PLANS) write it while the episode is open. Each form posts to
its own small view; with htmx the answer is the page body (``#family-aftercare-body``), and
without JavaScript a saved change redirects back and a refused one shows the page with the
message. The "Family copy" panel says, for each supporter, whether their consent allows the
plan and the warning signs, and why not; a copy is made only when it does.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import reswap, retarget

from family.access import (
    AFTERCARE_READ,
    AFTERCARE_WRITE,
    can_edit_family_aftercare,
    get_family_aftercare_draft_for,
    get_family_aftercare_in_effect_for,
    get_family_client_for,
    get_family_copy_for,
)
from family.consents import refusal, sharing
from family.documents import FAMILY_AFTERCARE_KINDS
from family.forms.aftercare import FollowUpForm, PlanForm, ReferralForm, SupporterForm
from family.models import FamilyAftercarePlan
from family.services import aftercare as services
from iop.accounts.decorators import capability_required
from iop.audit.services import client_ip, record_view_log
from iop.clients.models import Client
from iop.http import AuthedRequest, form_add_service_errors
from iop.reports.clinical.terms import ConsentInformation
from iop.reports.services import report_download_name, report_open
from iop.signatures.text import content_hash

TEMPLATE = "family/aftercare/page.html"
PAGE = "Family aftercare plan"


def _copy_rows(view: services.FamilyAftercareView) -> list[dict[str, Any]]:
    """Each supporter of the plan in effect, with what their consent allows."""
    if view.in_effect is None:
        return []
    rows = []
    for s in view.in_effect.supporters.all():
        link = s.client_person
        plan_refused = refusal(link, ConsentInformation.AFTERCARE_PLAN)
        rows.append(
            {
                "link": link,
                "label": sharing(link).label,
                "plan_refused": plan_refused,
                "signs_refused": refusal(link, ConsentInformation.WARNING_SIGNS),
            }
        )
    return rows


def _context(request: AuthedRequest, client: Client, **given: Any) -> dict[str, Any]:
    view = services.family_aftercare_read(client)
    plan = view.shown
    writer = can_edit_family_aftercare(request.user, client) and not view.closed
    draft = view.draft
    on_plan = {s.client_person_id for s in draft.supporters.all()} if draft else set()
    choosable = [p for p in view.people if not p.do_not_contact and p.pk not in on_plan]
    for supporter in plan.supporters.all() if plan else []:
        supporter.consent_label = sharing(supporter.client_person).label  # type: ignore[attr-defined]
    context: dict[str, Any] = {
        "client": client,
        "view": view,
        "plan": plan,
        "can_edit": writer and draft is not None,
        "can_start": writer and draft is None,
        "can_copy": can_edit_family_aftercare(request.user, client),
        "is_author": draft is not None and draft.created_by_id == request.user.pk,
        "reachable": [p for p in view.people if not p.do_not_contact],
        "shared_sign_count": len(services.shared_signs(client)) if draft else None,
        "copy_rows": _copy_rows(view),
        "copies": services.copies_for(view.in_effect),
        "plan_form": given.get("plan_form") or PlanForm(plan=draft),
        "supporter_form": given.get("supporter_form") or SupporterForm(people=choosable),
        "referral_form": given.get("referral_form") or ReferralForm(),
        "follow_up_form": given.get("follow_up_form") or FollowUpForm(),
        "page_error": given.get("page_error"),
        "saved": given.get("saved"),
    }
    if draft is not None:
        context["sign_hash"] = content_hash(services.family_aftercare_text(draft))
        context["missing"] = services.family_aftercare_sign_missing(draft)
    return context


def _page(request: AuthedRequest, client: Client, status: int = 200, **given: Any) -> HttpResponse:
    record_view_log(request=request, client=client, page=PAGE)
    context = _context(request, client, **given)
    if request.htmx:
        # htmx swaps only 2xx answers, so a refusal comes back as 200 in the fragment.
        response = render(request, f"{TEMPLATE}#family-aftercare-body", context)
        return reswap(retarget(response, "#family-aftercare-body"), "outerHTML")
    return render(request, TEMPLATE, context, status=status)


def _saved(request: AuthedRequest, client: Client, text: str) -> HttpResponse:
    if request.htmx:
        return _page(request, client, saved=text)
    messages.success(request, text)
    return redirect("family:aftercare", client.pk)


def _refused(request: AuthedRequest, client: Client, error: ValidationError) -> HttpResponse:
    return _page(request, client, status=400, page_error=" ".join(error.messages))


def _write(request: AuthedRequest, client_id: UUID) -> tuple[Client, FamilyAftercarePlan]:
    """The client and the draft a write changes (404 when there is none to change)."""
    client = get_family_client_for(request.user, client_id, AFTERCARE_WRITE)
    episode = services.episode_for(client)
    return client, get_family_aftercare_draft_for(client, episode)


def _with_form(
    request: AuthedRequest,
    client: Client,
    form: forms.Form,
    key: str,
    save: Any,
    done: str,
) -> HttpResponse:
    """Validate, call the service, and answer: saved, refused on the page, or the form again."""
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                return _refused(request, client, error)
            form_add_service_errors(form, error)
        else:
            return _saved(request, client, done)
    return _page(request, client, status=400, **{key: form})


@require_GET
@capability_required(AFTERCARE_READ)
def aftercare(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    return _page(request, get_family_client_for(request.user, client_id, AFTERCARE_READ))


@require_POST
@capability_required(AFTERCARE_WRITE)
def aftercare_start(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client = get_family_client_for(request.user, client_id, AFTERCARE_WRITE)
    try:
        plan = services.family_aftercare_start(client=client, by=request.user)
    except ValidationError as error:
        return _refused(request, client, error)
    return _saved(request, client, f"Version {plan.version} started as a draft.")


@require_POST
@capability_required(AFTERCARE_WRITE)
def aftercare_save(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client, draft = _write(request, client_id)

    def save(data: dict[str, Any]) -> None:
        services.family_aftercare_save(plan=draft, by=request.user, **data)

    return _with_form(request, client, PlanForm(request.POST), "plan_form", save, "Plan saved.")


@require_POST
@capability_required(AFTERCARE_WRITE)
def supporter_add(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client, draft = _write(request, client_id)
    people = services.client_people(client)

    def save(data: dict[str, Any]) -> None:
        services.family_supporter_add(
            plan=draft, by=request.user, client_person_id=data["client_person"], role=data["role"]
        )

    form = SupporterForm(request.POST, people=people)
    return _with_form(request, client, form, "supporter_form", save, "Supporter added.")


@require_POST
@capability_required(AFTERCARE_WRITE)
def sign_edit(request: AuthedRequest, client_id: UUID, row_id: UUID) -> HttpResponse:
    client, draft = _write(request, client_id)
    try:
        services.family_sign_edit(
            plan=draft,
            by=request.user,
            row_id=row_id,
            family_does=request.POST.get("family_does", ""),
        )
    except ValidationError as error:
        return _refused(request, client, error)
    return _saved(request, client, "What the family does is saved.")


@require_POST
@capability_required(AFTERCARE_WRITE)
def signs_refresh(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client, draft = _write(request, client_id)
    try:
        count = services.family_signs_refresh(plan=draft, by=request.user)
    except ValidationError as error:
        return _refused(request, client, error)
    return _saved(request, client, f"Warning signs drawn again from the client's copy: {count}.")


@require_POST
@capability_required(AFTERCARE_WRITE)
def referral_add(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client, draft = _write(request, client_id)

    def save(data: dict[str, Any]) -> None:
        services.family_referral_add(plan=draft, by=request.user, **data)

    form = ReferralForm(request.POST)
    return _with_form(request, client, form, "referral_form", save, "Referral added.")


@require_POST
@capability_required(AFTERCARE_WRITE)
def follow_up_add(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client, draft = _write(request, client_id)

    def save(data: dict[str, Any]) -> None:
        services.family_follow_up_add(plan=draft, by=request.user, **data)

    form = FollowUpForm(request.POST)
    return _with_form(request, client, form, "follow_up_form", save, "Follow-up date added.")


@require_POST
@capability_required(AFTERCARE_WRITE)
def row_remove(
    request: AuthedRequest, client_id: UUID, row_kind: str, row_id: UUID
) -> HttpResponse:
    client, draft = _write(request, client_id)
    try:
        services.family_row_remove(plan=draft, by=request.user, kind=row_kind, row_id=row_id)
    except ValidationError as error:
        return _refused(request, client, error)
    return _saved(request, client, "Removed from the draft.")


@require_POST
@capability_required(AFTERCARE_WRITE)
def aftercare_sign(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client, draft = _write(request, client_id)
    try:
        plan = services.family_aftercare_sign(
            plan=draft,
            by=request.user,
            shown_sha256=request.POST.get("shown_sha256", ""),
            ip_address=client_ip(request),
        )
    except ValidationError as error:
        return _refused(request, client, error)
    return _saved(request, client, f"Version {plan.version} signed and locked.")


# ---------------------------------------------------------------- the family copy


@require_POST
@capability_required(AFTERCARE_WRITE)
def copy_request(request: AuthedRequest, client_id: UUID, link_id: UUID) -> HttpResponse:
    client = get_family_client_for(request.user, client_id, AFTERCARE_WRITE)
    plan = get_family_aftercare_in_effect_for(client, services.episode_for(client))
    link = next((p for p in services.client_people(client) if p.pk == link_id), None)
    if link is None:
        raise Http404("Not one of this client's people.")
    try:
        copy = services.family_copy_request(plan=plan, link=link, by=request.user)
    except ValidationError as error:
        return _refused(request, client, error)
    messages.success(
        request,
        f"The copy for {link.person.full_name} is being made. It is ready in a few seconds.",
    )
    return redirect("family:aftercare_copy", copy.report_id)


@require_GET
@capability_required(AFTERCARE_READ)
def copy_status(request: AuthedRequest, family_report_id: UUID) -> HttpResponse:
    copy = get_family_copy_for(request.user, family_report_id)
    template = "family/aftercare/copy.html"
    context = {"report": copy.report, "copy": copy, "client": copy.client}
    if request.htmx:  # the polled line names no client
        return render(request, f"{template}#report", context)
    record_view_log(request=request, client=copy.client, page="Family aftercare plan copy")
    return render(request, template, context)


@require_GET
@capability_required(AFTERCARE_READ)  # type: ignore[arg-type]
def copy_download(request: AuthedRequest, family_report_id: UUID) -> FileResponse:
    copy = get_family_copy_for(request.user, family_report_id)
    report = copy.report
    if report is None or not report.is_ready:
        raise Http404("This PDF is not ready.")
    stored = report_open(report)
    record_view_log(request=request, client=copy.client, page=FAMILY_AFTERCARE_KINDS[report.kind])
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=report_download_name(report),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "no-store"
    return response


BASE = "clients/<uuid:client_id>/family-aftercare/"
COPIES = "family-aftercare/copies/<uuid:family_report_id>/"
urlpatterns: list[URLPattern] = [
    path(BASE, aftercare, name="aftercare"),
    path(f"{BASE}start/", aftercare_start, name="aftercare_start"),
    path(f"{BASE}plan/", aftercare_save, name="aftercare_save"),
    path(f"{BASE}supporters/", supporter_add, name="aftercare_supporter_add"),
    path(f"{BASE}signs/refresh/", signs_refresh, name="aftercare_signs_refresh"),
    path(f"{BASE}signs/<uuid:row_id>/", sign_edit, name="aftercare_sign_edit"),
    path(f"{BASE}referrals/", referral_add, name="aftercare_referral_add"),
    path(f"{BASE}follow-ups/", follow_up_add, name="aftercare_follow_up_add"),
    path(
        f"{BASE}rows/<str:row_kind>/<uuid:row_id>/remove/", row_remove, name="aftercare_row_remove"
    ),
    path(f"{BASE}sign/", aftercare_sign, name="aftercare_sign"),
    path(f"{BASE}copies/<uuid:link_id>/", copy_request, name="aftercare_copy_request"),
    path(COPIES, copy_status, name="aftercare_copy"),
    path(f"{COPIES}download/", copy_download, name="aftercare_copy_download"),
]
