"""Writing a plan with the client: starting, the library, each part, signing, access."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from intake.models import InstrumentResult
from iop.accounts.models import Role
from iop.audit.models import AuditAction, AuditEvent, RecordView
from iop.signatures.models import Signature, SignerRole, content_hash
from tests.factories import ClientFactory, EpisodeFactory, member
from tests.page_text import parse
from tests.treatment_plans.plan_helpers import (
    ALCOHOL,
    TRAUMA,
    draft_from_templates,
    fresh,
    shown_hash,
    sign_all,
)
from treatment_plans.models import (
    Modality,
    PlanDiagnosis,
    PlanGoal,
    PlanIntervention,
    PlanObjective,
    PlanProblem,
    PlanStatus,
    PlanTemplate,
    TreatmentPlan,
)
from treatment_plans.services.plan_signing import plan_sign
from treatment_plans.services.plan_text import plan_text
from treatment_plans.services.plan_versions import plan_start
from treatment_plans.wording import measure_text


def url(name, *args):
    return reverse(f"treatment_plans:{name}", args=args)


def page(response) -> str:
    return response.content.decode()


# ---------------------------------------------------------------- starting


def test_clinician_starts_version_1_from_the_chart(episode, clinician, login_as):
    browser = login_as(clinician)
    chart = page(browser.get(reverse("clients:chart", args=[episode.client_id])))
    assert "Write the treatment plan" in chart
    response = browser.post(url("plan_start", episode.pk))
    plan = TreatmentPlan.objects.get()
    assert response.url == url("plan_detail", plan.pk)
    assert (plan.version, plan.status, plan.previous) == (1, PlanStatus.DRAFT, None)
    assert plan.client == episode.client and plan.program == episode.program
    shown = page(browser.get(response.url))
    assert "Add a problem from the library" in shown


def test_starting_again_resumes_the_draft(episode, clinician, login_as):
    browser = login_as(clinician)
    browser.post(url("plan_start", episode.pk))
    browser.post(url("plan_start", episode.pk))
    assert TreatmentPlan.objects.count() == 1


def test_prescriber_cannot_start_a_plan(episode, staff, login_as):
    response = login_as(staff[Role.PRESCRIBER]).post(url("plan_start", episode.pk))
    assert response.status_code == 403
    assert not TreatmentPlan.objects.exists()


# ---------------------------------------------------------------- the library


def test_template_adds_problem_goal_objectives_and_interventions(episode, clinician, login_as):
    plan = plan_start(episode=episode, by=clinician)
    template = PlanTemplate.objects.get(title=TRAUMA)
    response = login_as(clinician).post(
        url("plan_template_add", plan.pk), {"template": template.pk, "revision": plan.revision}
    )
    assert response.status_code == 302
    problem = PlanProblem.objects.get(plan=plan)
    assert problem.statement == template.problem
    goal = problem.goals.get()
    assert (goal.client_words, goal.suggested_words, goal.clinical_goal) == (
        "",
        template.goal_client_words,
        template.goal_clinical,
    )
    today = timezone.localdate()
    objectives = {o.description: o for o in PlanObjective.objects.filter(goal=goal)}
    pcl5 = objectives["PCL-5 total below 33 on two consecutive administrations."]
    assert (pcl5.measure, pcl5.instrument, pcl5.threshold) == ("instrument_below", "pcl5", 33)
    assert pcl5.target_date == today + datetime.timedelta(weeks=12)
    assert len(objectives) == 2
    interventions = PlanIntervention.objects.filter(problem=problem).select_related("modality")
    assert {i.modality.code for i in interventions} == {"seeking_safety", "cpt"}
    assert {i.responsible for i in interventions} == {clinician}
    plan.refresh_from_db()
    assert plan.revision == 2


def test_program_template_uses_the_programs_own_modality(episode, clinician):
    yoga = Modality.objects.create(program=episode.program, code="trauma_yoga", name="Trauma yoga")
    template = PlanTemplate.objects.create(
        program=episode.program,
        category="trauma",
        title="Body-based grounding",
        problem="Feels unsafe in the body.",
        goal_client_words="I want to feel OK in my body.",
        goal_clinical="Increase body-based grounding.",
        objectives=[{"description": "Practices", "measure": "practice", "per_week": 3}],
        interventions=[{"modality": "trauma_yoga", "frequency": "weekly group"}],
    )
    plan = plan_start(episode=episode, by=clinician)
    from treatment_plans.services.plan_parts import plan_add_from_template

    plan_add_from_template(plan=plan, template=template, by=clinician, revision=plan.revision)
    assert PlanIntervention.objects.get(plan=plan).modality == yoga


def test_library_lists_program_templates_by_category(episode, clinician, other_program, login_as):
    PlanTemplate.objects.create(
        program=episode.program,
        category="co_occurring",
        title="Riverside: sleep and drinking",
        problem="p",
        goal_client_words="g",
        goal_clinical="c",
    )
    PlanTemplate.objects.create(
        program=other_program,
        category="trauma",
        title="Hillside only",
        problem="p",
        goal_client_words="g",
        goal_clinical="c",
    )
    plan = plan_start(episode=episode, by=clinician)
    shown = page(login_as(clinician).get(url("plan_detail", plan.pk)))
    for category in ("Trauma", "Substance use", "Co-occurring"):
        assert f'<optgroup label="{category}">' in shown
    assert "Riverside: sleep and drinking (this program)" in shown
    assert "Hillside only" not in shown


# ---------------------------------------------------------------- the parts, and bad input


def objective_data(plan, **overrides):
    data = {
        "revision": plan.revision,
        "description": "PHQ-9 below 10 on two administrations",
        "measure": "instrument_below",
        "instrument": "phq9",
        "threshold": "10",
        "per_week": "",
        "target_date": (timezone.localdate() + datetime.timedelta(weeks=8)).isoformat(),
        "status": "not_started",
    }
    return data | overrides


@pytest.fixture
def plan(episode, clinician):
    return draft_from_templates(episode, clinician)


@pytest.fixture
def goal(plan):
    return PlanGoal.objects.get(problem__plan=plan)


def test_objective_is_added_with_its_measure(plan, goal, clinician, login_as):
    response = login_as(clinician).post(
        url("objective_add", plan.pk, goal.pk), objective_data(plan)
    )
    assert response.status_code == 302
    added = PlanObjective.objects.get(description="PHQ-9 below 10 on two administrations")
    assert measure_text(added) == "PHQ-9 score below 10"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"threshold": ""}, "threshold", "Give the score the result must fall below."),
        ({"instrument": ""}, "instrument", "Choose the instrument whose score is measured."),
        ({"measure": ""}, "measure", "This field is required."),
        ({"target_date": ""}, "target_date", "This field is required."),
        (
            {"measure": "attendance", "threshold": "150"},
            "threshold",
            "Give the attendance rate to reach, as a percentage (1 to 100).",
        ),
        (
            {"measure": "practice", "per_week": ""},
            "per_week",
            "Give how many times a week the skill is practiced.",
        ),
        ({"target_date": "2020-01-01"}, "target_date", "The target date has already passed."),
    ],
)
def test_objective_without_a_measurable_target_is_refused_on_the_field(
    plan, goal, clinician, login_as, overrides, field, message
):
    before = PlanObjective.objects.count()
    response = login_as(clinician).post(
        url("objective_add", plan.pk, goal.pk), objective_data(plan, **overrides)
    )
    assert response.status_code == 400
    shown = page(response)
    assert f'id="id_{field}_error">{message}' in shown.replace("&#x27;", "'")
    assert "PHQ-9 below 10 on two administrations" in shown  # the typed text is kept
    assert PlanObjective.objects.count() == before
    assert TreatmentPlan.objects.get(pk=plan.pk).revision == plan.revision


def test_intervention_without_responsible_staff_is_refused(plan, clinician, login_as):
    problem = PlanProblem.objects.get(plan=plan)
    before = PlanIntervention.objects.count()
    data = {
        "revision": plan.revision,
        "modality": Modality.objects.get(code="cbt").pk,
        "frequency": "weekly",
        "responsible": "",
        "description": "",
    }
    response = login_as(clinician).post(url("intervention_add", plan.pk, problem.pk), data)
    assert response.status_code == 400
    assert 'id="id_responsible_error">Name the staff member responsible.' in page(response)
    assert PlanIntervention.objects.count() == before


def test_intervention_refuses_staff_and_modalities_of_another_program(
    plan, clinician, other_program, login_as
):
    problem = PlanProblem.objects.get(plan=plan)
    outsider = member(Role.CLINICIAN, other_program)
    theirs = Modality.objects.create(program=other_program, code="theirs", name="Theirs")
    data = {
        "revision": plan.revision,
        "modality": theirs.pk,
        "frequency": "weekly",
        "responsible": outsider.pk,
    }
    response = login_as(clinician).post(url("intervention_add", plan.pk, problem.pk), data)
    assert response.status_code == 400
    assert 'id="id_modality_error"' in page(response)
    assert 'id="id_responsible_error"' in page(response)


def test_intervention_can_use_a_program_modality_and_another_staff_member(
    plan, clinician, staff, login_as
):
    problem = PlanProblem.objects.get(plan=plan)
    ours = Modality.objects.create(program=plan.program, code="art", name="Art therapy")
    data = {
        "revision": plan.revision,
        "modality": ours.pk,
        "frequency": "weekly group",
        "responsible": staff[Role.PRESCRIBER].pk,
    }
    response = login_as(clinician).post(url("intervention_add", plan.pk, problem.pk), data)
    assert response.status_code == 302
    assert PlanIntervention.objects.get(modality=ours).responsible == staff[Role.PRESCRIBER]


def test_problem_rests_on_the_clients_assessment_findings(plan, clinician, login_as):
    phq9 = InstrumentResult.objects.get(client=plan.client, instrument="phq9")
    form = page(login_as(clinician).get(url("problem_add", plan.pk)))
    assert "3. Emotional, behavioral or cognitive conditions – rated 2 at intake" in form
    data = {
        "revision": plan.revision,
        "statement": "Low mood and withdrawal",
        "instrument_results": [phq9.pk],
        "asam_dimensions": ["3", "5"],
    }
    response = login_as(clinician).post(url("problem_add", plan.pk), data)
    assert response.status_code == 302
    problem = PlanProblem.objects.get(statement="Low mood and withdrawal")
    assert list(problem.instrument_results.all()) == [phq9]
    assert problem.asam_dimensions == [3, 5]
    text = plan_text(fresh(plan))
    assert re.search(r"Supported by: PHQ-9 8 \(.*\), .*; ASAM dimension 3 \(Emotional", text)


def test_problem_without_statement_is_refused(plan, clinician, login_as):
    before = PlanProblem.objects.count()
    response = login_as(clinician).post(
        url("problem_add", plan.pk), {"revision": plan.revision, "statement": ""}
    )
    assert response.status_code == 400
    assert 'id="id_statement_error"' in page(response)
    assert PlanProblem.objects.count() == before


def test_goal_edited_inline_with_htmx_returns_the_refreshed_plan(plan, goal, clinician, login_as):
    browser = login_as(clinician)
    form = browser.get(url("goal_edit", plan.pk, goal.pk), headers={"HX-Request": "true"})
    assert "<html" not in page(form) and 'name="client_words"' in page(form)
    response = browser.post(
        url("goal_edit", plan.pk, goal.pk),
        {
            "revision": plan.revision,
            "client_words": "Sleep, and walk to the shop again.",
            "clinical_goal": "Reduce avoidance.",
        },
        headers={"HX-Request": "true"},
    )
    assert response["HX-Retarget"] == "#plan-body"
    body = page(response)
    assert 'id="plan-body"' in body and "Sleep, and walk to the shop again." in body
    assert f'name="revision" value="{plan.revision + 1}"' in body


def test_plan_details_are_saved(plan, clinician, login_as):
    data = {
        "revision": plan.revision,
        "strengths": "Loyal friend; good with numbers",
        "pacing_preferences": "One topic a session",
        "avoid": "Surprise exposure",
        "referrals": "Sleep clinic",
        "discharge_criteria": "PCL-5 below 33",
        "aftercare_plan": "Weekly outpatient",
    }
    login_as(clinician).post(url("plan_details_edit", plan.pk), data)
    saved = TreatmentPlan.objects.get(pk=plan.pk)
    assert saved.strengths == "Loyal friend; good with numbers"
    assert "Strengths: Loyal friend; good with numbers" in plan_text(fresh(saved))


def test_removing_a_problem_removes_its_parts(plan, clinician, login_as):
    problem = PlanProblem.objects.get(plan=plan)
    login_as(clinician).post(
        url("problem_remove", plan.pk, problem.pk), {"revision": plan.revision}
    )
    assert not PlanProblem.objects.filter(plan=plan).exists()
    assert not PlanIntervention.objects.filter(plan=plan).exists()
    assert not PlanObjective.objects.filter(goal__problem__plan=plan).exists()


def test_next_step_says_ready_to_sign_when_complete(plan, clinician, login_as):
    shown = page(login_as(clinician).get(url("plan_detail", plan.pk)))
    assert "Ready to sign" in shown
    assert "“Sleep without the nightmares waking me" in shown


def test_processing_modality_shows_as_held_with_the_gates_reason(plan, clinician, login_as):
    shown = page(login_as(clinician).get(url("plan_detail", plan.pk)))
    assert re.search(
        r"Cognitive Processing Therapy \(CPT\).*?Held:</strong> No readiness review", shown, re.S
    )


# ---------------------------------------------------------------- signing


def sign_post(browser, plan, role, **data):
    fields = {"role": role, f"{role}-text_sha256": shown_hash(plan), f"{role}-confirm": "on"}
    fields |= {f"{role}-{k}": v for k, v in data.items()}
    return browser.post(url("plan_sign", plan.pk), fields)


def test_signing_a_plan_with_no_goals_is_refused(episode, clinician, login_as):
    plan = plan_start(episode=episode, by=clinician)
    PlanProblem.objects.create(plan=plan, statement="Sleep", created_by=clinician)
    browser = login_as(clinician)
    sign_page = page(browser.get(url("plan_sign", plan.pk)))
    assert "This plan is not ready to sign" in sign_page
    assert "Add at least one goal, in the client&#x27;s own words." in sign_page
    response = sign_post(browser, plan, "clinician")
    assert response.status_code == 400
    assert "Add at least one goal" in page(response)
    assert not Signature.objects.exists()
    assert TreatmentPlan.objects.get(pk=plan.pk).clinician_signed_at is None


def test_client_name_must_match_the_legal_name(plan, clinician, login_as):
    response = sign_post(login_as(clinician), plan, "client", typed_name="Jordan Valle")
    assert response.status_code == 400
    assert "does not match the client&#x27;s legal name on record (Jordan Vale)" in page(response)
    assert not Signature.objects.exists()


def test_client_must_tick_the_confirmation(plan, clinician, login_as):
    browser = login_as(clinician)
    fields = {
        "role": "client",
        "client-text_sha256": shown_hash(plan),
        "client-typed_name": "Jordan Vale",
    }
    response = browser.post(url("plan_sign", plan.pk), fields)
    assert response.status_code == 400
    assert "Tick this box to confirm the plan was read and agreed." in page(response)


def test_three_signatures_activate_the_plan(plan, clinician, director, login_as):
    browser = login_as(clinician)
    assert sign_post(browser, plan, "clinician").status_code == 302
    assert sign_post(browser, plan, "client", typed_name="  jordan   VALE ").status_code == 302
    assert TreatmentPlan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT
    response = sign_post(login_as(director), plan, "cosigner")
    assert response.url == url("plan_detail", plan.pk)
    plan = fresh(plan)
    assert plan.status == PlanStatus.ACTIVE and plan.activated_at
    assert plan.review_due_on == timezone.localdate() + datetime.timedelta(days=30)
    assert (plan.clinician_signed_by, plan.cosigned_by) == (clinician, director)
    assert plan.client_signed_name == "jordan VALE"
    signatures = Signature.for_object(plan)
    assert {s.role for s in signatures} == {"client", "clinician", "cosigner"}
    assert {s.content_sha256 for s in signatures} == {content_hash(plan_text(plan))}
    event = AuditEvent.objects.get(object_id=plan.pk)
    assert event.action == AuditAction.PLAN_ACTIVATED and "version 1" in event.summary
    shown = page(login_as(clinician).get(url("plan_detail", plan.pk)))
    assert "Revise the plan (new version)" in shown and "Edit goal" not in shown


def test_without_a_cosign_requirement_two_signatures_activate(plan, clinician):
    plan.program.plan_requires_cosign = False
    plan.program.save()
    plan_sign(plan=plan, role=SignerRole.CLINICIAN, by=clinician, shown_sha256=shown_hash(plan))
    plan = plan_sign(
        plan=plan,
        role=SignerRole.CLIENT,
        by=clinician,
        typed_name="Jordan Vale",
        shown_sha256=shown_hash(plan),
    )
    assert plan.status == PlanStatus.ACTIVE


def test_the_signing_clinician_cannot_also_cosign(plan, director, login_as):
    browser = login_as(director)
    sign_post(browser, plan, "clinician")
    shown = page(browser.get(url("plan_sign", plan.pk)))
    assert "A director other than the signing clinician co-signs." in shown
    response = sign_post(browser, plan, "cosigner")
    assert response.status_code == 400
    assert "someone other than the signing clinician" in page(response)


def test_clinician_cannot_cosign(plan, clinician, staff, login_as):
    other = member(Role.CLINICIAN, plan.program)
    sign_post(login_as(other), plan, "clinician")
    response = sign_post(login_as(clinician), plan, "cosigner")
    assert response.status_code == 403
    assert TreatmentPlan.objects.get(pk=plan.pk).cosigned_at is None


def test_signature_refused_when_the_plan_changed_since_the_page_opened(
    plan, goal, clinician, login_as
):
    browser = login_as(clinician)
    stale = shown_hash(plan)
    browser.post(
        url("goal_edit", plan.pk, goal.pk),
        {"revision": plan.revision, "client_words": "New words", "clinical_goal": "x"},
    )
    response = browser.post(
        url("plan_sign", plan.pk),
        {"role": "clinician", "clinician-text_sha256": stale, "clinician-confirm": "on"},
    )
    assert response.status_code == 400
    assert "The plan changed since this page was opened" in page(response)
    assert not Signature.objects.exists()


def test_editing_after_a_signature_clears_it(plan, goal, clinician, login_as):
    browser = login_as(clinician)
    sign_post(browser, plan, "clinician")
    plan.refresh_from_db()
    browser.post(
        url("goal_edit", plan.pk, goal.pk),
        {"revision": plan.revision, "client_words": "New words", "clinical_goal": "x"},
    )
    plan.refresh_from_db()
    assert plan.clinician_signed_at is None and plan.clinician_signed_by is None


# ---------------------------------------------------------------- access


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.CLINICIAN, 200),
        (Role.DIRECTOR, 200),
        (Role.PRESCRIBER, 200),
        (Role.INTAKE, 403),
        (Role.PROBATION, 403),
        (Role.ADMINISTRATOR, 403),
    ],
)
def test_plan_page_by_role(plan, staff, login_as, role, status):
    response = login_as(staff[role]).get(url("plan_detail", plan.pk))
    assert response.status_code == status
    logged = RecordView.objects.filter(user=staff[role], client=plan.client).exists()
    assert logged == (status == 200)


def test_prescriber_reads_but_does_not_edit(plan, goal, staff, login_as):
    browser = login_as(staff[Role.PRESCRIBER])
    shown = page(browser.get(url("plan_detail", plan.pk)))
    assert "Sleep without the nightmares waking me" in shown and "Edit goal" not in shown
    assert browser.get(url("goal_edit", plan.pk, goal.pk)).status_code == 403
    assert browser.get(url("plan_sign", plan.pk)).status_code == 403


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.DIRECTOR, Role.PRESCRIBER])
def test_same_role_in_another_program_gets_404(plan, goal, other_program, login_as, role):
    browser = login_as(member(role, other_program))
    readable = ["plan_detail", "plan_versions", "plan_changes"]
    for name in readable:
        assert browser.get(url(name, plan.pk)).status_code == 404, name
    if role != Role.PRESCRIBER:
        assert browser.get(url("goal_edit", plan.pk, goal.pk)).status_code == 404
        assert browser.get(url("plan_sign", plan.pk)).status_code == 404
        assert browser.post(url("plan_start", plan.episode_id)).status_code == 404
        response = browser.post(url("goal_remove", plan.pk, goal.pk), {"revision": plan.revision})
        assert response.status_code == 404
    assert PlanGoal.objects.filter(pk=goal.pk).exists()


def test_a_part_of_another_plan_is_404(plan, clinician, program, login_as):
    other_episode = EpisodeFactory(client=ClientFactory(program=program))
    other = draft_from_templates(other_episode, clinician, ALCOHOL)
    their_goal = PlanGoal.objects.get(problem__plan=other)
    response = login_as(clinician).get(url("goal_edit", plan.pk, their_goal.pk))
    assert response.status_code == 404


PARTS = {
    "problem": lambda plan: PlanProblem.objects.filter(plan=plan),
    "goal": lambda plan: PlanGoal.objects.filter(problem__plan=plan),
    "objective": lambda plan: PlanObjective.objects.filter(goal__problem__plan=plan),
    "intervention": lambda plan: PlanIntervention.objects.filter(plan=plan),
    "diagnosis": lambda plan: PlanDiagnosis.objects.filter(plan=plan),
}


@pytest.mark.parametrize(
    ("name", "part"),
    [
        ("problem_edit", "problem"),
        ("problem_remove", "problem"),
        ("goal_add", "problem"),
        ("intervention_add", "problem"),
        ("goal_remove", "goal"),
        ("objective_add", "goal"),
        ("objective_edit", "objective"),
        ("objective_remove", "objective"),
        ("intervention_edit", "intervention"),
        ("intervention_remove", "intervention"),
        ("diagnosis_make_primary", "diagnosis"),
        ("diagnosis_remove", "diagnosis"),
    ],
)
def test_every_part_of_another_plan_is_404_and_left_alone(
    plan, clinician, program, login_as, name, part
):
    """A part is found only through the plan in the address, even within the program."""
    other = draft_from_templates(EpisodeFactory(client=ClientFactory(program=program)), clinician)
    theirs = PARTS[part](other).first()
    assert theirs is not None
    data = {"revision": plan.revision}
    assert login_as(clinician).post(url(name, plan.pk, theirs.pk), data).status_code == 404
    assert PARTS[part](other).filter(pk=theirs.pk).exists()
    assert TreatmentPlan.objects.get(pk=other.pk).revision == other.revision


# ---------------------------------------------------------------- query count


def _plan_page_queries(browser, plan) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert browser.get(url("plan_detail", plan.pk)).status_code == 200
    return len(queries)


def test_plan_page_queries_do_not_grow_with_the_plan(episode, clinician, login_as, program):
    browser = login_as(clinician)
    small = draft_from_templates(episode, clinician, TRAUMA)
    big_episode = EpisodeFactory(client=ClientFactory(program=program))
    titles = [t.title for t in PlanTemplate.objects.filter(program=None)[:6]]
    big = draft_from_templates(big_episode, clinician, *titles)
    assert PlanProblem.objects.filter(plan=big).count() == 6
    _plan_page_queries(browser, small)  # warm the per-request caches alike
    assert _plan_page_queries(browser, big) == _plan_page_queries(browser, small)
    signed = sign_all(big, clinician, staff_director(program))
    assert _plan_page_queries(browser, signed) <= _plan_page_queries(browser, small) + 2


def staff_director(program):
    return member(Role.DIRECTOR, program)


def test_processing_intervention_refused_while_the_gate_is_closed(plan, clinician, login_as):
    problem = PlanProblem.objects.get(plan=plan)
    before = PlanIntervention.objects.count()
    data = {
        "revision": plan.revision,
        "modality": Modality.objects.get(code="emdr").pk,
        "frequency": "weekly, 60 minutes",
        "responsible": clinician.pk,
        "description": "Index trauma",
    }
    browser = login_as(clinician)
    response = browser.post(url("intervention_add", plan.pk, problem.pk), data)
    assert response.status_code == 400
    assert "Trauma processing is held: No readiness review recorded" in page(response)
    # What was typed stays in the box.
    assert parse(page(response)).one("textarea", name="description").text == "Index trauma"
    assert PlanIntervention.objects.count() == before
    # Planned for later on purpose: saved, and shown as held on the plan page.
    response = browser.post(
        url("intervention_add", plan.pk, problem.pk), data | {"hold_until_ready": "on"}
    )
    assert response.status_code == 302
    assert response["Location"] == url("plan_detail", plan.pk)
    assert PlanIntervention.objects.count() == before + 1
    detail = browser.get(url("plan_detail", plan.pk))
    assert "Held" in page(detail)
