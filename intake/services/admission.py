from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from intake.models import (
    Assessment,
    AssessmentStatus,
    Consent,
    ConsentKind,
    Referral,
    ReferralStatus,
)
from iop.accounts.models import User
from iop.clients.models import Episode, LevelOfCare
from iop.clients.services import episode_admit


def admission_assessment(referral: Referral) -> Assessment | None:
    """The referral's latest completed intake assessment: the placement admission starts from."""
    return (
        referral.assessments.filter(status=AssessmentStatus.COMPLETED)
        .select_related("placement_level", "recommended_level")
        .order_by("-completed_at")
        .first()
    )


def admission_missing(referral: Referral) -> list[str]:
    missing = []
    if not referral.assessments.filter(status=AssessmentStatus.COMPLETED).exists():
        missing.append("The intake assessment is not completed.")
    if (
        not Consent.objects.in_force(referral.client.program.today())
        .filter(client=referral.client, kind=ConsentKind.TREATMENT)
        .exists()
    ):
        missing.append("The client has not signed consent to treatment.")
    if referral.status == ReferralStatus.ADMITTED:
        missing.append("This referral has already led to an admission.")
    return missing


@transaction.atomic
def referral_admit(
    *,
    referral: Referral,
    level: LevelOfCare,
    primary_clinician: User,
    admitted_on: datetime.date,
    by: User,
) -> Episode:
    """Admission: an episode at the chosen level, on the primary clinician's caseload."""
    missing = admission_missing(referral)
    if missing:
        raise ValidationError(missing)
    assessment = admission_assessment(referral)
    placement = assessment.placement if assessment else None
    if placement is not None and placement.pk == level.pk:
        reason = "Admission placement per the intake ASAM assessment"
    else:
        reason = (
            f"Admitted at ASAM {level.code}; the assessment placed at "
            f"ASAM {placement.code if placement else '—'}"
        )
    episode = episode_admit(
        client=referral.client,
        program=referral.program,
        level=level,
        primary_clinician=primary_clinician,
        admitted_on=admitted_on,
        reason=reason,
        by=by,
    )
    referral.status = ReferralStatus.ADMITTED
    referral.save(update_fields=["status", "updated_at"])
    return episode
