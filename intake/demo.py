"""Intake records for the demo clients: referrals, completed assessments, score histories
that improve (or not) over the episode, a few open safety alerts, signed consents, and
court-involved clients whose criminal justice consent names probation@demo.test."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from intake.models import (
    AsamRating,
    Assessment,
    AssessmentStatus,
    Consent,
    ConsentInformation,
    ConsentKind,
    ContactMethod,
    ContactOutcome,
    LegalStatus,
    Referral,
    ReferralSource,
    ReferralStatus,
    ReportingFrequency,
)
from intake.models.consent import REVOCATION_TERMS, SignerRelationship
from intake.services.consents import consent_shown_hash, consent_sign
from intake.services.court_orders import court_order_save
from intake.services.instruments import instrument_record
from iop.clients.models import Client, Episode
from iop.demo_clock import on

COURT_EVERY = 4  # every fourth client was referred by the court
WEEKLY_REPORT_CLIENTS = 2  # court clients whose order asks for a weekly compliance report
ALERT_CLIENTS = {2, 17}  # latest PHQ-9 endorses item 9, alert still open
SOURCES = [
    ReferralSource.SELF,
    ReferralSource.THERAPIST,
    ReferralSource.STEP_DOWN,
    ReferralSource.FAMILY,
]
PRESENTING = [
    "Nightmares and hypervigilance since an assault; drinking most nights to sleep.",
    "Panic attacks, low mood after a car crash; using cannabis daily.",
    "Stepping down from residential treatment for alcohol use; childhood trauma history.",
    "Depression; opioid use in early remission on buprenorphine; grief after a partner's overdose.",
    "Intrusive memories from military service; escalating alcohol use; conflict at home.",
]
NEW_REFERRALS = [
    ("Harper", "Lindgren", ReferralSource.SELF, ReferralStatus.NEW, "urgent"),
    ("Mateo", "Quill", ReferralSource.COURT, ReferralStatus.CONTACTING, "routine"),
    ("Sage", "Okonkwo", ReferralSource.THERAPIST, ReferralStatus.ASSESSING, "routine"),
    ("Rowan", "Ferreira", ReferralSource.STEP_DOWN, ReferralStatus.NEW, "same_day"),
]


def _spread(total: int, keys: list[str], top: int) -> dict[str, int]:
    """Answers summing to ``total``, spread evenly over the items."""
    answers = dict.fromkeys(keys, 0)
    for i in range(min(total, top * len(keys))):
        answers[keys[i % len(keys)]] += 1
    return answers


def _phq9(total: int, item9: int = 0) -> dict[str, int]:
    return _spread(total - item9, [str(i) for i in range(1, 9)], 3) | {"9": item9}


def _history(rng: Any, start: int, improving: bool, visits: int) -> list[int]:
    scores, score = [], start
    for _ in range(visits):
        scores.append(max(0, score))
        score += rng.randint(-5, -1) if improving else rng.randint(-2, 2)
    return scores


def _at(day: datetime.date) -> datetime.datetime:
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 30)))
    return min(at, timezone.now() - datetime.timedelta(hours=1))


def _instruments(
    rng: Any, index: int, client: Client, episode: Episode, assessment: Assessment, by: Any
) -> None:
    admitted = episode.admitted_on
    visits = max(1, (timezone.localdate() - admitted).days // 14 + 1)
    improving = index % 5 != 3
    phq = _history(rng, rng.randint(10, 22), improving, visits)
    gad = _history(rng, rng.randint(8, 18), improving, visits)
    pcl = _history(rng, rng.randint(30, 62), improving, visits)
    last_day = episode.discharged_on or timezone.localdate()
    for visit in range(visits):
        day = min(admitted + datetime.timedelta(days=14 * visit), last_day)
        at_intake = visit == 0
        last = visit == visits - 1
        item9 = 1 if (index in ALERT_CLIENTS and last and not episode.discharged_on) else 0
        record = {"client": client, "by": by, "administered_at": _at(day), "episode": episode}
        if at_intake:
            record["assessment"] = assessment
        instrument_record(instrument="phq9", answers=_phq9(max(phq[visit], item9), item9), **record)
        instrument_record(
            instrument="gad7",
            answers=_spread(gad[visit], [str(i) for i in range(1, 8)], 3),
            **record,
        )
        instrument_record(
            instrument="pcl5",
            answers=_spread(pcl[visit], [str(i) for i in range(1, 21)], 4),
            **record,
        )
        if at_intake:
            des = rng.choice([10, 10, 20, 20, 30, 40])
            instrument_record(
                instrument="des2", answers={str(i): des for i in range(1, 29)}, **record
            )
            instrument_record(
                instrument="cssrs",
                answers={"1": "yes" if index % 6 == 0 else "no", "2": "no", "6": "no"},
                **record,
            )
            instrument_record(
                instrument="auditc",
                answers={"1": rng.randint(1, 4), "2": rng.randint(0, 3), "3": rng.randint(0, 3)},
                context={"sex": "female" if index % 2 else "male"},
                **record,
            )


def _assessment(
    index: int, client: Client, episode: Episode, referral: Referral, by: Any
) -> Assessment:
    assessment = Assessment.objects.create(
        client=client,
        program=episode.program,
        referral=referral,
        status=AssessmentStatus.COMPLETED,
        completed_at=_at(episode.admitted_on),
        completed_by=by,
        last_step="review",
        preferred_name=client.preferred_name,
        pronouns=client.pronouns,
        feels_safe="Sitting near the door; knowing how long the group runs.",
        care_topics="Avoid sudden touch; ask before discussing the accident." if index % 3 else "",
        declined_questions=[] if index % 3 else ["care_topics"],
        communication_preferences="Text reminders only, no voicemail."
        if index % 2
        else "Email is fine.",
        presenting_problems=PRESENTING[index % len(PRESENTING)],
        substance_use_history="See presenting problems; first use at 16.",
        housing="stable" if index % 6 else "with_others",
        occupation=["full_time", "part_time", "unemployed", "student"][index % 4],
        legal_status="probation" if index % COURT_EVERY == 0 else "none",
        strengths="Close to a sibling; wants to return to work; good sense of humor.",
        asam_edition=episode.program.asam_edition,
        recommended_level=episode.level_of_care,
        recommendation_reasons=[
            "Dimension 3 rated 2: needs 9-19 hours a week of structured treatment"
        ],
        placement_level=episode.level_of_care,
        affect_tolerance="adequate" if index % 4 == 1 else "limited",
        grounding_skill="working" if index % 4 == 1 else "learning",
        self_harm="none",
        home_stability="stable" if index % 6 else "unstable",
        created_by=by,
    )
    for dimension, rating in enumerate([0, 1, 2, 2, 2, 1], start=1):
        AsamRating.objects.create(assessment=assessment, dimension=dimension, rating=rating)
    return assessment


def _signed(consent: Consent, day: datetime.date, witness: Any) -> None:
    """Signed at admission as on screen: ``consent_sign`` on that day, the client typing their
    name before the intake worker as witness."""
    with on(consent.client.program, day, datetime.time(10, 30)):
        consent_sign(
            consent=consent,
            typed_name=consent.client.legal_name,
            relationship=SignerRelationship.CLIENT,
            witness=witness,
            ip_address=None,
            shown_sha256=consent_shown_hash(consent),
        )


def _consents(
    index: int,
    client: Client,
    episode: Episode,
    referral: Referral,
    staff: dict,
    scheduled: list[Any],
) -> None:
    witness = staff["intake@demo.test"]
    signing = {"client": client, "discloser": episode.program.name, "created_by": witness}
    signed_on = episode.admitted_on
    _signed(Consent.objects.create(kind=ConsentKind.TREATMENT, **signing), signed_on, witness)
    if index % COURT_EVERY:
        return
    information = [
        ConsentInformation.ATTENDANCE,
        ConsentInformation.DRUG_SCREENS,
        ConsentInformation.PROGRESS_SUMMARY,
        ConsentInformation.DISCHARGE_STATUS,
    ]
    irrevocable: dict[str, Any] = {
        "irrevocable_until": episode.admitted_on + datetime.timedelta(days=180)
    }
    # The first two court clients in care for a few weeks have a weekly court-ordered report
    # (the reports demo drafts, signs and discloses them): the first with everything, the
    # second without drug screens, revocable once the case is disposed (it is revoked).
    frequency = ""
    weeks_ago = episode.program.today() - datetime.timedelta(days=24)
    in_care_weeks = episode.discharged_on is None and episode.admitted_on <= weeks_ago
    if in_care_weeks and len(scheduled) < WEEKLY_REPORT_CLIENTS:
        frequency = ReportingFrequency.WEEKLY
        if scheduled:
            information.remove(ConsentInformation.DRUG_SCREENS)
            irrevocable = {
                "irrevocable_until_event": (
                    f"Final disposition of court case {referral.court_case_number}"
                )
            }
        scheduled.append(client.pk)
    consent = Consent.objects.create(
        kind=ConsentKind.CRIMINAL_JUSTICE,
        recipient_user=staff["probation@demo.test"],
        information=information,
        reporting_frequency=frequency,
        purpose=(
            "Monitoring compliance with treatment as a condition of probation "
            f"(case {referral.court_case_number})."
        ),
        expires_on=episode.admitted_on + datetime.timedelta(days=365),
        revocation_terms=REVOCATION_TERMS,
        duration="For the term of probation, not longer than one year",
        **irrevocable,
        **signing,
    )
    _signed(consent, signed_on, witness)
    _court_order(client, episode, referral, staff, drug_court=scheduled[1:2] == [client.pk])


def _court_order(
    client: Client, episode: Episode, referral: Referral, staff: dict, *, drug_court: bool
) -> None:
    """The order from the court's paperwork, entered at intake: what the reports compare."""
    with on(client.program, episode.admitted_on, datetime.time(11)):
        court_order_save(
            client=client,
            by=staff["intake@demo.test"],
            case_number=referral.court_case_number,
            court_program="County Adult Treatment Court" if drug_court else "County Probation",
            legal_status=LegalStatus.DRUG_COURT if drug_court else LegalStatus.PROBATION,
            supervising_officer=staff["probation@demo.test"],
            ordered_on=episode.admitted_on - datetime.timedelta(days=9),
            ends_on=episode.admitted_on + datetime.timedelta(days=365),
            group_sessions_per_week=3,
            individual_sessions_per_week=1,
            drug_screens_per_week=0 if drug_court else 1,
            other_conditions="Keep every scheduled appointment; no new arrests.",
        )


def seed(context: dict[str, Any]) -> None:
    program, staff, rng = context["program"], context["staff"], context["rng"]
    if Referral.objects.filter(program=program).exists():
        return
    intake = staff["intake@demo.test"]
    officer = staff["probation@demo.test"]
    episodes = Episode.objects.filter(program=program).select_related("client", "level_of_care")
    weekly_reports: list[Any] = []
    for index, episode in enumerate(episodes.order_by("client__record_number")):
        client = episode.client
        court = index % COURT_EVERY == 0
        referral = Referral.objects.create(
            program=program,
            client=client,
            received_on=episode.admitted_on - datetime.timedelta(days=rng.randint(2, 9)),
            source=ReferralSource.COURT if court else SOURCES[index % len(SOURCES)],
            court_case_number=f"CR-2026-{4100 + index}" if court else "",
            probation_officer=officer if court else None,
            reason=PRESENTING[index % len(PRESENTING)],
            status=ReferralStatus.ADMITTED,
            created_by=intake,
        )
        assessment = _assessment(index, client, episode, referral, intake)
        _instruments(rng, index, client, episode, assessment, intake)
        _consents(index, client, episode, referral, staff, weekly_reports)
    _open_referrals(program, intake, officer)
    in_care = [
        episode.client
        for index, episode in enumerate(episodes.order_by("client__record_number"))
        if episode.discharged_on is None and index not in ALERT_CLIENTS
    ]
    _safety_plan(in_care[SAFETY_PLAN_CLIENT], staff)


# A client whose earlier risk was answered with a written plan, signed with their counselor.
SAFETY_PLAN_CLIENT = 1  # among the clients in care without an open alert
SAFETY_PLAN_WORDS = {
    "warning_signs": "Not sleeping for two nights. Cancelling on people. 'What's the point.'",
    "coping_strategies": "Cold water on my face. Walk around the block twice. The breathing app.",
    "distractions": "The coffee shop on 4th Street. Calling my cousin to talk about football.",
    "help_contacts": "My sister Lena, 555-0143. My sponsor Marcus, 555-0178.",
    "professionals": "My counselor at Riverside, weekdays. My doctor's office, 555-0110.",
    "safer_environment": "Lena keeps my prescription and gives me a week at a time. "
    "No alcohol in the apartment.",
    "reasons_for_living": "My son Eli. Seeing him finish school. My dog, Pepper.",
}


def _safety_plan(client: Client, staff: dict[str, Any]) -> None:
    from intake.services.safety_plans import (
        safety_plan_save,
        safety_plan_sign,
        safety_plan_start,
        safety_plan_text,
    )
    from iop.signatures.models import SignerRole, content_hash

    clinician = staff["clinician@demo.test"]
    plan = safety_plan_start(client=client, by=clinician)
    review_on = timezone.localdate() + datetime.timedelta(days=21)
    safety_plan_save(plan=plan, by=clinician, review_on=review_on, **SAFETY_PLAN_WORDS)
    plan.refresh_from_db()
    shown = content_hash(safety_plan_text(plan))
    for role in (SignerRole.CLIENT, SignerRole.CLINICIAN):
        plan = safety_plan_sign(
            plan=plan, role=role, by=clinician, shown_sha256=shown, typed_name=client.legal_name
        )


def _open_referrals(program: Any, intake: Any, officer: Any) -> None:
    from intake.services.assessments import assessment_start
    from intake.services.referrals import contact_attempt_add, referral_create

    for offset, (first, last, source, status, urgency) in enumerate(NEW_REFERRALS):
        referral = referral_create(
            program=program,
            by=intake,
            client_data={
                "legal_first_name": first,
                "legal_last_name": last,
                "date_of_birth": datetime.date(1985 + offset * 3, 3 + offset, 11),
                "phone": f"+1202555{200 + offset:04d}",
            },
            referral_data={
                "received_on": timezone.localdate() - datetime.timedelta(days=offset),
                "source": source,
                "reason": PRESENTING[offset % len(PRESENTING)],
                "urgency": urgency,
                "court_case_number": "CR-2026-5120" if source == ReferralSource.COURT else "",
                "probation_officer": officer if source == ReferralSource.COURT else None,
            },
        )
        if status == ReferralStatus.ASSESSING:
            assessment = assessment_start(referral=referral, by=intake)
            assessment.presenting_problems = referral.reason
            assessment.last_step = "situation"
            assessment.save()
        elif status == ReferralStatus.CONTACTING:
            # Contacting is what a referral becomes once someone has tried to reach the client.
            contact_attempt_add(
                referral=referral,
                by=intake,
                method=ContactMethod.PHONE,
                outcome=ContactOutcome.MESSAGE,
                note="Left the callback number; will try again tomorrow.",
            )
