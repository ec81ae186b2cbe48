"""Charting group sessions: the group notes page (the shared part once, a card per attendee
saved inline with htmx), "Sign all", and confirming a warning a part raised.

Group charting stays in scheduling, which owns group sessions (docs/architecture.md). Like
every charting page it is scoped to the programs where the user charts (anything else is a
404), logs a record view for each client shown, and also posts without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_GET, require_POST

from intake.services.alerts import safety_attach
from iop.accounts.decorators import capability_required
from iop.audit.services import record_views_log
from iop.http import AuthedRequest, form_add_service_errors
from scheduling.access import note_edit_refusal, note_sign_refusal, session_facilitator_ids
from scheduling.models import (
    ATTENDED,
    GroupNote,
    NoteFormat,
    ProgressNote,
    Session,
    SessionAttendee,
    SessionKind,
    WarningConfirmation,
)
from scheduling.services import group_notes, note_signing, note_warnings
from scheduling.services import notes as services
from scheduling.services.note_warnings import NoteWarning
from scheduling.services.notes import NoteEditConflict
from scheduling.views.note_forms import NoteForm, note_initial
from scheduling.views.note_signing import back_to_note
from scheduling.views.notes import (
    CHART,
    attendee_for,
    autosaving,
    draft_refused,
    draft_saved,
    draft_status,
    keep_for_merge,
    note_for,
    nothing_typed,
    saved_sections,
    session_for,
)
from treatment_plans.models import PlanObjective


class SharedPartForm(forms.Form):
    topic = forms.CharField(max_length=160, help_text="Prefilled from the group's curriculum.")
    interventions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the facilitators did, e.g. psychoeducation, skills rehearsal, role-play.",
    )
    duration_minutes = forms.IntegerField(label="Duration (minutes)", min_value=1)
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


@dataclass
class Card:
    """One attendee on the group notes page."""

    attendee: SessionAttendee
    note: ProgressNote | None = None
    objectives: list[PlanObjective] = field(default_factory=list)
    form: NoteForm | None = None
    warnings: list[NoteWarning] = field(default_factory=list)
    flash: str = ""
    saved_now: list[tuple[str, str]] = field(default_factory=list)  # shown after a conflict
    edit_refusal: str | None = None  # another clinician's draft: theirs to change
    sign_refusal: str | None = None  # theirs (or the session's facilitators') to sign
    shown_hash: str = ""  # the hash "Sign all" posts back for this part

    @property
    def attended(self) -> bool:
        return self.attendee.attendance in ATTENDED

    @property
    def attendance_label(self) -> str:
        return self.attendee.get_attendance_display() or "Attendance not taken"

    @property
    def open_warnings(self) -> list[NoteWarning]:
        return [w for w in self.warnings if w.is_open]

    @property
    def unsigned(self) -> bool:
        return bool(self.note and not self.note.is_signed)

    @property
    def held(self) -> bool:
        """Written, unsigned, with an open warning: "Sign all" leaves it out."""
        return self.unsigned and bool(self.open_warnings)


def _sign_lists(cards: list[Card]) -> dict[str, list[Card]]:
    """The sign bar: parts ready for this user to sign, held back, others' to sign, unwritten."""
    attended = [c for c in cards if c.attended]
    mine = [c for c in attended if c.unsigned and c.sign_refusal is None]
    return {
        "held": [c for c in mine if c.held],
        "ready": [c for c in mine if not c.held],
        "not_theirs": [c for c in attended if c.unsigned and c.sign_refusal is not None],
        "unwritten": [c for c in attended if not c.note],
    }


def _part_form(card: Card, data: QueryDict | None = None) -> NoteForm:
    return NoteForm(
        data,
        prefix=f"part-{card.attendee.pk}",
        note_format=NoteFormat.GROUP,
        objectives=card.objectives,
        initial=note_initial(card.note),
    )


def _cards(session: Session, user: Any) -> list[Card]:
    """Every attendee with their note, objectives, warnings and what ``user`` may do with it,
    in a fixed number of queries."""
    attendees = list(
        SessionAttendee.objects.expected()
        .filter(session=session)
        .select_related("client", "episode")
    )
    notes = list(
        ProgressNote.objects.filter(session=session)
        .select_related("client", "author")
        .prefetch_related("objective_links__objective")
    )
    by_client = {note.client_id: note for note in notes}
    safety_attach(a.client for a in attendees)
    objectives = services.plan_objectives(episode_ids=[a.episode_id for a in attendees])
    confirmations = WarningConfirmation.objects.filter(note__session=session).select_related(
        "confirmed_by"
    )
    warnings = services.warnings_for(notes, attendees, confirmations)
    writable = services.session_started(session) and not session.is_cancelled
    shared = GroupNote.objects.filter(session=session).first()
    facilitators = session_facilitator_ids(session.pk)
    cards = []
    for attendee in attendees:
        note = by_client.get(attendee.client_id)
        card = Card(attendee, note, objectives.get(attendee.episode_id, []))
        card.warnings = warnings.get(note.pk, []) if note else []
        if note is not None and not note.is_signed:
            _card_permissions(card, session, user, facilitators, shared)
        if writable and card.attended and not (note and note.is_signed) and not card.edit_refusal:
            card.form = _part_form(card)
        cards.append(card)
    return cards


def _card_permissions(
    card: Card, session: Session, user: Any, facilitators: set[Any], shared: GroupNote | None
) -> None:
    """Whose draft it is, and the hash of its text as "Sign all" would sign it."""
    note = card.note
    assert note is not None
    card.edit_refusal = note_edit_refusal(user, note)
    card.sign_refusal = note_sign_refusal(user, note, facilitators)
    if card.sign_refusal is None and shared is not None:
        note.session, note.group_note = session, shared
        linked = [link.objective for link in note.objective_links.all()]
        card.shown_hash = note_signing.note_shown_hash(
            note, attendee=card.attendee, objectives=linked
        )


def _group_context(
    request: AuthedRequest, session: Session, cards: list[Card], **extra: Any
) -> dict[str, Any]:
    shared = GroupNote.objects.filter(session=session).first()
    return {
        "session": session,
        "shared": shared,
        "shared_form": extra.pop("shared_form", None) or _shared_form(session, shared),
        "shared_locked": any(c.note and c.note.is_signed for c in cards),
        "cards": [c for c in cards if c.attended],
        "absent": [c for c in cards if not c.attended],
        "started": services.session_started(session),
        **_sign_lists(cards),
        **extra,
    }


def _shared_form(
    session: Session, shared: GroupNote | None, data: QueryDict | None = None
) -> SharedPartForm:
    initial: dict[str, Any]
    if shared is None:
        initial = {**group_notes.group_note_initial(session), "revision": 0}
    else:
        initial = {
            "topic": shared.topic,
            "interventions": shared.interventions,
            "duration_minutes": shared.duration_minutes,
            "revision": shared.revision,
        }
    return SharedPartForm(data, prefix="shared", initial=initial)


def _group_page(
    request: AuthedRequest,
    session: Session,
    cards: list[Card] | None = None,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    cards = cards if cards is not None else _cards(session, request.user)
    record_views_log(
        request=request, clients=[c.attendee.client for c in cards], page="Group notes"
    )
    context = _group_context(request, session, cards, **extra)
    return render(request, "scheduling/notes/group.html", context, status=status)


def _group_session_for(request: AuthedRequest, session_id: UUID) -> Session:
    session = session_for(request, session_id)
    if session.kind != SessionKind.GROUP:
        raise Http404("Not a group session.")
    return session


@require_GET
@capability_required(CHART)
def session_notes(request: AuthedRequest, session_id: UUID) -> HttpResponse:
    """The place to chart a session: the group page, or the one client's note page."""
    session = session_for(request, session_id)
    if session.kind == SessionKind.GROUP:
        return _group_page(request, session)
    attendee = session.attendees.expected().first()
    if attendee is None:
        messages.error(request, "Nobody is booked for this session, so there is no note.")
        return redirect("scheduling:notes_unsigned")
    return redirect("scheduling:note_write", attendee.pk)


@require_POST
@capability_required(CHART)
def group_note_save(request: AuthedRequest, session_id: UUID) -> HttpResponse:
    session = _group_session_for(request, session_id)
    shared = GroupNote.objects.filter(session=session).first()
    form = _shared_form(session, shared, request.POST)
    if autosaving(request):
        return _shared_autosave(request, session, form)
    if form.is_valid():
        data = form.cleaned_data
        try:
            shared = group_notes.group_note_save(session=session, actor=request.user, **data)
        except NoteEditConflict as conflict:
            keep_for_merge(form, conflict)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return _shared_saved(request, session, shared)
    if request.htmx:
        context = {"session": session, "shared": shared, "shared_form": form, "started": True}
        return render(request, "scheduling/notes/group.html#shared-part", context)
    return _group_page(request, session, status=400, shared_form=form)


def _shared_autosave(
    request: AuthedRequest, session: Session, form: SharedPartForm
) -> HttpResponse:
    if not form.is_valid():
        return draft_refused(request, session, form, ValueError())
    try:
        shared = group_notes.group_note_save(
            session=session, actor=request.user, **form.cleaned_data
        )
    except (NoteEditConflict, ValidationError) as error:
        return draft_refused(request, session, form, error)
    return draft_saved(request, session, form, shared.revision)


def _shared_saved(request: AuthedRequest, session: Session, shared: GroupNote) -> HttpResponse:
    message = "Shared part saved."
    if request.htmx:
        context = {
            "session": session,
            "shared": shared,
            "shared_form": _shared_form(session, shared),
            "started": True,
            "shared_flash": message,
        }
        return render(request, "scheduling/notes/group.html#shared-part", context)
    messages.success(request, message)
    return redirect(reverse("scheduling:session_notes", args=[session.pk]) + "#shared-part")


@require_POST
@capability_required(CHART)
def group_part_save(request: AuthedRequest, attendee_id: UUID) -> HttpResponse:
    attendee = attendee_for(request, attendee_id)
    session = attendee.session
    if session.kind != SessionKind.GROUP:
        return redirect("scheduling:note_write", attendee.pk)
    cards = _cards(session, request.user)
    card = next((c for c in cards if c.attendee.pk == attendee.pk), None)
    if card is None or card.form is None:
        if autosaving(request):
            refusal = _part_refusal(session, attendee, card)
            return draft_status(request, session, f"Not saved: {refusal}")
        return _part_refused(request, session, cards, attendee)
    form = card.form = _part_form(card, request.POST)
    if autosaving(request):
        return _part_autosave(request, card, form)
    if form.is_valid():
        try:
            group_notes.group_part_save(
                attendee=attendee,
                body=form.body(),
                objective_ids=form.cleaned_data["objectives"],
                actor=request.user,
                revision=form.cleaned_data["revision"],
            )
        except NoteEditConflict as conflict:
            keep_for_merge(form, conflict)
            card.saved_now = saved_sections(session, attendee)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return _part_saved(request, session, attendee)
    return _card_response(request, session, cards, card, status=400)


def _part_autosave(request: AuthedRequest, card: Card, form: NoteForm) -> HttpResponse:
    session = card.attendee.session
    if not form.is_valid():
        return draft_refused(request, session, form, ValueError())
    if card.note is None and nothing_typed(form):
        return draft_saved(request, session, form, 0)
    try:
        note = group_notes.group_part_save(
            attendee=card.attendee,
            body=form.body(),
            objective_ids=form.cleaned_data["objectives"],
            actor=request.user,
            revision=form.cleaned_data["revision"],
        )
    except (NoteEditConflict, ValidationError) as error:
        return draft_refused(request, session, form, error)
    return draft_saved(request, session, form, note.revision)


def _part_refusal(session: Session, attendee: SessionAttendee, card: Card | None = None) -> str:
    note = ProgressNote.objects.filter(session=session, client_id=attendee.client_id).first()
    return (
        services.attendance_refusal(attendee)
        or (services.NOTE_LOCKED if note and note.is_signed else None)
        or (card.edit_refusal if card else None)
        or "This part cannot be written."
    )


def _part_refused(
    request: AuthedRequest, session: Session, cards: list[Card], attendee: SessionAttendee
) -> HttpResponse:
    """Absent, removed, or already signed: say so, change nothing."""
    card = next((c for c in cards if c.attendee.pk == attendee.pk), None)
    refusal = _part_refusal(session, attendee, card)
    if request.htmx and card is not None:
        card.flash = refusal
        return _card_response(request, session, cards, card, status=200, error=True)
    messages.error(request, refusal)
    return redirect("scheduling:session_notes", session.pk)


def _part_saved(
    request: AuthedRequest, session: Session, attendee: SessionAttendee
) -> HttpResponse:
    message = f"{attendee.client.display_name}'s part saved."
    if not request.htmx:
        messages.success(request, message)
        url = reverse("scheduling:session_notes", args=[session.pk])
        return redirect(f"{url}#card-{attendee.pk}")
    cards = _cards(session, request.user)  # fresh: revisions, and everyone's warnings recomputed
    card = next(c for c in cards if c.attendee.pk == attendee.pk)
    card.flash = message
    return _card_response(request, session, cards, card)


def _card_response(
    request: AuthedRequest,
    session: Session,
    cards: list[Card],
    card: Card,
    status: int = 200,
    error: bool = False,
) -> HttpResponse:
    """htmx: the card, plus the other cards' warnings out of band. Else the whole page."""
    if not request.htmx:
        return _group_page(request, session, cards, status=status)
    record_views_log(request=request, clients=[card.attendee.client], page="Group notes")
    others = [c for c in cards if c.attended and c.attendee.pk != card.attendee.pk]
    context = {
        "session": session,
        "card": card,
        "others": others,
        "flash_error": error,
        **_sign_lists(cards),
    }
    # htmx swaps only 2xx answers, so field errors come back as 200 in the fragment.
    return render(request, "scheduling/notes/group.html#card-saved", context)


@require_POST
@capability_required(CHART)
def group_notes_sign(request: AuthedRequest, session_id: UUID) -> HttpResponse:
    session = _group_session_for(request, session_id)
    shown = dict(
        value.split(":", 1) for value in request.POST.getlist("shown") if value.count(":") == 1
    )
    try:
        result = group_notes.group_notes_sign(session=session, actor=request.user, shown=shown)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _signing_messages(request, result)
    url = reverse("scheduling:session_notes", args=[session.pk])
    return redirect(f"{url}#sign-bar")


def _signing_messages(request: AuthedRequest, result: group_notes.GroupSigning) -> None:
    count, held, others = len(result.signed), len(result.held), len(result.not_theirs)
    if not count and not held and others:
        messages.error(request, f"No note was signed: {_not_theirs_text(result.not_theirs)}")
        return
    if others:
        messages.info(request, f"Left unsigned: {_not_theirs_text(result.not_theirs)}")
    if count:
        messages.success(
            request, f"Signed {count} note{'s' if count != 1 else ''}, each in its client's chart."
        )
    if held:
        names = ", ".join(h.note.client.display_name for h in result.held)
        messages.error(
            request,
            f"{'No note was signed: ' if not count else ''}{held} note{'s' if held != 1 else ''} "
            f"held back because of a warning ({names}). The reasons are listed under "
            "“Sign the group's notes”.",
        )


def _not_theirs_text(notes: list[ProgressNote]) -> str:
    writers = sorted({n.author.display_name for n in notes})
    return (
        f"{len(notes)} note{'s' if len(notes) != 1 else ''} written by "
        f"{' and '.join(writers)}, who sign{'s' if len(writers) == 1 else ''} them."
    )


class ConfirmWarningForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(required=False, max_length=500)


@require_POST
@capability_required(CHART)
def note_warning_confirm(request: AuthedRequest, note_id: UUID) -> HttpResponse:
    """A clinician confirms one warning on one note does not apply (a reason for near-identical
    text); recorded with the note, and holding only while the text stays as it is."""
    note = note_for(request, note_id)
    form = ConfirmWarningForm(request.POST)
    if not form.is_valid():
        raise Http404("No such warning.")
    key = form.cleaned_data["key"]
    try:
        note_warnings.note_warning_confirm(
            note=note, key=key, reason=form.cleaned_data["reason"], actor=request.user
        )
    except ValidationError as error:
        return _confirm_refused(request, note, key, error)
    messages.success(request, f"Confirmation recorded with {note.client.display_name}'s note.")
    return redirect(_note_place(note))


def _note_place(note: ProgressNote) -> str:
    if note.kind != SessionKind.GROUP:
        return reverse("scheduling:note_detail", args=[note.pk])
    attendee = SessionAttendee.objects.filter(session_id=note.session_id, client_id=note.client_id)
    anchor = f"#card-{attendee.values_list('pk', flat=True).first()}"
    return reverse("scheduling:session_notes", args=[note.session_id]) + anchor


def _confirm_refused(
    request: AuthedRequest, note: ProgressNote, key: str, error: ValidationError
) -> HttpResponse:
    if note.kind != SessionKind.GROUP:
        return back_to_note(request, note, error, "")
    session = _group_session_for(request, note.session_id)
    cards = _cards(session, request.user)
    found = [w for c in cards if c.note and c.note.pk == note.pk for w in c.warnings]
    warning = next((w for w in found if w.key == key), None)
    if warning is None:  # the text changed meanwhile: say so at the top
        messages.error(request, " ".join(error.messages))
    else:
        warning.error = " ".join(error.messages)
    return _group_page(request, session, cards, status=400)


urlpatterns: list[URLPattern] = [
    path("sessions/<uuid:session_id>/notes/", session_notes, name="session_notes"),
    path("sessions/<uuid:session_id>/notes/shared/", group_note_save, name="group_note_save"),
    path("sessions/<uuid:session_id>/notes/sign/", group_notes_sign, name="group_notes_sign"),
    path("notes/attendees/<uuid:attendee_id>/part/", group_part_save, name="group_part_save"),
    path(
        "notes/<uuid:note_id>/warnings/confirm/",
        note_warning_confirm,
        name="note_warning_confirm",
    ),
]
