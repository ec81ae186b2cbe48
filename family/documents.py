"""The family copy of the family aftercare plan: a plain-language PDF for one person.

Made by a worker through the reports kernel from a ``FamilyCopy`` row, which fixed what the
person's consent allowed when it was asked for. The consent is read again at rendering: a
do-not-contact mark or a revocation made in between wins, and nothing is rendered. The copy
holds the plan (supporters and what they agreed, communication, boundaries, referrals,
first follow-ups) under AFTERCARE_PLAN, the warning signs and what to do only under
WARNING_SIGNS, and always the crisis lines. It never holds a diagnosis, safety notes, other
people's contact details or anything about another client.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from family.consents import refusal, sharing, with_consents
from family.models import ClientPerson, FamilyAftercarePlan, FamilyCopy
from family.services.aftercare import PLAN_INFO, SIGN_AND_COPY, plan_with_rows
from family.services.groups import family_group_participation
from iop.reports.clinical.terms import ConsentInformation
from iop.reports.models import Report
from iop.reports.pdf import render_pdf
from iop.reports.registry import register_renderer
from relapse_prevention.services.plans import LIFELINE_CONTACT, LIFELINE_NAME

FAMILY_AFTERCARE_COPY = "family_aftercare_copy"
FAMILY_AFTERCARE_KINDS = {FAMILY_AFTERCARE_COPY: "Family aftercare plan PDF (family copy)"}


class CopyRefused(RuntimeError):
    """The person's consent no longer allows the copy: nothing is rendered."""


def crisis_lines(program: Any) -> list[tuple[str, str]]:
    """988 always; the program's own line when it has one."""
    lines = [(LIFELINE_NAME, LIFELINE_CONTACT)]
    phone = program.crisis_line_phone.strip()
    if phone:
        lines.append((program.crisis_line_name.strip() or f"{program.name} crisis line", phone))
    return lines


def family_copy_context(
    plan: FamilyAftercarePlan, link: ClientPerson, information: set[str]
) -> dict[str, Any]:
    client = plan.client
    with_plan = PLAN_INFO in information
    supporters = [
        {
            "name": s.client_person.person.full_name,
            "you": s.client_person_id == link.pk,
            "role": s.role,
        }
        for s in plan.supporters.all()
        # Someone the client asked the program not to contact is not named to the others.
        if not s.client_person.do_not_contact
    ]
    return {
        "program": plan.program,
        "client_name": client.preferred_name or client.legal_first_name,
        "reader": link.person.first_name,
        "with_plan": with_plan,
        "with_signs": SIGN_AND_COPY in information,
        "supporters": supporters if with_plan else [],
        "communication": plan.communication if with_plan else "",
        "boundaries": plan.boundaries if with_plan else "",
        "referrals": list(plan.referrals.all()) if with_plan else [],
        "follow_ups": list(plan.follow_ups.all()) if with_plan else [],
        "signs": list(plan.warning_signs.all()) if SIGN_AND_COPY in information else [],
        "crisis": crisis_lines(plan.program),
        # Only the client's own people, never who else was in the room.
        "family_group": family_group_participation(client)
        if ConsentInformation.ATTENDANCE in information
        else [],
    }


def render_family_copy(report: Report) -> tuple[bytes, str]:
    copy = FamilyCopy.objects.get(pk=report.subject_id, client_id=report.client_id)
    link = with_consents(ClientPerson.objects.select_related("person")).get(
        pk=copy.client_person_id
    )
    reason = refusal(link, PLAN_INFO)
    if reason is not None:
        raise CopyRefused(reason)
    # What was allowed when asked, and is still allowed now.
    state = sharing(link)
    information = {i for i in copy.information if state.covers(i)}
    plan = plan_with_rows(FamilyAftercarePlan.objects).get(pk=copy.plan_id)
    context = family_copy_context(plan, link, information)
    title = f"Family aftercare plan for {link.person.full_name}"
    with timezone.override(plan.program.zone):
        context["printed_at"] = plan.program.now()
        return render_pdf("reports/family_aftercare_copy.html", context), title


def register() -> None:
    register_renderer(
        FAMILY_AFTERCARE_COPY,
        render_family_copy,
        label=FAMILY_AFTERCARE_KINDS[FAMILY_AFTERCARE_COPY],
    )
