"""About 40 synthetic clients over the levels of care, each come through intake as on screen.

For each client, in order and on the day it happened (``iop.demo_clock``): the referral is
received (``referral_create``, which makes the client), the intake assessment is given step
by step with its screening instruments, rated on the ASAM dimensions and completed, the
consent to treatment (and for court clients the criminal justice consent) is written and
signed, the client is admitted (``referral_admit``, which opens the episode), the court's
order is entered, and the outcome measures are given every two weeks. A few clients finish
the program about 45 days in: their completion is told by the treatment plans' demo, which
holds the aftercare plan a completion needs (``context["completions"]``).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from typing import Any

from intake.forms.assessment import STEP_FORMS, AsamForm
from intake.forms.consents import FORMS
from intake.models import (
    Consent,
    ConsentInformation,
    ConsentKind,
    LegalStatus,
    Referral,
    ReferralSource,
    ReportingFrequency,
)
from intake.models.consent import REVOCATION_TERMS, SignerRelationship
from intake.services.admission import referral_admit
from intake.services.assessments import (
    assessment_complete,
    assessment_save_asam,
    assessment_save_step,
    assessment_start,
)
from intake.services.consents import (
    consent_shown_hash,
    consent_sign,
    treatment_consent_wording,
)
from intake.services.court_orders import court_order_save
from intake.services.instruments import instrument_record
from intake.services.referrals import referral_create
from iop.accounts.models import Program, User
from iop.clients.models import Client, Episode, LevelOfCare, SafetyFlag, SafetyFlagKind
from iop.demo_clock import on

FIRST = [
    "Avery",
    "Jamie",
    "Taylor",
    "Morgan",
    "Casey",
    "Riley",
    "Quinn",
    "Drew",
    "Elena",
    "Marcus",
    "Aisha",
    "Tomas",
    "Keisha",
    "Luis",
    "Hannah",
    "Omar",
    "Grace",
    "Devon",
    "Lena",
    "Isaac",
    "Nadia",
    "Caleb",
    "Rosa",
    "Wes",
    "Imani",
    "Paul",
    "Mei",
    "Andre",
    "Sofia",
    "Trevor",
]
LAST = [
    "Alvarez",
    "Brooks",
    "Carter",
    "Dawson",
    "Esposito",
    "Fleming",
    "Garza",
    "Hughes",
    "Ibarra",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Owens",
    "Patel",
    "Quintero",
    "Rasmussen",
    "Sandoval",
    "Thibodeaux",
    "Underwood",
    "Vasquez",
    "Whitaker",
    "Xiong",
    "Yates",
    "Zimmerman",
    "Abernathy",
    "Boateng",
    "Castellano",
    "Delacroix",
]
PREFERRED = {3: "AJ", 7: "Sky", 12: "Teddy", 18: "Nico", 25: "Bea"}
PRONOUNS = ["she/her", "he/him", "they/them", "she/her", "he/him", "she/they", "he/him", "she/her"]
# Standing flags a clinician records in the chart (no service writes these kinds).
FLAGS = {
    2: (SafetyFlagKind.SUICIDE_RISK, "PHQ-9 item 9 positive at intake; safety plan in chart"),
    9: (SafetyFlagKind.DOMESTIC_VIOLENCE, "Do not confirm attendance to callers"),
    15: (SafetyFlagKind.SELF_HARM, "History of cutting; check in at each group"),
    21: (SafetyFlagKind.ALLERGY, "Penicillin"),
    30: (SafetyFlagKind.MEDICAL, "Seizure disorder"),
}
COMPLETES_EVERY, COMPLETES_AT = 8, 5  # these clients complete the program about 45 days in
COMPLETION_DAYS = 45
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
# ASAM dimension ratings whose recommendation is the level the client is placed at.
RATINGS = {
    "1": [0, 1, 1, 1, 1, 1],
    "2.1": [0, 1, 2, 2, 2, 1],
    "2.5": [0, 1, 3, 2, 3, 1],
}
T = datetime.time


@dataclass
class _Plan:
    """What the fixed-seed generator decided for one client, drawn before anything is
    written (in the order the hand-written demo drew it, so the story stays the same)."""

    index: int
    date_of_birth: datetime.date
    admitted_on: datetime.date
    level: LevelOfCare
    completes_on: datetime.date | None

    @property
    def court(self) -> bool:
        return self.index % COURT_EVERY == 0


def _level_for(index: int, levels: dict[str, LevelOfCare]) -> LevelOfCare:
    if index % 7 == 0:
        return levels["2.5"]
    if index % 9 == 4:
        return levels["1"]
    return levels["2.1"]


def _plans(rng: Any, program: Program, count: int) -> list[_Plan]:
    levels = {lvl.code: lvl for lvl in LevelOfCare.objects.filter(edition=program.asam_edition)}
    today = program.today()
    plans = []
    for index in range(count):
        born = datetime.date(1966 + rng.randint(0, 38), rng.randint(1, 12), rng.randint(1, 28))
        admitted = today - datetime.timedelta(days=rng.randint(3, 80))
        completes = index % COMPLETES_EVERY == COMPLETES_AT
        plans.append(
            _Plan(
                index=index,
                date_of_birth=born,
                admitted_on=admitted,
                level=_level_for(index, levels),
                completes_on=min(today, admitted + datetime.timedelta(days=COMPLETION_DAYS))
                if completes
                else None,
            )
        )
    return plans


def _valid(form: Any) -> Any:
    if not form.is_valid():
        raise RuntimeError(f"Demo form refused: {form.errors.as_json()}")
    return form


def _referral(plan: _Plan, rng: Any, program: Program, staff: dict[str, User]) -> Referral:
    index = plan.index
    received = plan.admitted_on - datetime.timedelta(days=rng.randint(2, 9))
    officer = staff["probation@demo.test"]
    with on(program, received, T(9)):
        return referral_create(
            program=program,
            by=staff["intake@demo.test"],
            client_data={
                "record_number": f"R-{1001 + index}",
                # Offset by the round so no two demo clients share a name.
                "legal_first_name": FIRST[index % len(FIRST)],
                "legal_last_name": LAST[(index * 7 + index // len(FIRST)) % len(LAST)],
                "preferred_name": PREFERRED.get(index, ""),
                "pronouns": PRONOUNS[index % len(PRONOUNS)],
                "date_of_birth": plan.date_of_birth,
                "phone": f"+1202555{100 + index:04d}",  # fictional 555-01xx numbers
                "email": f"client{index + 1}@example.test",
            },
            referral_data={
                "received_on": received,
                "source": ReferralSource.COURT if plan.court else SOURCES[index % len(SOURCES)],
                "court_case_number": f"CR-2026-{4100 + index}" if plan.court else "",
                "probation_officer": officer if plan.court else None,
                "reason": PRESENTING[index % len(PRESENTING)],
            },
        )


def _steps(plan: _Plan, client: Client) -> dict[str, dict[str, Any]]:
    """What the intake worker types on each step of the assessment."""
    index = plan.index
    return {
        "profile": {
            "preferred_name": client.preferred_name,
            "pronouns": client.pronouns,
            "feels_safe": "Sitting near the door; knowing how long the group runs.",
            "care_topics": "Avoid sudden touch; ask before discussing the accident."
            if index % 3
            else "",
            "decline_care_topics": "" if index % 3 else "on",
            "communication_preferences": "Text reminders only, no voicemail."
            if index % 2
            else "Email is fine.",
        },
        "history": {
            "presenting_problems": PRESENTING[index % len(PRESENTING)],
            "substance_use_history": "See presenting problems; first use at 16.",
        },
        "situation": {
            "housing": "stable" if index % 6 else "with_others",
            "occupation": ["full_time", "part_time", "unemployed", "student"][index % 4],
            "legal_status": "probation" if plan.court else "none",
            "strengths": "Close to a sibling; wants to return to work; good sense of humor.",
        },
        "readiness": {
            "affect_tolerance": "adequate" if index % 4 == 1 else "limited",
            "grounding_skill": "working" if index % 4 == 1 else "learning",
            "self_harm": "none",
            "home_stability": "stable" if index % 6 else "unstable",
        },
    }


def _intake_instruments(rng: Any, plan: _Plan, client: Client, assessment: Any, by: User) -> None:
    """The screening step: what every intake gives, before the ASAM ratings."""
    index = plan.index
    record = {"client": client, "by": by, "assessment": assessment}
    des = rng.choice([10, 10, 20, 20, 30, 40])
    instrument_record(instrument="des2", answers={str(i): des for i in range(1, 29)}, **record)
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
    plan: _Plan, rng: Any, referral: Referral, by: User, scores: dict[str, list[int]]
) -> Any:
    """The intake assessment on the admission morning, step by step, then completed."""
    program, client = referral.program, referral.client
    with on(program, plan.admitted_on, T(9, 30)):
        assessment = assessment_start(referral=referral, by=by)
        steps = _steps(plan, client)
        for key, following in (("profile", "history"), ("history", "situation")):
            form = _valid(STEP_FORMS[key](steps[key], instance=assessment))
            assessment_save_step(assessment=assessment, form=form, resume_at=following, by=by)
        form = _valid(STEP_FORMS["situation"](steps["situation"], instance=assessment))
        assessment_save_step(assessment=assessment, form=form, resume_at="screening", by=by)
    with on(program, plan.admitted_on, T(10)):
        _measures(client, None, by, scores, 0, assessment=assessment)
        _intake_instruments(rng, plan, client, assessment, by)
    with on(program, plan.admitted_on, T(10, 15)):
        ratings = RATINGS[plan.level.code]
        asam = {f"rating_{n}": str(r) for n, r in enumerate(ratings, start=1)}
        asam["placement_level"] = str(plan.level.pk)
        form = _valid(AsamForm(asam, edition=assessment.asam_edition))
        assessment_save_asam(assessment=assessment, form=form, resume_at="readiness", by=by)
        form = _valid(STEP_FORMS["readiness"](steps["readiness"], instance=assessment))
        assessment_save_step(assessment=assessment, form=form, resume_at="review", by=by)
    with on(program, plan.admitted_on, T(10, 30)):
        return assessment_complete(assessment=assessment, by=by)


def _consent(client: Client, kind: str, data: dict[str, Any], witness: User) -> Consent:
    """Written on the consent page, read with the client and signed there, witnessed."""
    consent = Consent(client=client, kind=kind, created_by=witness, discloser=client.program.name)
    form = _valid(FORMS[kind](data, instance=consent))
    consent = form.save()
    return consent_sign(
        consent=consent,
        typed_name=client.legal_name,
        relationship=SignerRelationship.CLIENT,
        witness=witness,
        ip_address=None,
        shown_sha256=consent_shown_hash(consent),
    )


def _consents(
    plan: _Plan, client: Client, referral: Referral, staff: dict[str, User], scheduled: list[Any]
) -> None:
    program, witness = client.program, staff["intake@demo.test"]
    wording = treatment_consent_wording(program)
    with on(program, plan.admitted_on, T(10, 45)):
        _consent(
            client,
            ConsentKind.TREATMENT,
            {"purpose": wording.treatment, "revocation_terms": wording.withdrawal_terms},
            witness,
        )
    if not plan.court:
        return
    information = [
        ConsentInformation.ATTENDANCE,
        ConsentInformation.DRUG_SCREENS,
        ConsentInformation.PROGRESS_SUMMARY,
        ConsentInformation.DISCHARGE_STATUS,
    ]
    irrevocable: dict[str, Any] = {
        "irrevocable_until": plan.admitted_on + datetime.timedelta(days=180)
    }
    # The first two court clients in care for a few weeks have a weekly court-ordered report
    # (the reports demo drafts, signs and discloses them): the first with everything, the
    # second without drug screens, revocable once the case is disposed (it is revoked).
    frequency = ""
    weeks_ago = program.today() - datetime.timedelta(days=24)
    in_care_weeks = plan.completes_on is None and plan.admitted_on <= weeks_ago
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
    with on(program, plan.admitted_on, T(10, 50)):
        _consent(
            client,
            ConsentKind.CRIMINAL_JUSTICE,
            {
                "discloser": program.name,
                "recipient_user": str(staff["probation@demo.test"].pk),
                "information": information,
                "reporting_frequency": frequency,
                "purpose": (
                    "Monitoring compliance with treatment as a condition of probation "
                    f"(case {referral.court_case_number})."
                ),
                "expires_on": plan.admitted_on + datetime.timedelta(days=365),
                "revocation_terms": REVOCATION_TERMS,
                "duration": "For the term of probation, not longer than one year",
                **irrevocable,
            },
            witness,
        )


def _court_order(
    plan: _Plan, client: Client, referral: Referral, staff: dict[str, User], *, drug_court: bool
) -> None:
    """The order from the court's paperwork, entered at intake: what the reports compare."""
    with on(client.program, plan.admitted_on, T(11, 15)):
        court_order_save(
            client=client,
            by=staff["intake@demo.test"],
            case_number=referral.court_case_number,
            court_program="County Adult Treatment Court" if drug_court else "County Probation",
            legal_status=LegalStatus.DRUG_COURT if drug_court else LegalStatus.PROBATION,
            supervising_officer=staff["probation@demo.test"],
            ordered_on=plan.admitted_on - datetime.timedelta(days=9),
            ends_on=plan.admitted_on + datetime.timedelta(days=365),
            group_sessions_per_week=3,
            individual_sessions_per_week=1,
            drug_screens_per_week=0 if drug_court else 1,
            other_conditions="Keep every scheduled appointment; no new arrests.",
        )


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


def _measures(
    client: Client,
    episode: Episode | None,
    by: User,
    scores: dict[str, list[int]],
    visit: int,
    *,
    assessment: Any = None,
    item9: int = 0,
) -> None:
    """PHQ-9, GAD-7 and PCL-5, as given at one visit (the first at the intake assessment)."""
    record = {"client": client, "by": by, "episode": episode, "assessment": assessment}
    phq = max(scores["phq9"][visit], item9)
    instrument_record(instrument="phq9", answers=_phq9(phq, item9), **record)
    instrument_record(
        instrument="gad7",
        answers=_spread(scores["gad7"][visit], [str(i) for i in range(1, 8)], 3),
        **record,
    )
    instrument_record(
        instrument="pcl5",
        answers=_spread(scores["pcl5"][visit], [str(i) for i in range(1, 21)], 4),
        **record,
    )


def _scores(rng: Any, plan: _Plan, today: datetime.date) -> dict[str, list[int]]:
    visits = max(1, (today - plan.admitted_on).days // 14 + 1)
    improving = plan.index % 5 != 3
    return {
        "phq9": _history(rng, rng.randint(10, 22), improving, visits),
        "gad7": _history(rng, rng.randint(8, 18), improving, visits),
        "pcl5": _history(rng, rng.randint(30, 62), improving, visits),
    }


def _follow_up_measures(
    plan: _Plan, client: Client, episode: Episode, by: User, scores: dict[str, list[int]]
) -> None:
    """Every two weeks in care; an alert client's latest PHQ-9 endorses item 9 (its alert
    stays open), given after admission even when that is the intake day."""
    program = client.program
    last_day = plan.completes_on or program.today()
    visits = len(scores["phq9"])
    alert = plan.index in ALERT_CLIENTS and plan.completes_on is None
    for visit in range(1, visits):
        day = min(plan.admitted_on + datetime.timedelta(days=14 * visit), last_day)
        with on(program, day, T(10, 30)):
            item9 = 1 if alert and visit == visits - 1 else 0
            _measures(client, episode, by, scores, visit, item9=item9)
    if alert and visits == 1:
        with on(program, plan.admitted_on, T(15)):
            _measures(client, episode, by, scores, 0, item9=1)


def _safety_flag(plan: _Plan, client: Client, clinician: User) -> None:
    if plan.index not in FLAGS or plan.completes_on is not None:
        return
    kind, note = FLAGS[plan.index]
    # Entered by the clinician the day of admission; no service writes standing flags.
    with on(client.program, plan.admitted_on, T(12)):
        SafetyFlag.objects.create(client=client, kind=kind, note=note, created_by=clinician)


def seed_clients(context: dict[str, Any]) -> None:
    rng, program, staff = context["rng"], context["program"], context["staff"]
    completions: list[tuple[Episode, datetime.date]] = []
    context["completions"] = completions  # told by the treatment plans' demo
    if Client.objects.filter(program=program).exists():
        return
    clinicians = [
        staff["clinician@demo.test"],
        staff["clinician@demo.test"],
        staff["riley.chen@demo.test"],
    ]
    plans = _plans(rng, program, context["client_count"])
    weekly_reports: list[Any] = []
    for plan in plans:
        referral = _referral(plan, rng, program, staff)
        clinician = clinicians[plan.index % len(clinicians)]
        scores = _scores(rng, plan, program.today())
        episode = _through_intake(plan, rng, referral, staff, clinician, weekly_reports, scores)
        _follow_up_measures(plan, referral.client, episode, staff["intake@demo.test"], scores)
        _safety_flag(plan, referral.client, staff["clinician@demo.test"])
        if plan.completes_on is not None:
            completions.append((episode, plan.completes_on))


def _through_intake(
    plan: _Plan,
    rng: Any,
    referral: Referral,
    staff: dict[str, User],
    clinician: User,
    weekly_reports: list[Any],
    scores: dict[str, list[int]],
) -> Episode:
    """From the received referral to the admission (and the court's order)."""
    program, client, intake = referral.program, referral.client, staff["intake@demo.test"]
    _assessment(plan, rng, referral, intake, scores)
    _consents(plan, client, referral, staff, weekly_reports)
    with on(program, plan.admitted_on, T(11)):
        episode = referral_admit(
            referral=referral,
            level=plan.level,
            primary_clinician=clinician,
            admitted_on=plan.admitted_on,
            by=intake,
        )
    if plan.court:
        drug_court = weekly_reports[1:2] == [client.pk]
        _court_order(plan, client, referral, staff, drug_court=drug_court)
    return episode


def admit_through_intake(
    *,
    program: Program,
    staff: dict[str, User],
    client_data: dict[str, Any],
    level: LevelOfCare,
    admitted_on: datetime.date,
    primary_clinician: User,
) -> Episode:
    """One more client (self-referred, not court-involved) come through intake as the demo's
    clients do, for the scripts that need a client of their own (their measures after
    admission are theirs to give)."""
    rng = random.Random(client_data["record_number"])
    plan = _Plan(
        index=1,
        date_of_birth=client_data["date_of_birth"],
        admitted_on=admitted_on,
        level=level,
        completes_on=None,
    )
    received = admitted_on - datetime.timedelta(days=3)
    with on(program, received, T(9)):
        referral = referral_create(
            program=program,
            by=staff["intake@demo.test"],
            client_data=client_data,
            referral_data={
                "received_on": received,
                "source": ReferralSource.SELF,
                "reason": PRESENTING[1],
            },
        )
    scores = _scores(rng, plan, admitted_on)
    return _through_intake(plan, rng, referral, staff, primary_clinician, [], scores)
