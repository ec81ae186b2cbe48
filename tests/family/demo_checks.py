"""What the family demo leaves, checked inside the one seeded demo test (tests/scheduling/
test_demo.py): seeding is the slowest thing the suite does, so it is done once."""

from __future__ import annotations

from family.consents import sharing, with_consents
from family.models import (
    ClientPerson,
    FamilyAftercarePlan,
    FamilyGroupAttendance,
    FamilyGroupMember,
    FamilySessionGuest,
)
from iop.accounts.models import Program
from iop.clients.models import Client
from scheduling.models import ProgressNote


def family_is_seeded(program: Program) -> None:
    links = list(with_consents(ClientPerson.objects.filter(client__program=program)))
    clients = Client.objects.filter(program=program).count()
    # Most clients name someone; some people have no consent; exactly one is do not contact.
    assert len({link.client_id for link in links}) > clients / 2
    states = [sharing(link).status for link in links]
    assert states.count("active") > 10
    assert states.count("none") >= 3
    assert "revoked" in states
    assert sum(link.do_not_contact for link in links) == 1
    # One person in two clients' lives, each link with its own consent.
    shared = [link.person_id for link in links]
    assert any(shared.count(person) == 2 for person in set(shared))

    # A running multi-family group: family of several clients, attendance per person.
    roster = FamilyGroupMember.objects.filter(group__program=program, left_on__isnull=True)
    assert roster.values("client_person__client").distinct().count() >= 5
    assert FamilyGroupAttendance.objects.filter(session__program=program).count() > 20

    # Family sessions charted: signed notes naming who of the client's own people attended.
    attended = FamilySessionGuest.objects.filter(
        session__program=program, attendance="attended"
    ).select_related("client_person__person", "session")
    assert attended.count() >= 2
    for guest in attended:
        note = ProgressNote.objects.get(session=guest.session)
        assert note.signed_at is not None
        assert guest.client_person.person.full_name in note.signed_text

    # Two family aftercare plans: one signed, one being written.
    plans = FamilyAftercarePlan.objects.filter(client__program=program)
    assert plans.count() == 2
    assert plans.filter(signed_at__isnull=False).count() == 1
