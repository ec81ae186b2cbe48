"""Groups: the list, the roster page, creating and editing with a curriculum, and
closed-group roster changes (directors only)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from groups.models import Admission, CurriculumTopic, Group, RosterEntry, RosterStatus
from iop.accounts.models import Role
from tests.factories import member
from tests.scheduling.factories import GroupFactory, facilitate, kind, topics
from tests.scheduling.views_helpers import WED, at, episode, group_session

pytestmark = pytest.mark.django_db


def detail(group):
    return reverse("groups:detail", args=[group.pk])


def member_entry(group, ep, status=RosterStatus.MEMBER):
    return RosterEntry.objects.create(
        group=group,
        episode=ep,
        status=status,
        joined_on=datetime.date(2026, 2, 2) if status == RosterStatus.MEMBER else None,
        waitlisted_at=None
        if status == RosterStatus.MEMBER
        else datetime.datetime(2026, 2, 3, tzinfo=datetime.UTC),
    )


def test_group_list_shows_members_and_capacity(program, other_program, staff, login_as):
    group = GroupFactory(program=program, name="Relapse prevention", capacity=10)
    member_entry(group, episode(program, "Jordan"))
    GroupFactory(program=other_program, name="Elsewhere")
    page = login_as(staff[Role.INTAKE]).get(reverse("groups:list")).content.decode()
    assert "Relapse prevention" in page and "1 of 10" in page
    assert "Elsewhere" not in page


def test_roster_page_shows_members_waitlist_topics_and_upcoming(program, staff, login_as):
    group: Group = GroupFactory(  # type: ignore[assignment]
        program=program, name="Trauma group", admission=Admission.CLOSED, capacity=1
    )
    facilitate(group, staff[Role.CLINICIAN])
    topics(group, "Safety first", "Grounding skills")
    member_entry(group, episode(program, "Jordan"))
    member_entry(group, episode(program, "Alex"), status=RosterStatus.WAITLISTED)
    session = group_session(program, staff[Role.CLINICIAN], clients=0)
    session.group = group
    session.save()
    with at(program, WED, 8):
        page = login_as(staff[Role.CLINICIAN]).get(detail(group)).content.decode()
    assert "Jordan Rivera" in page and "Alex Rivera" in page
    assert "Position 1: " in page
    assert page.index("Safety first") < page.index("Grounding skills")
    assert "Coping with cravings" in page  # the upcoming session's topic
    assert staff[Role.CLINICIAN].display_name in page
    assert "Add to the group" not in page  # clinicians do not change rosters


def test_director_adds_to_a_full_closed_group_which_waitlists(program, staff, login_as):
    group = GroupFactory(program=program, admission=Admission.CLOSED, capacity=1)
    member_entry(group, episode(program, "Jordan"))
    newcomer = episode(program, "Alex")
    with at(program, WED, 8):
        client = login_as(staff[Role.DIRECTOR])
        assert "Add to the waitlist" in client.get(detail(group)).content.decode()
        response = client.post(
            reverse("groups:roster_add", args=[group.pk]), {"episode": newcomer.pk}
        )
    assert response.status_code == 302
    assert RosterEntry.objects.get(episode=newcomer).status == RosterStatus.WAITLISTED


def test_roster_add_without_a_client_is_refused(program, staff, login_as):
    group = GroupFactory(program=program, admission=Admission.CLOSED)
    response = login_as(staff[Role.DIRECTOR]).post(
        reverse("groups:roster_add", args=[group.pk]), {}
    )
    assert response.status_code == 400
    assert not RosterEntry.objects.exists()


def test_remove_needs_a_reason_then_promotes_the_waitlist(program, staff, login_as):
    group = GroupFactory(program=program, admission=Admission.CLOSED, capacity=1)
    leaving = member_entry(group, episode(program, "Jordan"))
    waiting = member_entry(group, episode(program, "Alex"), status=RosterStatus.WAITLISTED)
    url = reverse("groups:roster_remove", args=[group.pk, leaving.pk])
    client = login_as(staff[Role.DIRECTOR])
    with at(program, WED, 8):
        refused = client.post(url, {"left_on": "2026-03-04", "reason": ""})
        assert refused.status_code == 400
        leaving.refresh_from_db()
        assert leaving.status == RosterStatus.MEMBER
        client.post(url, {"left_on": "2026-03-04", "reason": "Moved to evening track"})
    leaving.refresh_from_db()
    waiting.refresh_from_db()
    assert leaving.status == RosterStatus.LEFT and leaving.left_reason == "Moved to evening track"
    assert waiting.status == RosterStatus.MEMBER


def test_director_creates_a_group_with_its_curriculum(program, staff, login_as):
    data = {
        "name": "Seeking Safety",
        "kind": kind("trauma-focused").pk,
        "description": "",
        "capacity": "10",
        "admission": Admission.CLOSED,
        "facilitator": staff[Role.CLINICIAN].pk,
        "co_facilitator": "",
        "curriculum": "Introduction\n\nSafety\nAsking for help\n",
        "active": "on",
    }
    response = login_as(staff[Role.DIRECTOR]).post(reverse("groups:create"), data)
    group = Group.objects.get(name="Seeking Safety")
    assert response.url == detail(group)
    assert [t.title for t in group.topics.order_by("position")] == [
        "Introduction",
        "Safety",
        "Asking for help",
    ]
    assert group.facilitators.get() == staff[Role.CLINICIAN]


def test_editing_the_curriculum_renames_and_retires_topics_without_deleting(
    program, staff, login_as
):
    group: Group = GroupFactory(program=program, name="Skills")  # type: ignore[assignment]
    topics(group, "One", "Two", "Three")
    data = {
        "name": "Skills",
        "kind": group.kind.pk,
        "capacity": "12",
        "admission": Admission.OPEN,
        "curriculum": "One\nTwo, revised",
        "active": "on",
    }
    response = login_as(staff[Role.DIRECTOR]).post(reverse("groups:edit", args=[group.pk]), data)
    assert response.status_code == 302
    titles = {t.position: (t.title, t.active) for t in CurriculumTopic.objects.filter(group=group)}
    assert titles == {1: ("One", True), 2: ("Two, revised", True), 3: ("Three", False)}


def test_duplicate_group_name_refused_and_nothing_saved(program, staff, login_as):
    GroupFactory(program=program, name="Skills")
    data = {
        "name": "Skills",
        "kind": kind().pk,
        "capacity": "12",
        "admission": Admission.OPEN,
        "curriculum": "",
    }
    response = login_as(staff[Role.DIRECTOR]).post(reverse("groups:create"), data)
    assert response.status_code == 400
    assert "already has this name" in response.content.decode()
    assert Group.objects.filter(name="Skills").count() == 1


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.INTAKE])
def test_only_directors_create_groups_or_change_rosters(role, program, staff, login_as):
    group = GroupFactory(program=program, admission=Admission.CLOSED)
    client = login_as(staff[role])
    assert client.get(reverse("groups:create")).status_code == 403
    assert client.get(reverse("groups:edit", args=[group.pk])).status_code == 403
    assert client.post(reverse("groups:roster_add", args=[group.pk]), {}).status_code == 403


@pytest.mark.parametrize("role", [Role.PROBATION, Role.ADMINISTRATOR])
def test_groups_refused_to_roles_without_the_schedule(role, program, staff, login_as):
    group = GroupFactory(program=program)
    assert login_as(staff[role]).get(reverse("groups:list")).status_code == 403
    assert login_as(staff[role]).get(detail(group)).status_code == 403


def test_another_programs_group_is_404(program, other_program, login_as):
    group = GroupFactory(program=program)
    assert login_as(member(Role.DIRECTOR, other_program)).get(detail(group)).status_code == 404
