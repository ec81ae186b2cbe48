"""The planned-discharge sweep through a real Celery worker (tests/celery_worker.py): on the
date it closes the episode, releases the client's sessions and closes the active plan, and a
second sweep changes nothing. (The time-zone edge is tested on the task function in
tests/scheduling/test_discharge.py, with the clock set.)"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from iop.accounts.models import Role
from iop.clients.models import Episode
from iop.clients.tasks import planned_discharges_apply
from scheduling.models import SessionAttendee, SessionKind
from tests.celery_worker import drain_worker
from tests.discharge_helpers import discharge_steps_complete
from tests.factories import ClientFactory, EpisodeFactory, ProgramFactory, member
from tests.scheduling.charting_helpers import active_objectives
from tests.scheduling.factories import GroupFactory, SessionFactory
from treatment_plans.models import PlanStatus, TreatmentPlan


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("celery_worker")
def test_the_worker_applies_a_discharge_planned_for_today_once():
    program: Any = ProgramFactory(name="Riverside")
    director = member(Role.DIRECTOR, program)
    today = program.today()
    episode: Any = EpisodeFactory(
        client=ClientFactory(program=program), admitted_on=today - datetime.timedelta(days=40)
    )
    active_objectives(episode, director, "Practice urge surfing")
    discharge_steps_complete(episode, kind="completed", clinician=member(Role.CLINICIAN, program))
    later = timezone.now() + datetime.timedelta(days=2)
    session = SessionFactory(
        program=program,
        kind=SessionKind.GROUP,
        group=GroupFactory(program=program),
        occurs_on=later.date(),
        starts_at=later,
        ends_at=later + datetime.timedelta(minutes=90),
    )
    SessionAttendee.objects.create(session=session, episode=episode, client=episode.client)
    # Planned on an earlier day for today: the state the sweep finds on the morning of the date.
    Episode.objects.filter(pk=episode.pk).update(
        discharge_planned_on=today, discharge_planned_reason="completed",
        discharge_planned_by=director,
    )  # fmt: skip

    planned_discharges_apply.delay()
    planned_discharges_apply.delay()
    drain_worker()

    episode.refresh_from_db()
    assert (episode.discharged_on, episode.discharge_planned_on) == (today, None)
    assert SessionAttendee.objects.get(session=session).status == "removed"
    assert TreatmentPlan.objects.get(episode=episode).status == PlanStatus.SUPERSEDED
    assert (
        episode.client.audit_events.filter(summary__startswith="Discharged as planned").count() == 1
    )
