"""The client's people: family members and other collaterals, each link with its own consent.

A ``Person`` is someone in the program's records with contact details; a ``ClientPerson``
links them to one client, with the relationship and what the client asked (emergency
contact, do not contact). One person may be linked to several clients (a parent of two
clients): each link has its own consents and its own do-not-contact mark, because what the
program may say to them is each client's choice (42 CFR Part 2, HIPAA).

What may be shared is governed by a consent of the intake consent model whose recipient is
that person (``PersonConsent`` ties an intake consent to the link). A person is never a
client and never signs in.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from iop import locks
from iop.accounts import permissions
from iop.accounts.models import Program
from iop.base import TimeStampedModel
from iop.clients.models import Client
from iop.phones import phone_display


class Relationship(models.TextChoices):
    PARENT = "parent", "Parent"
    STEPPARENT = "stepparent", "Stepparent"
    GUARDIAN = "guardian", "Guardian"
    SPOUSE = "spouse", "Spouse"
    PARTNER = "partner", "Partner"
    CHILD = "child", "Adult child"
    SIBLING = "sibling", "Sibling"
    GRANDPARENT = "grandparent", "Grandparent"
    OTHER_RELATIVE = "other_relative", "Other relative"
    FRIEND = "friend", "Friend"
    SPONSOR = "sponsor", "Sponsor or peer support"
    OTHER = "other", "Other"


class ContactChannel(models.TextChoices):
    NONE = "none", "Do not send messages"
    EMAIL = "email", "Email"
    SMS = "sms", "Text message"


class PersonQuerySet(models.QuerySet["Person"]):
    def visible_to(self, user: Any, capability: str = permissions.VIEW_FAMILY) -> PersonQuerySet:
        return self.filter(program_id__in=permissions.program_ids_with(user, capability))


@locks.track()
class Person(TimeStampedModel):
    """Someone in a client's life the program may involve; never a client, never a user."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    preferred_channel = models.CharField(
        "invitations and reminders by",
        max_length=8,
        choices=ContactChannel.choices,
        default=ContactChannel.NONE,
    )
    preferred_language = models.CharField(max_length=60, default="English")

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        triggers = locks.never_deleted("people are never deleted; unlink or mark do not contact")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def phone_display(self) -> str:
        return phone_display(self.phone)

    @property
    def address_for_messages(self) -> tuple[str, str] | None:
        """(channel, address) the person asked to be reached on, or None."""
        if self.preferred_channel == ContactChannel.EMAIL and self.email:
            return ContactChannel.EMAIL, self.email
        if self.preferred_channel == ContactChannel.SMS and self.phone:
            return ContactChannel.SMS, self.phone
        return None


class ClientPersonQuerySet(models.QuerySet["ClientPerson"]):
    def visible_to(
        self, user: Any, capability: str = permissions.VIEW_FAMILY
    ) -> ClientPersonQuerySet:
        return self.filter(client__program_id__in=permissions.program_ids_with(user, capability))

    def reachable(self) -> ClientPersonQuerySet:
        return self.filter(do_not_contact=False)


@locks.track()
class ClientPerson(TimeStampedModel):
    """A person in one client's life: relationship, and what the client asked about them."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="people")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="links")
    relationship = models.CharField(max_length=16, choices=Relationship.choices)
    relationship_detail = models.CharField(
        "relationship, in the client's words", max_length=100, blank=True
    )
    lives_with_client = models.BooleanField("lives with the client", default=False)
    emergency_contact = models.BooleanField(default=False)
    safety_notes = models.TextField(
        "notes on safety",
        blank=True,
        help_text="E.g. 'never contact the client through this person', or who must not be "
        "present. Staff only; never printed for the family.",
    )
    # The client's choice, at any time: takes effect at once everywhere (invitations,
    # reminders already queued, reports, relapse prevention contacts).
    do_not_contact = models.BooleanField(default=False)
    do_not_contact_since = models.DateTimeField(null=True, blank=True)
    do_not_contact_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    do_not_contact_reason = models.CharField(max_length=200, blank=True)

    objects = ClientPersonQuerySet.as_manager()

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        triggers = locks.never_deleted("a client's people are never deleted")
        constraints = [
            models.UniqueConstraint(fields=["client", "person"], name="person_linked_once"),
            models.CheckConstraint(
                condition=Q(do_not_contact=False) | Q(do_not_contact_since__isnull=False),
                name="do_not_contact_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_relationship_display()} of {self.client})"

    @property
    def relationship_label(self) -> str:
        return self.relationship_detail or self.get_relationship_display()


class PersonConsent(models.Model):
    """Ties an intake consent (recipient = this person) to the client's link to them."""

    client_person = models.ForeignKey(
        ClientPerson, on_delete=models.PROTECT, related_name="consent_links"
    )
    consent = models.OneToOneField(
        "intake.Consent", on_delete=models.PROTECT, related_name="family_link"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        triggers = locks.append_only("the consent a person was given is never re-pointed")

    def __str__(self) -> str:
        return f"{self.consent} for {self.client_person.person}"
