"""A signed treatment plan made with the ORM, its PDFs, and what pypdf reads back from them."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

from django.utils import timezone
from pypdf import PdfReader

from iop.accounts.models import Role
from iop.reports.models import Report, ReportStatus
from iop.reports.services import report_request, sha256_of
from iop.signatures.models import SignerRole
from iop.signatures.services import signature_record
from tests.factories import ClientFactory, EpisodeFactory
from treatment_plans.documents import PLAN_CLINICAL
from treatment_plans.models import (
    MeasureKind,
    Modality,
    ObjectiveStatus,
    PlanGoal,
    PlanIntervention,
    PlanObjective,
    PlanProblem,
    PlanStatus,
    TreatmentPlan,
)

SLEEP_WORDS = "I want to sleep through the night and feel safe in my own home."
DRINK_WORDS = "I want to stop drinking to get to sleep."
PCL_OBJECTIVE = "PCL-5 total below 33 on two consecutive administrations."
GROUNDING_OBJECTIVE = "Uses a grounding skill when distressed, logged on the diary card."
ATTENDANCE_OBJECTIVE = "Attends at least 80% of scheduled IOP sessions."
SIGNED_TEXT = "Treatment plan version 1 as shown on screen."


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def pdf_text(pdf: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def page_texts(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def _goal(problem: PlanProblem, words: str, clinical: str, by: Any) -> PlanGoal:
    return PlanGoal.objects.create(
        problem=problem, client_words=words, clinical_goal=clinical, created_by=by
    )


def add_objective(goal: PlanGoal, description: str, by: Any, **fields: Any) -> PlanObjective:
    fields.setdefault("target_date", in_days(60))
    return PlanObjective.objects.create(goal=goal, description=description, created_by=by, **fields)


def _intervention(plan: TreatmentPlan, code: str, by: Any, **fields: Any) -> PlanIntervention:
    modality = Modality.objects.get(code=code, program=None)
    return PlanIntervention.objects.create(
        plan=plan, modality=modality, responsible=by, created_by=by, **fields
    )


def _content(plan: TreatmentPlan, by: Any) -> None:
    trauma = PlanProblem.objects.create(
        plan=plan,
        order=1,
        statement="Post-traumatic stress symptoms disrupt sleep and work.",
        asam_dimensions=[3],
        created_by=by,
    )
    sleep = _goal(trauma, SLEEP_WORDS, "Reduce PTSD symptom severity and hyperarousal.", by)
    add_objective(
        sleep,
        PCL_OBJECTIVE,
        by,
        measure=MeasureKind.INSTRUMENT_BELOW,
        instrument="pcl5",
        threshold=33,
        status=ObjectiveStatus.IN_PROGRESS,
    )
    add_objective(sleep, GROUNDING_OBJECTIVE, by, measure=MeasureKind.PRACTICE, per_week=4)
    _intervention(plan, "cbt", by, problem=trauma, frequency="weekly, 50 minutes")
    alcohol = PlanProblem.objects.create(
        plan=plan,
        order=2,
        statement="Alcohol use to manage distress and sleep.",
        asam_dimensions=[5],
        created_by=by,
    )
    drink = _goal(alcohol, DRINK_WORDS, "Sustained remission from alcohol use.", by)
    add_objective(drink, ATTENDANCE_OBJECTIVE, by, measure=MeasureKind.ATTENDANCE, threshold=80)
    _intervention(plan, "relapse_prevention", by, frequency="three times a week, in group")


def make_draft_plan(client: Any, by: Any) -> TreatmentPlan:
    """An unsigned version 1 with two problems, their goals, objectives and interventions."""
    plan = TreatmentPlan.objects.create(
        episode=client.episodes.get(),
        client=client,
        program=client.program,
        strengths="Loyal friend; steady work history; humour.",
        pacing_preferences="Slow pace; sit near the door.",
        avoid="No touch-based grounding.",
        referrals="Primary care for sleep review.",
        discharge_criteria="Objectives met and an aftercare plan in place.",
        aftercare_plan="Weekly outpatient therapy and a peer support group.",
        created_by=by,
    )
    _content(plan, by)
    return plan


def make_signed_plan(client: Any, staff: dict[str, Any]) -> TreatmentPlan:
    """The draft above, signed by the client, the clinician and the director: active."""
    clinician, director = staff[Role.CLINICIAN], staff[Role.DIRECTOR]
    plan = make_draft_plan(client, clinician)
    now = timezone.now()
    signature_record(
        obj=plan, role=SignerRole.CLIENT, signed_text=SIGNED_TEXT, signer_name=client.legal_name
    )
    signature_record(obj=plan, role=SignerRole.CLINICIAN, signed_text=SIGNED_TEXT, signer=clinician)
    signature_record(obj=plan, role=SignerRole.COSIGNER, signed_text=SIGNED_TEXT, signer=director)
    TreatmentPlan.objects.filter(pk=plan.pk).update(
        status=PlanStatus.ACTIVE,
        client_signed_name=client.legal_name,
        client_signed_at=now,
        clinician_signed_by=clinician,
        clinician_signed_at=now,
        cosigned_by=director,
        cosigned_at=now,
        activated_at=now,
        review_due_on=in_days(30),
    )
    plan.refresh_from_db()
    return plan


def client_with_episode(program: Any, preferred_name: str = "Sunny") -> Any:
    client = ClientFactory(
        program=program,
        legal_first_name="Marisol",
        legal_last_name="Quintana",
        preferred_name=preferred_name,
    )
    EpisodeFactory(client=client)
    return client


def stored_report(plan: TreatmentPlan, by: Any, kind: str = PLAN_CLINICAL) -> Report:
    """A ready report with a small stored file, without rendering (for access tests)."""
    from django.conf import settings

    report = report_request(kind=kind, client=plan.client, subject=plan, by=by)
    pdf = b"%PDF-1.4\n% a stand-in for a rendered plan\n%%EOF\n"
    relative = f"reports/{report.pk}.pdf"
    path = Path(settings.MEDIA_ROOT) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf)
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.READY,
        file_path=relative,
        sha256=sha256_of(pdf),
        size=len(pdf),
        rendered_at=timezone.now(),
    )
    report.refresh_from_db()
    return report


def plan_pdf_samples(client: Any, staff: dict[str, Any]) -> dict[str, str]:
    """For the role matrix: a ready plan PDF of a client of its own in the same program."""
    plan = make_signed_plan(client_with_episode(client.program), staff)
    return {"report_id": str(stored_report(plan, staff[Role.CLINICIAN]).pk)}
