"""Charting sessions: the note page for individual/family/medication sessions, its drafts
saved as one types, and the fetching every note page shares. The forms are in ``note_forms``,
a note with its signatures and addenda in ``note_signing``, the unsigned notes list in
``notes_due``; the group notes page is in ``group_notes``, built on these.

Every page is scoped to the programs where the user charts (anything else is a 404) and
logs a record view for each client whose note it shows. Every form also posts without
JavaScript: a saved form redirects back, a refused one renders the page with the message.
"""

from __future__ import annotations

from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_http_methods

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.audit.services import record_view_log
from iop.clients.models import Client
from iop.http import AuthedRequest, form_add_service_errors, posted
from scheduling.access import get_attendee_for, get_note_for, get_session_for, note_edit_refusal
from scheduling.models import (
    NoteFormat,
    ProgressNote,
    ServiceCode,
    Session,
    SessionAttendee,
    SessionKind,
)
from scheduling.note_parts import note_parts
from scheduling.services import notes as services
from scheduling.services.note_processing import processing_modalities
from scheduling.services.notes import NoteEditConflict
from scheduling.views.note_forms import NoteForm, note_initial

CHART = permissions.CHART_SESSIONS


# ---------------------------------------------------------------- fetching, scoped by program


def session_for(request: AuthedRequest, session_id: UUID) -> Session:
    """The session, if the user charts in its program; else 404."""
    return get_session_for(request.user, session_id, CHART)


def attendee_for(request: AuthedRequest, attendee_id: UUID) -> SessionAttendee:
    """The attendee, if the user charts in the session's program; else 404."""
    return get_attendee_for(request.user, attendee_id, CHART)


def note_for(request: AuthedRequest, note_id: UUID) -> ProgressNote:
    """The note, if the user charts in its program; else 404."""
    return get_note_for(request.user, note_id, CHART)


def keep_for_merge(form: forms.Form, conflict: NoteEditConflict) -> None:
    """Keep every word typed; the next save starts from the revision now saved."""
    assert isinstance(form.data, QueryDict)
    data = form.data.copy()
    data[form.add_prefix("revision")] = str(conflict.current_revision)
    form.data = data
    form.add_error(None, services.CONFLICT)


def saved_sections(session: Session, attendee: SessionAttendee) -> list[tuple[str, str]]:
    """The sections of the client's note as saved now, to compare with what was typed."""
    note = ProgressNote.objects.filter(session=session, client_id=attendee.client_id).first()
    return [(label, text) for _k, label, _p, text in note.sections] if note else []


# ---------------------------------------------------------------- drafts saved as one types


def autosaving(request: AuthedRequest) -> bool:
    """The form's draft, posted by htmx a few seconds after a change (not the Save button)."""
    return bool(request.htmx) and request.POST.get("autosave") == "1"


def draft_status(
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


def draft_saved(
    request: AuthedRequest, session: Session, form: forms.Form, revision: int
) -> HttpResponse:
    """The answer to a draft saved: when, and the revision now saved."""
    at = session.program.now()
    return draft_status(
        request,
        session,
        f"Draft saved at {at:%H:%M}",
        revision_field=form["revision"],
        revision=revision,
    )


def draft_refused(
    request: AuthedRequest, session: Session, form: forms.Form, error: Exception
) -> HttpResponse:
    """The answer to a draft not saved: why, in the words of the refusal."""
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
    return draft_status(request, session, f"Not saved: {why}")


def nothing_typed(form: NoteForm) -> bool:
    """Whether a new note's form is still empty (no draft is written for it)."""
    return not any(v.strip() for v in form.body().values()) and not form.cleaned_data.get(
        "objectives"
    )


# ---------------------------------------------------------------- individual, family, medication


@require_http_methods(["GET", "POST"])
@capability_required(CHART)
def note_write(request: AuthedRequest, attendee_id: UUID) -> HttpResponse:
    attendee = attendee_for(request, attendee_id)
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
        if request.method == "POST" and autosaving(request):
            return draft_status(request, session, f"Not saved: {services.NOTE_LOCKED}")
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
    initial = note_initial(note, session)
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
    if request.method == "POST" and autosaving(request):
        return _note_autosave(request, attendee, note, form)
    saved_now: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            note = _note_save(request, attendee, form)
        except NoteEditConflict as conflict:
            keep_for_merge(form, conflict)
            saved_now = saved_sections(session, attendee)
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
        return draft_refused(request, session, form, ValueError())
    if note is None and nothing_typed(form):
        return draft_saved(request, session, form, 0)
    try:
        note = _note_save(request, attendee, form)
    except (NoteEditConflict, ValidationError) as error:
        return draft_refused(request, session, form, error)
    return draft_saved(request, session, form, note.revision)


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


urlpatterns: list[URLPattern] = [
    path("notes/attendees/<uuid:attendee_id>/", note_write, name="note_write"),
]
