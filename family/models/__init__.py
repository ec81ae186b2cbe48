from family.models.groups import FamilyAttendance, FamilyGroupAttendance, FamilyGroupMember
from family.models.people import (
    ClientPerson,
    ContactChannel,
    Person,
    PersonConsent,
    Relationship,
)

__all__ = [
    "ClientPerson",
    "ContactChannel",
    "FamilyAttendance",
    "FamilyGroupAttendance",
    "FamilyGroupMember",
    "Person",
    "PersonConsent",
    "Relationship",
]
