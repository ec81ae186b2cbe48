from family.models.aftercare import (
    REFERRAL_PLAIN,
    FamilyAftercarePlan,
    FamilyCopy,
    FamilyFollowUp,
    FamilyPlanStatus,
    FamilyReferral,
    FamilySupporter,
    FamilyWarningSign,
    ReferralKind,
)
from family.models.people import (
    ClientPerson,
    ContactChannel,
    Person,
    PersonConsent,
    Relationship,
)

__all__ = [
    "REFERRAL_PLAIN",
    "ClientPerson",
    "ContactChannel",
    "FamilyAftercarePlan",
    "FamilyCopy",
    "FamilyFollowUp",
    "FamilyPlanStatus",
    "FamilyReferral",
    "FamilySupporter",
    "FamilyWarningSign",
    "Person",
    "PersonConsent",
    "ReferralKind",
    "Relationship",
]
