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
from family.models.groups import FamilyAttendance, FamilyGroupAttendance, FamilyGroupMember
from family.models.people import (
    ClientPerson,
    ContactChannel,
    Person,
    PersonConsent,
    Relationship,
)
from family.models.sessions import (
    FamilyFocus,
    FamilyNoteDetail,
    FamilySessionGuest,
    GuestAttendance,
)

__all__ = [
    "ClientPerson",
    "ContactChannel",
    "FamilyAftercarePlan",
    "FamilyAttendance",
    "FamilyCopy",
    "FamilyFocus",
    "FamilyFollowUp",
    "FamilyGroupAttendance",
    "FamilyGroupMember",
    "FamilyNoteDetail",
    "FamilyPlanStatus",
    "FamilyReferral",
    "FamilySessionGuest",
    "FamilySupporter",
    "FamilyWarningSign",
    "GuestAttendance",
    "Person",
    "PersonConsent",
    "REFERRAL_PLAIN",
    "ReferralKind",
    "Relationship",
]
