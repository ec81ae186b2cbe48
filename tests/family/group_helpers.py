"""A multi-family group, its sessions, and clients' people with or without consent."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from family.models import ClientPerson
from family.services.consents import family_consent_draft
from family.services.groups import family_group_member_add
from family.services.people import client_person_add
from groups.models import Admission, Group
from intake.services.consents import consent_shown_hash, consent_sign
from iop.accounts.models import Role
from iop.reports.clinical.terms import ConsentInformation
from scheduling.models import Session, SessionKind
from tests.scheduling.factories import GroupFactory, SessionFactory, kind

APPOINTMENTS = [ConsentInformation.APPOINTMENTS, ConsentInformation.ATTENDANCE]


def family_group(program: Any, name: str = "Family Education Evening") -> Group:
    return GroupFactory(  # type: ignore[return-value]
        program=program, name=name, kind=kind("family-education"), admission=Admission.CLOSED
    )


def group_session(group: Group, *, hours_from_now: float = -3) -> Session:
    """A 90-minute session of the group (in the past by default)."""
    starts = timezone.now() + datetime.timedelta(hours=hours_from_now)
    return SessionFactory(  # type: ignore[return-value]
        program=group.program,
        kind=SessionKind.GROUP,
        group=group,
        occurs_on=group.program.local_date(starts),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=90),
    )


def person(
    client: Any,
    staff: dict[str, Any],
    first: str,
    last: str,
    *,
    information: list[Any] | None = APPOINTMENTS,
    sign: bool = True,
    channel: str = "email",
) -> ClientPerson:
    """One of the client's people; with a consent (signed unless ``sign`` is False) for
    ``information``, or none when ``information`` is None."""
    link = client_person_add(
        client=client,
        actor=staff[Role.INTAKE],
        person_details={
            "first_name": first,
            "last_name": last,
            "email": f"{first.lower()}.{last.lower()}@example.com",
            "phone": "+12025550142",
            "preferred_channel": channel,
        },
        link_details={"relationship": "parent"},
    )
    if information is not None:
        consent = family_consent_draft(
            link=link,
            actor=staff[Role.INTAKE],
            information=information,
            purpose=f"To keep {first} {last} informed of appointments.",
            expires_on=timezone.localdate() + datetime.timedelta(days=300),
        )
        if sign:
            consent_sign(
                consent=consent,
                typed_name=client.legal_name,
                relationship="client",
                witness=staff[Role.INTAKE],
                ip_address=None,
                shown_sha256=consent_shown_hash(consent),
            )
    return link


def join(group: Group, link: ClientPerson, staff: dict[str, Any], days_ago: int = 14) -> Any:
    return family_group_member_add(
        group=group,
        link=link,
        actor=staff[Role.INTAKE],
        joined_on=timezone.localdate() - datetime.timedelta(days=days_ago),
    )


def family_group_samples(client: Any, staff: dict[str, Any]) -> dict[str, str]:
    """URL keywords of the role matrix: a family group, its held session, a roster row."""
    group = family_group(client.program, name="Matrix family group")
    session = group_session(group)
    link = person(client, staff, "Matrix", "Relative")
    member = join(group, link, staff)
    return {
        "family_group_id": str(group.pk),
        "family_session_id": str(session.pk),
        "member_id": str(member.pk),
    }
