"""Intake for the demo: the clients come through intake one by one (``demo_clients``); then
a few referrals still open (new, being contacted, an assessment under way) and a client's
signed safety plan. Everything through the services, on the day (``iop.demo_clock``)."""

from __future__ import annotations

import datetime
from typing import Any

from intake.demo_clients import ALERT_CLIENTS, PRESENTING, seed_clients
from intake.forms.assessment import STEP_FORMS
from intake.models import ContactMethod, ContactOutcome, ReferralSource, ReferralStatus
from intake.services.assessments import assessment_save_step, assessment_start
from intake.services.referrals import contact_attempt_add, referral_create
from intake.services.safety_plans import (
    safety_plan_save,
    safety_plan_sign,
    safety_plan_start,
    safety_plan_text,
)
from iop.clients.models import Client, Episode
from iop.signatures.models import SignerRole, content_hash

NEW_REFERRALS = [
    ("Harper", "Lindgren", ReferralSource.SELF, ReferralStatus.NEW, "urgent"),
    ("Mateo", "Quill", ReferralSource.COURT, ReferralStatus.CONTACTING, "routine"),
    ("Sage", "Okonkwo", ReferralSource.THERAPIST, ReferralStatus.ASSESSING, "routine"),
    ("Rowan", "Ferreira", ReferralSource.STEP_DOWN, ReferralStatus.NEW, "same_day"),
]


def seed(context: dict[str, Any]) -> None:
    program, staff = context["program"], context["staff"]
    if Episode.objects.filter(program=program).exists():
        return
    intake = staff["intake@demo.test"]
    officer = staff["probation@demo.test"]
    seed_clients(context)
    _open_referrals(program, intake, officer)
    completing = {episode.pk for episode, _ in context["completions"]}
    episodes = Episode.objects.filter(program=program).select_related("client")
    in_care = [
        episode.client
        for index, episode in enumerate(episodes.order_by("client__record_number"))
        if episode.pk not in completing and index not in ALERT_CLIENTS
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
    clinician = staff["clinician@demo.test"]
    plan = safety_plan_start(client=client, by=clinician)
    review_on = client.program.today() + datetime.timedelta(days=21)
    safety_plan_save(plan=plan, by=clinician, review_on=review_on, **SAFETY_PLAN_WORDS)
    plan.refresh_from_db()
    shown = content_hash(safety_plan_text(plan))
    for role in (SignerRole.CLIENT, SignerRole.CLINICIAN):
        plan = safety_plan_sign(
            plan=plan, role=role, by=clinician, shown_sha256=shown, typed_name=client.legal_name
        )


def _open_referrals(program: Any, intake: Any, officer: Any) -> None:
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
                "received_on": program.today() - datetime.timedelta(days=offset),
                "source": source,
                "reason": PRESENTING[offset % len(PRESENTING)],
                "urgency": urgency,
                "court_case_number": "CR-2026-5120" if source == ReferralSource.COURT else "",
                "probation_officer": officer if source == ReferralSource.COURT else None,
            },
        )
        if status == ReferralStatus.ASSESSING:
            # Under way: the first two steps saved, to resume at the current situation.
            assessment = assessment_start(referral=referral, by=intake)
            for step, following in (("profile", "history"), ("history", "situation")):
                form = STEP_FORMS[step](
                    {"presenting_problems": referral.reason}, instance=assessment
                )
                if not form.is_valid():
                    raise RuntimeError(f"Demo form refused: {form.errors.as_json()}")
                assessment_save_step(
                    assessment=assessment, form=form, resume_at=following, by=intake
                )
        elif status == ReferralStatus.CONTACTING:
            # Contacting is what a referral becomes once someone has tried to reach the client.
            contact_attempt_add(
                referral=referral,
                by=intake,
                method=ContactMethod.PHONE,
                outcome=ContactOutcome.MESSAGE,
                note="Left the callback number; will try again tomorrow.",
            )
