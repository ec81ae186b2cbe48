"""Attendance: a whole session in one submission, all or nothing, and the follow-up task."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from iop.accounts.models import Role
from scheduling.models import FollowUpTask, Session, SessionAttendee
from scheduling.services.attendance import attendance_record, attendee_arrive
from scheduling.services.calendar import session_cancel, sessions_generate
from scheduling.services.enrolment import track_enrol
from tests.scheduling.core_helpers import MON, admit, at, day, place, track_with_group
from tests.scheduling.factories import local

pytestmark = pytest.mark.django_db
BEFORE = datetime.date(2026, 3, 1)


@pytest.fixture
def group_day(program, staff):
    """Monday's 09:00-10:30 group with Ada, Ben and Cy expected."""
    clinician = staff[Role.CLINICIAN]
    track, _ = track_with_group(program, block=(datetime.time(9), datetime.time(10, 30)))
    people = [admit(program, first=n, clinician=clinician) for n in ("Ada", "Ben", "Cy")]
    with at(program, BEFORE, 12):
        for episode in people:
            track_enrol(episode=episode, track=track, starts_on=MON, actor=clinician)
    sessions_generate(program=program, today=MON, until=day(0))
    return clinician, Session.objects.get(), people


def marks(session, people, *values):
    return {place(session, e).pk: v for e, v in zip(people, values, strict=True)}


def recorded(session) -> list[tuple[str, str, int | None]]:
    return [
        (a.client.legal_first_name, a.attendance, a.minutes_attended)
        for a in SessionAttendee.objects.filter(session=session).select_related("client")
        .order_by("client__legal_first_name")
    ]  # fmt: skip


def test_a_whole_session_is_recorded_in_one_submission(group_day, program):
    clinician, session, people = group_day
    with at(program, day(0), 10, 45):
        attendance_record(
            session=session,
            marks=marks(session, people, ("present", None), ("late", 70), ("absent_excused", None)),
            actor=clinician,
        )
    assert recorded(session) == [
        ("Ada", "present", 90),
        ("Ben", "late", 70),
        ("Cy", "absent_excused", 0),
    ]
    assert {a.recorded_by for a in SessionAttendee.objects.all()} == {clinician}


def test_minutes_longer_than_the_session_refuse_the_whole_submission(group_day, program):
    clinician, session, people = group_day
    with at(program, day(0), 10, 45), pytest.raises(ValidationError) as refused:
        attendance_record(
            session=session,
            marks=marks(session, people, ("present", None), ("present", 120), ("present", None)),
            actor=clinician,
        )
    ben = place(session, people[1])
    assert refused.value.message_dict[str(ben.pk)] == [
        "Ben Testperson: 120 minutes is longer than the session (90 minutes)."
    ]
    assert recorded(session) == [("Ada", "", None), ("Ben", "", None), ("Cy", "", None)]


def test_attendance_on_a_session_not_started_is_refused(group_day, program):
    clinician, session, people = group_day
    with at(program, day(0), 8, 55), pytest.raises(ValidationError) as refused:
        attendance_record(
            session=session,
            marks=marks(session, people, *[("present", None)] * 3),
            actor=clinician,
        )
    assert refused.value.messages == [
        "Attendance can be taken once the session has started: Process group on Mon 2 Mar at 09:00."
    ]
    assert recorded(session)[0] == ("Ada", "", None)


def test_every_expected_client_must_be_marked(group_day, program):
    clinician, session, people = group_day
    partial = marks(session, people[:2], ("present", None), ("present", None))
    with at(program, day(0), 10, 45), pytest.raises(ValidationError) as refused:
        attendance_record(session=session, marks=partial, actor=clinician)
    assert refused.value.message_dict["__all__"] == [
        "Mark every client expected at the session: Cy Testperson not marked."
    ]


def test_absences_count_no_minutes_and_late_needs_minutes(group_day, program):
    clinician, session, people = group_day
    with at(program, day(0), 10, 45), pytest.raises(ValidationError) as refused:
        attendance_record(
            session=session,
            marks=marks(session, people, ("absent_excused", 30), ("late", None), ("gone", None)),
            actor=clinician,
        )
    errors = refused.value.message_dict
    assert errors[str(place(session, people[0]).pk)] == [
        "Ada Testperson is marked absent, so 0 minutes attended."
    ]
    assert errors[str(place(session, people[1]).pk)] == [
        "Say how many minutes Ben Testperson attended (late)."
    ]
    assert errors[str(place(session, people[2]).pk)] == ["Choose how Cy Testperson attended."]


def test_a_cancelled_session_takes_no_attendance(group_day, program):
    clinician, session, people = group_day
    session_cancel(session=session, reason="Facilitator ill", actor=clinician)
    with at(program, day(0), 10, 45), pytest.raises(ValidationError) as refused:
        attendance_record(
            session=session, marks=marks(session, people, *[("present", None)] * 3), actor=clinician
        )
    assert refused.value.messages == [
        "This session was cancelled (Facilitator ill); there is no attendance."
    ]


def test_an_unexcused_absence_creates_one_same_day_follow_up(group_day, program, staff):
    clinician, session, people = group_day
    values: list[tuple[str, int | None]] = [
        ("present", None),
        ("absent_unexcused", None),
        ("present", None),
    ]
    # Recorded that evening, then submitted again (a correction to someone else's minutes).
    with at(program, day(0), 17):
        attendance_record(session=session, marks=marks(session, people, *values), actor=clinician)
        values[0] = ("left_early", 45)
        attendance_record(session=session, marks=marks(session, people, *values), actor=clinician)
    task = FollowUpTask.objects.get()
    assert (task.client, task.episode, task.assigned_to, task.due_on, task.status) == (
        people[1].client,
        people[1],
        clinician,
        day(0),
        "open",
    )
    assert task.summary == (
        "Reach out to Ben Testperson: absent without notice from Process group on Mon 2 Mar "
        "at 09:00"
    )
    # Corrected to an excused absence: the task is closed, not deleted.
    values[1] = ("absent_excused", None)
    with at(program, day(0), 17, 30):
        attendance_record(session=session, marks=marks(session, people, *values), actor=clinician)
    task.refresh_from_db()
    assert (task.status, task.completed_by) == ("done", clinician)


def test_check_in_keeps_the_first_arrival_time(group_day, program):
    clinician, session, people = group_day
    ada = place(session, people[0])
    with at(program, day(0), 8, 50):
        attendee_arrive(attendee=ada, actor=clinician)
    with at(program, day(0), 9, 5):
        attendee_arrive(attendee=ada, actor=clinician)
    ada.refresh_from_db()
    assert ada.arrived_at == local(program, day(0), 8, 50)
    with at(program, day(1), 9), pytest.raises(ValidationError) as refused:
        attendee_arrive(attendee=place(session, people[1]), actor=clinician)
    assert refused.value.messages == ["Check-in is for today's sessions only."]


def test_plan_reviews_show_the_attendance_rate_since_the_plan_started(group_day, program):
    from tests.treatment_plans.review_helpers import ATTENDS, make_plan
    from treatment_plans.models import PlanObjective
    from treatment_plans.services.reviews import objective_evidence

    clinician, monday, people = group_day
    ada, ben, _ = people
    plans = [
        make_plan(
            e, activated_at=local(program, datetime.date(2026, 2, 20), 12), objectives=[ATTENDS]
        )
        for e in (ada, ben)
    ]
    sessions_generate(program=program, today=MON, until=day(3))
    wednesday, thursday = Session.objects.exclude(pk=monday.pk).order_by("starts_at")
    session_cancel(session=thursday, reason="Snow", actor=clinician)
    values = {
        monday: [("present", None), ("absent_unexcused", None), ("present", None)],
        wednesday: [("late", 60), ("cancelled_by_program", None), ("present", None)],
    }
    for session, marked in values.items():
        with at(program, session.occurs_on, 11):
            attendance_record(
                session=session, marks=marks(session, people, *marked), actor=clinician
            )
    with at(program, day(3), 12):
        texts = [
            objective_evidence(
                plan=p, objectives=list(PlanObjective.objects.filter(goal__problem__plan=p))
            )
            for p in plans
        ]
    assert [list(t.values()) for t in texts] == [
        ["Attended 2 of 2 sessions since 20 Feb 2026 (100%); target 90%: at or above the target."],
        ["Attended 0 of 1 session since 20 Feb 2026 (0%); target 90%: below the target."],
    ]
