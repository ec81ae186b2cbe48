"""The program's service codes: directors keep the list notes choose their service from.

Directors hold MANAGE_SCHEDULE, the capability for the program's reference lists (tracks,
rooms, closures); the codes are one more such list. Everyone else is refused.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.accounts.models import Program
from iop.http import AuthedRequest, form_add_service_errors, posted
from scheduling.access import get_service_code_for
from scheduling.models import BILLED_KINDS, ServiceCode
from scheduling.services.billing import service_code_save

MANAGE = permissions.MANAGE_SCHEDULE


class ServiceCodeForm(forms.Form):
    code = forms.CharField(max_length=10, help_text="CPT or HCPCS, e.g. 90834 or H0015.")
    label = forms.CharField(
        label="Description", max_length=120, help_text="A short description staff recognize."
    )
    kinds = forms.MultipleChoiceField(
        label="Used on",
        choices=BILLED_KINDS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the notes this code is used on."},
    )
    active = forms.BooleanField(
        label="In use (untick to retire it; signed notes keep the code they name)",
        required=False,
        initial=True,
    )


def _save(
    request: AuthedRequest, program: Program, code: ServiceCode | None, form: ServiceCodeForm
) -> ServiceCode | None:
    try:
        return service_code_save(
            program=program, actor=request.user, service_code=code, **form.cleaned_data
        )
    except ValidationError as error:
        form_add_service_errors(form, error)
        return None


@require_http_methods(["GET", "POST"])
@capability_required(MANAGE)
def service_codes(request: AuthedRequest) -> HttpResponse:
    """The list, and a form to add a code."""
    program = permissions.chosen_program(request, MANAGE)
    form = ServiceCodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        saved = _save(request, program, None, form)
        if saved is not None:
            messages.success(request, f"{saved.code} added to the service codes.")
            return redirect("scheduling:service_codes")
    context: dict[str, Any] = {
        "program": program,
        "codes": ServiceCode.objects.filter(program=program).order_by("-active", "code"),
        "form": form,
    }
    status = 400 if form.errors else 200
    return render(request, "scheduling/service_codes.html", context, status=status)


@require_http_methods(["GET", "POST"])
@capability_required(MANAGE)
def service_code_edit(request: AuthedRequest, code_id: UUID) -> HttpResponse:
    code = get_service_code_for(request.user, code_id, MANAGE)
    initial = {f: getattr(code, f) for f in ("code", "label", "kinds", "active")}
    form = ServiceCodeForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, code.program, code, form)
        if saved is not None:
            messages.success(request, f"{saved.code} saved.")
            return redirect("scheduling:service_codes")
    context = {"program": code.program, "code": code, "form": form}
    status = 400 if form.errors else 200
    return render(request, "scheduling/service_code_form.html", context, status=status)


urlpatterns: list[URLPattern] = [
    path("service-codes/", service_codes, name="service_codes"),
    path("service-codes/<uuid:code_id>/", service_code_edit, name="service_code_edit"),
]
