"""What the program may share with each of a client's people, and why not when it may not.

One answer for every page, message and PDF of the family app: ``sharing(link)`` reads the
link's consents (the intake consent model, recipient = that person) and its do-not-contact
mark, and ``refusal(link, information)`` gives the reason a disclosure is refused, in words
staff can act on, or None when it is allowed. Do-not-contact wins over any consent.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from intake.models import Consent, ConsentKind, ConsentStatus
from iop.reports.clinical.terms import ConsentInformation

if TYPE_CHECKING:
    from family.models import ClientPerson

# What a family consent is written for (the choices offered on the family consent form).
FAMILY_INFORMATION = [
    ConsentInformation.APPOINTMENTS,
    ConsentInformation.ATTENDANCE,
    ConsentInformation.PLAN_SUMMARY,
    ConsentInformation.PROGRESS_SUMMARY,
    ConsentInformation.AFTERCARE_PLAN,
    ConsentInformation.WARNING_SIGNS,
    ConsentInformation.DISCHARGE_STATUS,
]


@dataclass(frozen=True)
class Sharing:
    """The consent state of one link, as every family page shows it."""

    status: str  # ConsentStatus value, or "none"
    label: str
    consent: Consent | None = None
    information: frozenset[str] = field(default_factory=frozenset)
    do_not_contact: bool = False
    do_not_contact_since: datetime.datetime | None = None

    @property
    def in_force(self) -> bool:
        return self.status == ConsentStatus.ACTIVE and not self.do_not_contact

    def covers(self, information: str) -> bool:
        return self.in_force and information in self.information

    @property
    def information_labels(self) -> list[str]:
        return [ConsentInformation(v).label for v in FAMILY_INFORMATION if v in self.information]


def with_consents(links: QuerySet[ClientPerson]) -> QuerySet[ClientPerson]:
    """Prefetch what ``sharing`` reads (one query for all links' consents)."""
    consents = Consent.objects.select_related("client__program").order_by("-created_at")
    return links.prefetch_related(
        Prefetch("consent_links__consent", queryset=consents),
    )


def _consents(link: ClientPerson) -> list[Consent]:
    return [
        pc.consent for pc in link.consent_links.all() if pc.consent.kind != ConsentKind.TREATMENT
    ]


def sharing(link: ClientPerson) -> Sharing:
    """The consent in force for this link (the latest signed one), or the latest of the rest."""
    cached = getattr(link, "_sharing", None)
    if cached is not None:
        return cached
    consents = _consents(link)
    active = [c for c in consents if c.status == ConsentStatus.ACTIVE]
    shown = active[0] if active else (consents[0] if consents else None)
    if shown is None:
        result = Sharing(
            status="none",
            label="No consent on file",
            do_not_contact=link.do_not_contact,
            do_not_contact_since=link.do_not_contact_since,
        )
    else:
        status = shown.status
        if status == ConsentStatus.ACTIVE:
            until = f" until {shown.expires_on:%b %-d, %Y}" if shown.expires_on else ""
            label = f"Consent in force{until}"
        elif status == ConsentStatus.REVOKED:
            label = f"Consent revoked on {shown.revoked_at:%b %-d, %Y}"  # type: ignore[union-attr]
        elif status == ConsentStatus.EXPIRED:
            label = f"Consent expired on {shown.expires_on:%b %-d, %Y}"  # type: ignore[union-attr]
        else:
            label = "Consent awaiting signature"
        result = Sharing(
            status=status,
            label=label,
            consent=shown,
            information=frozenset(shown.information)
            if status == ConsentStatus.ACTIVE
            else frozenset(),
            do_not_contact=link.do_not_contact,
            do_not_contact_since=link.do_not_contact_since,
        )
    link._sharing = result  # type: ignore[attr-defined]
    return result


def forget_sharing(link: ClientPerson) -> None:
    """After a change to the link or its consents, read the state afresh."""
    link.__dict__.pop("_sharing", None)


def refusal(link: ClientPerson, information: str) -> str | None:
    """Why the program may not share ``information`` with this person, or None if it may."""
    name = link.person.full_name
    if link.do_not_contact:
        since = (
            f" since {link.do_not_contact_since:%b %-d, %Y}" if link.do_not_contact_since else ""
        )
        return (
            f"{name} is marked do not contact{since}: the client asked that the program "
            "not contact them."
        )
    state = sharing(link)
    if state.status == "none":
        return f"No consent on file for {name}: record a consent with them as the recipient first."
    if state.status == ConsentStatus.DRAFT:
        return (
            f"{name}'s consent is awaiting signature: it must be signed before anything is shared."
        )
    if state.status in (ConsentStatus.REVOKED, ConsentStatus.EXPIRED):
        return f"{name}'s consent is no longer in force ({state.label.lower()})."
    if information not in state.information:
        what = ConsentInformation(information).label.lower()
        return f"{name}'s consent does not cover {what}."
    return None
