"""Sample records of the program day for the role matrix, all in the users' own program."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from groups.models import Admission, RosterEntry, RosterStatus
from iop.accounts.models import Role
from scheduling.models import FollowUpTask, ServiceCode, SessionKind
from scheduling.services.group_notes import group_part_save
from tests.scheduling.charting_helpers import attend, past_session
from tests.scheduling.factories import GroupFactory, TrackBlockFactory, TrackFactory


def program_day_samples(client_record: Any, staff: dict[str, Any]) -> dict[str, str]:
    program = client_record.program
    clinician = staff[Role.CLINICIAN]
    episode = client_record.episodes.get()
    session = past_session(program, clinician)
    attendee = attend(session, episode)
    note = group_part_save(
        attendee=attendee,
        body={
            "participation": "Took part throughout.",
            "response": "Practiced the skill.",
            "progress": "On track.",
            "safety": "None observed.",
        },
        objective_ids=[],
        actor=clinician,
        revision=0,
    )
    # note_write on a group attendee sends the user to the group page: use a booked session.
    individual = attend(past_session(program, clinician, kind=SessionKind.INDIVIDUAL), episode)
    track = TrackFactory(program=program, starts_on=timezone.localdate())
    block = TrackBlockFactory(track=track)
    closed = GroupFactory(program=program, admission=Admission.CLOSED)
    entry = RosterEntry.objects.create(
        group=closed,
        episode=episode,
        status=RosterStatus.MEMBER,
        joined_on=timezone.localdate() - datetime.timedelta(days=7),
    )
    task = FollowUpTask.objects.create(
        program=program,
        client=client_record,
        episode=episode,
        assigned_to=clinician,
        summary="Call about the missed group",
        due_on=timezone.localdate(),
    )
    code = ServiceCode.objects.create(
        program=program, code="90834", label="Psychotherapy, 38-52 minutes", kinds=["individual"]
    )
    return {
        "code_id": str(code.pk),
        "session_id": str(session.pk),
        "attendee_id": str(individual.pk),
        "note_id": str(note.pk),
        "track_id": str(track.pk),
        "block_id": str(block.pk),
        "group_id": str(closed.pk),
        "entry_id": str(entry.pk),
        "task_id": str(task.pk),
    }


def level_change_samples(client_record: Any, staff: dict[str, Any]) -> dict[str, str]:
    """A pending step-up proposed by the clinician, for the role matrix."""
    from iop.clients.models import LevelOfCare
    from scheduling.models import TrackPlan
    from scheduling.services.level_changes import level_change_propose

    episode = client_record.episodes.get()
    proposal = level_change_propose(
        episode=episode,
        by=staff[Role.CLINICIAN],
        to_level=LevelOfCare.objects.get(edition=client_record.program.asam_edition, code="2.5"),
        effective_on=client_record.program.today(),
        track_plan=TrackPlan.KEEP,
        track=None,
        ratings={1: 0, 2: 1, 3: 3, 4: 2, 5: 3, 6: 1},
        notes={},
        why_this_level="Daily structure is needed.",
        why_not_lower="IOP hours have not held.",
        why_not_higher="Safe at home.",
    )
    from scheduling.models import Direction, LevelChangeCandidate

    today = client_record.program.today()
    candidate = LevelChangeCandidate.objects.create(
        episode=episode,
        client=client_record,
        program=client_record.program,
        direction=Direction.UP,
        rule="unexcused_absences",
        rule_text="2 or more unexcused absences in the last 2 weeks",
        figures={"unexcused": 2, "text": "2 unexcused absences."},
        flagged_on=today,
        last_fired_on=today,
    )
    return {"proposal_id": str(proposal.pk), "candidate_id": str(candidate.pk)}
