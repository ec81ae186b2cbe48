"""Demo relapse prevention plans, written through the services "on the day": signed plans for
most active clients, a second version for a client whose lapse (seeded by the check-in demo,
before the plans) was reviewed the next day, and one client with a court date in the coming
week."""

from __future__ import annotations

import datetime
from typing import Any

from iop import demo_clock
from iop.clients.models import Client, Episode
from iop.signatures.models import SignerRole
from iop.signatures.text import content_hash
from relapse_prevention.models import Lapse, RelapsePreventionPlan, ReviewOccasion
from relapse_prevention.services.plan_parts import rp_plan_others_edit, rp_plan_part_add, skills_for
from relapse_prevention.services.plan_reviews import rp_plan_review_record
from relapse_prevention.services.plan_signing import rp_plan_sign
from relapse_prevention.services.plan_text import rp_plan_text
from relapse_prevention.services.plans import plan_with_parts, rp_plan_start

# (category, trigger, early sign, coping, skill title starts with, contact, relation, phone)
STORIES = [
    (
        "places",
        "Driving past the liquor store on Route 9",
        "I skip breakfast and stay up late",
        "Name five things I can see, four I can hear",
        "Grounding techniques",
        "Ana",
        "sister",
        "(202) 555-0143",
    ),
    (
        "emotions",
        "Feeling alone on Sunday nights",
        "I stop answering texts",
        "Cold water on my face, then box breathing",
        "Paced breathing",
        "Luis",
        "sponsor",
        "(202) 555-0199",
    ),
    (
        "people",
        "Seeing my old friends from the bar",
        "I start making excuses to skip group",
        "Ride the wave: wait ten minutes before deciding",
        "Distress tolerance",
        "Maya",
        "friend",
        "(202) 555-0177",
    ),
    (
        "situations",
        "Payday on Fridays",
        "I get irritable with my kids",
        "Walk around the block and call someone",
        "Grounding techniques",
        "Dee",
        "cousin",
        "(202) 555-0188",
    ),
    (
        "dates",
        "The anniversary of the accident in March",
        "I can't sleep for days",
        "Hold an ice cube and breathe slowly",
        "Paced breathing",
        "Sam",
        "brother",
        "(202) 555-0166",
    ),
]


def _skill(program: Any, starts: str) -> Any:
    return next((s for s in skills_for(program) if s.title.startswith(starts)), None)


def _add(plan: RelapsePreventionPlan, section: str, by: Any, **fields: Any) -> None:
    plan.refresh_from_db()
    rp_plan_part_add(plan=plan, section=section, by=by, revision=plan.revision, **fields)


def _sign(plan: RelapsePreventionPlan, by: Any) -> None:
    for role in (SignerRole.CLIENT, SignerRole.CLINICIAN):
        fresh = plan_with_parts(RelapsePreventionPlan.objects).get(pk=plan.pk)
        rp_plan_sign(
            plan=fresh,
            role=role,
            by=by,
            shown_sha256=content_hash(rp_plan_text(fresh)),
            typed_name=fresh.client.legal_name,
        )


def _build(client: Client, by: Any, story: tuple, court_on: datetime.date | None) -> None:
    category, trigger, sign, coping, skill, name, relation, phone = story
    plan = rp_plan_start(client=client, by=by)
    _add(plan, "triggers", by, category=category, description=trigger)
    _add(plan, "warning_signs", by, stage="early", description=sign)
    _add(plan, "warning_signs", by, stage="late", description="I start planning where to get some")
    _add(plan, "coping", by, description=coping, skill=_skill(client.program, skill))
    _add(
        plan,
        "contacts",
        by,
        name=name,
        relationship=relation,
        phone=phone,
        when_to_call="When I notice my early warning signs, any time of day",
    )
    if court_on is not None:
        _add(
            plan,
            "dates",
            by,
            kind="court",
            label="Court hearing",
            on_date=court_on,
            plan_for_the_day="Go with my sponsor; call my counselor after.",
        )
    plan.refresh_from_db()
    rp_plan_others_edit(
        plan=plan,
        by=by,
        revision=plan.revision,
        in_client_copy=True,
        what_others_do="Ask me how I am doing, calmly. Sit with me; don't lecture me.",
    )
    _sign(plan, by)


def _second_version(client: Client, by: Any, day: datetime.date) -> None:
    """Reviewed the day after a lapse; the new version adds what the client learned."""
    plan = RelapsePreventionPlan.objects.in_effect().get(client=client)
    with demo_clock.on(client.program, day, datetime.time(14, 0)):
        rp_plan_review_record(
            plan=plan,
            by=by,
            reviewed_on=day,
            occasion=ReviewOccasion.LAPSE,
            changes_needed=True,
            summary="Talked through the lapse without judgment: what led up to it and what helped.",
        )
        draft = RelapsePreventionPlan.objects.drafts().get(client=client)
        _add(
            draft,
            "triggers",
            by,
            category="situations",
            description="Parties where everyone is drinking",
        )
        _add(
            draft,
            "coping",
            by,
            description="Plan my exit before I go; text my sponsor from the car",
        )
        _sign(draft, by)


def _lapses_after_signing(program: Any) -> dict[Any, list[datetime.date]]:
    """The demo's lapses (seeded before the plans), by client, oldest first."""
    found: dict[Any, list[datetime.date]] = {}
    for client_id, day in (
        Lapse.objects.standing()
        .filter(program=program)
        .order_by("occurred_on")
        .values_list("client_id", "occurred_on")
    ):
        found.setdefault(client_id, []).append(day)
    return found


def seed_plans(context: dict[str, Any]) -> None:
    program = context["program"]
    if RelapsePreventionPlan.objects.filter(program=program).exists():
        return
    clinician = context["staff"]["clinician@demo.test"]
    episodes = list(
        Episode.objects.open()
        .filter(client__program=program)
        .select_related("client")
        .order_by("admitted_on")
    )
    today = program.today()
    lapses = _lapses_after_signing(program)
    # Most active clients: all but every fourth, so the chart shows "no plan yet" too; every
    # client with a lapse has one, since the lapse is reviewed with it.
    chosen = [e for index, e in enumerate(episodes) if index % 4 != 3 or e.client_id in lapses]
    # The court date this week goes to a client of the demo clinician, so Today shows it.
    court_index = next(
        (i for i, e in enumerate(chosen) if e.primary_clinician_id == clinician.pk), 0
    )
    for index, episode in enumerate(chosen):
        day = max(
            episode.admitted_on + datetime.timedelta(days=7), today - datetime.timedelta(days=25)
        )
        day = min(day, today)
        court_on = today + datetime.timedelta(days=4) if index == court_index else None
        with demo_clock.on(program, day, datetime.time(11, 0)):
            _build(episode.client, clinician, STORIES[index % len(STORIES)], court_on)
        # The first lapse after signing is reviewed the next day, in a second version; a later
        # one is left for the clinician, so the chart shows the review it calls for.
        after = [lapse_on for lapse_on in lapses.get(episode.client_id, []) if lapse_on > day]
        if after and after[0] + datetime.timedelta(days=1) < today:
            review_on = after[0] + datetime.timedelta(days=1)
            _second_version(episode.client, clinician, review_on)
