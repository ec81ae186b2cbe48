"""Charting sessions: the group notes page (the shared part once, a card per attendee saved
inline with htmx), the note page for individual/family/medication sessions, a note with its
signatures and addenda, and the unsigned notes list.

Every page is scoped to the programs where the user charts (anything else is a 404) and
logs a record view for each client whose note it shows. Every form also posts without
JavaScript: a saved form redirects back, a refused one renders the page with the message.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.models import AuditEvent
from iop.audit.services import record_view_log, record_views_log
from iop.clients.models import Client
from iop.http import AuthedRequest, form_add_service_errors, posted
from iop.signatures.models import Signature
from scheduling.access import (
    can_cosign_note,
    charting_program_ids,
    cosigning_program_ids,
    get_attendee_for,
    get_note_for,
    get_session_for,
    note_edit_refusal,
    note_sign_refusal,
)
from scheduling.models import (
    FORMAT_SECTIONS,
    GroupNote,
    NoteFormat,
    ProgressNote,
    RiskScreen,
    ServiceCode,
    Session,
    SessionAttendee,
    SessionKind,
    WarningConfirmation,
)
from scheduling.note_parts import note_parts
from scheduling.services import note_signing, notes_due
from scheduling.services import notes as services
from scheduling.services.note_processing import (
    NoteProcessing,
    processing_lines,
    processing_modalities,
)
from scheduling.services.note_visit import (
    NoteVisit,
    booked_times,
    has_visit,
    missing_visit,
    visit_lines,
)
from scheduling.services.notes import NoteEditConflict
from treatment_plans.models import PlanObjective
from treatment_plans.wording import measure_text

CHART = permissions.CHART_SESSIONS


# ---------------------------------------------------------------- fetching, scoped by program


def _programs(request: AuthedRequest) -> set[Any]:
    return charting_program_ids(request.user)


def _session_for(request: AuthedRequest, session_id: UUID) -> Session:
    return get_session_for(request.user, session_id, CHART)


def _attendee_for(request: AuthedRequest, attendee_id: UUID) -> SessionAttendee:
    return get_attendee_for(request.user, attendee_id, CHART)


def _note_for(request: AuthedRequest, note_id: UUID) -> ProgressNote:
    return get_note_for(request.user, note_id, CHART)


def _keep_for_merge(form: forms.Form, conflict: NoteEditConflict) -> None:
    """Keep every word typed; the next save starts from the revision now saved."""
    assert isinstance(form.data, QueryDict)
    data = form.data.copy()
    data[form.add_prefix("revision")] = str(conflict.current_revision)
    form.data = data
    form.add_error(None, services.CONFLICT)


# ---------------------------------------------------------------- drafts saved as one types


def _autosaving(request: AuthedRequest) -> bool:
    """The form's draft, posted by htmx a few seconds after a change (not the Save button)."""
    return bool(request.htmx) and request.POST.get("autosave") == "1"


def _draft_status(
    request: AuthedRequest,
    session: Session,
    message: str,
    *,
    revision_field: forms.BoundField | None = None,
    revision: int | None = None,
) -> HttpResponse:
    """The small "Draft saved 9:41 PM" answer. A saved draft also carries the revision now
    saved (swapped into the form out of band, so the next save starts from it) and a header
    that tells the page's script nothing typed is left unsaved."""
    context = {"message": message, "revision_field": revision_field, "revision": revision}
    response = render(request, "scheduling/notes/_draft_status.html", context)
    if revision_field is not None:
        response["X-Draft-Saved"] = "1"
    return response


def _draft_saved(
    request: AuthedRequest, session: Session, form: forms.Form, revision: int
) -> HttpResponse:
    at = session.program.now()
    return _draft_status(
        request,
        session,
        f"Draft saved at {at:%H:%M}",
        revision_field=form["revision"],
        revision=revision,
    )


def _draft_refused(
    request: AuthedRequest, session: Session, form: forms.Form, error: Exception
) -> HttpResponse:
    if isinstance(error, NoteEditConflict):
        why = (
            "this note was saved elsewhere since you opened it (another window or device). "
            "Your text is still here: save the form to compare it with the saved version."
        )
    elif isinstance(error, ValidationError):
        why = " ".join(error.messages)
    else:
        why = "; ".join(
            f"{form[name].label}: {' '.join(map(str, errors))}"
            if name in form.fields
            else " ".join(map(str, errors))
            for name, errors in form.errors.items()
        )
    return _draft_status(request, session, f"Not saved: {why}")


def _nothing_typed(form: NoteForm) -> bool:
    return not any(v.strip() for v in form.body().values()) and not form.cleaned_data.get(
        "objectives"
    )


# ---------------------------------------------------------------- forms


class ObjectiveChoices(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


def _objective_label(objective: PlanObjective) -> str:
    return f"{objective.description.strip()} — {measure_text(objective)}"


class NoteForm(forms.Form):
    """A note's sections (from ``FORMAT_SECTIONS``), the objectives it addressed, the revision."""

    # 0 for a note not written yet; otherwise the revision shown when the form was opened.
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self,
        *args: Any,
        note_format: str,
        objectives: list[PlanObjective],
        service_codes: list[ServiceCode] | None = None,
        modalities: list[tuple[str, str]] | None = None,
        part_fields: dict[str, dict[str, forms.Field]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # Fields of the parts registered for this kind of session (scheduling.note_parts).
        self.part_names = {key: list(fields) for key, fields in (part_fields or {}).items()}
        for key, label, prompt in FORMAT_SECTIONS[note_format]:
            self.fields[key] = forms.CharField(
                label=label,
                help_text=prompt,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        self.fields["objectives"] = ObjectiveChoices(
            label="Plan objectives addressed",
            required=False,
            choices=[(str(o.pk), _objective_label(o)) for o in objectives],
        )
        self.section_keys = [key for key, _l, _p in FORMAT_SECTIONS[note_format]]
        self.has_visit = service_codes is not None
        if service_codes is not None:
            self.fields.update(_visit_fields(service_codes))
        # Only when the client's active plan has a trauma-processing intervention.
        self.has_processing = bool(modalities)
        if modalities:
            self.fields.update(_processing_fields(modalities))
        for fields in (part_fields or {}).values():
            self.fields.update(fields)

    def parts(self) -> dict[str, dict[str, Any]]:
        return {
            key: {name: self.cleaned_data.get(name) for name in names}
            for key, names in self.part_names.items()
        }

    def part_field_list(self, key: str) -> list[forms.BoundField]:
        return [self[name] for name in self.part_names.get(key, [])]

    def processing(self) -> NoteProcessing | None:
        if not self.has_processing:
            return None
        data = self.cleaned_data
        return NoteProcessing(
            modality=data.get("processing_modality", ""),
            target=data.get("processing_target", ""),
            suds_start=data.get("suds_start"),
            suds_end=data.get("suds_end"),
            voc_end=data.get("voc_end"),
        )

    def processing_field_list(self) -> list[forms.BoundField]:
        names = ("processing_modality", "processing_target", "suds_start", "suds_end", "voc_end")
        return [self[name] for name in names] if self.has_processing else []

    def visit(self) -> NoteVisit | None:
        if not self.has_visit:
            return None
        data = self.cleaned_data
        return NoteVisit(
            start=data.get("start"),
            stop=data.get("stop"),
            service_code_id=data.get("service_code") or None,
            risk_screen=data.get("risk_screen", ""),
            risk_action=data.get("risk_action", ""),
        )

    def visit_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("start", "stop", "service_code")] if self.has_visit else []

    def body(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key, "") for key in self.section_keys}

    def section_fields(self) -> list[forms.BoundField]:
        return [self[key] for key in self.section_keys]


def _visit_fields(service_codes: list[ServiceCode]) -> dict[str, forms.Field]:
    time = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    return {
        "start": forms.TimeField(
            label="Start time", required=False, widget=time, help_text="When the service began."
        ),
        "stop": forms.TimeField(
            label="Stop time", required=False, widget=time, help_text="When it ended."
        ),
        "service_code": forms.ChoiceField(
            label="Service",
            required=False,
            choices=[("", "Choose the service")]
            + [(str(c.pk), f"{c.code} · {c.label}") for c in service_codes],
            help_text="From the program's list of service codes.",
        ),
        "risk_screen": forms.ChoiceField(
            label="Risk screen",
            required=False,
            choices=RiskScreen.choices,
            widget=forms.RadioSelect,
            help_text="Suicide, self-harm, harm to others, or safety at home, asked this session.",
        ),
        "risk_action": forms.CharField(
            label="What was done",
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text="Needed when risk is present: e.g. safety plan reviewed, supervisor told.",
        ),
    }


def _processing_fields(modalities: list[tuple[str, str]]) -> dict[str, forms.Field]:
    def score(label: str, low: int, high: int, help_text: str) -> forms.IntegerField:
        # Range checked by the service, with the clinic's message; the browser hints it.
        widget = forms.NumberInput(attrs={"min": low, "max": high, "inputmode": "numeric"})
        return forms.IntegerField(label=label, required=False, widget=widget, help_text=help_text)

    return {
        "processing_modality": forms.ChoiceField(
            label="Trauma processing",
            required=False,
            choices=[("", "Not a processing session"), *modalities],
            help_text="From the processing therapies on the treatment plan.",
        ),
        "processing_target": forms.CharField(
            label="Target (EMDR)",
            required=False,
            max_length=200,
            help_text="A short, neutral label, e.g. 'memory 2'. No details of what happened.",
        ),
        "suds_start": score("SUDS at the start", 0, 10, "Distress, 0 (none) to 10 (the most)."),
        "suds_end": score("SUDS at the end", 0, 10, "Distress when the session closed."),
        "voc_end": score("VOC at the end (EMDR)", 1, 7, "Validity of cognition, 1 to 7."),
    }


def _note_initial(note: ProgressNote | None, session: Session | None = None) -> dict[str, Any]:
    initial: dict[str, Any] = {"revision": 0}
    if session is not None and has_visit(session.kind):
        initial.update(_visit_initial(note, session))
    if note is None:
        return initial
    initial.update(
        processing_modality=note.processing_modality,
        processing_target=note.processing_target,
        suds_start=note.suds_start,
        suds_end=note.suds_end,
        voc_end=note.voc_end,
    )
    chosen = [str(link.objective_id) for link in note.objective_links.all()]
    return {**initial, "revision": note.revision, "objectives": chosen, **note.body}


def _visit_initial(note: ProgressNote | None, session: Session) -> dict[str, Any]:
    """What the note holds, else the booked times: most sessions run as booked."""
    start, stop = booked_times(session)
    if note is None:
        return {"start": start, "stop": stop}
    if note.service_started_at and note.service_ended_at:
        start = session.program.local(note.service_started_at).time()
        stop = session.program.local(note.service_ended_at).time()
    return {
        "start": start,
        "stop": stop,
        "service_code": str(note.service_code_id or ""),
        "risk_screen": note.risk_screen,
        "risk_action": note.risk_action,
    }


class NoteSignForm(forms.Form):
    # The hash of the note's text on the screen: signing refuses if it changed meanwhile.
    text_sha256 = forms.CharField(widget=forms.HiddenInput)


class AddendumForm(forms.Form):
    text = forms.CharField(
        label="Addendum",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Signed as soon as you add it. The note itself stays as it was signed.",
    )


def _saved_sections(session: Session, attendee: SessionAttendee) -> list[tuple[str, str]]:
    note = ProgressNote.objects.filter(session=session, client_id=attendee.client_id).first()
    return [(label, text) for _k, label, _p, text in note.sections] if note else []


# ---------------------------------------------------------------- individual, family, medication


@require_http_methods(["GET", "POST"])
@capability_required(CHART)
def note_write(request: AuthedRequest, attendee_id: UUID) -> HttpResponse:
    attendee = _attendee_for(request, attendee_id)
    session = attendee.session
    if session.kind == SessionKind.GROUP:
        url = reverse("scheduling:session_notes", args=[session.pk])
        return redirect(f"{url}#card-{attendee.pk}")
    note = (
        ProgressNote.objects.filter(session=session, client_id=attendee.client_id)
        .prefetch_related("objective_links")
        .first()
    )
    if note is not None and note.is_signed:
        if request.method == "POST" and _autosaving(request):
            return _draft_status(request, session, f"Not saved: {services.NOTE_LOCKED}")
        if request.method == "POST":
            messages.error(request, services.NOTE_LOCKED)
        return redirect("scheduling:note_detail", note.pk)
    if note is not None and (refusal := note_edit_refusal(request.user, note)):
        if request.method == "POST":
            messages.error(request, refusal)
        return redirect("scheduling:note_detail", note.pk)
    objectives = services.plan_objectives(episode_ids=[attendee.episode_id]).get(
        attendee.episode_id, []
    )
    note_format = note.format if note else session.program.note_format
    codes = ServiceCode.objects.for_note(program_id=session.program_id, kind=session.kind)
    individual = session.kind == SessionKind.INDIVIDUAL
    parts = note_parts(session.kind)
    initial = _note_initial(note, session)
    for part in parts:
        initial.update(part.initial(note, session))
    form = NoteForm(
        posted(request),
        note_format=note_format,
        objectives=objectives,
        service_codes=list(codes),
        modalities=processing_modalities(attendee.episode_id) if individual else None,
        part_fields={part.key: part.fields(note, session) for part in parts},
        initial=initial,
    )
    if request.method == "POST" and _autosaving(request):
        return _note_autosave(request, attendee, note, form)
    saved_now: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            note = _note_save(request, attendee, form)
        except NoteEditConflict as conflict:
            _keep_for_merge(form, conflict)
            saved_now = _saved_sections(session, attendee)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Note saved. Sign it when it is complete.")
            return redirect("scheduling:note_detail", note.pk)
    return _note_form_page(request, attendee, note, form, note_format, saved_now)


def _note_save(request: AuthedRequest, attendee: SessionAttendee, form: NoteForm) -> ProgressNote:
    """The one call both the Save button and the draft autosave make."""
    return services.note_save(
        session=attendee.session,
        episode=attendee.episode,
        body=form.body(),
        objective_ids=form.cleaned_data["objectives"],
        actor=request.user,
        revision=form.cleaned_data["revision"],
        visit=form.visit(),
        processing=form.processing(),
        parts=form.parts(),
    )


def _note_autosave(
    request: AuthedRequest, attendee: SessionAttendee, note: ProgressNote | None, form: NoteForm
) -> HttpResponse:
    session = attendee.session
    if not form.is_valid():
        return _draft_refused(request, session, form, ValueError())
    if note is None and _nothing_typed(form):
        return _draft_saved(request, session, form, 0)
    try:
        note = _note_save(request, attendee, form)
    except (NoteEditConflict, ValidationError) as error:
        return _draft_refused(request, session, form, error)
    return _draft_saved(request, session, form, note.revision)


def _note_form_page(
    request: AuthedRequest,
    attendee: SessionAttendee,
    note: ProgressNote | None,
    form: NoteForm,
    note_format: str,
    saved_now: list[tuple[str, str]],
) -> HttpResponse:
    client = Client.objects.with_chart_header().get(pk=attendee.client_id)
    record_view_log(request=request, client=client, page="Session note")
    session = attendee.session
    refusal = services.attendance_refusal(attendee)
    if not refusal and session.is_cancelled:
        refusal = "This session was cancelled: there is nothing to chart."
    if not refusal and not services.session_started(session):
        refusal = "This session has not started yet: notes are written after it."
    context = {
        "client": client,
        "session": session,
        "attendee": attendee,
        "note": note,
        "form": form,
        "format_label": NoteFormat(note_format).label,
        "refusal": refusal,
        "saved_now": saved_now,
        "note_parts": [
            (part, form.part_field_list(part.key), part.context(note, session))
            for part in note_parts(session.kind)
        ],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "scheduling/notes/note_form.html", context, status=status)


# ---------------------------------------------------------------- a note, signing, addenda


@require_GET
@capability_required(CHART)
def note_detail(request: AuthedRequest, note_id: UUID) -> HttpResponse:
    note = _note_for(request, note_id)
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


def _back_to_note(
    request: AuthedRequest, note: ProgressNote, error: ValidationError | None, done: str
) -> HttpResponse:
    if error is not None:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("scheduling:note_detail", note.pk)


@require_POST
@capability_required(CHART)
def note_sign(request: AuthedRequest, note_id: UUID) -> HttpResponse:
    note = _note_for(request, note_id)
    form = NoteSignForm(request.POST)
    shown = form.cleaned_data["text_sha256"] if form.is_valid() else ""
    try:
        note_signing.note_sign(note=note, actor=request.user, shown_sha256=shown)
    except PermissionDenied as denied:
        return _back_to_note(request, note, ValidationError(str(denied)), "")
    except ValidationError as error:
        return _back_to_note(request, note, error, "")
    return _back_to_note(request, note, None, "Note signed and locked.")


@require_POST
@capability_required(CHART)
def note_cosign(request: AuthedRequest, note_id: UUID) -> HttpResponse:
    note = _note_for(request, note_id)
    try:
        note_signing.note_cosign(note=note, actor=request.user)
    except PermissionDenied as denied:
        return _back_to_note(request, note, ValidationError(str(denied)), "")
    except ValidationError as error:
        return _back_to_note(request, note, error, "")
    return _back_to_note(request, note, None, "Note co-signed.")


@require_POST
@capability_required(CHART)
def addendum_add(request: AuthedRequest, note_id: UUID) -> HttpResponse:
    note = _note_for(request, note_id)
    form = AddendumForm(request.POST)
    if form.is_valid():
        try:
            note_signing.addendum_add(note=note, text=form.cleaned_data["text"], actor=request.user)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return _back_to_note(request, note, None, "Addendum signed and added to the note.")
    return _detail_page(request, note, addendum_form=form, status=400)


# ---------------------------------------------------------------- what is left to do


@require_GET
@capability_required(CHART)
def notes_unsigned(request: AuthedRequest) -> HttpResponse:
    """Mine for clinicians; the whole program for its directors."""
    charting = _programs(request)
    directing = cosigning_program_ids(request.user) & charting
    rows = notes_due.notes_unsigned(program_ids=directing) if directing else []
    if charting - directing:
        rows += notes_due.notes_unsigned(program_ids=charting - directing, author=request.user)
    rows.sort(key=lambda row: row.age, reverse=True)
    to_cosign = notes_due.notes_awaiting_cosign(user=request.user, program_ids=charting)
    # Sessions still to write are named by group or kind, never by client.
    shown = [row.note.client for row in rows] + [note.client for note in to_cosign]
    record_views_log(request=request, clients=shown, page="Unsigned notes")
    context = {
        "rows": rows,
        "whole_program": bool(directing),
        "late_count": sum(1 for row in rows if row.late),
        "to_write": notes_due.notes_to_write(user=request.user, program_ids=charting),
        "to_cosign": to_cosign,
    }
    return render(request, "scheduling/notes/unsigned.html", context)


urlpatterns: list[URLPattern] = [
    path("notes/attendees/<uuid:attendee_id>/", note_write, name="note_write"),
    path("notes/unsigned/", notes_unsigned, name="notes_unsigned"),
    path("notes/<uuid:note_id>/", note_detail, name="note_detail"),
    path("notes/<uuid:note_id>/sign/", note_sign, name="note_sign"),
    path("notes/<uuid:note_id>/cosign/", note_cosign, name="note_cosign"),
    path("notes/<uuid:note_id>/addenda/", addendum_add, name="addendum_add"),
]
