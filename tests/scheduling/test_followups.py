"""Follow-up tasks after an unexcused absence: who sees them, and closing one once."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from iop.accounts.models import Role
from scheduling.models import FollowUpStatus, FollowUpTask
from scheduling.services.followups import followup_complete, followups_open
from tests.factories import member
from tests.scheduling.reminders_helpers import attendee, expect, group_session

DAY = datetime.date(2026, 11, 24)


@pytest.fixture
def tasks(program, other_program, staff):
    """One open task for the clinician, one for a colleague, one elsewhere."""
    colleague = member(Role.CLINICIAN, program, email="riley@clinic.test")
    outsider = member(Role.CLINICIAN, other_program, email="x@clinic.test")

    def task(prog, assigned_to, name):
        place = expect(group_session(prog, DAY, 9), attendee(prog, first_name=name))[0]
        return FollowUpTask.objects.create(
            program=prog,
            client=place.client,
            episode=place.episode,
            attendee=place,
            assigned_to=assigned_to,
            summary=f"Missed group: call {name}",
            due_on=DAY,
        )

    return {
        "mine": task(program, staff[Role.CLINICIAN], "Avery"),
        "colleague": task(program, colleague, "Blake"),
        "elsewhere": task(other_program, outsider, "Cruz"),
    }


def test_clinician_sees_own_open_follow_ups_director_sees_the_programs(
    program, other_program, staff, tasks
):
    programs = {program.pk, other_program.pk}
    assert followups_open(user=staff[Role.CLINICIAN], program_ids=programs) == [tasks["mine"]]
    director = followups_open(user=staff[Role.DIRECTOR], program_ids=programs)
    assert {t.pk for t in director} == {tasks["mine"].pk, tasks["colleague"].pk}
    assert followups_open(user=staff[Role.INTAKE], program_ids=programs) == []


def test_completing_records_outcome_once(staff, tasks):
    done = followup_complete(
        task=tasks["mine"], outcome="  Reached her; back on Thursday. ", actor=staff[Role.CLINICIAN]
    )
    assert done.status == FollowUpStatus.DONE
    assert done.outcome == "Reached her; back on Thursday."
    assert done.completed_by == staff[Role.CLINICIAN] and done.completed_at is not None
    assert followups_open(user=staff[Role.CLINICIAN], program_ids={tasks["mine"].program_id}) == []

    with pytest.raises(ValidationError, match="already completed by"):
        followup_complete(task=tasks["mine"], outcome="Again", actor=staff[Role.DIRECTOR])
    tasks["mine"].refresh_from_db()
    assert tasks["mine"].outcome == "Reached her; back on Thursday."


def test_an_outcome_is_required_and_outsiders_are_refused(staff, tasks):
    with pytest.raises(ValidationError, match="Write what happened"):
        followup_complete(task=tasks["mine"], outcome="   ", actor=staff[Role.CLINICIAN])
    with pytest.raises(PermissionDenied):
        followup_complete(task=tasks["elsewhere"], outcome="Called", actor=staff[Role.CLINICIAN])
    with pytest.raises(PermissionDenied):
        followup_complete(task=tasks["mine"], outcome="Called", actor=staff[Role.INTAKE])
    assert FollowUpTask.objects.filter(status=FollowUpStatus.OPEN).count() == 3
