"""Consents from the client's record: write one, sign it on screen, revoke it, print it.

Intake staff write, sign and revoke; clinical staff read. Every page that shows the
consent writes a record-view log row; so does every PDF download.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from intake.access import get_consent_for
from intake.forms.consents import FORMS, ConsentRevokeForm, ConsentSignForm
from intake.models.consent import Consent, ConsentKind
from intake.services.consents import (
    consent_paragraphs,
    consent_revoke,
    consent_shown_hash,
    consent_sign,
    consent_signatures,
    consent_title,
    criminal_justice_defaults,
    render_consent_pdf,
)
from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import client_ip, record_view_log
from iop.clients.access import get_client_for
from iop.clients.models import Client
from iop.http import AuthedRequest, form_add_service_errors, posted


def _client(request: AuthedRequest, client_id: UUID, capability: str) -> Client:
    """The client (404 outside the user's programs), with what the chart header shows."""
    client = get_client_for(request.user, client_id, capability)
    return Client.objects.with_chart_header().get(pk=client.pk)


def _consent(
    request: AuthedRequest, consent_id: UUID, capability: str = permissions.VIEW_CLIENTS
) -> Consent:
    """One consent, scoped by its client's program: 404 outside the user's programs."""
    consent = get_consent_for(request.user, consent_id, capability)
    consent.client = Client.objects.with_chart_header().get(pk=consent.client_id)
    return consent


def _page(
    request: AuthedRequest, template: str, consent: Consent, page: str, **extra: Any
) -> HttpResponse:
    record_view_log(request=request, client=consent.client, page=page)
    context = {
        "client": consent.client,
        "consent": consent,
        "title": consent_title(consent),
        "can_edit": permissions.can(request.user, permissions.EDIT_INTAKE, consent.client.program),
        **extra,
    }
    return render(request, template, context)


@require_GET
@capability_required(permissions.VIEW_CLIENTS)
def consent_list(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client = _client(request, client_id, permissions.VIEW_CLIENTS)
    consents: QuerySet[Consent] = client.consents.select_related("recipient_user")
    record_view_log(request=request, client=client, page="Consents")
    can_edit = permissions.can(request.user, permissions.EDIT_INTAKE, client.program)
    return render(
        request,
        "intake/consents/consent_list.html",
        {
            "client": client,
            "consents": consents,
            "kinds": ConsentKind,
            "can_edit": can_edit,
            "can_see_disclosures": permissions.can(
                request.user, permissions.VIEW_DISCLOSURES, client.program
            ),
            "can_edit_wording": permissions.can(
                request.user, permissions.EDIT_CONSENT_TEXT, client.program
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@capability_required(permissions.EDIT_INTAKE)
def consent_create(request: AuthedRequest, client_id: UUID, kind: str) -> HttpResponse:
    if kind not in ConsentKind.values:
        raise Http404("No such kind of consent.")
    client = _client(request, client_id, permissions.EDIT_INTAKE)
    consent = Consent(
        client=client, kind=kind, created_by=request.user, discloser=client.program.name
    )
    initial = criminal_justice_defaults(client) if kind == ConsentKind.CRIMINAL_JUSTICE else {}
    form = FORMS[kind](posted(request), instance=consent, initial=initial)
    if request.method == "POST" and form.is_valid():
        consent = form.save()
        messages.success(request, "Consent saved. Read it with the client before they sign.")
        return redirect("intake:consent_sign", consent.pk)
    return _page(
        request,
        "intake/consents/consent_form.html",
        consent,
        "New consent",
        form=form,
        kind_label=ConsentKind(kind).label,
        from_referral=bool(initial),
    )


@require_GET
@capability_required(permissions.VIEW_CLIENTS)
def consent_detail(request: AuthedRequest, consent_id: UUID) -> HttpResponse:
    consent = _consent(request, consent_id)
    return _page(
        request,
        "intake/consents/consent_detail.html",
        consent,
        "Consent",
        paragraphs=consent_paragraphs(consent),
        signatures=consent_signatures(consent),
    )


@require_http_methods(["GET", "POST"])
@capability_required(permissions.EDIT_INTAKE)
def consent_sign_view(request: AuthedRequest, consent_id: UUID) -> HttpResponse:
    consent = _consent(request, consent_id, permissions.EDIT_INTAKE)
    if consent.signed_at:
        messages.info(request, "This consent is already signed.")
        return redirect("intake:consent_detail", consent.pk)
    form = ConsentSignForm(posted(request), initial={"text_sha256": consent_shown_hash(consent)})
    if request.method == "POST" and form.is_valid():
        try:
            consent_sign(
                consent=consent,
                typed_name=form.cleaned_data["typed_name"],
                relationship=form.cleaned_data["relationship"],
                witness=request.user,
                ip_address=client_ip(request),
                shown_sha256=form.cleaned_data["text_sha256"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Consent signed and witnessed. It is now in force.")
            return redirect("intake:consent_detail", consent.pk)
    return _page(
        request,
        "intake/consents/consent_sign.html",
        consent,
        "Consent signing",
        form=form,
        paragraphs=consent_paragraphs(consent),
        with_client=True,  # read aloud with the client: no safety flags in the header
    )


@require_http_methods(["GET", "POST"])
@capability_required(permissions.EDIT_INTAKE)
def consent_revoke_view(request: AuthedRequest, consent_id: UUID) -> HttpResponse:
    consent = _consent(request, consent_id, permissions.EDIT_INTAKE)
    form = ConsentRevokeForm(posted(request), consent=consent)
    if request.method == "POST" and form.is_valid():
        try:
            consent_revoke(
                consent=consent,
                by=request.user,
                revoked_on=form.cleaned_data["revoked_on"],
                note=form.cleaned_data["note"],
                event_passed=form.cleaned_data.get("event_passed", False),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request, "Revocation recorded. The consent no longer authorizes any disclosure."
            )
            return redirect("intake:consent_detail", consent.pk)
    return _page(
        request,
        "intake/consents/consent_revoke.html",
        consent,
        "Consent revocation",
        form=form,
        revocable_today=consent.can_be_revoked_on(consent.client.program.today()),
    )


@require_GET
@capability_required(permissions.VIEW_CLIENTS)
def consent_pdf(request: AuthedRequest, consent_id: UUID) -> HttpResponse:
    consent = _consent(request, consent_id)
    if not consent.signed_at:
        raise Http404("Only a signed consent can be printed.")
    pdf = render_consent_pdf(consent)
    record_view_log(request=request, client=consent.client, page="Consent PDF")
    filename = f"consent-{consent.client.record_number}-{consent.signed_at:%Y-%m-%d}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    return response


CLIENT = "clients/<uuid:client_id>/consents/"
CONSENT = "consents/<uuid:consent_id>/"
urlpatterns: list[URLPattern] = [
    path(CLIENT, consent_list, name="consent_list"),
    path(CLIENT + "new/<str:kind>/", consent_create, name="consent_create"),
    path(CONSENT, consent_detail, name="consent_detail"),
    path(CONSENT + "sign/", consent_sign_view, name="consent_sign"),
    path(CONSENT + "revoke/", consent_revoke_view, name="consent_revoke"),
    path(CONSENT + "pdf/", consent_pdf, name="consent_pdf"),
]
