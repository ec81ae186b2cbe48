"""The level-change pages: the evidence and the drafted justification on the proposal page,
refusals beside the fields with nothing saved, the director's decision, the chart and Today."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from iop.accounts.models import Role
from iop.audit.models import RecordView
from scheduling.models import LevelChangeProposal, ProposalStatus
from tests.factories import ClientFactory, EpisodeFactory, level, member

pytestmark = pytest.mark.django_db

RATINGS = {
    "rating_1": "0",
    "rating_2": "1",
    "rating_3": "3",
    "rating_4": "2",
    "rating_5": "3",
    "rating_6": "1",
}


@pytest.fixture
def episode(program, staff):
    return EpisodeFactory(
        client=ClientFactory(program=program, legal_first_name="Morgan", legal_last_name="Lee"),
        admitted_on=program.today() - datetime.timedelta(days=30),
        level_of_care=level("2.1"),
        primary_clinician=staff[Role.CLINICIAN],
    )


def _form(episode, **changes):
    data = {
        "to_level": str(level("2.5").pk),
        "effective_on": episode.program.today().isoformat(),
        "track_plan": "keep",
        **RATINGS,
        "why_this_level": "Daily structure is needed.",
        "why_not_lower": "IOP has not held the gains.",
        "why_not_higher": "Safe at home.",
        "action": "propose",
    }
    data.update(changes)
    return data


def test_the_page_shows_the_evidence_and_drafts_the_justification(episode, staff, login_as):
    http = login_as(staff[Role.CLINICIAN])
    url = reverse("scheduling:level_change_new", args=[episode.client_id])
    page = http.get(url).content.decode()
    assert "The record," in page and "Attendance" in page and "No open safety alert." in page
    drafted = http.post(url, _form(episode, why_this_level="", action="draft")).content.decode()
    assert "The decision aid recommends ASAM 2.5" in drafted
    assert not LevelChangeProposal.objects.exists()  # a draft saves nothing
    assert RecordView.objects.filter(client=episode.client, page="Level-of-care proposal").exists()


def test_a_proposal_without_the_asam_rating_is_refused_and_nothing_saved(episode, staff, login_as):
    http = login_as(staff[Role.CLINICIAN])
    url = reverse("scheduling:level_change_new", args=[episode.client_id])
    response = http.post(url, _form(episode, rating_6=""))
    assert response.status_code == 400
    assert "Rate all six ASAM dimensions" in response.content.decode()
    assert not LevelChangeProposal.objects.exists()


def test_proposed_then_approved_by_a_director(episode, staff, login_as):
    http = login_as(staff[Role.CLINICIAN])
    url = reverse("scheduling:level_change_new", args=[episode.client_id])
    response = http.post(url, _form(episode), follow=True)
    proposal = LevelChangeProposal.objects.get()
    assert "Sent to a director for a decision." in response.content.decode()
    assert "Your decision" not in response.content.decode()  # a clinician does not decide

    director = login_as(staff[Role.DIRECTOR])
    today = director.get(reverse("scheduling:today")).content.decode()
    assert "Level changes to decide" in today and "Morgan" in today
    page = director.get(reverse("scheduling:level_change", args=[proposal.pk])).content.decode()
    assert "Your decision" in page and "rated for this change" in page
    decided = director.post(
        reverse("scheduling:level_change_decide", args=[proposal.pk]),
        {"decision": "approve", "comment": ""},
        follow=True,
    )
    assert "Approved: the change takes effect on its date." in decided.content.decode()
    proposal.refresh_from_db()
    episode.refresh_from_db()
    assert proposal.status == ProposalStatus.APPROVED and episode.level_of_care.code == "2.5"
    chart = director.get(reverse("clients:chart", args=[episode.client_id])).content.decode()
    assert "Now at <strong>ASAM 2.5" in chart


def test_a_director_cannot_decide_their_own_proposal(episode, staff, login_as):
    http = login_as(staff[Role.DIRECTOR])
    http.post(reverse("scheduling:level_change_new", args=[episode.client_id]), _form(episode))
    proposal = LevelChangeProposal.objects.get()
    page = http.get(reverse("scheduling:level_change", args=[proposal.pk])).content.decode()
    assert "another director decides it" in page and "Your decision" not in page
    response = http.post(
        reverse("scheduling:level_change_decide", args=[proposal.pk]),
        {"decision": "approve", "comment": ""},
    )
    assert response.status_code == 400
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING


def test_return_needs_a_comment(episode, staff, login_as):
    login_as(staff[Role.CLINICIAN]).post(
        reverse("scheduling:level_change_new", args=[episode.client_id]), _form(episode)
    )
    proposal = LevelChangeProposal.objects.get()
    director = login_as(staff[Role.DIRECTOR])
    url = reverse("scheduling:level_change_decide", args=[proposal.pk])
    refused = director.post(url, {"decision": "return", "comment": ""})
    assert refused.status_code == 400 and "Say why it is returned" in refused.content.decode()
    director.post(url, {"decision": "return", "comment": "Try four IOP days first."})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.RETURNED


def test_another_programs_proposal_is_not_found(episode, staff, login_as, other_program):
    login_as(staff[Role.CLINICIAN]).post(
        reverse("scheduling:level_change_new", args=[episode.client_id]), _form(episode)
    )
    proposal = LevelChangeProposal.objects.get()
    stranger = login_as(member(Role.DIRECTOR, other_program))
    assert stranger.get(reverse("scheduling:level_change", args=[proposal.pk])).status_code == 404


def test_a_move_to_residential_care_elsewhere_through_the_pages(episode, staff, login_as):
    http = login_as(staff[Role.CLINICIAN])
    url = reverse("scheduling:level_change_new", args=[episode.client_id])
    page = http.get(url).content.decode()
    assert "ASAM 3.5" in page and "(another provider)" in page
    refused = http.post(url, _form(episode, to_level=str(level("3.5").pk)))
    assert refused.status_code == 400
    assert "This program does not run ASAM 3.5: name the provider" in refused.content.decode()
    assert not LevelChangeProposal.objects.exists()
    sent = http.post(
        url,
        _form(episode, to_level=str(level("3.5").pk), receiving_provider="Hillcrest Residential"),
        follow=True,
    ).content.decode()
    assert "Receiving provider" in sent and "Hillcrest Residential" in sent
    proposal = LevelChangeProposal.objects.get()
    decided = (
        login_as(staff[Role.DIRECTOR])
        .post(
            reverse("scheduling:level_change_decide", args=[proposal.pk]),
            {"decision": "approve", "comment": ""},
            follow=True,
        )
        .content.decode()
    )
    assert "Approved: the discharge to Hillcrest Residential is recorded" in decided
    assert "the client is in care until its steps are done" in decided
