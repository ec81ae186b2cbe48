"""Two people editing one draft: the second save is refused, their words kept, nothing lost."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from iop.accounts.models import Role
from iop.signatures.models import Signature, SignerRole
from tests.treatment_plans.plan_helpers import TRAUMA, draft_from_templates, fresh, shown_hash
from treatment_plans.models import PlanGoal, PlanObjective, PlanProblem, PlanTemplate, TreatmentPlan
from treatment_plans.services.plan_parts import goal_edit, objective_add, plan_add_from_template
from treatment_plans.services.plan_signing import plan_sign
from treatment_plans.services.plan_versions import PlanEditConflict


def url(name, *args):
    return reverse(f"treatment_plans:{name}", args=args)


@pytest.fixture
def plan(episode, clinician):
    return draft_from_templates(episode, clinician)


@pytest.fixture
def goal(plan):
    return PlanGoal.objects.get(problem__plan=plan)


@pytest.fixture
def colleague(program):
    from tests.factories import member

    return member(Role.CLINICIAN, program, first_name="Alex", last_name="Moss")


def test_stale_edit_is_refused_and_the_typed_words_are_kept(
    plan, goal, clinician, director, client, login_as
):
    """Both open the goal at revision r; the director saves first; the clinician's save is
    refused with the message, their words stay in the form, and a second save succeeds."""
    started_at = plan.revision
    from django.test import Client as HttpClient

    other = HttpClient()
    other.force_login(director)
    other.post(
        url("goal_edit", plan.pk, goal.pk),
        {"revision": started_at, "client_words": "Director's words", "clinical_goal": "Theirs"},
    )
    assert PlanGoal.objects.get(pk=goal.pk).client_words == "Director's words"

    browser = login_as(clinician)
    typed = {
        "revision": started_at,
        "client_words": "I want to sleep and see my sister.",
        "clinical_goal": "Reduce sleep disturbance.",
    }
    response = browser.post(url("goal_edit", plan.pk, goal.pk), typed)
    assert response.status_code == 400
    shown = response.content.decode()
    assert "Someone else saved this plan while you were editing" in shown
    assert "I want to sleep and see my sister." in shown  # kept in the form
    assert "Director&#x27;s words" in shown  # what is saved now, to merge with
    assert PlanGoal.objects.get(pk=goal.pk).client_words == "Director's words"  # nothing saved
    current = TreatmentPlan.objects.get(pk=plan.pk).revision
    assert f'name="revision" value="{current}"' in shown

    again = browser.post(url("goal_edit", plan.pk, goal.pk), typed | {"revision": current})
    assert again.status_code == 302
    assert PlanGoal.objects.get(pk=goal.pk).client_words == "I want to sleep and see my sister."


def test_stale_edit_with_htmx_comes_back_in_the_form(plan, goal, clinician, login_as):
    goal_edit(
        goal=goal, by=clinician, revision=plan.revision, client_words="First", clinical_goal="First"
    )
    response = login_as(clinician).post(
        url("goal_edit", plan.pk, goal.pk),
        {"revision": plan.revision, "client_words": "Second", "clinical_goal": "Second"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    shown = response.content.decode()
    assert "<html" not in shown and "Someone else saved this plan" in shown
    assert "Second</textarea>" in shown
    assert PlanGoal.objects.get(pk=goal.pk).client_words == "First"


def test_service_with_a_stale_revision_writes_nothing(plan, goal, clinician):
    stale = plan.revision
    goal_edit(goal=goal, by=clinician, revision=stale, client_words="a", clinical_goal="b")
    before = PlanObjective.objects.count()
    with pytest.raises(PlanEditConflict, match="Someone else saved this plan") as raised:
        objective_add(
            goal=goal,
            by=clinician,
            revision=stale,
            description="x",
            measure="observed",
            target_date=timezone.localdate() + datetime.timedelta(days=7),
        )
    assert raised.value.current_revision == stale + 1
    assert PlanObjective.objects.count() == before
    assert TreatmentPlan.objects.get(pk=plan.pk).revision == stale + 1


def test_template_added_from_a_stale_page_is_refused(plan, goal, clinician, colleague, login_as):
    stale = plan.revision
    goal_edit(goal=goal, by=colleague, revision=stale, client_words="a", clinical_goal="b")
    template = PlanTemplate.objects.exclude(title=TRAUMA)[0]
    response = login_as(clinician).post(
        url("plan_template_add", plan.pk), {"template": template.pk, "revision": stale}
    )
    assert PlanProblem.objects.filter(plan=plan).count() == 1
    page = login_as(clinician).get(response.url).content.decode()
    assert "Someone else saved this plan while you were editing" in page
    with pytest.raises(PlanEditConflict):
        plan_add_from_template(plan=plan, template=template, by=clinician, revision=stale)


def test_removal_from_a_stale_page_is_refused(plan, goal, clinician, colleague, login_as):
    stale = plan.revision
    goal_edit(goal=goal, by=colleague, revision=stale, client_words="a", clinical_goal="b")
    response = login_as(clinician).post(url("goal_remove", plan.pk, goal.pk), {"revision": stale})
    assert response.status_code == 302
    assert PlanGoal.objects.filter(pk=goal.pk).exists()


def test_signature_over_text_that_changed_meanwhile_is_refused(plan, goal, clinician, colleague):
    seen = shown_hash(plan)
    goal_edit(
        goal=goal,
        by=colleague,
        revision=plan.revision,
        client_words="Changed",
        clinical_goal="Changed",
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="changed since this page was opened"):
        plan_sign(plan=fresh(plan), role=SignerRole.CLINICIAN, by=clinician, shown_sha256=seen)
    assert not Signature.objects.exists()
