"""The client's words stay the client's: a template's goal is a suggestion beside an empty
field, and a plan cannot be signed while a goal is empty or still the template's sentence.
What the client said at intake (strengths, preferences, topics to avoid) starts the plan."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from iop.signatures.models import Signature, SignerRole
from tests.superuser import superuser_past_the_locks
from tests.treatment_plans.plan_helpers import (
    TRAUMA,
    draft_from_templates,
    fresh,
    in_client_words,
    shown_hash,
    sign_all,
    with_diagnosis,
)
from treatment_plans.models import PlanGoal, PlanTemplate, TreatmentPlan
from treatment_plans.services.plan_parts import goal_edit
from treatment_plans.services.plan_signing import plan_sign
from treatment_plans.services.plan_text import plan_text
from treatment_plans.services.plan_versions import plan_start

SUGGESTION = "I want to sleep through the night and stop avoiding places."


def url(name, *args):
    return reverse(f"treatment_plans:{name}", args=args)


def page(response) -> str:
    return response.content.decode()


@pytest.fixture
def draft(episode, clinician):
    """A template added and a diagnosis recorded; the goal not yet in the client's words."""
    plan = draft_from_templates(episode, clinician, TRAUMA, complete=False)
    with_diagnosis(plan, clinician, "F43.10")
    return fresh(plan)


def test_template_leaves_the_client_words_empty_and_keeps_its_sentence_as_a_suggestion(
    episode, clinician, login_as
):
    plan = plan_start(episode=episode, by=clinician)
    template = PlanTemplate.objects.get(program=None, title=TRAUMA)
    browser = login_as(clinician)
    browser.post(
        url("plan_template_add", plan.pk), {"template": template.pk, "revision": plan.revision}
    )
    goal = PlanGoal.objects.get(problem__plan=plan)
    assert goal.client_words == ""
    assert goal.suggested_words == SUGGESTION
    shown = page(browser.get(url("plan_detail", plan.pk)))
    assert "Not yet in Jordan" in shown
    assert f"Suggested wording</span> “{SUGGESTION}”" in shown
    assert "own words</footer>" not in shown  # nothing is labelled as the client's words
    assert "Ready to sign" not in shown


def test_goal_form_shows_the_suggestion_beside_an_empty_field(draft, clinician, login_as):
    goal = PlanGoal.objects.get(problem__plan=draft)
    shown = page(login_as(clinician).get(url("goal_edit", draft.pk, goal.pk)))
    assert f"“{SUGGESTION}”" in shown
    field = shown.split('name="client_words"')[1].split("</textarea>")[0]
    assert SUGGESTION not in field
    assert "Copy the suggestion into the field" in shown


def test_copying_the_suggestion_fills_the_field_and_saves_nothing(draft, clinician, login_as):
    goal = PlanGoal.objects.get(problem__plan=draft)
    response = login_as(clinician).post(
        url("goal_edit", draft.pk, goal.pk),
        {
            "revision": draft.revision,
            "client_words": "",
            "clinical_goal": goal.clinical_goal,
            "use_suggestion": "1",
        },
    )
    field = page(response).split('name="client_words"')[1].split("</textarea>")[0]
    assert SUGGESTION in field
    assert "change it to what the client says" in page(response)
    assert PlanGoal.objects.get(pk=goal.pk).client_words == ""
    assert TreatmentPlan.objects.get(pk=draft.pk).revision == draft.revision


def test_copying_the_suggestion_on_a_signed_version_says_it_is_locked(
    draft, clinician, director, login_as
):
    """A page left open while the version was signed offers no form to type into."""
    in_client_words(draft, clinician)
    signed = sign_all(draft, clinician, director)
    goal = PlanGoal.objects.get(problem__plan=signed)
    response = login_as(clinician).post(
        url("goal_edit", signed.pk, goal.pk),
        {"revision": signed.revision, "client_words": "", "use_suggestion": "1"},
        follow=True,
    )
    assert response.redirect_chain == [(url("plan_detail", signed.pk), 302)]
    assert "This version is signed and locked." in page(response)


def test_signing_is_refused_while_the_goal_is_empty(draft, clinician, login_as):
    sign_page = page(login_as(clinician).get(url("plan_sign", draft.pk)))
    assert "This plan is not ready to sign" in sign_page
    assert "Problem 1, goal “Reduce PTSD symptom severity and avoidance.”: the goal is not" in (
        sign_page.replace("&#x27;", "'")
    )
    response = login_as(clinician).post(
        url("plan_sign", draft.pk),
        {
            "role": "clinician",
            "clinician-text_sha256": shown_hash(draft),
            "clinician-confirm": "on",
        },
    )
    assert response.status_code == 400
    assert "not yet in the client&#x27;s own words" in page(response)
    assert not Signature.objects.exists()
    assert TreatmentPlan.objects.get(pk=draft.pk).clinician_signed_at is None


@pytest.mark.parametrize(
    "words", [SUGGESTION, "  i want to sleep through the night and stop avoiding places  "]
)
def test_signing_is_refused_while_the_goal_is_the_template_sentence(draft, clinician, words):
    goal = PlanGoal.objects.get(problem__plan=draft)
    goal_edit(
        goal=goal,
        by=clinician,
        revision=draft.revision,
        client_words=words,
        clinical_goal=goal.clinical_goal,
    )
    plan = fresh(draft)
    with pytest.raises(ValidationError) as refused:
        plan_sign(plan=plan, role=SignerRole.CLINICIAN, by=clinician, shown_sha256=shown_hash(plan))
    assert "still reads as the template's suggested wording" in str(refused.value)
    assert not Signature.objects.exists()


def test_a_typed_template_sentence_on_a_goal_written_by_hand_is_refused_too(draft, clinician):
    """A copy of an older version's goal, or text pasted by hand: the library is checked."""
    goal = PlanGoal.objects.get(problem__plan=draft)
    PlanGoal.objects.filter(pk=goal.pk).update(client_words=SUGGESTION, suggested_words="")
    shown_missing = [m for m in _missing(draft) if "template's suggested wording" in m]
    assert len(shown_missing) == 1


def _missing(plan):
    from treatment_plans.services.plan_signing import plan_sign_missing

    return plan_sign_missing(fresh(plan))


def test_once_in_the_client_words_the_plan_is_ready_and_signs(draft, clinician, login_as):
    goal = PlanGoal.objects.get(problem__plan=draft)
    words = "Sleep till the alarm and walk past the bank without shaking."
    goal_edit(
        goal=goal,
        by=clinician,
        revision=draft.revision,
        client_words=words,
        clinical_goal=goal.clinical_goal,
    )
    plan = fresh(draft)
    shown = page(login_as(clinician).get(url("plan_detail", plan.pk)))
    assert "Ready to sign" in shown and f"“{words}”" in shown
    assert words in plan_text(plan) and SUGGESTION not in plan_text(plan)
    plan_sign(plan=plan, role=SignerRole.CLINICIAN, by=clinician, shown_sha256=shown_hash(plan))
    assert TreatmentPlan.objects.get(pk=plan.pk).clinician_signed_at is not None


# ---------------------------------------------------------------- from the intake


def test_intake_strengths_preferences_and_topics_to_avoid_start_a_new_plan(
    episode, clinician, login_as
):
    assessment = episode.client.assessments.get()
    assessment.strengths = "Plays guitar; fiercely loyal to her brother."
    assessment.family_and_supports = "Brother Luis, weekly calls."
    assessment.feels_safe = "Sitting near the door."
    assessment.communication_preferences = "Text only, no voicemail."
    assessment.care_topics = "Ask before discussing the robbery."
    with superuser_past_the_locks():  # as if written before completing: completed is locked
        assessment.save()
    browser = login_as(clinician)
    browser.post(url("plan_start", episode.pk))
    plan = TreatmentPlan.objects.get()
    assert plan.strengths == (
        "Plays guitar; fiercely loyal to her brother.\nSupports: Brother Luis, weekly calls."
    )
    assert plan.pacing_preferences == (
        "What helps them feel safe: Sitting near the door.\nCommunication: Text only, no voicemail."
    )
    assert plan.avoid == "Ask before discussing the robbery."
    assert plan.intake_assessment == assessment
    shown = page(browser.get(url("plan_detail", plan.pk)))
    assert "Plays guitar; fiercely loyal to her brother." in shown
    assert "Ask before discussing the robbery." in shown
    assert "carried over from the intake assessment" in shown
    edit = page(browser.get(url("plan_details_edit", plan.pk)))
    assert "Sitting near the door." in edit  # there to edit with the client


def test_a_revision_keeps_the_edited_details_not_the_intake(episode, clinician, director):
    from tests.treatment_plans.plan_helpers import sign_all

    plan = draft_from_templates(episode, clinician)
    TreatmentPlan.objects.filter(pk=plan.pk).update(strengths="Edited with the client.")
    sign_all(fresh(plan), clinician, director)
    revision = plan_start(episode=episode, by=clinician)
    assert revision.strengths == "Edited with the client."
