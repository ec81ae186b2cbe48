"""Signing a plan version with the client: the text read aloud, one form per signer, and
the directors' list of plans waiting for their co-signature.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import client_ip, record_view_log, record_views_log
from iop.clients.models import Client
from iop.http import AuthedRequest, form_add_service_errors
from iop.signatures.models import SignerRole, content_hash
from treatment_plans.access import can_cosign_plan
from treatment_plans.forms.plans import ClientSignForm, SignForm
from treatment_plans.models import PlanStatus, TreatmentPlan
from treatment_plans.services import plan_signing as services
from treatment_plans.services.plan_text import plan_text
from treatment_plans.services.plan_versions import plan_with_parts
from treatment_plans.views.plans import EDIT, PLAN, editable_plan

# Plain strings: the template looks the forms up by name.
SIGN_FORMS: dict[str, type[SignForm]] = {
    str(SignerRole.CLINICIAN): SignForm,
    str(SignerRole.CLIENT): ClientSignForm,
    str(SignerRole.COSIGNER): SignForm,
}
SIGNED_MESSAGES: dict[str, str] = {
    SignerRole.CLINICIAN: "Signed by you as the clinician.",
    SignerRole.CLIENT: "Signed by the client.",
    SignerRole.COSIGNER: "Co-signed.",
}


def _sign_forms(request: AuthedRequest, shown: str) -> dict[str, SignForm]:
    role = request.POST.get("role") if request.method == "POST" else None
    return {
        name: form_class(
            request.POST if role == name else None,
            prefix=name,
            initial={"text_sha256": shown},
        )
        for name, form_class in SIGN_FORMS.items()
    }


@require_http_methods(["GET", "POST"])
@capability_required(EDIT)
def plan_sign(request: AuthedRequest, plan_id: UUID) -> HttpResponse:
    plan = plan_with_parts(editable_plan(request, plan_id))
    if not plan.is_draft:
        messages.info(request, "This version is already signed and in effect.")
        return redirect("treatment_plans:plan_detail", plan.pk)
    text = plan_text(plan)
    sign_forms = _sign_forms(request, content_hash(text))
    role = request.POST.get("role", "")
    form = sign_forms.get(role)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            plan = services.plan_sign(
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
            return _after_signing(request, plan, role)
    return _sign_page(
        request, plan, text, sign_forms, status=400 if request.method == "POST" else 200
    )


def _after_signing(request: AuthedRequest, plan: TreatmentPlan, role: str) -> HttpResponse:
    if plan.status == PlanStatus.ACTIVE:
        due = plan.review_due_on
        when = f" Next review due {due:%B} {due.day}." if due else ""
        active = f" Version {plan.version} is now the active treatment plan.{when}"
        messages.success(request, SIGNED_MESSAGES[role] + active)
        return redirect("treatment_plans:plan_detail", plan.pk)
    waiting = services.plan_waiting_for(plan)
    messages.success(request, f"{SIGNED_MESSAGES[role]} {waiting}".strip())
    return redirect("treatment_plans:plan_sign", plan.pk)


def _sign_page(
    request: AuthedRequest,
    plan: TreatmentPlan,
    text: str,
    sign_forms: dict[str, SignForm],
    status: int = 200,
) -> HttpResponse:
    client = Client.objects.with_chart_header().get(pk=plan.client_id)
    record_view_log(request=request, client=client, page="Treatment plan signing")
    context = {
        "client": client,
        "plan": plan,
        "text": text,
        "forms": sign_forms,
        "missing": services.plan_sign_missing(plan),
        "needed": services.plan_signatures_needed(plan),
        "can_cosign": can_cosign_plan(request.user, plan),
        "with_client": True,  # read aloud with the client: no safety flags in the header
    }
    return render(request, "treatment_plans/plan/sign.html", context, status=status)


@require_GET
@capability_required(permissions.COSIGN_PLAN)
def plans_to_cosign(request: AuthedRequest) -> HttpResponse:
    """Directors: plans signed by clinician and client, waiting for their co-signature."""
    plans = list(services.plans_awaiting_cosign(user=request.user))
    record_views_log(request=request, clients=[p.client for p in plans], page="Plans to co-sign")
    return render(request, "treatment_plans/plan/to_cosign.html", {"plans": plans})


urlpatterns: list[URLPattern] = [
    path("cosign/", plans_to_cosign, name="plans_to_cosign"),
    path(PLAN + "sign/", plan_sign, name="plan_sign"),
]
