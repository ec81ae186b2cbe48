"""The client's medication list (add, change, stop) and the reconciliation page."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log
from iop.clients.access import get_client_for
from iop.clients.models import Client
from iop.http import AuthedRequest, posted
from iop.medications import access, services
from iop.medications.forms import (
    DecisionForm,
    MedicationAddForm,
    MedicationChangeForm,
    MedicationStopForm,
)
from iop.medications.models import (
    Medication,
    MedicationChange,
    MedicationSource,
    Reconciliation,
    ReconciliationDecision,
    ReconciliationOccasion,
)

READ = permissions.VIEW_MEDICATIONS


def _sources(user: Any, client: Client) -> list[str]:
    return [s for s in MedicationSource.values if access.can_add(user, client, s)]


def client_medications(client: Client) -> list[Medication]:
    """Every entry with its history, in a fixed number of queries."""
    changes = MedicationChange.objects.select_related("changed_by")
    meds = list(
        Medication.objects.filter(client=client)
        .select_related("prescriber")
        .prefetch_related(Prefetch("changes", queryset=changes))
    )
    for med in meds:
        med.client = client  # the rights checks read its program; one fetch for all
    return meds


def _list_page(
    request: AuthedRequest, client: Client, forms: dict[Any, Any] | None = None, status: int = 200
) -> HttpResponse:
    forms = forms or {}
    meds = client_medications(client)
    sources = _sources(request.user, client)
    rows: list[dict[str, Any]] = [
        {
            "med": m,
            "can_change": m.stopped_on is None and access.can_change(request.user, m),
            "change_form": forms.get(("change", m.pk)) or MedicationChangeForm.for_medication(m),
            "stop_form": forms.get(("stop", m.pk))
            or MedicationStopForm(
                initial={"stopped_on": client.program.today()}, prefix=f"s{m.pk.hex[:8]}"
            ),
        }
        for m in meds
    ]
    add_form = forms.get("add") or (MedicationAddForm(sources=sources) if sources else None)
    record_view_log(request=request, client=client, page="Medications")
    return render(
        request,
        "medications/list.html",
        {
            "client": client,
            "current": [r for r in rows if r["med"].stopped_on is None],
            "stopped": [r for r in rows if r["med"].stopped_on is not None],
            "add_form": add_form,
            "open_add": "add" in forms,
            "last": _last_reconciled(client),
            "can_reconcile": access.can_reconcile(request.user, client),
            "occasions": ReconciliationOccasion.choices,
        },
        status=status,
    )


def _last_reconciled(client: Client) -> Reconciliation | None:
    return (
        Reconciliation.objects.filter(client=client, completed_at__isnull=False)
        .order_by("-completed_at")
        .first()
    )


def _client(request: AuthedRequest, client_id: UUID, capability: str = READ) -> Client:
    get_client_for(request.user, client_id, capability)
    return Client.objects.with_chart_header().get(pk=client_id)


@require_http_methods(["GET"])
@capability_required(READ)
def medication_list(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    return _list_page(request, _client(request, client_id))


@require_POST
@capability_required(access.RECORDER)
def medication_add(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client = _client(request, client_id, access.RECORDER)
    form = MedicationAddForm(posted(request), sources=_sources(request.user, client))
    if form.is_valid():
        try:
            med = services.medication_add(client=client, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error.message_dict)
        else:
            messages.success(request, f"{med.name} added to the list.")
            return redirect("medications:list", client.pk)
    return _list_page(request, client, {"add": form}, status=400)


def _medication(request: AuthedRequest, medication_id: UUID) -> Medication:
    med = access.get_medication_for(request.user, medication_id, access.RECORDER)
    if not access.can_change(request.user, med):
        raise PermissionDenied(access.NOT_YOURS_TO_CHANGE)
    return med


@require_POST
@capability_required(access.RECORDER)
def medication_change(request: AuthedRequest, medication_id: UUID) -> HttpResponse:
    med = _medication(request, medication_id)
    form = MedicationChangeForm.for_medication(med, posted(request))
    if form.is_valid():
        try:
            services.medication_change(
                medication=med, by=request.user, reason=form.cleaned_data["reason"], **form.values
            )
        except ValidationError as error:
            form.add_service_errors(_error_text(error))
        else:
            messages.success(request, f"{med.name} changed.")
            return redirect("medications:list", med.client_id)
    client = _client(request, med.client_id)
    return _list_page(request, client, {("change", med.pk): form}, status=400)


@require_POST
@capability_required(access.RECORDER)
def medication_stop(request: AuthedRequest, medication_id: UUID) -> HttpResponse:
    med = _medication(request, medication_id)
    form = MedicationStopForm(posted(request), prefix=f"s{med.pk.hex[:8]}")
    if form.is_valid():
        try:
            services.medication_stop(medication=med, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(_error_text(error))
        else:
            messages.success(request, f"{med.name} stopped.")
            return redirect("medications:list", med.client_id)
    client = _client(request, med.client_id)
    return _list_page(request, client, {("stop", med.pk): form}, status=400)


# ---------------------------------------------------------------- reconciliation


@require_POST
@capability_required(access.RECONCILER)
def reconcile_start(request: AuthedRequest, client_id: UUID) -> HttpResponse:
    client = _client(request, client_id, access.RECONCILER)
    episode = next(iter(getattr(client, "open_episodes", [])), None)
    occasion = request.POST.get("occasion", "")
    visit = request.POST.get("visit") or None
    if episode is None or occasion not in ReconciliationOccasion.values:
        messages.error(request, "Choose an occasion; the client must be in care.")
        return redirect("medications:list", client.pk)
    try:
        visit_id = UUID(visit) if visit else None
        rec = services.reconciliation_start(
            episode=episode, by=request.user, occasion=occasion, visit_session_id=visit_id
        )
    except (ValueError, ValidationError) as error:
        text = " ".join(getattr(error, "messages", ["Not a visit."]))
        messages.error(request, text)
        existing = Reconciliation.objects.filter(episode=episode, completed_at__isnull=True)
        if existing.exists():
            return redirect("medications:reconciliation", existing.get().pk)
        return redirect("medications:list", client.pk)
    return redirect("medications:reconciliation", rec.pk)


def _error_text(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}


@require_http_methods(["GET", "POST"])
@capability_required(READ)
def reconciliation(request: AuthedRequest, reconciliation_id: UUID) -> HttpResponse:
    rec = access.get_reconciliation_for(request.user, reconciliation_id, READ)
    can_write = rec.completed_at is None and access.can_reconcile(request.user, rec.client)
    forms: dict[Any, Any] = {}
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        done = _reconciliation_post(request, rec, forms)
        if done is not None:
            return done
    status = 400 if request.method == "POST" else 200
    return _reconciliation_page(request, rec, can_write, forms, status=status)


def _reconciliation_post(
    request: AuthedRequest, rec: Reconciliation, forms: dict[Any, Any]
) -> HttpResponse | None:
    action = request.POST.get("action", "")
    try:
        if action == "complete":
            services.reconciliation_complete(reconciliation=rec, by=request.user)
            messages.success(request, "Reconciliation completed.")
            return redirect("medications:reconciliation", rec.pk)
        if action == "add":
            return _rec_add(request, rec, forms)
        med = access.get_reconciliation_medication_for(rec, request.POST.get("medication"))
        if action == "change":
            return _rec_change(request, rec, med, forms)
        return _rec_decide(request, rec, med, forms)
    except ValidationError as error:
        forms["__all__"] = " ".join(m for ms in _error_text(error).values() for m in ms)
        return None


def _rec_decide(
    request: AuthedRequest, rec: Reconciliation, med: Medication, forms: dict[Any, Any]
) -> HttpResponse | None:
    form = DecisionForm(posted(request), prefix=f"d{med.pk.hex[:8]}")
    if form.is_valid():
        try:
            services.reconciliation_decide(
                reconciliation=rec, medication=med, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_errors(_error_text(error))
        else:
            return redirect("medications:reconciliation", rec.pk)
    forms[("decide", med.pk)] = form
    return None


def _rec_change(
    request: AuthedRequest, rec: Reconciliation, med: Medication, forms: dict[Any, Any]
) -> HttpResponse | None:
    form = MedicationChangeForm.for_medication(med, posted(request))
    if form.is_valid():
        try:
            services.reconciliation_decide(
                reconciliation=rec,
                medication=med,
                by=request.user,
                decision=ReconciliationDecision.CHANGED,
                reason=form.cleaned_data["reason"],
                **form.values,
            )
        except ValidationError as error:
            form.add_service_errors(_error_text(error))
        else:
            return redirect("medications:reconciliation", rec.pk)
    forms[("change", med.pk)] = form
    return None


def _rec_add(
    request: AuthedRequest, rec: Reconciliation, forms: dict[Any, Any]
) -> HttpResponse | None:
    form = MedicationAddForm(posted(request), sources=_sources(request.user, rec.client))
    if form.is_valid():
        try:
            services.reconciliation_add(reconciliation=rec, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(_error_text(error))
        else:
            return redirect("medications:reconciliation", rec.pk)
    forms["add"] = form
    return None


def _reconciliation_page(
    request: AuthedRequest,
    rec: Reconciliation,
    can_write: bool,
    forms: dict[Any, Any],
    status: int,
) -> HttpResponse:
    client = Client.objects.with_chart_header().get(pk=rec.client_id)
    entries = {e.medication_id: e for e in rec.entries.select_related("medication")}
    current = list(Medication.objects.filter(client=client).current().select_related("prescriber"))
    for med in current:
        med.client = client
    rows = [
        {
            "med": m,
            "entry": entries.get(m.pk),
            "decide_form": forms.get(("decide", m.pk)) or DecisionForm(prefix=f"d{m.pk.hex[:8]}"),
            "change_form": forms.get(("change", m.pk)) or MedicationChangeForm.for_medication(m),
        }
        for m in current
    ]
    shown = {m.pk for m in current}
    stopped_here = [e for e in entries.values() if e.medication_id not in shown]
    record_view_log(request=request, client=client, page="Medication reconciliation")
    return render(
        request,
        "medications/reconciliation.html",
        {
            "client": client,
            "rec": rec,
            "rows": rows,
            "stopped_here": stopped_here,
            "can_write": can_write,
            "add_form": forms.get("add")
            or (MedicationAddForm(sources=_sources(request.user, client)) if can_write else None),
            "error": forms.get("__all__", ""),
            "summary_lines": rec.summary.splitlines(),
        },
        status=status,
    )
