"""A note's page, with its signatures, addenda, warning confirmations and history, and the
posts that sign it, co-sign it and add an addendum. Each redirects back to the note's page
with what was done or why it was refused.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_POST

from iop.accounts.decorators import capability_required
from iop.audit.models import AuditEvent
from iop.audit.services import record_view_log
from iop.clients.models import Client
from iop.http import AuthedRequest, form_add_service_errors
from iop.signatures.models import Signature
from scheduling.access import can_cosign_note, note_edit_refusal, note_sign_refusal
from scheduling.models import (
    GroupNote,
    ProgressNote,
    SessionAttendee,
    SessionKind,
    WarningConfirmation,
)
from scheduling.note_parts import note_parts
from scheduling.services import note_signing
from scheduling.services import notes as services
from scheduling.services.note_processing import processing_lines
from scheduling.services.note_visit import missing_visit, visit_lines
from scheduling.views.note_forms import AddendumForm, NoteSignForm
from scheduling.views.notes import CHART, note_for
from treatment_plans.wording import measure_text


@require_GET
@capability_required(CHART)
def note_detail(request: AuthedRequest, note_id: UUID) -> HttpResponse:
    note = note_for(request, note_id)
    return _detail_page(request, note)


def _detail_page(
    request: AuthedRequest,
    note: ProgressNote,
    addendum_form: AddendumForm | None = None,
    status: int = 200,
) -> HttpResponse:
    client = Client.objects.with_chart_header().get(pk=note.client_id)
    record_view_log(request=request, client=client, page="Session note")
    objectives = [
        link.objective
        for link in note.objective_links.select_related("objective").order_by(
            "objective__target_date"
        )
    ]
    attendee = SessionAttendee.objects.filter(
        session_id=note.session_id, client_id=note.client_id
    ).first()
    confirmations = list(note.warning_confirmations.select_related("confirmed_by"))
    sign_refusal = None if note.is_signed else note_sign_refusal(request.user, note)
    context = {
        "client": client,
        "note": note,
        "session": note.session,
        "attendee": attendee,
        "objectives": [(o, measure_text(o)) for o in objectives],
        "signatures": Signature.for_object(note).select_related("signer"),
        "addenda": note.addenda.select_related("author"),
        "addendum_form": addendum_form or AddendumForm(),
        "can_cosign": note.is_signed
        and note.cosign_required
        and note.cosigned_at is None
        and can_cosign_note(request.user, note),
        "missing": services.missing_sections(note) + missing_visit(note)
        if not note.is_signed
        else [],
        "visit_lines": visit_lines(note),
        "processing_lines": processing_lines(note),
        "part_lines": []
        if note.is_signed
        else [line for part in note_parts(note.kind) for line in part.lines(note)],
        "sign_refusal": sign_refusal,
        "edit_refusal": None if note.is_signed else note_edit_refusal(request.user, note),
        "sign_form": None if note.is_signed or sign_refusal else _sign_form(note),
        "confirmations": _confirmations(note, confirmations),
        "history": _history(note, confirmations),
    }
    return render(request, "scheduling/notes/detail.html", context, status=status)


def _sign_form(note: ProgressNote) -> NoteSignForm:
    """The hash of the text as it will be signed: a group part quotes the shared part."""
    if note.kind == SessionKind.GROUP and note.group_note is None:
        note.group_note = GroupNote.objects.filter(session_id=note.session_id).first()
    return NoteSignForm(initial={"text_sha256": note_signing.note_shown_hash(note)})


def _confirmations(
    note: ProgressNote, rows: list[WarningConfirmation]
) -> list[tuple[WarningConfirmation, bool]]:
    """Each confirmation on the note, and whether it still holds for the text as it is."""
    if not rows:
        return []
    if note.is_signed:  # signed on the text they held for
        return [(row, True) for row in rows]
    warnings = services.note_warnings(session=note.session).get(note.pk, [])
    holding = {w.confirmation.pk for w in warnings if w.confirmation is not None}
    return [(row, row.pk in holding) for row in rows]


def _history(
    note: ProgressNote, confirmations: list[WarningConfirmation]
) -> list[tuple[Any, str, str]]:
    """The note's audit trail: named events and warning confirmations, oldest first."""
    events = AuditEvent.objects.filter(object_id=note.pk).select_related("actor")
    rows = [(e.at, e.actor.display_name if e.actor else "", e.summary) for e in events]
    rows += [
        (c.created_at, c.confirmed_by.display_name, f"Warning confirmed: {c.summary}")
        for c in confirmations
    ]
    return sorted(rows, key=lambda row: row[0])


def back_to_note(
    request: AuthedRequest, note: ProgressNote, error: ValidationError | None, done: str
) -> HttpResponse:
    """Back to the note's page, with the refusal or what was done."""
    if error is not None:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("scheduling:note_detail", note.pk)


@require_POST
@capability_required(CHART)
def note_sign(request: AuthedRequest, note_id: UUID) -> HttpResponse:
    note = note_for(request, note_id)
    form = NoteSignForm(request.POST)
    shown = form.cleaned_data["text_sha256"] if form.is_valid() else ""
    try:
        note_signing.note_sign(note=note, actor=request.user, shown_sha256=shown)
    except PermissionDenied as denied:
        return back_to_note(request, note, ValidationError(str(denied)), "")
    except ValidationError as error:
        return back_to_note(request, note, error, "")
    return back_to_note(request, note, None, "Note signed and locked.")


@require_POST
@capability_required(CHART)
def note_cosign(request: AuthedRequest, note_id: UUID) -> HttpResponse:
    note = note_for(request, note_id)
    try:
        note_signing.note_cosign(note=note, actor=request.user)
    except PermissionDenied as denied:
        return back_to_note(request, note, ValidationError(str(denied)), "")
    except ValidationError as error:
        return back_to_note(request, note, error, "")
    return back_to_note(request, note, None, "Note co-signed.")


@require_POST
@capability_required(CHART)
def addendum_add(request: AuthedRequest, note_id: UUID) -> HttpResponse:
    note = note_for(request, note_id)
    form = AddendumForm(request.POST)
    if form.is_valid():
        try:
            note_signing.addendum_add(note=note, text=form.cleaned_data["text"], actor=request.user)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return back_to_note(request, note, None, "Addendum signed and added to the note.")
    return _detail_page(request, note, addendum_form=form, status=400)


urlpatterns: list[URLPattern] = [
    path("notes/<uuid:note_id>/", note_detail, name="note_detail"),
    path("notes/<uuid:note_id>/sign/", note_sign, name="note_sign"),
    path("notes/<uuid:note_id>/cosign/", note_cosign, name="note_cosign"),
    path("notes/<uuid:note_id>/addenda/", addendum_add, name="addendum_add"),
]
