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
            "response": "Practised the skill.",
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
