"""The text of a session note as it is signed: the shared part for a group, the client's own
part, the registered note parts and the objectives addressed. Its SHA-256 goes on the
signature, so any change to these lines changes what a signature covers.
"""

from __future__ import annotations

from iop.signatures.text import labelled_block, lines_text
from scheduling.models import ProgressNote, Session, SessionAttendee
from scheduling.note_parts import note_parts
from scheduling.services.note_processing import processing_lines
from scheduling.services.note_visit import visit_lines
from treatment_plans.models import PlanObjective
from treatment_plans.wording import measure_text


def _when(session: Session) -> str:
    program = session.program
    start, end = program.local(session.starts_at), program.local(session.ends_at)
    return (
        f"{start:%A} {start:%B} {start.day}, {start.year}, {start:%H:%M}-{end:%H:%M} "
        f"({program.zone.key})"
    )


def note_text(
    note: ProgressNote,
    *,
    attendee: SessionAttendee | None = None,
    objectives: list[PlanObjective] | None = None,
) -> str:
    """The complete note as signed: the shared part for a group, the client's own part, and
    the objectives it addressed. Its SHA-256 goes on the signature. A page listing many
    notes passes each one's ``attendee`` and linked ``objectives`` it already has."""
    session, client = note.session, note.client
    title = f"{session.get_kind_display()} note"
    if session.group_id and session.group:
        title += f": {session.group.name}"
    lines = [
        title,
        f"Client: {client.legal_name}, record number {client.record_number}",
        f"Session: {_when(session)}",
    ]
    if attendee is None:
        attendee = SessionAttendee.objects.filter(session=session, client=client).first()
    if attendee and attendee.attendance:
        lines.append(
            f"Attendance: {attendee.get_attendance_display()}, {attendee.minutes_attended} minutes"
        )
    lines += visit_lines(note)
    lines += processing_lines(note)
    for part in note_parts(note.kind):
        lines += part.lines(note)
    shared = note.group_note
    if shared is not None:
        lines += [
            "",
            *labelled_block("Topic", shared.topic),
            *labelled_block("Interventions", shared.interventions),
        ]
        lines.append(f"Duration: {shared.duration_minutes} minutes")
    lines.append("")
    for _key, label, _prompt, text in note.sections:
        lines += labelled_block(label, text)
    if objectives is None:
        objectives = [link.objective for link in note.objective_links.select_related("objective")]
    lines += ["", "Plan objectives addressed:" if objectives else "Plan objectives addressed: none"]
    lines += [f"  - {o.description.strip()} ({measure_text(o)})" for o in objectives]
    return lines_text(lines)
