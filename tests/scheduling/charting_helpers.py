"""Charting tests: group sessions with attendees, and active plans with objectives, made
directly as rows (the attendance and plan services have tests of their own)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from groups.models import CurriculumTopic
from iop.clients.models import Episode
from scheduling.models import Attendance, Session, SessionAttendee, SessionKind
from tests.factories import ClientFactory, EpisodeFactory
from tests.scheduling.factories import GroupFactory, SessionFactory, staff_session
from treatment_plans.models import (
    MeasureKind,
    PlanGoal,
    PlanObjective,
    PlanProblem,
    PlanStatus,
    TreatmentPlan,
)

FIRST_NAMES = [
    "Avery", "Blake", "Casey", "Devon", "Emerson", "Finley",
    "Harper", "Indigo", "Jules", "Kendall", "Logan", "Morgan", "Noor", "Oakley",
]  # fmt: skip
ATTENDED_NOW = {"attendance": Attendance.PRESENT, "minutes_attended": 90}


def past_session(program, lead, *, kind: str = SessionKind.GROUP, hours_ago: float = 3) -> Session:
    """A session that started ``hours_ago`` hours ago and lasted 90 minutes, led by ``lead``."""
    starts = timezone.now() - datetime.timedelta(hours=hours_ago)
    # An individual visit's start and stop are times of one local day: never let it run past
    # midnight (group notes have no visit times, and some tests count their hours exactly).
    while kind != SessionKind.GROUP and program.local_date(starts) != program.local_date(
        starts + datetime.timedelta(minutes=90)
    ):
        starts -= datetime.timedelta(hours=1)
    extra = {}
    if kind == SessionKind.GROUP:
        group = GroupFactory(program=program, name=f"Process group {starts:%H%M%S%f}")
        topic = CurriculumTopic.objects.create(
            group=group, position=1, title="Coping with cravings"
        )
        extra = {"group": group, "topic": topic, "topic_title": topic.title}
    session: Session = SessionFactory(  # type: ignore[assignment]
        program=program,
        kind=kind,
        occurs_on=program.local_date(starts),  # the program's day, not the UTC one
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=90),
        **extra,
    )
    staff_session(session, lead)
    return session


def attend(session: Session, episode: Episode, attendance: str = Attendance.PRESENT):
    minutes = 90 if attendance in (Attendance.PRESENT,) else 60
    if attendance.startswith("absent") or attendance == Attendance.CANCELLED_BY_PROGRAM:
        minutes = 0
    return SessionAttendee.objects.create(
        session=session,
        episode=episode,
        client=episode.client,
        attendance=attendance,
        minutes_attended=minutes if attendance else None,
        recorded_at=timezone.now() if attendance else None,
    )


def episodes(program, count: int, start: int = 0) -> list[Episode]:
    return [
        EpisodeFactory(
            client=ClientFactory(
                program=program,
                legal_first_name=FIRST_NAMES[(start + i) % len(FIRST_NAMES)],
                legal_last_name=f"Quill{chr(65 + (start + i) % 26)}x",
            )
        )
        for i in range(count)
    ]


def group_with(program, lead, count: int, **kwargs) -> tuple[Session, list[SessionAttendee]]:
    session = past_session(program, lead, **kwargs)
    return session, [attend(session, episode) for episode in episodes(program, count)]


def active_objectives(episode: Episode, by, *descriptions: str) -> list[PlanObjective]:
    """An active plan for the episode with these objectives (rows, then activated)."""
    plan = TreatmentPlan.objects.create(
        episode=episode, client=episode.client, program=episode.program, created_by=by
    )
    problem = PlanProblem.objects.create(plan=plan, statement="Cravings after work", created_by=by)
    goal = PlanGoal.objects.create(
        problem=problem,
        client_words="Get through evenings",
        clinical_goal="Reduce use",
        created_by=by,
    )
    objectives = [
        PlanObjective.objects.create(
            goal=goal,
            description=text,
            measure=MeasureKind.PRACTICE,
            per_week=3,
            target_date=timezone.localdate() + datetime.timedelta(days=30),
            created_by=by,
        )
        for text in descriptions or ("Practice urge surfing",)
    ]
    TreatmentPlan.objects.filter(pk=plan.pk).update(
        status=PlanStatus.ACTIVE, activated_at=timezone.now()
    )
    return objectives


PART = {
    "participation": "Took part throughout and offered an example from the week.",
    "response": "Engaged with the urge-surfing exercise; said it felt awkward at first.",
    "progress": "Practiced urge surfing twice since the last session.",
    "safety": "None observed or reported.",
}


def full_visit(session: Session):
    """Complete visit facts for an individual, family or medication note: the booked times,
    the program's first code for that kind (the default list, seeded if none), no risk."""
    from scheduling.models import RiskScreen, ServiceCode
    from scheduling.services.billing import service_codes_seed
    from scheduling.services.note_visit import NoteVisit, booked_times

    service_codes_seed(program=session.program)
    start, stop = booked_times(session)
    code = ServiceCode.objects.for_note(program_id=session.program_id, kind=session.kind).first()
    assert code is not None
    return NoteVisit(start=start, stop=stop, service_code_id=code.pk, risk_screen=RiskScreen.NONE)


# One scene, skill and count per first letter: parts written from these never read as clones.
_OWN = {
    "A": ("a craving on the bus after work", "paced breathing", "two evenings logged"),
    "B": ("an argument at home on Saturday", "a call to a sponsor", "went to a Sunday meeting"),
    "C": ("a payday trigger and old friends", "urge surfing", "kept the budget plan all week"),
    "D": ("a poor night's sleep", "cold water on the face", "slept seven hours twice"),
    "E": ("a hard phone call with a parent", "writing it down", "journaled four days"),
}


def own_part(name: str) -> dict[str, str]:
    """An individual part in the client's own words (distinct per first letter)."""
    scene, skill, progress = _OWN.get(name[:1].upper(), ("a quiet week", "grounding", "steady"))
    return {
        "participation": f"{name} arrived settled and talked about {scene}.",
        "response": f"Response {name}: chose {skill} and tried it during the exercise.",
        "progress": f"Reports progress: {progress}.",
        "safety": "None observed or reported.",
    }


def shown_hash(note) -> str:
    """The hash a note's page shows for signing (a group part quotes the shared part)."""
    from scheduling.models import GroupNote, ProgressNote
    from scheduling.services.note_signing import note_shown_hash

    note = ProgressNote.objects.select_related("group_note").get(pk=note.pk)
    if note.kind == SessionKind.GROUP and note.group_note is None:
        note.group_note = GroupNote.objects.filter(session_id=note.session_id).first()
    return note_shown_hash(note)


def sign_note(note, actor):
    """Sign as the note's page does: with the hash of the text shown."""
    from scheduling.services.note_signing import note_sign

    return note_sign(note=note, actor=actor, shown_sha256=shown_hash(note))


def sign_all_data(browser, session) -> dict:
    """What the group notes page's "Sign all" form posts: each ready part's shown hash."""
    import re

    from django.urls import reverse

    html = browser.get(reverse("scheduling:session_notes", args=[session.pk])).content.decode()
    return {"shown": re.findall(r'name="shown" value="([^"]+)"', html)}


def sign_data(browser, note) -> dict:
    """What a note page's "Sign and lock" form posts: the hash of the text shown."""
    import re

    from django.urls import reverse

    html = browser.get(reverse("scheduling:note_detail", args=[note.pk])).content.decode()
    found = re.search(r'name="text_sha256" value="([0-9a-f]{64})"', html)
    return {"text_sha256": found.group(1) if found else ""}
