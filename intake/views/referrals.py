"""The intake worklist, referrals with duplicate checking, contact attempts and admission."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intake.access import get_referral_for
from intake.forms.referrals import AdmissionForm, ContactAttemptForm, NewClientForm, ReferralForm
from intake.models import Assessment, Referral, SafetyAlert
from intake.services.admission import admission_assessment, admission_missing, referral_admit
from intake.services.referrals import (
    client_likely_duplicates,
    contact_attempt_add,
    referral_create,
    referrals_for_queue,
)
from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.accounts.models import Program
from iop.audit.services import record_view_log, record_views_log
from iop.clients.access import get_client_for
from iop.clients.models import Client
from iop.http import AuthedRequest, posted, uuid_or_404

RECORD_NUMBER_TAKEN = (
    "This record number is already in use in this program. Leave it blank to assign the next one."
)


@require_GET
@capability_required(permissions.EDIT_INTAKE)
def intake_queue(request: AuthedRequest) -> HttpResponse:
    referrals = list(referrals_for_queue(request.user))
    alerts = list(
        SafetyAlert.objects.open()
        .visible_to(request.user, permissions.EDIT_INTAKE)
        .select_related("client", "result")
    )
    shown = [a.client for a in alerts] + [r.client for r in referrals]
    record_views_log(request=request, clients=shown, page="Intake queue")
    return render(request, "intake/queue.html", {"referrals": referrals, "alerts": alerts})


@require_http_methods(["GET", "POST"])
@capability_required(permissions.EDIT_INTAKE)
def referral_create_view(request: AuthedRequest) -> HttpResponse:
    program = permissions.programs_with(request.user, permissions.EDIT_INTAKE).first()
    if program is None:  # the decorator already checked; keeps the type honest
        raise PermissionDenied
    existing = None
    if request.GET.get("client"):
        existing = get_client_for(
            request.user, uuid_or_404(request.GET["client"]), permissions.EDIT_INTAKE
        )
    client_form = NewClientForm(posted(request), program=program, prefix="client")
    referral_form = ReferralForm(posted(request), program=program, prefix="referral")
    duplicates = None
    if request.method == "POST" and referral_form.is_valid():
        if existing is not None:
            return _create_and_show(request, program, referral_form, client=existing)
        if client_form.is_valid():
            identity = client_form.cleaned_data
            duplicates = client_likely_duplicates(
                user=request.user,
                legal_first_name=identity["legal_first_name"],
                legal_last_name=identity["legal_last_name"],
                date_of_birth=identity["date_of_birth"],
                record_number=identity.get("record_number", ""),
            )
            confirmed = request.POST.get("confirm_new_person") == "yes"
            if client_form.record_number_taken:  # in this program; confirming cannot help
                client_form.add_error("record_number", RECORD_NUMBER_TAKEN)
            elif not duplicates or confirmed:
                return _create_and_show(request, program, referral_form, client_form=client_form)
    return render(
        request,
        "intake/referral_form.html",
        {
            "client_form": client_form,
            "referral_form": referral_form,
            "duplicates": duplicates,
            "existing": existing,
        },
    )


def _create_and_show(
    request: AuthedRequest,
    program: Program,
    referral_form: ReferralForm,
    client: Client | None = None,
    client_form: NewClientForm | None = None,
) -> HttpResponse:
    referral = referral_create(
        program=program,
        by=request.user,
        client=client,
        client_data=client_form.cleaned_data if client_form else None,
        referral_data=referral_form.cleaned_data,
    )
    messages.success(request, f"Referral of {referral.client.display_name} recorded.")
    return redirect("intake:referral_detail", referral.pk)


@require_GET
@capability_required(permissions.VIEW_CLIENTS)
def referral_detail(request: AuthedRequest, referral_id: UUID) -> HttpResponse:
    referral = get_referral_for(request.user, referral_id, permissions.VIEW_CLIENTS)
    record_view_log(request=request, client=referral.client, page="Referral")
    return render(request, "intake/referral_detail.html", _detail_context(request, referral))


def _detail_context(
    request: AuthedRequest, referral: Referral, **overrides: object
) -> dict[str, object]:
    completed = admission_assessment(referral)
    context: dict[str, object] = {
        "referral": referral,
        "client": Client.objects.with_chart_header().get(pk=referral.client_id),
        "contacts": referral.contacts.select_related("created_by"),
        "contact_form": ContactAttemptForm(),
        "assessment": referral.assessments.order_by("-created_at").first(),
        "admission_missing": admission_missing(referral),
        "admission_form": _admission_form(referral, completed),
        "can_edit": permissions.can(request.user, permissions.EDIT_INTAKE, referral.program),
    }
    context.update(overrides)
    return context


def _admission_form(
    referral: Referral, assessment: Assessment | None, data: QueryDict | None = None
) -> AdmissionForm:
    """Admission starts from the assessment's placement (the level chosen, else recommended)."""
    return AdmissionForm(
        data,
        program=referral.program,
        received_on=referral.received_on,
        proposed_level=assessment.placement if assessment else None,
    )


@require_POST
@capability_required(permissions.EDIT_INTAKE)
def contact_add(request: AuthedRequest, referral_id: UUID) -> HttpResponse:
    referral = get_referral_for(request.user, referral_id, permissions.EDIT_INTAKE)
    form = ContactAttemptForm(request.POST)
    if form.is_valid():
        contact_attempt_add(referral=referral, by=request.user, **form.cleaned_data)
        if not request.htmx:
            return redirect("intake:referral_detail", referral.pk)
        form = ContactAttemptForm()
    context = _detail_context(request, referral, contact_form=form)
    if request.htmx:
        # htmx swaps only 2xx answers, so field errors come back as 200 in the fragment.
        return render(request, "intake/referral_detail.html#contacts", context)
    return render(request, "intake/referral_detail.html", context, status=400)


@require_POST
@capability_required(permissions.EDIT_INTAKE)
def admit(request: AuthedRequest, referral_id: UUID) -> HttpResponse:
    referral = get_referral_for(request.user, referral_id, permissions.EDIT_INTAKE)
    form = _admission_form(referral, admission_assessment(referral), request.POST)
    if form.is_valid():
        try:
            episode = referral_admit(referral=referral, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("intake:referral_detail", referral.pk)
        messages.success(
            request,
            f"{referral.client.display_name} admitted at ASAM {episode.level_of_care.code}; "
            f"primary clinician {form.cleaned_data['primary_clinician'].get_full_name()}.",
        )
        return redirect("clients:chart", referral.client.pk)
    context = _detail_context(request, referral, admission_form=form)
    return render(request, "intake/referral_detail.html", context, status=400)


urlpatterns = [
    path("", intake_queue, name="queue"),
    path("referrals/new/", referral_create_view, name="referral_create"),
    path("referrals/<uuid:referral_id>/", referral_detail, name="referral_detail"),
    path("referrals/<uuid:referral_id>/contacts/", contact_add, name="contact_add"),
    path("referrals/<uuid:referral_id>/admit/", admit, name="admit"),
]
