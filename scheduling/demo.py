"""The demo program day: rooms, three tracks and their groups, a closure, the demo clients
enrolled, two weeks and this week of history (attendance, follow-ups, notes signed and
unsigned, some clients short of their hours this week), booked individual and medication
sessions, and the coming weeks generated.

Dates are relative to today, so the demo clinician (clinician@demo.test) always has
sessions today and this week. Writes go through the services (enrolment, rosters,
generation, booking, attendance, notes) so the demo holds only states the app itself can
reach; past bookings are made a week before the session, under a time machine.

Idempotent: once the demo tracks exist, a second run only tops up the generated weeks
(nothing on the same day). Synthetic data only.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from groups import demo as groups_demo
from groups.models import Group
from groups.services import roster_add
from iop.clients.models import Episode
from iop.demo_clock import then
from scheduling.models import (
    Attendance,
    Closure,
    FollowUpStatus,
    FollowUpTask,
    RiskScreen,
    Room,
    Session,
    SessionKind,
    SessionStaffRole,
    SessionStatus,
    Track,
)
from scheduling.services.attendance import attendance_record
from scheduling.services.billing import service_codes_seed
from scheduling.services.bookings import session_book
from scheduling.services.calendar import (
    block_save,
    closure_add,
    session_cancel,
    sessions_generate,
    track_save,
)
from scheduling.services.enrolment import track_enrol
from scheduling.services.followups import followup_complete
from scheduling.services.group_notes import (
    group_note_save,
    group_notes_sign,
    group_part_save,
    group_shown_hashes,
)
from scheduling.services.hours import week_start_of
from scheduling.services.note_signing import note_shown_hash, note_sign
from scheduling.services.note_visit import NoteVisit, booked_times
from scheduling.services.notes import note_save, plan_objectives, section_keys

SAM, RILEY = "clinician@demo.test", "riley.chen@demo.test"
PRESCRIBER, DIRECTOR, INTAKE = "prescriber@demo.test", "director@demo.test", "intake@demo.test"
HISTORY_WEEKS = 2  # full weeks before this one
T = datetime.time

# Room C holds its groups (capacity 14): block_save refuses a smaller room.
ROOMS = [("Group Room A", 16), ("Group Room B", 14), ("Group Room C", 14), ("Office 3", 3)]
# name: (days, starts, ends, [(group, starts, ends, days subset, room)])
TRACKS: dict[str, tuple[list[int], T, T, list[tuple[str, T, T, list[int], str]]]] = {
    "Morning IOP": (
        [1, 3, 4],
        T(9),
        T(12),
        [
            ("Morning DBT Skills", T(9), T(10, 30), [], "Group Room A"),
            ("Morning Process Group", T(10, 30), T(12), [], "Group Room A"),
        ],
    ),
    "Evening IOP": (
        [2, 3, 4],
        T(18),
        T(21),
        [
            ("Evening Relapse Prevention", T(18), T(19, 30), [], "Group Room B"),
            ("Evening Process Group", T(19, 30), T(21), [], "Group Room B"),
        ],
    ),
    "Day Track": (
        [1, 2, 3, 4, 5],
        T(12, 30),
        T(17),
        [
            ("Day Track Psychoeducation", T(12, 30), T(14), [], "Group Room C"),
            ("Day Track Process Group", T(14), T(15, 30), [1, 3, 5], "Group Room C"),
            ("Seeking Safety (closed group)", T(14), T(15, 30), [2, 4], "Group Room B"),
            ("Day Track Coping Skills", T(15, 30), T(17), [], "Group Room C"),
        ],
    ),
}
CLOSED_GROUP = "Seeking Safety (closed group)"

INTERVENTIONS = [
    "Psychoeducation with handout; guided practice in pairs; group discussion and feedback.",
    "Check-in round; skills teaching with examples from members' weeks; homework review.",
    "Mindfulness opening; didactic segment; role-play; closing grounding exercise.",
    "Open process with reflective listening, validation and linking of members' themes.",
]
PARTICIPATION = [
    "Engaged throughout and volunteered an example from the past week.",
    "Quiet at first; joined the discussion after the break and gave feedback to peers.",
    "Participated actively in role-play and asked clarifying questions.",
    "Attentive; shared briefly when invited and completed the worksheet.",
    "Arrived settled, contributed twice and supported a peer's disclosure.",
]
RESPONSE = [
    "Said the skill felt awkward but useful; practiced it twice in group.",
    "Related the topic to a recent argument at home and named what they would try next time.",
    "Reported relief at hearing others describe similar experiences.",
    "Able to identify two personal triggers and one coping response for each.",
    "Reflected on progress since admission and set a goal for the weekend.",
]
PROGRESS = [
    "Moving toward the objective: reports using the skill on 3 of 7 days this week.",
    "Early progress: identifies warning signs but has not yet used the plan under stress.",
    "Steady: attendance and homework completion support the objective.",
    "Mixed week; reviewed barriers and agreed one small step before next session.",
]
SAFETY = [
    "None observed; denies thoughts of self-harm.",
    "None observed or reported.",
    "Denies current risk; safety plan reviewed, knows how to reach the crisis line.",
]
INDIVIDUAL = {
    "data": "Client reviewed the week, including attendance and one difficult evening.",
    "assessment": "Engaged and reflective; coping skills in use; no acute risk identified.",
    "plan": "Continue weekly sessions; practice grounding daily; review plan next week.",
    "behavior": "Calm, on time, good eye contact; mood described as 'better than last week'.",
    "intervention": "Motivational interviewing and review of the relapse prevention plan.",
    "response": "Identified two supports to call when urges rise; agreed to try both.",
    "subjective": "Reports improved sleep and fewer cravings since the last visit.",
    "objective": "Alert, oriented; speech normal; no tremor; vitals within normal range.",
}


def seed(context: dict[str, Any]) -> None:
    groups_demo.seed(context)
    program = context["program"]
    if Track.objects.filter(program=program, name__in=TRACKS).exists():
        sessions_generate(program=program)  # keep the weeks ahead; nothing new the same day
        return
    _Seeder(context).run()


class _Seeder:
    def __init__(self, context: dict[str, Any]) -> None:
        self.program = context["program"]
        self.staff = context["staff"]
        self.rng = context["rng"]
        self.groups: dict[str, Group] = context["groups"]
        self.now = timezone.now()
        self.today = self.program.today()
        self.week = week_start_of(self.today)
        self.history_start = self.week - datetime.timedelta(weeks=HISTORY_WEEKS)
        self.stdout = context.get("stdout")

    def run(self) -> None:
        self.service_codes = {c.code: c for c in service_codes_seed(program=self.program)}
        rooms = self._rooms()
        tracks = self._tracks(rooms)
        self._closure()
        placed = self._enrol(tracks)
        self._closed_group(placed)
        sessions_generate(
            program=self.program,
            today=self.history_start,
            until=self.today + datetime.timedelta(weeks=self.program.sessions_weeks_ahead),
        )
        self._booked(placed, rooms)
        self._cancel_one()
        short = self._short_this_week(placed)
        self._attendance(short)
        self._follow_ups()
        self._notes()

    # ------------------------------------------------------------ calendar

    def _rooms(self) -> dict[str, Room]:
        rooms = {}
        for name, capacity in ROOMS:
            rooms[name], _ = Room.objects.get_or_create(
                program=self.program, name=name, defaults={"capacity": capacity}
            )
        return rooms

    def _tracks(self, rooms: dict[str, Room]) -> dict[str, Track]:
        tracks = {}
        for name, (days, starts, ends, blocks) in TRACKS.items():
            track = track_save(
                program=self.program,
                name=name,
                days=days,
                starts_at=starts,
                ends_at=ends,
                starts_on=self.history_start,
                actor=self.staff[DIRECTOR],
            )
            for group, b_starts, b_ends, subset, room in blocks:
                block_save(
                    track=track,
                    group=self.groups[group],
                    starts_at=b_starts,
                    ends_at=b_ends,
                    days=subset,
                    room=rooms[room],
                    actor=self.staff[DIRECTOR],
                )
            tracks[name] = track
        return tracks

    def _closure(self) -> None:
        """A holiday about two weeks ahead, on a weekday."""
        day = self.week + datetime.timedelta(weeks=2, days=4)  # a Friday
        closure_add(
            program=self.program,
            date=day,
            reason="Holiday: clinic closed",
            actor=self.staff[DIRECTOR],
        )

    def _enrol(self, tracks: dict[str, Track]) -> dict[str, list[Episode]]:
        """Partial hospitalisation (2.5) in the day track; IOP in the morning or evening
        track, alternately; outpatients (level 1) come to individual sessions only."""
        episodes = list(
            Episode.objects.open()
            .filter(program=self.program)
            .select_related("client", "level_of_care")
            .order_by("client__record_number")
        )
        placed: dict[str, list[Episode]] = {name: [] for name in tracks}
        placed["none"] = []
        alternate = 0
        for episode in episodes:
            if episode.level_of_care.code == "2.5":
                name = "Day Track"
            elif episode.level_of_care.code == "2.1":
                name = ["Morning IOP", "Evening IOP"][alternate % 2]
                alternate += 1
            else:
                placed["none"].append(episode)
                continue
            if len(placed[name]) >= 13:
                placed["none"].append(episode)
                continue
            track_enrol(
                episode=episode,
                track=tracks[name],
                starts_on=max(episode.admitted_on, self.history_start),
                actor=self.staff[INTAKE],
            )
            placed[name].append(episode)
        return placed

    def _closed_group(self, placed: dict[str, list[Episode]]) -> None:
        """Day-track clients first, then two morning clients: six members, a waitlist."""
        group = self.groups[CLOSED_GROUP]
        candidates = placed["Day Track"] + placed["Morning IOP"][:4]
        for episode in candidates[:8]:
            roster_add(
                group=group,
                episode=episode,
                actor=self.staff[SAM],
                on=max(episode.admitted_on, self.history_start),
            )

    def _cancel_one(self) -> None:
        """One evening group next week is cancelled, with its reason."""
        session = (
            Session.objects.filter(
                program=self.program,
                group__name="Evening Process Group",
                occurs_on__gte=self.week + datetime.timedelta(weeks=1),
            )
            .order_by("starts_at")
            .first()
        )
        if session is not None:
            session_cancel(
                session=session,
                reason="Facilitator away; members are welcome at the morning process group.",
                actor=self.staff[DIRECTOR],
            )

    # ------------------------------------------------------------ booked sessions

    def _booked(self, placed: dict[str, list[Episode]], rooms: dict[str, Room]) -> None:
        """Weekly individual sessions with Sam and Riley, fortnightly medication visits,
        from the first history week to two weeks ahead."""
        office, video = rooms["Office 3"], "https://video.example.test/room/"
        plans = [
            # (episodes, clinician, kind, weekday, hour, minutes, every n weeks)
            (placed["Morning IOP"][:3], SAM, SessionKind.INDIVIDUAL, 2, 9, 50, 1),
            (placed["Evening IOP"][:3], SAM, SessionKind.INDIVIDUAL, 5, 9, 50, 1),
            (placed["Evening IOP"][3:5], RILEY, SessionKind.INDIVIDUAL, 1, 16, 50, 1),
            (placed["none"][:2], RILEY, SessionKind.INDIVIDUAL, 5, 16, 50, 1),
            (placed["Morning IOP"][3:6], PRESCRIBER, SessionKind.MEDICATION, 3, 13, 30, 2),
        ]
        for episodes, who, kind, weekday, hour, minutes, every in plans:
            for offset, episode in enumerate(episodes):
                for week in range(-HISTORY_WEEKS, 3, every):
                    day = self.week + datetime.timedelta(weeks=week, days=weekday - 1)
                    starts_at = self.program.at(day, datetime.time(hour + offset, 0))
                    ends_at = starts_at + datetime.timedelta(minutes=minutes)
                    telehealth = f"{video}{episode.client.record_number.lower()}" if offset else ""
                    room = None if telehealth else office
                    self._book(episode, who, kind, starts_at, ends_at, room, telehealth)
        self._sam_today(placed)

    def _book(
        self,
        episode: Episode,
        who: str,
        kind: str,
        starts_at: datetime.datetime,
        ends_at: datetime.datetime,
        room: Room | None,
        telehealth: str,
    ) -> Session | None:
        if episode.admitted_on > self.program.local_date(starts_at):
            return None  # not admitted yet
        if Closure.objects.filter(
            program=self.program, track=None, date=self.program.local_date(starts_at)
        ).exists():
            return None  # the holiday
        # Booking refuses the past: history is booked as it was, a week before the session.
        booked_at = min(starts_at - datetime.timedelta(weeks=1), self.now)
        with then(booked_at):
            return session_book(
                program=self.program,
                kind=kind,
                episode=episode,
                staff=self.staff[who],
                starts_at=starts_at,
                ends_at=ends_at,
                actor=self.staff[INTAKE],
                room=room,
                telehealth_url=telehealth,
            )

    def _sam_today(self, placed: dict[str, list[Episode]]) -> None:
        """The tracks give Sam groups every weekday; at a weekend, one video check-in."""
        if self.today.isoweekday() <= 5 or not placed["Morning IOP"]:
            return
        starts_at = self.program.at(self.today, T(11))
        self._book(
            placed["Morning IOP"][0],
            SAM,
            SessionKind.INDIVIDUAL,
            starts_at,
            starts_at + datetime.timedelta(minutes=30),
            None,
            "https://video.example.test/room/weekend-check-in",
        )

    # ------------------------------------------------------------ attendance

    def _short_this_week(self, placed: dict[str, list[Episode]]) -> set[Any]:
        """Two morning and one evening client missed a group this week: short of hours."""
        return {e.pk for e in placed["Morning IOP"][-2:] + placed["Evening IOP"][-1:]}

    def _held(self) -> Iterable[Session]:
        """Sessions that have ended, except today's that Sam leads (his to take)."""
        sam = self.staff[SAM]
        return (
            Session.objects.filter(
                program=self.program, status=SessionStatus.SCHEDULED, ends_at__lte=self.now
            )
            .exclude(occurs_on=self.today, staff_links__user=sam, staff_links__role="lead")
            .prefetch_related("attendees", "staff_links__user")
            .order_by("starts_at")
        )

    def _mark(self, episode_id: Any, session: Session, short: set[Any], missed: set[Any]) -> Any:
        length = session.duration_minutes
        if session.occurs_on >= self.week:
            if episode_id in short and episode_id not in missed:
                missed.add(episode_id)
                return (Attendance.ABSENT_UNEXCUSED, None)
            return (Attendance.PRESENT, None)
        roll = self.rng.random()
        if roll < 0.78:
            return (Attendance.PRESENT, None)
        if roll < 0.84:
            return (Attendance.LATE, length - self.rng.choice([10, 15, 20]))
        if roll < 0.89:
            return (Attendance.LEFT_EARLY, length - self.rng.choice([20, 30]))
        if roll < 0.95:
            return (Attendance.ABSENT_EXCUSED, None)
        return (Attendance.ABSENT_UNEXCUSED, None)

    def _attendance(self, short: set[Any]) -> None:
        missed: set[Any] = set()
        for session in self._held():
            places = [a for a in session.attendees.all() if a.status == "expected"]
            if not places:
                continue
            lead = self._lead(session)
            attendance_record(
                session=session,
                marks={a.pk: self._mark(a.episode_id, session, short, missed) for a in places},
                actor=lead,
                now=min(session.ends_at + datetime.timedelta(minutes=20), self.now),
            )

    def _lead(self, session: Session) -> Any:
        links = list(session.staff_links.all())
        lead = next((s for s in links if s.role == SessionStaffRole.LEAD), None)
        return (lead or links[0]).user if links else self.staff[DIRECTOR]

    def _follow_ups(self) -> None:
        """Follow-ups from before yesterday were done; the recent ones are still open."""
        yesterday = self.today - datetime.timedelta(days=1)
        outcomes = [
            "Reached by phone; was unwell, plans to attend next session.",
            "Left a voicemail with the callback number; will try again tomorrow.",
            "Spoke with client; transport problem solved with a bus pass referral.",
        ]
        done = FollowUpTask.objects.filter(
            program=self.program, status=FollowUpStatus.OPEN, due_on__lt=yesterday
        ).select_related("program", "assigned_to")
        for i, task in enumerate(done):
            followup_complete(
                task=task,
                outcome=outcomes[i % len(outcomes)],
                actor=task.assigned_to or self.staff[DIRECTOR],
            )

    # ------------------------------------------------------------ notes

    def _notes(self) -> None:
        """Sessions charted and signed, except the last day's before today (written, not
        yet signed) and one of Sam's recent groups (not charted); today's left to write."""
        sessions = list(
            Session.objects.filter(
                program=self.program,
                status=SessionStatus.SCHEDULED,
                ends_at__lte=self.now,
                occurs_on__lt=self.today,
            )
            .select_related("group", "program")
            .prefetch_related("attendees__client", "staff_links__user")
            .order_by("starts_at")
        )
        last_day = max((s.occurs_on for s in sessions), default=self.today)
        objectives = plan_objectives(
            episode_ids={a.episode_id for s in sessions for a in s.attendees.all()}
        )
        uncharted = next(
            (
                s
                for s in reversed(sessions)
                if s.kind == SessionKind.GROUP
                and s.occurs_on < last_day
                and self._lead(s) == self.staff[SAM]
            ),
            None,
        )
        for session in sessions:
            if session == uncharted:
                continue
            sign = session.occurs_on < last_day
            # Charted an hour after the session ends, as its lead would.
            with then(min(session.ends_at + datetime.timedelta(hours=1), self.now)):
                if session.kind == SessionKind.GROUP:
                    self._group_notes(session, objectives, sign)
                else:
                    self._individual_note(session, objectives, sign)

    def _group_notes(self, session: Session, objectives: dict[Any, list[Any]], sign: bool) -> None:
        present = [a for a in session.attendees.all() if a.attended]
        if not present:
            return
        lead = self._lead(session)
        group_note_save(
            session=session,
            topic=session.topic_title or (session.group.name if session.group else "Group"),
            interventions=self.rng.choice(INTERVENTIONS),
            duration_minutes=session.duration_minutes,
            actor=lead,
            revision=0,
        )
        for i, attendee in enumerate(present):
            mine = objectives.get(attendee.episode_id, [])
            name = attendee.client.preferred_name or attendee.client.legal_first_name
            group_part_save(
                attendee=attendee,
                body={
                    "participation": f"{name}: {PARTICIPATION[i % len(PARTICIPATION)]}",
                    "response": self.rng.choice(RESPONSE),
                    "progress": self.rng.choice(PROGRESS),
                    "safety": self.rng.choice(SAFETY),
                },
                objective_ids=[mine[0].pk] if mine else [],
                actor=lead,
                revision=0,
            )
        if sign:
            group_notes_sign(session=session, actor=lead, shown=group_shown_hashes(session))

    def _individual_note(
        self, session: Session, objectives: dict[Any, list[Any]], sign: bool
    ) -> None:
        attendee = next((a for a in session.attendees.all() if a.attended), None)
        if attendee is None:
            return
        lead = self._lead(session)
        mine = objectives.get(attendee.episode_id, [])
        note = note_save(
            session=session,
            episode=attendee.episode,
            body={
                key: INDIVIDUAL.get(key, "Reviewed.")
                for key in section_keys(self.program.note_format)
            },
            objective_ids=[o.pk for o in mine[:2]],
            actor=lead,
            revision=0,
            visit=self._visit(session),
        )
        if sign:
            note_sign(note=note, actor=lead, shown_sha256=note_shown_hash(note))

    def _visit(self, session: Session) -> NoteVisit:
        """The session as booked, its usual code, and a risk screen with no risk identified
        (as the demo notes' assessments say)."""
        start, stop = booked_times(session)
        minutes = (stop.hour * 60 + stop.minute) - (start.hour * 60 + start.minute)
        by_kind: dict[str, str] = {SessionKind.FAMILY: "90847", SessionKind.MEDICATION: "99213"}
        by_length = "90837" if minutes >= 53 else "90834" if minutes >= 38 else "90832"
        code = self.service_codes.get(by_kind.get(session.kind, by_length))
        return NoteVisit(
            start=start,
            stop=stop,
            service_code_id=code.pk if code else None,
            risk_screen=RiskScreen.NONE,
        )
