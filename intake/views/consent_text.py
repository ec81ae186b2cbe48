"""The program's consent-to-treatment wording: directors write it, new consents start from it.

Each save is a new version (the older ones stay, with who wrote them and when); consents
already signed keep the exact words the client signed.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods

from intake.forms.consent_text import TreatmentConsentTextForm
from intake.services.consents import treatment_consent_text_set, treatment_consent_wording
from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.accounts.models import Program
from iop.http import AuthedRequest, form_add_service_errors, posted, uuid_or_404

HISTORY_SHOWN = 20


def _program(request: AuthedRequest) -> Program:
    """The program named in ?program=, or the user's first; 404 outside their programs."""
    programs = permissions.programs_with(request.user, permissions.EDIT_CONSENT_TEXT)
    wanted = request.GET.get("program")
    program = programs.filter(pk=uuid_or_404(wanted)).first() if wanted else programs.first()
    if program is None:
        raise Http404("No such program.")
    return program


@require_http_methods(["GET", "POST"])
@capability_required(permissions.EDIT_CONSENT_TEXT)
def treatment_consent_text(request: AuthedRequest) -> HttpResponse:
    program = _program(request)
    wording = treatment_consent_wording(program)
    form = TreatmentConsentTextForm(
        posted(request),
        initial={"treatment": wording.treatment, "withdrawal_terms": wording.withdrawal_terms},
    )
    if request.method == "POST" and form.is_valid():
        try:
            treatment_consent_text_set(program=program, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Saved. New consents to treatment start from this wording.")
            return redirect(f"{reverse('intake:treatment_consent_text')}?program={program.pk}")
    versions = program.treatment_consent_texts.select_related("created_by")[:HISTORY_SHOWN]
    return render(
        request,
        "intake/treatment_consent_text.html",
        {
            "program": program,
            "programs": permissions.programs_with(request.user, permissions.EDIT_CONSENT_TEXT),
            "form": form,
            "wording": wording,
            "versions": versions,
        },
        status=400 if form.errors else 200,
    )


urlpatterns = [
    path("consent-to-treatment/", treatment_consent_text, name="treatment_consent_text"),
]
