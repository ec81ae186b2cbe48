"""What a payer and a court ask of an individual, family or medication-management note:
the start and stop times of the service, the service code, and the risk screen.

Saved with the note as typed (each value checked, nothing saved if one is wrong) and
required before signing; ``visit_lines`` puts them in the signed text.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from iop.accounts.models import Program
from iop.medications.models import Reconciliation
from scheduling.models import ProgressNote, RiskScreen, ServiceCode, Session, SessionKind

RISK_ACTION_NEEDED = (
    "Say what was done about the risk, e.g. safety plan reviewed, crisis line given, "
    "supervisor consulted."
)


@dataclass(frozen=True)
class NoteVisit:
    """The visit facts as entered: times of day in the program's time zone."""

    start: datetime.time | None = None
    stop: datetime.time | None = None
    service_code_id: Any = None
    risk_screen: str = ""
    risk_action: str = ""


def has_visit(kind: str) -> bool:
    """Group parts bill through the day's group record: their notes have no visit fields."""
    return kind != SessionKind.GROUP


def booked_times(session: Session) -> tuple[datetime.time, datetime.time]:
    """The default: the times the session was booked for, in the program's time zone."""
    program = session.program
    start = program.local(session.starts_at).time().replace(second=0, microsecond=0)
    end = program.local(session.ends_at)
    if end.date() != session.occurs_on:  # booked past midnight: stop at the day's end
        return start, datetime.time(23, 59)
    return start, end.time().replace(second=0, microsecond=0)


def _times(
    session: Session, visit: NoteVisit, errors: dict[str, str], now: datetime.datetime
) -> dict[str, datetime.datetime | None]:
    if visit.start is None and visit.stop is None:
        return {"service_started_at": None, "service_ended_at": None}
    if visit.start is None:
        errors["start"] = "Give the start time too."
    if visit.stop is None:
        errors["stop"] = "Give the stop time too."
    if visit.start is None or visit.stop is None:
        return {}
    start = session.program.at(session.occurs_on, visit.start)
    stop = session.program.at(session.occurs_on, visit.stop)
    # A stop time still ahead is fine in a draft written while the session runs (the booked
    # end is the default); signing refuses it (notes._check_signable).
    if stop <= start:
        errors["stop"] = f"The stop time must be after the start time ({visit.start:%H:%M})."
    return {"service_started_at": start, "service_ended_at": stop}


def _service(session: Session, visit: NoteVisit, errors: dict[str, str]) -> ServiceCode | None:
    if not visit.service_code_id:
        return None
    codes = ServiceCode.objects.for_note(program_id=session.program_id, kind=session.kind)
    found = codes.filter(pk=visit.service_code_id).first()
    if found is None:
        errors["service_code"] = "Choose a service from the program's list for this kind of note."
    return found


def _risk(visit: NoteVisit, errors: dict[str, str]) -> dict[str, str]:
    screen, action = visit.risk_screen, visit.risk_action.strip()
    if screen not in {"", *RiskScreen.values}:
        errors["risk_screen"] = "Choose no risk identified, or risk present."
    if screen == RiskScreen.PRESENT and not action:
        errors["risk_action"] = RISK_ACTION_NEEDED
    return {"risk_screen": screen, "risk_action": action if screen == RiskScreen.PRESENT else ""}


def visit_fields(
    session: Session, visit: NoteVisit, now: datetime.datetime | None = None
) -> dict[str, Any]:
    """The note's visit columns from what was entered; every problem at once, per field."""
    errors: dict[str, str] = {}
    fields: dict[str, Any] = _times(session, visit, errors, now or timezone.now())
    fields["service_code"] = _service(session, visit, errors)
    fields.update(_risk(visit, errors))
    if errors:
        raise ValidationError(errors)
    return fields


VISIT_COLUMNS = [
    "service_started_at",
    "service_ended_at",
    "service_code",
    "risk_screen",
    "risk_action",
]


def missing_visit(note: ProgressNote) -> list[str]:
    """What is still to give before this note can be signed."""
    if not has_visit(note.kind):
        return []
    missing = []
    if note.service_started_at is None or note.service_ended_at is None:
        missing.append("Start and stop times")
    if note.service_code_id is None:
        missing.append("Service")
    if not note.risk_screen:
        missing.append("Risk screen")
    return missing


def _clock(moment: datetime.datetime, program: Program) -> str:
    return f"{program.local(moment):%H:%M}"


def visit_lines(note: ProgressNote) -> list[str]:
    """The visit facts as they go into the signed text."""
    if not has_visit(note.kind):
        return []
    lines = []
    start, stop = note.service_started_at, note.service_ended_at
    if start is not None and stop is not None:
        program = note.session.program
        minutes = int((stop - start).total_seconds() // 60)
        lines.append(
            f"Service time: {_clock(start, program)}-{_clock(stop, program)} ({minutes} minutes)"
        )
    if note.service_code is not None:
        lines.append(f"Service: {note.service_code.code} {note.service_code.label}")
    if note.risk_screen == RiskScreen.PRESENT:
        lines.append(f"Risk screen: risk present. Done: {' '.join(note.risk_action.split())}")
    elif note.risk_screen == RiskScreen.NONE:
        lines.append("Risk screen: no risk identified")
    return lines + medication_changes_lines(note)


def medication_changes_lines(note: ProgressNote) -> list[str]:
    """What the visit's completed reconciliation changed and why, as the note shows and signs
    it (a completed reconciliation is final, so the signed text cannot drift)."""
    if note.session.kind != SessionKind.MEDICATION:
        return []
    done = Reconciliation.objects.filter(
        visit_session_id=note.session_id, completed_at__isnull=False
    )
    if note.signed_at is not None:  # a signed note keeps the text it was signed with
        done = done.filter(completed_at__lte=note.signed_at)
    reconciliation = done.first()
    if reconciliation is None:
        return []
    return [
        "Medication reconciliation at this visit (what changed and why):",
        *(f"  {line}" for line in reconciliation.summary.splitlines() if line.strip()),
    ]
