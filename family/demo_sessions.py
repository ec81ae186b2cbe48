"""Demo family sessions, through the services: a few held in the past weeks with the
client's people whose consent covers appointment times (booked a week ahead, charted on
the day: the client present, who of the family came, a signed family note with its focus),
and a couple still to come. Synthetic only."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from family.consents import refusal, with_consents
from family.models import ClientPerson, FamilySessionGuest, GuestAttendance
from family.services.sessions import family_attendance_record, family_session_book
from iop import demo_clock
from iop.clients.models import Episode
from iop.reports.clinical.terms import ConsentInformation
from scheduling.models import Attendance, ServiceCode, Session, SessionAttendee
from scheduling.services.attendance import attendance_record
from scheduling.services.note_signing import note_shown_hash, note_sign
from scheduling.services.note_visit import NoteVisit, booked_times
from scheduling.services.notes import note_save, section_keys

# A busy program: the first hour clear of the client's groups and the clinician's sessions.
TIMES = [datetime.time(h, m) for h, m in ((17, 5), (8, 0), (11, 0), (12, 0), (16, 0), (19, 0))]
BODY = {
    "data": "The client and their family talked about evenings at home and how to ask for help.",
    "assessment": "Both sides want calmer check-ins; the family is learning what helps.",
    "plan": "Practice the check-in script twice this week; review it next session.",
    "behavior": "Client and family arrived on time; tense at first, warmer by the end.",
    "intervention": "Communication skills practice and psychoeducation on trauma responses.",
    "response": "The family named one way to step back when the client asks for space.",
    "subjective": "The client says home feels calmer on the days they use the script.",
    "objective": "Engaged, settled; no acute risk identified.",
}
FOCUS = [
    ["communication", "boundaries"],
    ["education", "secondary_trauma"],
    ["enabling", "communication"],
]


def _weekdays_back(today: datetime.date, count: int) -> list[datetime.date]:
    days: list[datetime.date] = []
    day = today - datetime.timedelta(days=3)
    while len(days) < count:
        if day.isoweekday() <= 5:
            days.append(day)
        day -= datetime.timedelta(days=4)
    return days


def _invitable_by_client(program: Any) -> list[tuple[Episode, list[ClientPerson]]]:
    links = with_consents(
        ClientPerson.objects.filter(client__program=program).select_related("person", "client")
    )
    chosen: dict[Any, list[ClientPerson]] = {}
    for link in links:
        if refusal(link, ConsentInformation.APPOINTMENTS) is None:
            chosen.setdefault(link.client_id, []).append(link)
    episodes = {
        e.client_id: e
        for e in Episode.objects.open().filter(client_id__in=chosen).select_related("client")
    }
    return [(episodes[c], people) for c, people in chosen.items() if c in episodes]


def _book(
    episode: Episode, people: list[ClientPerson], lead: Any, actor: Any, day: datetime.date
) -> Session | None:
    program = episode.program
    for start in TIMES:
        starts_at = program.at(day, start)
        try:
            return family_session_book(
                episode=episode,
                people=people,
                staff=lead,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(minutes=50),
                actor=actor,
                telehealth_url=f"https://video.example.test/family/{episode.client.record_number}",
            )
        except ValidationError:
            continue  # a clash at that hour: try the next
    return None


def _visit(session: Session) -> NoteVisit:
    start, stop = booked_times(session)
    code = ServiceCode.objects.for_note(program_id=session.program_id, kind=session.kind).first()
    return NoteVisit(
        start=start, stop=stop, service_code_id=code.pk if code else None, risk_screen="none"
    )


def _chart(session: Session, episode: Episode, lead: Any, focus: list[str]) -> None:
    program = session.program
    end = program.local(session.ends_at)
    with demo_clock.on(program, end.date(), (end + datetime.timedelta(minutes=15)).time()):
        attendee = SessionAttendee.objects.get(session=session)
        attendance_record(
            session=session, marks={attendee.pk: (Attendance.PRESENT, None)}, actor=lead
        )
        guests = list(FamilySessionGuest.objects.filter(session=session))
        # The first person came; a second, when invited, could not make it.
        marks: dict[Any, str] = {
            g.pk: GuestAttendance.ATTENDED if i == 0 else GuestAttendance.ABSENT
            for i, g in enumerate(guests)
        }
        family_attendance_record(session=session, marks=marks, actor=lead)
        note = note_save(
            session=session,
            episode=episode,
            body={key: BODY.get(key, "Reviewed.") for key in section_keys(program.note_format)},
            objective_ids=[],
            actor=lead,
            revision=0,
            visit=_visit(session),
            parts={
                "family": {
                    "family_focus": focus,
                    "family_interventions": BODY["intervention"],
                }
            },
        )
        note_sign(note=note, actor=lead, shown_sha256=note_shown_hash(note))


def _held(candidates: list[Any], day: datetime.date, lead: Any, intake: Any) -> Any:
    """The first client free at some hour that day, booked a week before (as it was)."""
    for episode, people in list(candidates):
        if episode.admitted_on + datetime.timedelta(days=7) > day:
            continue
        with demo_clock.on(episode.program, day - datetime.timedelta(days=7), datetime.time(10)):
            session = _book(episode, people[:2], lead, intake, day)
        if session is not None:
            candidates.remove((episode, people))
            return session, episode
    return None


def seed_sessions(context: dict[str, Any]) -> None:
    if FamilySessionGuest.objects.exists():
        return
    program, staff = context["program"], context["staff"]
    lead, intake = staff["clinician@demo.test"], staff["intake@demo.test"]
    candidates = _invitable_by_client(program)
    today = program.today()
    for index, day in enumerate(_weekdays_back(today, 3)):
        held = _held(candidates, day, lead, intake) if candidates else None
        if held is not None:
            _chart(held[0], held[1], lead, FOCUS[index % len(FOCUS)])
    upcoming = today + datetime.timedelta(days=2)
    while upcoming.isoweekday() > 5:
        upcoming += datetime.timedelta(days=1)
    booked = 0
    for episode, people in candidates:
        if booked == 2 or timezone.now() >= program.at(upcoming, TIMES[0]):
            break
        booked += _book(episode, people[:2], lead, intake, upcoming) is not None
