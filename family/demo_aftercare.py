"""Demo family aftercare plans, through the family services, "on the day": one signed, for a
client near discharge whose person's consent covers the plan and the warning signs (so its
family copy can be made), and one draft being written.

Synthetic only: the resources and numbers are fictional (555-01xx).
"""

from __future__ import annotations

import datetime
from typing import Any

from family.consents import sharing, with_consents
from family.models import ClientPerson, FamilyAftercarePlan
from family.services import aftercare as services
from iop import demo_clock
from iop.reports.clinical.terms import ConsentInformation
from iop.signatures.text import content_hash
from relapse_prevention.models import RelapsePreventionPlan

TIME = datetime.time(15, 30)


def _candidates(program: Any) -> list[ClientPerson]:
    """Links in open episodes: the clients with a planned discharge first, then those with a
    relapse prevention plan in effect (so the plan has warning signs), the longest in care
    (the nearest to discharge) first."""
    links = with_consents(
        ClientPerson.objects.filter(
            client__program=program,
            client__episodes__discharged_on__isnull=True,
            do_not_contact=False,
        )
        .select_related("person", "client__program")
        .distinct()
    )
    with_rp = set(
        RelapsePreventionPlan.objects.in_effect()
        .filter(program=program)
        .values_list("client_id", flat=True)
    )

    def rank(link: ClientPerson) -> tuple[int, int, datetime.date, str]:
        episode = link.client.episodes.filter(discharged_on__isnull=True).first()
        assert episode is not None
        planned = episode.discharge_planned_on is not None
        in_rp = link.client_id in with_rp
        return (0 if planned else 1, 0 if in_rp else 1, episode.admitted_on, str(link.pk))

    return sorted(links, key=rank)


def _fill(plan: FamilyAftercarePlan, link: ClientPerson, by: Any, day: datetime.date) -> None:
    name = link.client.preferred_name or link.client.legal_first_name
    services.family_aftercare_save(
        plan=plan,
        by=by,
        communication=(
            f"We check in with {name} once a day, in person or by phone, and ask open questions. "
            "Hard talks wait until everyone is calm; anyone can ask for a break."
        ),
        boundaries=(
            "No money is lent. Nobody drinks at home while the plan is in place. "
            f"{name} tells us if plans change."
        ),
        family_not_involved=False,
        not_involved_reason="",
    )
    services.family_supporter_add(
        plan=plan,
        by=by,
        client_person_id=link.pk,
        role=f"Drives {name} to the Tuesday evening meeting and is the first call on a hard day",
    )
    for row, does in zip(
        plan.warning_signs.all(),
        [
            "Ask gently how things are going and offer a walk together",
            "Call the program or the counselor together",
            "Stay calm, do not argue, and call the crisis line if worried",
        ],
        strict=False,
    ):
        services.family_sign_edit(plan=plan, by=by, row_id=row.pk, family_does=does)
    services.family_referral_add(
        plan=plan,
        by=by,
        kind="support_group",
        name="Al-Anon Family Group, Riverside Library",
        contact="Thursdays 7 pm, (202) 555-0170",
    )
    services.family_referral_add(
        plan=plan,
        by=by,
        kind="family_therapy",
        name="Riverside Family Counseling",
        contact="(202) 555-0182",
        notes="Ask for the family intake appointment.",
    )
    services.family_follow_up_add(
        plan=plan, by=by, on_date=day + datetime.timedelta(days=9), what="First Al-Anon meeting"
    )
    services.family_follow_up_add(
        plan=plan, by=by, on_date=day + datetime.timedelta(days=14), what="Family session"
    )


def seed_aftercare(context: dict[str, Any]) -> None:
    if FamilyAftercarePlan.objects.exists():
        return
    program = context["program"]
    clinician = context["staff"]["clinician@demo.test"]
    links = _candidates(program)
    both = [ConsentInformation.AFTERCARE_PLAN, ConsentInformation.WARNING_SIGNS]
    full = next((link for link in links if all(sharing(link).covers(i) for i in both)), None)
    if full is None:
        return
    today = program.today()
    with demo_clock.on(program, today - datetime.timedelta(days=1), TIME):
        plan = services.family_aftercare_start(client=full.client, by=clinician)
        _fill(plan, full, clinician, today)
        shown = services.plan_with_rows(FamilyAftercarePlan.objects).get(pk=plan.pk)
        services.family_aftercare_sign(
            plan=plan,
            by=clinician,
            shown_sha256=content_hash(services.family_aftercare_text(shown)),
        )
    other = next((link for link in links if link.client_id != full.client_id), None)
    if other is None:
        return
    with demo_clock.on(program, today, datetime.time(9, 40)):
        draft = services.family_aftercare_start(client=other.client, by=clinician)
        services.family_supporter_add(
            plan=draft,
            by=clinician,
            client_person_id=other.pk,
            role="Checks in by phone on Sunday evenings",
        )
        services.family_follow_up_add(
            plan=draft,
            by=clinician,
            on_date=today + datetime.timedelta(days=10),
            what="Family session",
        )
