"""Demo trauma processing: one client whose EMDR sessions on one target end at a distress
that does not fall (so the plan page and Today show the pacing to review), and another
whose pacing decision was recorded by the clinician and confirmed by the director.

Written through the services on explicit days after each plan moved to processing: the
session booked, attended, its note saved with the measures and signed.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError

from iop.accounts.models import User
from iop.demo_clock import on, then
from relapse_prevention.models import PacingDecision, ProcessingDecision
from relapse_prevention.services.processing import (
    processing_decision_confirm,
    processing_decision_record,
)
from scheduling.models import (
    Attendance,
    ProgressNote,
    RiskScreen,
    ServiceCode,
    Session,
    SessionKind,
)
from scheduling.services.attendance import attendance_record
from scheduling.services.bookings import session_book
from scheduling.services.note_processing import NoteProcessing
from scheduling.services.note_signing import note_shown_hash, note_sign
from scheduling.services.note_visit import NoteVisit, booked_times
from scheduling.services.notes import note_save, section_keys
from treatment_plans.models import Phase, PhaseChange, PlanStatus, TreatmentPlan

T = datetime.time
HOURS = [T(hour, 30) for hour in range(8, 20)]  # the first free slot of the day
NOTE = {
    "data": "EMDR reprocessing on the agreed target; sets of bilateral stimulation.",
    "assessment": "Stayed within the window of tolerance with grounding between sets.",
    "plan": "Continue on the same target next week; calm-place practice daily.",
    "behavior": "Settled on arrival; engaged with the protocol.",
    "intervention": "EMDR reprocessing, with grounding between sets.",
    "response": "Stayed within the window of tolerance.",
    "subjective": "Client reports the week was manageable.",
    "objective": "Calm, oriented, engaged.",
}
STALLED = [(8, 5), (7, 5), (8, 6)]  # (start, end): the end does not fall
SETTLING = [(8, 6), (7, 6), (7, 6)]


def _clinician(plan: TreatmentPlan) -> User:
    clinician = plan.episode.primary_clinician
    assert clinician is not None  # chosen for having one
    return clinician


def _book(plan: TreatmentPlan, day: datetime.date, booker: Any) -> Session | None:
    program, clinician = plan.program, _clinician(plan)
    for at in HOURS:
        starts_at = program.at(day, at)
        try:
            with then(min(starts_at - datetime.timedelta(weeks=1), program.now())):
                return session_book(
                    program=program,
                    kind=SessionKind.INDIVIDUAL,
                    episode=plan.episode,
                    staff=clinician,
                    starts_at=starts_at,
                    ends_at=starts_at + datetime.timedelta(minutes=60),
                    actor=booker,
                    telehealth_url="https://video.example.test/room/emdr",
                )
        except ValidationError:
            continue  # that hour is taken, or the program is closed: try the next
    return None


def _visit(session: Session) -> NoteVisit:
    start, stop = booked_times(session)
    code = ServiceCode.objects.for_note(program_id=session.program_id, kind=session.kind).first()
    return NoteVisit(
        start=start,
        stop=stop,
        service_code_id=code.pk if code else None,
        risk_screen=RiskScreen.NONE,
    )


def _booked(plan: TreatmentPlan, day: datetime.date, booker: Any) -> Session | None:
    """On ``day``, or the next open day with a free hour (never today)."""
    for offset in range(4):
        later = day + datetime.timedelta(days=offset)
        if later >= plan.program.today():
            return None
        session = _book(plan, later, booker)
        if session is not None:
            return session
    return None


def _session(
    plan: TreatmentPlan, day: datetime.date, suds: tuple[int, int], booker: Any
) -> datetime.date | None:
    """The session held and its note signed; the day it was held on."""
    session = _booked(plan, day, booker)
    if session is None:
        return None
    day = session.occurs_on
    clinician, program = _clinician(plan), plan.program
    attendee = session.attendees.get()
    with then(session.ends_at + datetime.timedelta(minutes=10)):
        attendance_record(
            session=session, marks={attendee.pk: (Attendance.PRESENT, None)}, actor=clinician
        )
    with on(program, day, T(21)):
        note = note_save(
            session=session,
            episode=plan.episode,
            body={key: NOTE.get(key, "Reviewed.") for key in section_keys(program.note_format)},
            objective_ids=[],
            actor=clinician,
            revision=0,
            visit=_visit(session),
            processing=NoteProcessing(
                modality="emdr", target="Target 1", suds_start=suds[0], suds_end=suds[1], voc_end=4
            ),
        )
        note_sign(note=note, actor=clinician, shown_sha256=note_shown_hash(note))
    return day


def _days(plan: TreatmentPlan, today: datetime.date) -> list[datetime.date]:
    """Three days, evenly spaced, between the move to processing and the week's end before
    yesterday (room for a closed day to move a session on)."""
    moved = (
        PhaseChange.objects.filter(plan=plan, to_phase=Phase.PROCESSING)
        .order_by("-created_at")
        .first()
    )
    start = plan.program.local_date(moved.created_at) if moved else today
    first = max(start + datetime.timedelta(days=1), today - datetime.timedelta(days=15))
    room = (today - datetime.timedelta(days=4) - first).days
    if room < 4:
        return []
    step = room // 2
    return [first + datetime.timedelta(days=step * i) for i in range(3)]


def seed_processing(context: dict[str, Any]) -> None:
    program, staff = context["program"], context["staff"]
    seeded = ProgressNote.objects.filter(program=program).exclude(processing_modality="")
    if seeded.exists() or ProcessingDecision.objects.filter(program=program).exists():
        return  # seeded already: a rerun adds nothing
    director, booker = staff["director@demo.test"], staff["intake@demo.test"]
    today = program.today()
    plans = [
        plan
        for plan in TreatmentPlan.objects.filter(
            program=program,
            status=PlanStatus.ACTIVE,
            phase=Phase.PROCESSING,
            episode__discharged_on__isnull=True,
            episode__primary_clinician__isnull=False,
        )
        .select_related("episode__primary_clinician", "client", "program")
        .order_by("client__record_number")
        if _days(plan, today)
    ]
    held: list[datetime.date | None] = []
    for plan, sessions in zip(plans, (STALLED, SETTLING), strict=False):
        held = []
        for day, suds in zip(_days(plan, today), sessions, strict=True):
            previous = held[-1] if held else None  # the next session is on a later day
            if previous is not None:
                day = max(day, previous + datetime.timedelta(days=1))
            held.append(_session(plan, day, suds, booker))
    if len(plans) < 2 or not held or held[-1] is None:
        return
    settled, last = plans[1], held[-1]
    with on(program, last, T(22)):
        decision = processing_decision_record(
            plan=settled,
            by=_clinician(settled),
            decision=PacingDecision.SLOW,
            reason="Distress stays high at the close: shorter sets, more time for the "
            "calm place before closing, one session a week.",
        )
    with on(program, last + datetime.timedelta(days=1), T(9)):
        processing_decision_confirm(decision=decision, by=director)
