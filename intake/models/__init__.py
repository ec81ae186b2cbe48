"""Intake: referrals, assessments with scored instruments, safety alerts and consents."""

from intake.models.assessment import (
    AffectTolerance,
    AsamRating,
    Assessment,
    AssessmentStatus,
    GroundingSkill,
    HomeStability,
)
from intake.models.consent import (
    Consent,
    ConsentInformation,
    ConsentKind,
    ConsentStatus,
    ReportingFrequency,
)
from intake.models.consent_text import TreatmentConsentText
from intake.models.court_order import CourtOrder, LegalStatus
from intake.models.instruments import InstrumentResult, SafetyAlert, SafetyPlanDecision
from intake.models.referral import (
    ContactAttempt,
    ContactMethod,
    ContactOutcome,
    Referral,
    ReferralSource,
    ReferralStatus,
    Urgency,
)
from intake.models.safety_plans import SafetyPlan, SafetyPlanStatus

__all__ = [
    "AffectTolerance",
    "AsamRating",
    "Assessment",
    "AssessmentStatus",
    "Consent",
    "ConsentInformation",
    "ConsentKind",
    "ConsentStatus",
    "ContactAttempt",
    "CourtOrder",
    "ContactMethod",
    "ContactOutcome",
    "GroundingSkill",
    "HomeStability",
    "InstrumentResult",
    "LegalStatus",
    "Referral",
    "ReportingFrequency",
    "ReferralSource",
    "ReferralStatus",
    "SafetyAlert",
    "SafetyPlan",
    "SafetyPlanDecision",
    "TreatmentConsentText",
    "SafetyPlanStatus",
    "Urgency",
]
