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
    "FamilyFocus",
    "FamilyNoteDetail",
    "FamilySessionGuest",
    "GuestAttendance",
    "FamilyAttendance",
    "FamilyGroupAttendance",
    "FamilyGroupMember",
    "Person",
    "PersonConsent",
    "Relationship",
]
