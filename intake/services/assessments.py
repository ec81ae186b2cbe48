from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.utils import timezone

from intake.forms.assessment import AsamForm, ProfileForm
from intake.instruments import get as get_instrument
from intake.models import (
    AsamRating,
    Assessment,
    AssessmentStatus,
    InstrumentResult,
    Referral,
    ReferralStatus,
    SafetyAlert,
)
from intake.readiness import Readiness, readiness_status
from iop.accounts.models import User
from iop.clients.models import LevelOfCare

SITUATION_QUESTIONS = {
    "housing": "housing",
    "occupation": "employment or school",
    "legal_status": "legal status",
}


@transaction.atomic
def assessment_start(*, referral: Referral, by: User) -> Assessment:
    """Resume the referral's draft if there is one; otherwise start a new one."""
    draft = referral.assessments.filter(status=AssessmentStatus.DRAFT).first()
    if draft:
        return draft
    client = referral.client
    assessment = Assessment.objects.create(
        client=client,
        program=referral.program,
        referral=referral,
        asam_edition=referral.program.asam_edition,
        preferred_name=client.preferred_name,
        pronouns=client.pronouns,
        created_by=by,
    )
    if referral.status in (ReferralStatus.NEW, ReferralStatus.CONTACTING):
        referral.status = ReferralStatus.ASSESSING
        referral.save(update_fields=["status", "updated_at"])
    return assessment


@transaction.atomic
def assessment_save_step(
    *, assessment: Assessment, form: ModelForm, resume_at: str, by: User
) -> None:
    """Save one step as a draft; the profile's name and pronouns go to the client at once."""
    _require_draft(assessment)
    form.instance.last_step = resume_at
    form.save()
    if isinstance(form, ProfileForm):
        client = assessment.client
        client.preferred_name = assessment.preferred_name
        client.pronouns = assessment.pronouns
        client.save(update_fields=["preferred_name", "pronouns", "updated_at"])


@transaction.atomic
def assessment_save_asam(
    *, assessment: Assessment, form: AsamForm, resume_at: str, by: User
) -> None:
    _require_draft(assessment)
    for number, rating in form.ratings().items():
        AsamRating.objects.update_or_create(
            assessment=assessment,
            dimension=number,
            defaults={"rating": rating, "notes": form.cleaned_data[f"notes_{number}"]},
        )
    recommendation = form.recommendation
    assessment.recommended_level = LevelOfCare.objects.get(
        edition=assessment.asam_edition, code=recommendation.code
    )
    assessment.recommendation_reasons = recommendation.reasons
    assessment.placement_level = form.cleaned_data["placement_level"]
    assessment.placement_reason = form.cleaned_data["placement_reason"]
    assessment.last_step = resume_at
    assessment.save()


def _require_draft(assessment: Assessment) -> None:
    if not assessment.is_draft:
        raise ValidationError("This assessment is completed and can no longer be edited.")


def required_instruments() -> list[str]:
    return list(settings.IOP_INTAKE_REQUIRED_INSTRUMENTS)


def latest_results(assessment: Assessment) -> dict[str, InstrumentResult]:
    """The newest result per instrument given during this assessment."""
    latest: dict[str, InstrumentResult] = {}
    for result in assessment.instrument_results.order_by("administered_at"):
        latest[result.instrument] = result
    return latest


def open_alerts(assessment: Assessment) -> QuerySet[SafetyAlert]:
    return SafetyAlert.objects.open().filter(client=assessment.client)


def assessment_readiness(assessment: Assessment) -> Readiness:
    results = latest_results(assessment)
    des = results.get("des2")
    cssrs = results.get("cssrs")
    acute = open_alerts(assessment).exists() or bool(
        cssrs and cssrs.details.get("risk_level") == "high"
    )
    return readiness_status(
        affect_tolerance=assessment.affect_tolerance,
        grounding_skill=assessment.grounding_skill,
        self_harm=assessment.self_harm,
        home_stability=assessment.home_stability,
        des_score=Decimal(des.score) if des else None,
        acute_suicide_risk=acute,
    )


def assessment_missing(assessment: Assessment) -> list[str]:
    """What must be done before the assessment can be completed, in plain words."""
    missing: list[str] = []
    if not assessment.presenting_problems.strip():
        missing.append("Presenting problems are not recorded.")
    for field, label in SITUATION_QUESTIONS.items():
        if not getattr(assessment, field):
            missing.append(f"Current situation: {label} is not answered (or declined).")
    given = set(latest_results(assessment))
    for code in required_instruments():
        if code not in given:
            missing.append(f"{get_instrument(code).abbreviation} has not been given.")
    if assessment.asam_ratings.count() < 6:
        missing.append("Rate all six ASAM dimensions.")
    if not assessment.placement_level_id:
        missing.append("Choose the final placement.")
    alerts = open_alerts(assessment).count()
    if alerts:
        missing.append(
            f"{alerts} open safety alert{'s' if alerts > 1 else ''}: a clinician must record a "
            "risk assessment and a safety plan decision."
        )
    return missing


@transaction.atomic
def assessment_complete(*, assessment: Assessment, by: User) -> Assessment:
    # Locked and re-read: a colleague may have saved a step since this object was loaded.
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require_draft(assessment)
    missing = assessment_missing(assessment)
    if missing:
        raise ValidationError(missing)
    assessment.status = AssessmentStatus.COMPLETED
    assessment.completed_at = timezone.now()
    assessment.completed_by = by
    assessment.last_step = "review"
    assessment.save()
    referral = assessment.referral
    if referral and referral.status != ReferralStatus.ADMITTED:
        referral.status = ReferralStatus.READY
        referral.save(update_fields=["status", "updated_at"])
    return assessment
