"""Sessions and attendees for the reminder tests, made as plain rows (no scheduling services),
so these tests depend only on the models and the outbox."""

from __future__ import annotations

import datetime

from groups.models import Group
from iop.clients.models import Episode
from scheduling.models import Session, SessionAttendee, SessionKind
from tests.factories import ClientFactory, EpisodeFactory
from tests.scheduling.factories import GroupFactory, SessionFactory, local, staff_session

# Words a discreet reminder must never contain (lower case, matched as substrings).
CLINICAL_WORDS = [
    "iop",
    "intensive",
    "outpatient",
    "therapy",
    "therapist",
    "group",
    "trauma",
    "ptsd",
    "substance",
    "alcohol",
    "recovery",
    "relapse",
    "addiction",
    "mental",
    "psych",
    "counsel",
    "clinic",
    "treatment",
    "medication",
    "diagnos",
    "depress",
    "anxiety",
    "session",
    "dbt",
    "skills",
]


def attendee(
    program,
    *,
    channel: str = "email",
    discreet: bool = True,
    email: str = "",
    phone: str = "",
    first_name: str = "Avery",
) -> Episode:
    """An open episode of a client who wants reminders by ``channel``."""
    client = ClientFactory(
        program=program,
        legal_first_name=first_name,
        email=email or f"{first_name.lower()}@example.test",
        phone=phone,
        reminder_channel=channel,
        reminder_discreet=discreet,
    )
    episode: Episode = EpisodeFactory.create(client=client)
    return episode


def group_session(
    program,
    day: datetime.date,
    hour: int,
    minute: int = 0,
    *,
    minutes: int = 90,
    group_name: str = "Trauma Recovery Skills",
    room=None,
) -> Session:
    group: Group | None = Group.objects.filter(program=program, name=group_name).first()
    if group is None:
        group = GroupFactory.create(program=program, name=group_name)
    starts_at = local(program, day, hour, minute)
    session: Session = SessionFactory.create(
        program=program,
        kind=SessionKind.GROUP,
        group=group,
        occurs_on=day,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=minutes),
        room=room,
        topic_title="Grounding after flashbacks",
    )
    return session


def booked_session(
    program, day: datetime.date, hour: int, *, kind: str, clinician, telehealth_url: str = ""
) -> Session:
    starts_at = local(program, day, hour)
    session: Session = SessionFactory.create(
        program=program,
        kind=kind,
        occurs_on=day,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=50),
        telehealth_url=telehealth_url,
    )
    staff_session(session, clinician)
    return session


def expect(session: Session, *episodes: Episode) -> list[SessionAttendee]:
    return [
        SessionAttendee.objects.create(session=session, episode=episode, client=episode.client)
        for episode in episodes
    ]
