"""Demo changes of level of care, through the services on the demo clock: one client
stepped up three weeks ago and back down last week (each proposed by their clinician and
approved by the director), and one step-up proposal awaiting the director today; then this
morning's flags of candidates, after one client's plan revision (objectives met or on
track) makes one a candidate for a step down.

Run from relapse_prevention's demo, after the drug screens exist, so that the evidence each
proposal keeps holds them as a real proposal's would.
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from iop.clients.models import Episode, LevelOfCare
from iop.demo_clock import on
from iop.signatures.models import SignerRole, content_hash
from scheduling.models import LevelChangeProposal, TrackPlan
from scheduling.services import candidates
from scheduling.services.candidates import candidates_evaluate
from scheduling.services.level_changes import (
    justification_draft,
    level_change_decide,
    level_change_evidence,
    level_change_propose,
)
from treatment_plans.models import ObjectiveStatus, PlanObjective
from treatment_plans.services.plan_parts import objective_edit
from treatment_plans.services.plan_signing import plan_sign
from treatment_plans.services.plan_text import plan_text
from treatment_plans.services.plan_versions import plan_start, plan_with_parts

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
    _plan_on_track(program, director, today)
    # This morning's flags of candidates for a step up or down, as the beat task raises them.
    with on(program, today, datetime.time(6, 30)):
        candidates_evaluate(program, today)


def _plan_on_track(program: Any, director: Any, today: datetime.date) -> None:
    """Yesterday's plan revision for one client at partial hospitalization whose record
    holds for a step down but for the plan: the first objective met, the rest in progress
    with their target dates ahead; signed, it is the active plan the flag reads."""
    ready = [
        facts
        for facts in candidates.episode_facts(program, today)
        if facts.episode.level_of_care.code == "2.5"
        and facts.episode.primary_clinician is not None
        and candidates.ready_for_step_down(
            dataclasses.replace(facts, objectives=[("met", today)]), program, today
        )
    ]
    if not ready:
        return
    episode = min(ready, key=lambda f: f.episode.client.record_number).episode
    clinician = episode.primary_clinician
    assert clinician is not None
    with on(program, today - DAY, datetime.time(14)):
        plan = plan_start(episode=episode, by=clinician)
        objectives = PlanObjective.objects.filter(goal__problem__plan=plan).select_related(
            "goal__problem"
        )
        for number, objective in enumerate(objectives.order_by("target_date", "created_at")):
            objective.goal.problem.plan = plan  # the instance whose revision the services advance
            objective_edit(
                objective=objective,
                by=clinician,
                revision=plan.revision,
                description=objective.description,
                measure=objective.measure,
                instrument=objective.instrument,
                threshold=objective.threshold,
                per_week=objective.per_week,
                target_date=today + 28 * DAY,
                status=ObjectiveStatus.MET if number == 0 else ObjectiveStatus.IN_PROGRESS,
            )
            plan.refresh_from_db()
        shown = content_hash(plan_text(plan_with_parts(plan)))
        signers = [(SignerRole.CLINICIAN, clinician), (SignerRole.CLIENT, clinician)]
        if program.plan_requires_cosign:
            signers.append((SignerRole.COSIGNER, director))
        for role, by in signers:
            plan = plan_sign(
                plan=plan, role=role, by=by, shown_sha256=shown, typed_name=plan.client.legal_name
            )
