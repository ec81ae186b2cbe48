"""Drug screen pages: record a specimen from the client's chart, and the specimen page (the
computed reading, the medications active that day, results, interpretation, signing and
addenda). Every page is scoped to the user's programs and logs a record view; every form
posts without JavaScript too.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log
from iop.clients.access import get_client_for
from iop.http import AuthedRequest, form_add_service_errors, posted
from iop.medications.models import Medication
from iop.signatures.models import Signature
from iop.signatures.text import shown_hash
from relapse_prevention.access import get_specimen_for, screen_staff_choices
from relapse_prevention.forms import (
    READING_CHOICES,
    AddendumForm,
    InterpretationForm,
    SignForm,
    SpecimenForm,
    analyte_rows,
    posted_results,
)
from relapse_prevention.models import NOT_COLLECTED, ScreenPanel, Specimen
from relapse_prevention.readings import specimen_reading
from relapse_prevention.services import screens as services

VIEW = permissions.VIEW_DRUG_SCREENS
RECORD = permissions.RECORD_DRUG_SCREENS


def _chosen_panel(panels: list[ScreenPanel], wanted: str | None) -> ScreenPanel | None:
    by_id = {str(p.pk): p for p in panels}
    if wanted in by_id:
        return by_id[wanted]
    default = next((p for p in panels if p.code == "urine-program"), None)
    return default or (panels[0] if panels else None)


@require_http_methods(["GET", "POST"])
@capability_required(RECORD)
def specimen_record(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client = get_client_for(request.user, client_id, RECORD, chart_header=True)
    program = client.program
    panels = services.current_panels()
    staff = screen_staff_choices(program)
    data = posted(request)
    wanted = data.get("panel") if data is not None else request.GET.get("panel")
    panel = _chosen_panel(panels, wanted)
    now = program.now()
    form = SpecimenForm(
        data,
        program=program,
        panels=panels,
        staff=staff,
        initial={
            "panel": panel.pk if panel else None,
            "ordered_by": request.user.pk,
            "collected_by": request.user.pk,
            "collected_on": now.date(),
            "collected_time": now.strftime("%H:%M"),
        },
    )
    form.fields["panel"].widget.attrs |= {
        "hx-get": reverse("relapse_prevention:specimen_record", args=[client.pk]),
        "hx-target": "#analyte-rows",
        "hx-swap": "outerHTML",
    }
    analytes = list(panel.analytes.all()) if panel else []
    result_errors: list[str] = []
    status = 200
    if data is not None:
        results, result_errors = posted_results(data)
        if form.is_valid() and not result_errors:
            clean = form.cleaned_data
            try:
                specimen = services.specimen_record(
                    client=client,
                    actor=request.user,
                    panel=clean["panel"],
                    ordered_by=clean["ordered_by"],
                    collected_at=form.collected_at(),
                    collected_by=clean["collected_by"],
                    validity=clean["validity"],
                    testing_site=clean["testing_site"],
                    lab_or_device=clean["lab_or_device"],
                    observed=clean["observed"],
                    results=results,
                )
            except ValidationError as error:
                if hasattr(error, "error_dict") and "results" in error.error_dict:
                    result_errors += ValidationError(error.error_dict.pop("results")).messages
                if hasattr(error, "error_dict") and "collected_at" in error.error_dict:
                    error.error_dict["collected_on"] = error.error_dict.pop("collected_at")
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Screen recorded.")
                return redirect("relapse_prevention:specimen", specimen.pk)
        status = 400
    record_view_log(request=request, client=client, page="Record a drug screen")
    context = {
        "client": client,
        "form": form,
        "panel": panel,
        "rows": analyte_rows(analytes, data),
        "result_errors": result_errors,
        "not_collected": sorted(NOT_COLLECTED),
        "reading_choices": READING_CHOICES,
    }
    template = (
        "relapse_prevention/screens/_analytes.html"
        if request.headers.get("HX-Request") and request.method == "GET"
        else "relapse_prevention/screens/record.html"
    )
    return render(request, template, context, status=status)


def _page(
    request: AuthedRequest,
    specimen: Specimen,
    *,
    interpretation_form: InterpretationForm | None = None,
    addendum_form: AddendumForm | None = None,
    result_errors: list[str] | None = None,
    rows_data: Any = None,
    status: int = 200,
) -> HttpResponse:
    client = get_client_for(request.user, specimen.client_id, VIEW, chart_header=True)
    reading = specimen_reading(specimen)
    can_record = permissions.can(request.user, RECORD, client.program)
    context: dict[str, Any] = {
        "client": client,
        "specimen": specimen,
        "reading": reading,
        "collected": client.program.local(specimen.collected_at),
        "medications": Medication.objects.filter(client=client)
        .active_on(reading.collected_on)
        .order_by("name"),
        "addenda": specimen.addenda.select_related("author"),
        "signatures": Signature.for_object(specimen),
        "can_record": can_record,
    }
    if can_record and not specimen.is_signed:
        refusal = services.sign_refusal(request.user, specimen)
        text = services.specimen_signed_text(specimen)
        context |= {
            "interpretation_form": interpretation_form
            or InterpretationForm(initial={"interpretation": specimen.interpretation}),
            "interpretation_locked": specimen.interpreted_by_id not in (None, request.user.pk),
            "sign_refusal": refusal,
            "sign_form": SignForm(initial={"text_sha256": shown_hash(text)}),
            "preview": text,
            "rows": analyte_rows(
                list(specimen.panel.analytes.all()),
                rows_data,
                {r.analyte_id: r for r in specimen.results.all()},
            )
            if specimen.collected
            else [],
            "result_errors": result_errors or [],
            "reading_choices": READING_CHOICES,
            "not_collected": sorted(NOT_COLLECTED),
        }
    if can_record and specimen.is_signed:
        context["addendum_form"] = addendum_form or AddendumForm()
    record_view_log(request=request, client=client, page="Drug screen")
    return render(request, "relapse_prevention/screens/detail.html", context, status=status)


@require_GET
@capability_required(VIEW)
def specimen_detail(request: AuthedRequest, specimen_id: UUID) -> HttpResponse:
    return _page(request, get_specimen_for(request.user, specimen_id, VIEW))


def _back(request: AuthedRequest, specimen: Specimen, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(reverse("relapse_prevention:specimen", args=[specimen.pk]))


@require_POST
@capability_required(RECORD)
def specimen_results(request: AuthedRequest, specimen_id: UUID) -> HttpResponse:
    specimen = get_specimen_for(request.user, specimen_id, RECORD)
    results, errors = posted_results(request.POST)
    if not errors:
        try:
            services.specimen_results_save(specimen=specimen, actor=request.user, results=results)
        except ValidationError as error:
            errors = [m for m in error.messages]
        else:
            return _back(request, specimen, "Results saved.")
    specimen = get_specimen_for(request.user, specimen_id, RECORD)
    return _page(request, specimen, result_errors=errors, rows_data=request.POST, status=400)


@require_POST
@capability_required(RECORD)
def specimen_interpret(request: AuthedRequest, specimen_id: UUID) -> HttpResponse:
    specimen = get_specimen_for(request.user, specimen_id, RECORD)
    form = InterpretationForm(request.POST)
    if form.is_valid():
        try:
            services.specimen_interpret(
                specimen=specimen,
                actor=request.user,
                interpretation=form.cleaned_data["interpretation"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return _back(request, specimen, "Interpretation saved. Read it through, then sign.")
    return _page(request, specimen, interpretation_form=form, status=400)


@require_POST
@capability_required(RECORD)
def specimen_sign(request: AuthedRequest, specimen_id: UUID) -> HttpResponse:
    specimen = get_specimen_for(request.user, specimen_id, RECORD)
    form = SignForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Open the screen again and sign from there.")
        services.specimen_sign(
            specimen=specimen, actor=request.user, shown_sha256=form.cleaned_data["text_sha256"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("relapse_prevention:specimen", specimen.pk)
    return _back(request, specimen, "Screen signed and locked.")


@require_POST
@capability_required(RECORD)
def specimen_addendum(request: AuthedRequest, specimen_id: UUID) -> HttpResponse:
    specimen = get_specimen_for(request.user, specimen_id, RECORD)
    form = AddendumForm(request.POST)
    if form.is_valid():
        try:
            services.specimen_addendum_add(
                specimen=specimen, actor=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return _back(request, specimen, "Addendum signed and added.")
    return _page(request, specimen, addendum_form=form, status=400)


urlpatterns: list[URLPattern] = [
    path("clients/<uuid:client_id>/screens/new/", specimen_record, name="specimen_record"),
    path("screens/<uuid:specimen_id>/", specimen_detail, name="specimen"),
    path("screens/<uuid:specimen_id>/results/", specimen_results, name="specimen_results"),
    path("screens/<uuid:specimen_id>/interpret/", specimen_interpret, name="specimen_interpret"),
    path("screens/<uuid:specimen_id>/sign/", specimen_sign, name="specimen_sign"),
    path("screens/<uuid:specimen_id>/addenda/", specimen_addendum, name="specimen_addendum"),
]
