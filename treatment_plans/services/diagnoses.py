"""Diagnoses on a plan version: ICD-10-CM billable codes, one primary and any secondary.

They belong to the version (signed and locked with it) and are copied into the next
version with who recorded them, so the chart's current diagnoses are the active version's
and every signed version keeps the ones it was signed with. Edits name the revision like
every other part of a draft (see ``services.plan_versions``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from iop.accounts.models import User
from treatment_plans import icd10
from treatment_plans.models import DiagnosisRank, PlanDiagnosis, TreatmentPlan
from treatment_plans.services.plan_versions import claim_revision


@dataclass(frozen=True)
class DiagnosisAdded:
    diagnosis: PlanDiagnosis
    demoted: PlanDiagnosis | None  # the former primary, now secondary


def _checked(plan: TreatmentPlan, code: str, rank: str) -> icd10.Code:
    errors: dict[str, str] = {}
    found = None
    try:
        found = icd10.billable_code(code)
    except ValueError as error:
        errors["code"] = str(error)
    if rank not in DiagnosisRank.values:
        errors["rank"] = "Choose primary or secondary."
    if found and plan.diagnoses.filter(code=found.code).exists():
        errors["code"] = f"{found.code} is already on this plan."
    if errors:
        raise ValidationError(errors)
    assert found is not None
    return found


@transaction.atomic
def diagnosis_add(
    *, plan: TreatmentPlan, by: User, revision: int, code: str, rank: str
) -> DiagnosisAdded:
    """A billable code with the code list's description; a new primary makes the old one
    secondary (a plan has one primary diagnosis)."""
    found = _checked(plan, code, rank)
    claim_revision(plan, revision, by)
    demoted = None
    if rank == DiagnosisRank.PRIMARY:
        demoted = _demote_primary(plan)
    diagnosis = PlanDiagnosis.objects.create(
        plan=plan,
        code=found.code,
        description=found.description,
        code_list=icd10.CODE_LIST,
        rank=rank,
        recorded_by=by,
        recorded_at=timezone.now(),
        created_by=by,
    )
    return DiagnosisAdded(diagnosis, demoted)


def _demote_primary(plan: TreatmentPlan) -> PlanDiagnosis | None:
    primary = plan.diagnoses.select_for_update().filter(rank=DiagnosisRank.PRIMARY).first()
    if primary is not None:
        primary.rank = DiagnosisRank.SECONDARY
        primary.save(update_fields=["rank", "updated_at"])
    return primary


@transaction.atomic
def diagnosis_make_primary(*, diagnosis: PlanDiagnosis, by: User, revision: int) -> PlanDiagnosis:
    claim_revision(diagnosis.plan, revision, by)
    _demote_primary(diagnosis.plan)
    diagnosis.rank = DiagnosisRank.PRIMARY
    diagnosis.save(update_fields=["rank", "updated_at"])
    return diagnosis


@transaction.atomic
def diagnosis_remove(*, diagnosis: PlanDiagnosis, by: User, revision: int) -> None:
    """Off this draft only: signed versions keep theirs (the database refuses)."""
    claim_revision(diagnosis.plan, revision, by)
    diagnosis.delete()
