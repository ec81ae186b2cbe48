"""Demo changes of level of care, through the services on the demo clock: one client
stepped up three weeks ago and back down last week (each proposed by their clinician and
approved by the director), and one step-up proposal awaiting the director today.

Run from relapse_prevention's demo, after the drug screens exist, so that the evidence each
proposal keeps holds them as a real proposal's would.
"""

from __future__ import annotations

import datetime
from typing import Any

from iop.clients.models import Episode, LevelOfCare
from iop.demo_clock import on
from scheduling.models import LevelChangeProposal, TrackPlan
from scheduling.services.candidates import candidates_evaluate
from scheduling.services.level_changes import (
    justification_draft,
    level_change_decide,
    level_change_evidence,
    level_change_propose,
)

DAY = datetime.timedelta(days=1)
WORSE = {1: 0, 2: 1, 3: 3, 4: 2, 5: 3, 6: 1}  # the decision aid: 2.5
BETTER = {1: 0, 2: 0, 3: 2, 4: 1, 5: 2, 6: 1}  # the decision aid: 2.1
NOTES = {
    3: "Panic attacks most days; sleeping four hours a night.",
    5: "Two lapses in a week after a family conflict.",
}


def _propose(episode: Episode, to_code: str, ratings: dict[int, int], day: datetime.date) -> Any:
    program = episode.program
    to_level = LevelOfCare.objects.get(edition=program.asam_edition, code=to_code)
    evidence = level_change_evidence(episode, today=day)
    texts = justification_draft(
        episode=episode, to_level=to_level, ratings=ratings, evidence=evidence
    )
    assert episode.primary_clinician is not None
    return level_change_propose(
        episode=episode,
        by=episode.primary_clinician,
        to_level=to_level,
        effective_on=day,
        track_plan=TrackPlan.KEEP,
        track=None,
        ratings=ratings,
        notes=NOTES if ratings is WORSE else {},
        why_this_level=texts["why_this_level"],
        why_not_lower=texts["why_not_lower"],
        why_not_higher=texts["why_not_higher"],
    )


def seed(context: dict[str, Any]) -> None:
    program, staff = context["program"], context["staff"]
    if LevelChangeProposal.objects.filter(program=program).exists():
        return
    today = program.today()
    candidates = list(
        Episode.objects.open()
        .filter(
            program=program,
            level_of_care__code="2.1",
            admitted_on__lte=today - 35 * DAY,
            primary_clinician__isnull=False,
        )
        .select_related("client", "program", "level_of_care", "primary_clinician")
        .order_by("client__record_number")
    )
    if len(candidates) < 2:
        return
    director = staff["director@demo.test"]
    stepped, pending = candidates[0], candidates[1]
    up_on, down_on = today - 21 * DAY, today - 7 * DAY
    for day, code, ratings in ((up_on, "2.5", WORSE), (down_on, "2.1", BETTER)):
        with on(program, day, datetime.time(10)):
            proposal = _propose(Episode.objects.get(pk=stepped.pk), code, ratings, day)
        with on(program, day, datetime.time(15)):
            level_change_decide(
                proposal=proposal, by=director, approve=True, comment="Agreed; review in two weeks."
            )
    with on(program, today, datetime.time(9)):
        _propose(pending, "2.5", WORSE, today)
    # This morning's flags of candidates for a step up or down, as the beat task raises them.
    with on(program, today, datetime.time(6, 30)):
        candidates_evaluate(program, today)
