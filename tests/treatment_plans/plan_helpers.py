"""Building plans in tests through the same services the pages use."""

from __future__ import annotations

from django.utils import timezone

from intake.models import AsamRating, Assessment, AssessmentStatus
from intake.services.instruments import instrument_record
from iop.signatures.models import SignerRole, content_hash
from tests.factories import level
from treatment_plans.models import PlanGoal, PlanTemplate, TreatmentPlan
from treatment_plans.services.plan_parts import plan_add_from_template
from treatment_plans.services.plan_signing import plan_sign
from treatment_plans.services.plan_text import plan_text
from treatment_plans.services.plan_versions import plan_start, plan_with_parts

TRAUMA = "Trauma symptoms: intrusions and avoidance"
ALCOHOL = "Alcohol use disorder: early recovery"


def completed_intake(client, by) -> Assessment:
    """A completed intake assessment with ASAM ratings, a PHQ-9 and a PCL-5."""
    assessment = Assessment.objects.create(
        client=client,
        program=client.program,
        status=AssessmentStatus.COMPLETED,
        completed_at=timezone.now(),
        completed_by=by,
        asam_edition=client.program.asam_edition,
        placement_level=level("2.1"),
        presenting_problems="Nightmares since a robbery at work; drinking to sleep.",
        created_by=by,
    )
    for dimension, rating in {1: 0, 2: 1, 3: 2, 4: 2, 5: 2, 6: 1}.items():
        AsamRating.objects.create(assessment=assessment, dimension=dimension, rating=rating)
    phq9 = {**{str(i): 1 for i in range(1, 9)}, "9": 0}
    for code, answers in {"phq9": phq9, "pcl5": {str(i): 2 for i in range(1, 21)}}.items():
        instrument_record(
            client=client, instrument=code, answers=answers, by=by, assessment=assessment
        )
    return assessment


# What clients say, as a clinician writes it down: never a template's suggested wording.
CLIENT_SAYS = [
    "Sleep without the nightmares waking me, and go back to the store where it happened.",
    "Stop drinking after work and keep my job at the garage.",
    "Feel like me again.",
]


def draft_from_templates(episode, by, *titles: str, complete: bool = True) -> TreatmentPlan:
    """Start (or resume) the episode's draft and add the named library templates.

    ``complete``: as the clinician finishes it with the client: each template goal in the
    client's own words, and a primary diagnosis (PTSD).
    """
    plan = plan_start(episode=episode, by=by)
    for title in titles or (TRAUMA,):
        template = PlanTemplate.objects.get(program=None, title=title)
        plan_add_from_template(plan=plan, template=template, by=by, revision=plan.revision)
    if complete:
        in_client_words(plan, by)
        if not plan.diagnoses.filter(rank="primary").exists():
            with_diagnosis(plan, by, "F43.10")
    return fresh(plan)


def in_client_words(plan: TreatmentPlan, by) -> None:
    """Each goal still without the client's words gets what the client said."""
    from treatment_plans.services.plan_parts import goal_edit

    goals = PlanGoal.objects.filter(problem__plan=plan, client_words="").order_by("created_at")
    for number, goal in enumerate(goals):
        plan.refresh_from_db(fields=["revision"])
        goal_edit(
            goal=goal,
            by=by,
            revision=plan.revision,
            client_words=CLIENT_SAYS[number % len(CLIENT_SAYS)],
            clinical_goal=goal.clinical_goal,
        )
    plan.refresh_from_db(fields=["revision"])


def with_diagnosis(plan: TreatmentPlan, by, code: str, rank: str = "primary"):
    from treatment_plans.services.diagnoses import diagnosis_add

    plan.refresh_from_db(fields=["revision"])
    added = diagnosis_add(plan=plan, by=by, revision=plan.revision, code=code, rank=rank)
    plan.refresh_from_db(fields=["revision"])
    return added.diagnosis


def fresh(plan: TreatmentPlan) -> TreatmentPlan:
    return plan_with_parts(plan)


def shown_hash(plan: TreatmentPlan) -> str:
    return content_hash(plan_text(plan_with_parts(plan)))


def sign_all(plan: TreatmentPlan, clinician, director) -> TreatmentPlan:
    """Clinician, client and co-signer, in that order; returns the activated version."""
    plan_sign(plan=plan, role=SignerRole.CLINICIAN, by=clinician, shown_sha256=shown_hash(plan))
    plan_sign(
        plan=plan,
        role=SignerRole.CLIENT,
        by=clinician,
        typed_name=plan.client.legal_name,
        shown_sha256=shown_hash(plan),
    )
    return plan_sign(
        plan=plan, role=SignerRole.COSIGNER, by=director, shown_sha256=shown_hash(plan)
    )


def active_plan(episode, clinician, director, *titles: str) -> TreatmentPlan:
    return sign_all(draft_from_templates(episode, clinician, *titles), clinician, director)


def plan_part_samples(samples: dict[str, str], staff) -> dict[str, str]:
    """For the role matrix: a draft plan's problem, goal, objective and intervention ids.

    Uses the sample plan when another helper already made one (URLs nest parts under it),
    else starts a plan of its own for the sample episode or a new client.
    """
    from iop.accounts.models import Role
    from tests.factories import ClientFactory, EpisodeFactory
    from treatment_plans.models import PlanProblem

    clinician = staff[Role.CLINICIAN]
    if "plan_id" in samples:
        plan = TreatmentPlan.objects.get(pk=samples["plan_id"])
    else:
        episode = EpisodeFactory(client=ClientFactory(program=clinician.memberships.get().program))
        plan = draft_from_templates(episode, clinician)
    plan_add_from_template(
        plan=plan,
        template=PlanTemplate.objects.get(program=None, title=TRAUMA),
        by=clinician,
        revision=plan.revision,
    )
    problem = PlanProblem.objects.filter(plan=plan).order_by("-order")[0]
    goal = problem.goals.get()
    diagnosis = plan.diagnoses.first() or with_diagnosis(plan, clinician, "F43.10")
    return {
        "diagnosis_id": str(diagnosis.pk),
        "plan_id": str(plan.pk),
        "episode_id": samples.get("episode_id", str(plan.episode_id)),
        "problem_id": str(problem.pk),
        "goal_id": str(goal.pk),
        "objective_id": str(goal.objectives.all()[0].pk),
        "intervention_id": str(problem.interventions.all()[0].pk),
    }
