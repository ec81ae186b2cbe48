"""The client's people, offered as safe contacts of the relapse prevention plan.

relapse_prevention sits below family and may not import it: family registers a provider
from its AppConfig.ready. The provider gives the client's people as choices for the safe
contact form (name, relationship and phone to fill it in), and for the people a plan's
contacts point to, a flag staff should see, e.g. "Do not contact (since Dec 1, 2026)".
With no provider registered (family not installed), there are no people and no flags.

The flag is about the program contacting that person, not the client: it is shown on staff
pages only, never on the client's own printed copy, which stays the client's own list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol
from uuid import UUID


@dataclass(frozen=True)
class ContactPerson:
    """One of the client's people, as the safe contact form offers them."""

    id: UUID
    name: str
    relationship: str
    phone: str  # E.164, or "" when none is on file
    flag: str = ""  # e.g. "Do not contact (since Dec 1, 2026)"

    @property
    def label(self) -> str:
        flag = f" — {self.flag}" if self.flag else ""
        return f"{self.name} ({self.relationship}){flag}"


class ContactPeopleProvider(Protocol):
    def people(self, client: Any) -> list[ContactPerson]:
        """The client's people, for the safe contact form (one query)."""
        ...

    def flags(self, person_ids: Iterable[UUID]) -> dict[UUID, str]:
        """For each of these ids with something to flag, the words (one query)."""
        ...


_providers: list[ContactPeopleProvider] = []


def register_contact_people(provider: ContactPeopleProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def contact_people_for(client: Any) -> list[ContactPerson]:
    return [person for provider in _providers for person in provider.people(client)]


def contact_flags(person_ids: Iterable[UUID | None]) -> dict[UUID, str]:
    ids = {pk for pk in person_ids if pk is not None}
    if not ids:
        return {}
    flags: dict[UUID, str] = {}
    for provider in _providers:
        flags.update(provider.flags(ids))
    return flags
