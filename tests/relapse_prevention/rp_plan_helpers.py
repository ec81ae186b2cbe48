"""Relapse prevention plans for tests, built and signed through the services."""

from __future__ import annotations

import datetime
from typing import Any

from groups.models import CurriculumTopic, Group, GroupKind
from iop.accounts.models import Role
from iop.signatures.models import SignerRole
from iop.signatures.text import content_hash
from relapse_prevention.models import RelapsePreventionPlan
from relapse_prevention.services.plan_parts import rp_plan_part_add
from relapse_prevention.services.plan_signing import rp_plan_sign
from relapse_prevention.services.plan_text import rp_plan_text
from relapse_prevention.services.plans import rp_plan_start


def skill(program: Any, title: str = "Grounding: 5-4-3-2-1") -> CurriculumTopic:
    kind, _ = GroupKind.objects.get_or_create(program=program, code="skills", name="Skills")
    group, _ = Group.objects.get_or_create(program=program, name="Coping skills", kind=kind)
    position = group.topics.count() + 1
    return CurriculumTopic.objects.create(group=group, position=position, title=title)


def add(plan: RelapsePreventionPlan, section: str, by: Any, **fields: Any) -> Any:
    plan.refresh_from_db()
    return rp_plan_part_add(plan=plan, section=section, by=by, revision=plan.revision, **fields)


def built_draft(client: Any, by: Any, **extra: Any) -> RelapsePreventionPlan:
    plan = rp_plan_start(client=client, by=by)
    add(plan, "triggers", by, category="places", description="The bar on 5th Street")
    add(plan, "warning_signs", by, stage="early", description="I stop answering texts")
    add(plan, "coping", by, description="Name five things I can see", skill=skill(client.program))
    add(
        plan,
        "contacts",
        by,
        name="Ana Ruiz",
        relationship="sister",
        phone="(202) 555-0143",
        when_to_call="When I want to drink",
    )
    add(
        plan,
        "dates",
        by,
        kind="court",
        label="Court hearing",
        on_date=client.program.today() + datetime.timedelta(days=20),
        recurs_yearly=False,
        plan_for_the_day="Go with my sponsor",
    )
    plan.refresh_from_db()
    return plan


def sign_both(plan: RelapsePreventionPlan, by: Any) -> RelapsePreventionPlan:
    for role in (SignerRole.CLIENT, SignerRole.CLINICIAN):
        plan = RelapsePreventionPlan.objects.get(pk=plan.pk)
        if getattr(plan, f"{role}_signed_at") is not None:
            continue
        rp_plan_sign(
            plan=plan,
            role=role,
            by=by,
            shown_sha256=content_hash(rp_plan_text(plan)),
            typed_name=plan.client.legal_name,
        )
    return RelapsePreventionPlan.objects.get(pk=plan.pk)


def signed_plan(client: Any, staff: dict[str, Any]) -> RelapsePreventionPlan:
    return sign_both(built_draft(client, staff[Role.CLINICIAN]), staff[Role.CLINICIAN])


def rp_plan_samples(client_record: Any, staff: dict[str, Any]) -> dict[str, str]:
    from iop.reports.services import report_render_one, report_request
    from relapse_prevention.documents import RP_PLAN_CLIENT

    plan = signed_plan(client_record, staff)
    report = report_request(
        kind=RP_PLAN_CLIENT, client=client_record, subject=plan, by=staff[Role.CLINICIAN]
    )
    report_render_one(report_id=report.pk)  # ready, so the download answers
    return {
        "section": "triggers",
        "part_id": str(plan.triggers.get().pk),
        "rp_report_id": str(report.pk),
    }
