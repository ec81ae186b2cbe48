"""The forms of the note pages: a note's sections with its visit facts, processing measures
and registered parts; signing (the hash of the text shown); an addendum.
"""

from __future__ import annotations

from typing import Any

from django import forms

from scheduling.models import FORMAT_SECTIONS, ProgressNote, RiskScreen, ServiceCode, Session
from scheduling.services.note_processing import NoteProcessing
from scheduling.services.note_visit import NoteVisit, booked_times, has_visit
from treatment_plans.models import PlanObjective
from treatment_plans.wording import measure_text


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


def note_initial(note: ProgressNote | None, session: Session | None = None) -> dict[str, Any]:
    """The note form's starting values: the note as saved, else a new note's."""
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
