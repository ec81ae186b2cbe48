"""Treatment plans for the demo's admitted clients: most active and signed, some drafts,
some overdue for review, a few in the processing phase after a confirmed readiness review."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from iop.clients.models import Episode
from iop.signatures.models import SignerRole
from iop.signatures.services import signature_record
from treatment_plans.models import (
    DiagnosisRank,
    Modality,
    Phase,
    PhaseChange,
    PlanDiagnosis,
    PlanGoal,
    PlanIntervention,
    PlanObjective,
    PlanProblem,
    PlanReview,
    PlanReviewItem,
    PlanStatus,
    PlanTemplate,
    ReadinessReview,
    ReviewRating,
    TreatmentPlan,
)

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
PROCESSING = {1, 10, 19}  # in trauma processing after a confirmed readiness review


def _at(day: datetime.date, hour: int = 11) -> datetime.datetime:
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))
    return min(moment, timezone.now() - datetime.timedelta(hours=1))


def _from_template(
    plan: TreatmentPlan, template: PlanTemplate, responsible: Any, start: datetime.date, index: int
) -> None:
    problem = PlanProblem.objects.create(
        plan=plan, statement=template.problem, created_by=responsible
    )
    said = CLIENT_SAYS.get(template.title, ["Get my life back on track."])
    goal = PlanGoal.objects.create(
        problem=problem,
        client_words=said[index % len(said)],
        suggested_words=template.goal_client_words,
        clinical_goal=template.goal_clinical,
        created_by=responsible,
    )
    for spec in template.objectives:
        PlanObjective.objects.create(
            goal=goal,
            description=spec["description"],
            measure=spec["measure"],
            instrument=spec.get("instrument", ""),
            threshold=spec.get("threshold"),
            per_week=spec.get("per_week"),
            target_date=start + datetime.timedelta(weeks=spec.get("weeks", 6)),
            status="in_progress",
            created_by=responsible,
        )
    for spec in template.interventions:
        PlanIntervention.objects.create(
            plan=plan,
            problem=problem,
            modality=Modality.objects.get(program=None, code=spec["modality"]),
            description=spec.get("description", ""),
            frequency=spec["frequency"],
            responsible=responsible,
            created_by=responsible,
        )


def _diagnoses(
    plan: TreatmentPlan, templates: list[PlanTemplate], clinician: Any, day: datetime.date
) -> None:
    """The first problem's diagnosis is primary; a different second one is secondary."""
    from treatment_plans.icd10 import CODE_LIST, billable_code

    codes = list(dict.fromkeys(DIAGNOSIS.get(t.title, "F43.10") for t in templates))
    for number, code in enumerate(codes):
        found = billable_code(code)
        PlanDiagnosis.objects.create(
            plan=plan,
            code=found.code,
            description=found.description,
            code_list=CODE_LIST,
            rank=DiagnosisRank.SECONDARY if number else DiagnosisRank.PRIMARY,
            recorded_by=clinician,
            recorded_at=_at(day),
            created_by=clinician,
        )


def _sign(plan: TreatmentPlan, clinician: Any, director: Any, day: datetime.date) -> None:
    from treatment_plans.services.plans import plan_text

    text = plan_text(plan)
    client = plan.client
    when = _at(day)
    signature_record(
        obj=plan,
        role=SignerRole.CLIENT,
        signed_text=text,
        signer_name=client.legal_name,
        signed_at=when,
    )
    signature_record(
        obj=plan, role=SignerRole.CLINICIAN, signed_text=text, signer=clinician, signed_at=when
    )
    signature_record(
        obj=plan, role=SignerRole.COSIGNER, signed_text=text, signer=director, signed_at=when
    )
    TreatmentPlan.objects.filter(pk=plan.pk).update(
        status=PlanStatus.ACTIVE,
        client_signed_name=client.legal_name,
        client_signed_at=when,
        clinician_signed_by=clinician,
        clinician_signed_at=when,
        cosigned_by=director,
        cosigned_at=when,
        activated_at=when,
        review_due_on=day + datetime.timedelta(days=plan.program.plan_review_days),
    )


def _processing(
    plan: TreatmentPlan, episode: Episode, clinician: Any, director: Any, day: datetime.date
) -> None:
    review = ReadinessReview.objects.create(
        episode=episode,
        affect_tolerance="adequate",
        grounding_skill="working",
        self_harm="none",
        home_stability="stable",
        des_score=10,
        acute_suicide_risk=False,
        ready=True,
        notes="Uses the calm-place skill reliably in session and at home for three weeks.",
        created_by=clinician,
    )
    # Dated first: once confirmed, the review is locked in the database.
    _backdate(ReadinessReview, review.pk, day - datetime.timedelta(days=2))
    ReadinessReview.objects.filter(pk=review.pk).update(
        confirmed_by=director, confirmed_at=_at(day, 15)
    )
    change = PhaseChange.objects.create(
        plan=plan,
        from_phase=Phase.STABILISATION,
        to_phase=Phase.PROCESSING,
        reason="Readiness confirmed; client chose EMDR for the index trauma.",
        created_by=clinician,
    )
    TreatmentPlan.objects.filter(pk=plan.pk).update(phase=Phase.PROCESSING)
    _backdate(PhaseChange, change.pk, day)


def _review(plan: TreatmentPlan, clinician: Any, day: datetime.date) -> None:
    review = PlanReview.objects.create(
        plan=plan,
        reviewed_on=day,
        summary="Engaged in groups; symptoms easing.",
        created_by=clinician,
    )
    for objective in PlanObjective.objects.filter(goal__problem__plan=plan):
        PlanReviewItem.objects.create(
            review=review,
            objective=objective,
            rating=ReviewRating.PROGRESSING,
            evidence="Reviewed with the client in session.",
            created_by=clinician,
        )
    TreatmentPlan.objects.filter(pk=plan.pk).update(
        review_due_on=day + datetime.timedelta(days=plan.program.plan_review_days)
    )


def _reviews(
    plan: TreatmentPlan, clinician: Any, start: datetime.date, today: datetime.date
) -> None:
    """A review every 28 days up to today: the plan stays in date."""
    day = start + datetime.timedelta(days=28)
    while day < today:
        _review(plan, clinician, day)
        day += datetime.timedelta(days=28)


def _backdate(model: Any, pk: Any, day: datetime.date) -> None:
    model.objects.filter(pk=pk).update(created_at=_at(day))


def seed(context: dict[str, Any]) -> None:
    from treatment_plans.services.plans import intake_details, plan_start

    program, staff = context["program"], context["staff"]
    if TreatmentPlan.objects.filter(program=program).exists():
        return
    director = staff["director@demo.test"]
    templates = list(PlanTemplate.objects.filter(program=None, active=True).order_by("title"))
    emdr = Modality.objects.get(program=None, code="emdr")
    today = timezone.localdate()
    episodes = (
        Episode.objects.filter(program=program, discharged_on__isnull=True)
        .select_related("client", "primary_clinician", "program")
        .order_by("client__record_number")
    )
    for index, episode in enumerate(episodes):
        clinician = episode.primary_clinician or staff["clinician@demo.test"]
        days_in = (today - episode.admitted_on).days
        start = episode.admitted_on + datetime.timedelta(days=min(5, days_in))
        details = {
            "strengths": "Close to a sibling; humor; wants to return to work.",
            "pacing_preferences": "One topic at a time; breaks when overwhelmed.",
            "avoid": "No surprise exposure exercises; ask before touch-based grounding.",
        }
        # What the client said at intake, as a new plan carries it over.
        details.update({k: v for k, v in intake_details(episode).items() if v})
        plan = TreatmentPlan.objects.create(
            episode=episode,
            client=episode.client,
            program=program,
            discharge_criteria="Attends 90% of hours for 4 weeks; relapse prevention plan written.",
            aftercare_plan="Step down to weekly outpatient therapy and peer support.",
            created_by=clinician,
            **details,
        )
        _backdate(TreatmentPlan, plan.pk, start)
        chosen = [templates[(index + offset) % len(templates)] for offset in (0, 3)]
        for template in chosen:
            _from_template(plan, template, clinician, start, index)
        _diagnoses(plan, chosen, clinician, start)
        if index in PROCESSING:
            PlanIntervention.objects.create(
                plan=plan,
                modality=emdr,
                description="Index trauma, after stabilization and a confirmed readiness review.",
                frequency="weekly, 60-90 minutes",
                responsible=clinician,
                created_by=clinician,
            )
        if index % DRAFT_EVERY == 3 and days_in <= 7:
            # The first plan, still being written with the client: one goal awaits their words.
            goals = PlanGoal.objects.filter(problem__plan=plan).order_by("-created_at")
            PlanGoal.objects.filter(pk__in=goals.values("pk")[:1]).update(client_words="")
            continue
        _sign(plan, clinician, director, start)
        plan.refresh_from_db()
        if index in PROCESSING:
            _processing(plan, episode, clinician, director, start + datetime.timedelta(days=14))
        if index % 4 != 1:  # every fourth plan is left overdue for review
            _reviews(plan, clinician, start, today)
        if index % DRAFT_EVERY == 3:
            plan_start(episode=episode, by=clinician)  # a revision in progress (version 2)
