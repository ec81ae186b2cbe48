"""The family part of a family session's note (scheduling.note_parts): who of the client's
people attended, the focus of the session, and (for formats without an intervention
section) the interventions used. Stored in ``FamilyNoteDetail``; who attended is read from
the guests' attendance, recorded on the session page. Both are quoted in the signed text
and fixed by the database once the note is signed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from family.models import FamilyFocus, FamilyNoteDetail, FamilySessionGuest, GuestAttendance
from scheduling.models import FORMAT_SECTIONS, SessionKind
from scheduling.note_parts import NotePart, register_note_part

NOBODY_ATTENDED = (
    "Record which family members attended (on the session page) before signing: a family "
    "session with no family member present is charted as an individual session."
)
NO_FOCUS = "Choose the focus of the family session before signing."
NO_INTERVENTIONS = "Write the interventions used with the family before signing."


def _has_intervention_section(note_format: str) -> bool:
    return any(key == "intervention" for key, _l, _p in FORMAT_SECTIONS[note_format])


def _format(note: Any, session: Any) -> str:
    return note.format if note is not None else session.program.note_format


def _detail(note: Any) -> FamilyNoteDetail | None:
    if note is None or note.pk is None:
        return None
    try:
        return note.family_detail  # type: ignore[no-any-return]
    except FamilyNoteDetail.DoesNotExist:
        return None


def _guests(session_id: Any) -> list[FamilySessionGuest]:
    return list(
        FamilySessionGuest.objects.filter(session_id=session_id, removed_at__isnull=True)
        .select_related("client_person__person")
        .order_by("client_person__person__last_name", "client_person__person__first_name")
    )


def _name(guest: FamilySessionGuest) -> str:
    link = guest.client_person
    return f"{link.person.full_name} ({link.relationship_label.lower()})"


def part_fields(note: Any, session: Any) -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {
        "family_focus": forms.MultipleChoiceField(
            label="Focus of the session",
            choices=FamilyFocus.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
    }
    if not _has_intervention_section(_format(note, session)):
        fields["family_interventions"] = forms.CharField(
            label="Interventions with the family",
            help_text="E.g. communication skills practice, psychoeducation on trauma responses.",
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
    return fields


def part_initial(note: Any, session: Any) -> dict[str, Any]:
    detail = _detail(note)
    if detail is None:
        return {}
    return {"family_focus": list(detail.focus), "family_interventions": detail.interventions}


def part_context(note: Any, session: Any) -> dict[str, Any]:
    guests = _guests(session.pk)
    return {
        "attended": [_name(g) for g in guests if g.attendance == GuestAttendance.ATTENDED],
        "absent": [_name(g) for g in guests if g.attendance == GuestAttendance.ABSENT],
        "unrecorded": [_name(g) for g in guests if not g.attendance],
    }


def part_save(note: Any, data: dict[str, Any], actor: Any) -> None:
    focus = [f for f in (data.get("family_focus") or []) if f]
    if set(focus) - set(FamilyFocus.values):
        raise ValidationError({"family_focus": "Choose the focus from the list."})
    interventions = str(data.get("family_interventions") or "").strip()
    detail = FamilyNoteDetail.objects.select_for_update().filter(note=note).first()
    if detail is None:
        FamilyNoteDetail.objects.create(
            note=note, focus=focus, interventions=interventions, created_by=actor
        )
    elif detail.focus != focus or detail.interventions != interventions:
        detail.focus, detail.interventions = focus, interventions
        detail.save(update_fields=["focus", "interventions", "updated_at"])


def part_sign_refusal(note: Any) -> str | None:
    guests = _guests(note.session_id)
    if not any(g.attendance == GuestAttendance.ATTENDED for g in guests):
        return NOBODY_ATTENDED
    detail = _detail(note)
    if detail is None or not detail.focus:
        return NO_FOCUS
    if not _has_intervention_section(note.format) and not detail.interventions.strip():
        return NO_INTERVENTIONS
    return None


def part_lines(note: Any) -> list[str]:
    """Only the client's own people (the guests of this client's session) are named."""
    guests = _guests(note.session_id)
    attended = [_name(g) for g in guests if g.attendance == GuestAttendance.ATTENDED]
    absent = [_name(g) for g in guests if g.attendance == GuestAttendance.ABSENT]
    detail = _detail(note)
    lines = [f"Family members present: {', '.join(attended) if attended else 'none recorded'}"]
    if absent:
        lines.append(f"Invited, absent: {', '.join(absent)}")
    focus = detail.focus_labels if detail else []
    lines.append(f"Focus: {', '.join(focus) if focus else 'not given'}")
    if detail is not None and detail.interventions.strip():
        lines.append(f"Interventions with the family: {detail.interventions.strip()}")
    return lines


def register() -> None:
    register_note_part(
        NotePart(
            key="family",
            kinds=frozenset({SessionKind.FAMILY}),
            template="family/sessions/_note_part.html",
            fields=part_fields,
            initial=part_initial,
            context=part_context,
            save=part_save,
            sign_refusal=part_sign_refusal,
            lines=part_lines,
        )
    )
