"""Demo multi-family group: a weekly family education evening (Tuesday 6:00-7:30 PM) whose
roster is ten or so of the clients' people, each with a consent covering appointments, one
of them the aunt linked to two clients (on the roster once for each). Its past sessions
have attendance recorded on the day; the weeks ahead are scheduled.

Everything through the services, "on the day" (iop.demo_clock). The group's sessions are
scheduling's: an evening track whose only block is this group on Tuesdays (a track meets
three days at least; the other two evenings stay free for family sessions). Idempotent: a
program that has the group already is left alone. Synthetic only.
"""

from __future__ import annotations

import datetime
from typing import Any

from family.consents import refusal, with_consents
from family.models import ClientPerson, FamilyAttendance
from family.services.groups import (
    family_group_attendance_record,
    family_group_member_add,
    roster_on,
)
from groups.kinds import MULTI_FAMILY_CODE
from groups.models import Admission, Group, GroupKind
from groups.services import group_save
from iop import demo_clock
from iop.reports.clinical.terms import ConsentInformation
from scheduling.models import Room, Session, SessionStatus
from scheduling.services.calendar import block_save, sessions_generate, track_save

GROUP_NAME = "Family Education Evening"
TRACK_NAME = "Family evenings"
WEEKS_BACK = 6
ROSTER_SIZE = 11
T = datetime.time
CURRICULUM = [
    "How recovery and trauma affect the whole family",
    "Communication that helps",
    "Boundaries without blame",
    "Support or enabling: telling them apart",
    "Warning signs, and what families can do",
    "Looking after yourself: secondary trauma",
    "After the program: recovery as a family",
]


def seed_group(context: dict[str, Any]) -> None:
    program, staff, rng = context["program"], context["staff"], context["rng"]
    if Group.objects.filter(program=program, name=GROUP_NAME).exists():
        return
    director = staff["director@demo.test"]
    today = program.today()
    monday = today - datetime.timedelta(days=today.weekday(), weeks=WEEKS_BACK)
    with demo_clock.on(program, monday - datetime.timedelta(days=3), T(11)):
        group = group_save(
            program=program,
            data={
                "name": GROUP_NAME,
                "kind": GroupKind.objects.get(program=None, code=MULTI_FAMILY_CODE),
                "description": "Weekly education and support evening for the families of "
                "clients in the program: one topic a week, questions welcome.",
                "capacity": 16,
                "admission": Admission.CLOSED,
                "active": True,
                "facilitator": staff["clinician@demo.test"],
                "co_facilitator": staff.get("riley.chen@demo.test"),
                "curriculum": CURRICULUM,
            },
            actor=director,
        )
        track = track_save(
            program=program,
            name=TRACK_NAME,
            days=[1, 2, 4],
            starts_at=T(18),
            ends_at=T(19, 30),
            starts_on=monday,
            actor=director,
        )
        room = Room.objects.filter(program=program, capacity__gte=16).order_by("name").first()
        block_save(
            track=track,
            group=group,
            starts_at=T(18),
            ends_at=T(19, 30),
            days=[2],
            room=room,
            actor=director,
        )
    weeks = datetime.timedelta(weeks=program.sessions_weeks_ahead)
    sessions_generate(program=program, today=monday, until=today + weeks)
    _roster(group, monday, staff)
    _attendance(group, staff, rng)


def _candidates(program: Any) -> list[ClientPerson]:
    """People of clients in care whose consent covers appointment times: one per client,
    plus every link of someone linked to two clients (the shared aunt)."""
    links = with_consents(
        ClientPerson.objects.filter(
            client__program=program, client__episodes__discharged_on__isnull=True
        )
        .select_related("person", "client")
        .distinct()
        .order_by("client__legal_last_name", "person__last_name")
    )
    allowed = [link for link in links if refusal(link, ConsentInformation.APPOINTMENTS) is None]
    shared = {
        link.person_id
        for link in allowed
        if sum(1 for other in allowed if other.person_id == link.person_id) > 1
    }
    chosen, seen = [], set()
    for link in allowed:
        if link.person_id in shared or link.client_id not in seen:
            chosen.append(link)
            seen.add(link.client_id)
    return chosen[:ROSTER_SIZE]


def _roster(group: Group, monday: datetime.date, staff: dict) -> None:
    program = group.program
    intake = staff["intake@demo.test"]
    for index, link in enumerate(_candidates(program)):
        signed = max(
            (pc.consent.signed_at for pc in link.consent_links.all() if pc.consent.signed_at),
            default=None,
        )
        first = program.local_date(signed) + datetime.timedelta(days=1) if signed else monday
        day = max(first, monday - datetime.timedelta(days=index % 4))
        with demo_clock.on(program, day, T(15, 30)):
            family_group_member_add(group=group, link=link, actor=intake)


def _attendance(group: Group, staff: dict, rng: Any) -> None:
    program = group.program
    leader = staff["clinician@demo.test"]
    held = Session.objects.filter(
        group=group,
        status=SessionStatus.SCHEDULED,
        ends_at__lt=demo_clock.real_now() - demo_clock.MARGIN,
    ).select_related("program", "group__kind", "room")
    for session in held:
        roster = roster_on(session)
        if not roster:
            continue
        came: dict[Any, str] = {}  # one answer per person, whichever client's roster row
        for m in roster:
            if m.client_person.person_id not in came:
                came[m.client_person.person_id] = (
                    FamilyAttendance.ATTENDED if rng.random() < 0.75 else FamilyAttendance.ABSENT
                )
        marks = {str(m.client_person_id): came[m.client_person.person_id] for m in roster}
        with demo_clock.on(program, session.occurs_on, T(19, 40)):
            family_group_attendance_record(session=session, marks=marks, actor=leader)
