"""After the clinician and the client sign, the plan says who must co-sign next; directors
see the plans waiting for their co-signature in one list, scoped to their programs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from iop.accounts.models import Membership, Role
from iop.audit.models import RecordView
from iop.signatures.models import SignerRole
from tests.factories import ClientFactory, EpisodeFactory, member
from tests.treatment_plans.plan_helpers import (
    completed_intake,
    draft_from_templates,
    fresh,
    shown_hash,
)
from treatment_plans.models import TreatmentPlan
from treatment_plans.services.plan_signing import plan_sign

COSIGN_LIST = reverse("treatment_plans:plans_to_cosign")


def page(response) -> str:
    return response.content.decode()


def two_signatures(plan: TreatmentPlan, clinician) -> TreatmentPlan:
    plan_sign(plan=plan, role=SignerRole.CLINICIAN, by=clinician, shown_sha256=shown_hash(plan))
    plan_sign(
        plan=fresh(plan),
        role=SignerRole.CLIENT,
        by=clinician,
        typed_name=plan.client.legal_name,
        shown_sha256=shown_hash(plan),
    )
    return fresh(plan)


@pytest.fixture
def signed_twice(episode, clinician, director):
    return two_signatures(draft_from_templates(episode, clinician), clinician)


def test_after_two_signatures_the_page_says_who_must_co_sign(signed_twice, clinician, login_as):
    detail = reverse("treatment_plans:plan_detail", args=[signed_twice.pk])
    shown = page(login_as(clinician).get(detail))
    assert "Signed by the clinician and the client." in shown
    assert "Waiting for co-signature by Dana Reyes." in shown
    assert "Ready to sign" not in shown


def test_the_clinicians_supervisor_is_named_first(signed_twice, clinician, director, program):
    second = member(
        Role.DIRECTOR, program, email="lee@clinic.test", first_name="Lee", last_name="Park"
    )
    Membership.objects.filter(user=clinician, program=program).update(supervisor=second)
    from treatment_plans.services.plan_signing import plan_waiting_for

    assert plan_waiting_for(fresh(signed_twice)) == (
        "Waiting for co-signature by Lee Park (the clinician's supervisor) or another director."
    )
    Membership.objects.filter(user=clinician, program=program).update(supervisor=None)
    assert plan_waiting_for(fresh(signed_twice)) == (
        "Waiting for co-signature by a director (Dana Reyes or Lee Park)."
    )


def test_the_director_sees_a_co_sign_button_on_the_plan(signed_twice, director, login_as):
    detail = reverse("treatment_plans:plan_detail", args=[signed_twice.pk])
    shown = page(login_as(director).get(detail))
    assert "Read and co-sign" in shown


def test_after_the_client_signs_the_message_says_what_is_next(
    episode, clinician, director, login_as
):
    plan = draft_from_templates(episode, clinician)
    plan_sign(plan=plan, role=SignerRole.CLINICIAN, by=clinician, shown_sha256=shown_hash(plan))
    browser = login_as(clinician)
    response = browser.post(
        reverse("treatment_plans:plan_sign", args=[plan.pk]),
        {
            "role": "client",
            "client-text_sha256": shown_hash(plan),
            "client-typed_name": "Jordan Vale",
            "client-confirm": "on",
        },
        follow=True,
    )
    shown = page(response)
    assert "Signed by the client. Waiting for co-signature by Dana Reyes." in shown, shown[
        shown.find("messages") :
    ][:600]


def test_only_the_clinician_signed_says_the_client_signs_next(episode, clinician, login_as):
    plan = draft_from_templates(episode, clinician)
    plan_sign(plan=plan, role=SignerRole.CLINICIAN, by=clinician, shown_sha256=shown_hash(plan))
    shown = page(login_as(clinician).get(reverse("treatment_plans:plan_detail", args=[plan.pk])))
    assert "Next: the client reads the plan and signs it." in shown
    assert "Waiting for co-signature" not in shown


# ---------------------------------------------------------------- the directors' list


def test_director_of_the_program_sees_the_plan_waiting(signed_twice, director, login_as):
    response = login_as(director).get(COSIGN_LIST)
    shown = page(response)
    assert "Jordan Vale" in shown and "Sam Okafor" in shown
    assert reverse("treatment_plans:plan_sign", args=[signed_twice.pk]) in shown
    assert RecordView.objects.filter(
        user=director, client=signed_twice.client, page="Plans to co-sign"
    ).exists()


def test_another_programs_director_and_a_clinician_do_not(
    signed_twice, clinician, other_program, login_as
):
    outsider = member(Role.DIRECTOR, other_program, email="far@clinic.test")
    shown = page(login_as(outsider).get(COSIGN_LIST))
    assert "Jordan Vale" not in shown and "No plans are waiting" in shown
    assert login_as(clinician).get(COSIGN_LIST).status_code == 403


def test_plans_not_yet_signed_by_both_or_already_co_signed_are_not_listed(
    episode, signed_twice, clinician, director, program, login_as
):
    other = ClientFactory(program=program, legal_first_name="Ada", legal_last_name="Moss")
    other_episode = EpisodeFactory(client=other, primary_clinician=clinician)
    completed_intake(other, clinician)
    half = draft_from_templates(other_episode, clinician)
    plan_sign(plan=half, role=SignerRole.CLINICIAN, by=clinician, shown_sha256=shown_hash(half))
    plan_sign(
        plan=fresh(signed_twice),
        role=SignerRole.COSIGNER,
        by=director,
        shown_sha256=shown_hash(signed_twice),
    )
    shown = page(login_as(director).get(COSIGN_LIST))
    assert "Jordan Vale" not in shown and "Ada Moss" not in shown


def test_a_director_who_signed_as_clinician_is_not_asked_to_co_sign(program, director, login_as):
    client = ClientFactory(program=program, legal_first_name="Bo", legal_last_name="Lind")
    episode = EpisodeFactory(client=client, primary_clinician=director)
    completed_intake(client, director)
    two_signatures(draft_from_templates(episode, director), director)
    assert "Bo Lind" not in page(login_as(director).get(COSIGN_LIST))


def test_list_query_count_does_not_grow_with_rows(
    program, clinician, director, login_as, django_assert_max_num_queries
):
    browser = login_as(director)
    for number in range(4):
        client = ClientFactory(program=program, legal_first_name=f"Cl{number}")
        episode = EpisodeFactory(client=client, primary_clinician=clinician)
        completed_intake(client, clinician)
        two_signatures(draft_from_templates(episode, clinician), clinician)
        with django_assert_max_num_queries(8):
            assert page(browser.get(COSIGN_LIST)).count("Read and co-sign") == number + 1
