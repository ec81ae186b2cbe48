from family.models.people import (
    ClientPerson,
    ContactChannel,
    Person,
    PersonConsent,
    Relationship,
)

__all__ = ["ClientPerson", "ContactChannel", "Person", "PersonConsent", "Relationship"]
