"""Treatment plans for the demo's admitted clients: most active and signed, some drafts,
some overdue for review, a few in the processing phase after a confirmed readiness review.

Every write goes through the plan services, run on the day it happens (``iop.demo_clock``):
objectives get the service's default target dates, signatures the service's text and hashes.
"""

from __future__ import annotations

import datetime
from typing import Any

from intake.readiness import readiness_status
from iop.clients.models import Episode
from iop.demo_clock import on
from iop.signatures.models import SignerRole, content_hash
from treatment_plans.demo_completions import seed_completions
from treatment_plans.models import (
    DiagnosisRank,
    Modality,
    Phase,
    PlanGoal,
    PlanObjective,
    PlanProblem,
    PlanTemplate,
    ReviewRating,
    TreatmentPlan,
)
from treatment_plans.services.diagnoses import diagnosis_add
from treatment_plans.services.gate import (
    live_facts,
    phase_change,
    readiness_confirm,
    readiness_review_record,
)
from treatment_plans.services.plan_parts import (
    goal_edit,
    intervention_add,
    plan_add_from_template,
    plan_details_edit,
)
from treatment_plans.services.plan_signing import plan_sign
from treatment_plans.services.plan_text import plan_text
from treatment_plans.services.plan_versions import intake_details, plan_start, plan_with_parts
from treatment_plans.services.reviews import plan_review_record

# Goals as clients put them in session (never the template's suggested wording), and the
# diagnosis each template's problem usually goes with, by template title.
CLIENT_SAYS: dict[str, list[str]] = {
    "Trauma symptoms: intrusions and avoidance": [
        "Sleep a whole night and take the bus past the corner again.",
        "Stop jumping every time a door slams at work.",
    ],
    "Emotion dysregulation and self-harm urges": [
        "When I get that wave of feeling, ride it out without cutting.",
        "Not end up in the ER again when things blow up with my mom.",
    ],
    "Depression after trauma": [
        "Get out of bed before noon and call my friends back.",
        "Feel something again, even just enjoying food.",
    ],
    "Alcohol use disorder: early recovery": [
        "Stay sober and not lose the warehouse job.",
        "Go a month without a drink so my kids trust me again.",
    ],
    "Opioid use disorder on medication": [
        "Keep taking my Suboxone and be at my son's games.",
        "Stay clean and get my license back.",
    ],
    "Ambivalence about change": [
        "Finish this program so the judge leaves me alone.",
        "Figure out if the weed is really a problem.",
    ],
    "Using substances to cope with trauma symptoms": [
        "Calm down at night without needing a drink.",
        "Handle the flashbacks without using.",
    ],
    "Unstable housing and supports": [
        "Have my own room with a lock on the door.",
        "Get out of my cousin's place before the lease ends.",
    ],
}
DIAGNOSIS: dict[str, str] = {
    "Trauma symptoms: intrusions and avoidance": "F43.12",
    "Emotion dysregulation and self-harm urges": "F43.10",
    "Depression after trauma": "F33.1",
    "Alcohol use disorder: early recovery": "F10.20",
    "Opioid use disorder on medication": "F11.21",
    "Ambivalence about change": "F10.10",
    "Using substances to cope with trauma symptoms": "F43.10",
    "Unstable housing and supports": "Z59.811",
}
DRAFT_EVERY = 7  # index % 7 == 3: a draft still being written
PROCESSING = (1, 10, 19)  # from here on, the next client ready for trauma processing
READY_ANSWERS = {
    "affect_tolerance": "adequate",
    "grounding_skill": "working",
    "self_harm": "none",
    "home_stability": "stable",
}
T = datetime.time
DETAILS = {
    "strengths": "Close to a sibling; humor; wants to return to work.",
    "pacing_preferences": "One topic at a time; breaks when overwhelmed.",
    "avoid": "No surprise exposure exercises; ask before touch-based grounding.",
    "discharge_criteria": "Attends 90% of hours for 4 weeks; relapse prevention plan written.",
    "aftercare_plan": "Step down to weekly outpatient therapy and peer support.",
}


def _write(
    plan: TreatmentPlan,
    episode: Episode,
    templates: list[PlanTemplate],
    clinician: Any,
    index: int,
    *,
    draft: bool,
) -> None:
    """The plan as written with the client: details, the two templates' parts in the client's
    words, the diagnoses; a draft leaves its last goal waiting for the client's words."""
    # What the client said at intake (which the new plan carries) wins over the demo's wording.
    carried = {k for k, v in intake_details(episode).items() if v}
    plan_details_edit(
        plan=plan,
        by=clinician,
        revision=plan.revision,
        **{k: v for k, v in DETAILS.items() if k not in carried},
    )
    goals: list[PlanGoal] = []
    for template in templates:
        problem = plan_add_from_template(
            plan=plan, template=template, by=clinician, revision=plan.revision
        )
        goal = PlanGoal.objects.get(problem=problem)
        goal.problem = problem  # the plan instance whose revision the services advance
        goals.append(goal)
        said = CLIENT_SAYS.get(template.title, ["Get my life back on track."])
        goal.client_words = said[index % len(said)]
    for goal in goals[:-1] if draft else goals:
        goal_edit(
            goal=goal,
            by=clinician,
            revision=plan.revision,
            client_words=goal.client_words,
            clinical_goal=goal.clinical_goal,
        )
    codes = list(dict.fromkeys(DIAGNOSIS.get(t.title, "F43.10") for t in templates))
    for number, code in enumerate(codes):
        rank = DiagnosisRank.SECONDARY if number else DiagnosisRank.PRIMARY
        diagnosis_add(plan=plan, by=clinician, revision=plan.revision, code=code, rank=rank)


def _emdr(plan: TreatmentPlan, clinician: Any) -> None:
    """The trauma-processing intervention, under the first (trauma) problem."""
    problem = PlanProblem.objects.filter(plan=plan).order_by("order").first()
    assert problem is not None
    problem.plan = plan  # the instance whose revision the services advance
    intervention_add(
        problem=problem,
        by=clinician,
        revision=plan.revision,
        modality=Modality.objects.get(program=None, code="emdr"),
        description="Index trauma, after stabilization and a confirmed readiness review.",
        frequency="weekly, 60-90 minutes",
        responsible=clinician,
    )


def _sign(plan: TreatmentPlan, clinician: Any, director: Any) -> None:
    """Clinician, client (typing their name), then the director's co-signature if asked."""
    shown = content_hash(plan_text(plan_with_parts(plan)))
    signers = [(SignerRole.CLINICIAN, clinician), (SignerRole.CLIENT, clinician)]
    if plan.program.plan_requires_cosign:
        signers.append((SignerRole.COSIGNER, director))
    for role, by in signers:
        plan = plan_sign(
            plan=plan, role=role, by=by, shown_sha256=shown, typed_name=plan.client.legal_name
        )


def _processing(
    plan: TreatmentPlan, episode: Episode, clinician: Any, director: Any, day: datetime.date
) -> None:
    program = plan.program
    with on(program, day - datetime.timedelta(days=2), T(11)):
        review = readiness_review_record(
            episode=episode,
            by=clinician,
            **READY_ANSWERS,
            notes="Uses the calm-place skill reliably in session and at home for three weeks.",
        )
    with on(program, day, T(15)):
        readiness_confirm(review=review, by=director)
    with on(program, day, T(16)):
        phase_change(
            plan=plan,
            to_phase=Phase.PROCESSING,
            reason="Readiness confirmed; client chose EMDR for the index trauma.",
            by=clinician,
        )


def _reviews(
    plan: TreatmentPlan, clinician: Any, start: datetime.date, today: datetime.date
) -> None:
    """A review every 28 days up to today: the plan stays in date."""
    objectives = list(PlanObjective.objects.filter(goal__problem__plan=plan))
    day = start + datetime.timedelta(days=28)
    while day < today:
        with on(plan.program, day, T(12)):
            plan_review_record(
                plan=plan,
                by=clinician,
                reviewed_on=day,
                summary="Engaged in groups; symptoms easing.",
                ratings={o.pk: (ReviewRating.PROGRESSING, "") for o in objectives},
            )
        day += datetime.timedelta(days=28)


def _processing_indexes(episodes: list[Episode], today: datetime.date) -> set[int]:
    """From each of PROCESSING on, the first signed plan whose client the gate finds ready
    (DES-II and suicide risk as intake recorded them): only states the gate can confirm."""
    chosen: set[int] = set()
    for first in PROCESSING:
        for index in range(first, len(episodes)):
            days_in = (today - episodes[index].admitted_on).days
            if index in chosen or index % DRAFT_EVERY == 3 or days_in < 20:
                continue
            facts = live_facts(episodes[index].client_id)
            status = readiness_status(
                **READY_ANSWERS,
                des_score=facts.des_score,
                acute_suicide_risk=facts.acute_suicide_risk,
            )
            if status.ready:
                chosen.add(index)
                break
    return chosen


def seed(context: dict[str, Any]) -> None:
    program, staff = context["program"], context["staff"]
    if TreatmentPlan.objects.filter(program=program).exists():
        return
    # The clients who completed early leave first: no plan of this demo is theirs.
    seed_completions(context)
    director = staff["director@demo.test"]
    templates = list(PlanTemplate.objects.filter(program=None, active=True).order_by("title"))
    today = program.today()
    episodes = list(
        Episode.objects.filter(program=program, discharged_on__isnull=True)
        .select_related("client", "primary_clinician", "program")
        .order_by("client__record_number")
    )
    processing = _processing_indexes(episodes, today)
    for index, episode in enumerate(episodes):
        clinician = episode.primary_clinician or staff["clinician@demo.test"]
        days_in = (today - episode.admitted_on).days
        start = episode.admitted_on + datetime.timedelta(days=min(5, days_in))
        chosen = [templates[(index + offset) % len(templates)] for offset in (0, 3)]
        draft = index % DRAFT_EVERY == 3 and days_in <= 7
        with on(program, start, T(10)):
            plan = plan_start(episode=episode, by=clinician)
            _write(plan, episode, chosen, clinician, index, draft=draft)
            if index in processing:
                _emdr(plan, clinician)
        if draft:
            continue  # the first plan, still being written with the client
        with on(program, start, T(11)):
            _sign(plan, clinician, director)
        if index in processing:
            _processing(plan, episode, clinician, director, start + datetime.timedelta(days=14))
        if index % 4 != 1:  # every fourth plan is left overdue for review
            _reviews(plan, clinician, start, today)
        if index % DRAFT_EVERY == 3:
            plan_start(episode=episode, by=clinician)  # a revision in progress (version 2)
