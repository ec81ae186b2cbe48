"""The client's people as safe contacts of the relapse prevention plan (registered with
``relapse_prevention.contact_people`` from FamilyConfig.ready): the form's choices, and the
do-not-contact flag the plan page shows beside a contact who is one of them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from family.models import ClientPerson
from relapse_prevention.contact_people import ContactPerson


def do_not_contact_flag(link: ClientPerson) -> str:
    if not link.do_not_contact:
        return ""
    if link.do_not_contact_since is None:
        return "Do not contact"
    since = link.do_not_contact_since.astimezone(link.client.program.zone)
    return f"Do not contact (since {since:%b %-d, %Y})"


class FamilyContactPeople:
    def people(self, client: Any) -> list[ContactPerson]:
        links = ClientPerson.objects.filter(client=client).select_related(
            "person", "client__program"
        )
        return [
            ContactPerson(
                id=link.pk,
                name=link.person.full_name,
                relationship=link.relationship_label,
                phone=link.person.phone,
                flag=do_not_contact_flag(link),
            )
            for link in links
        ]

    def flags(self, person_ids: Iterable[UUID]) -> dict[UUID, str]:
        links = ClientPerson.objects.filter(
            pk__in=list(person_ids), do_not_contact=True
        ).select_related("client__program")
        return {link.pk: do_not_contact_flag(link) for link in links}


PROVIDER = FamilyContactPeople()
