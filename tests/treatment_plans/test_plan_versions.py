"""Versions: a revision copies the active plan whole; activation supersedes; signed is locked."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from intake.models import InstrumentResult
from iop.accounts.models import Role
from iop.audit.models import RecordView
from tests.treatment_plans.plan_helpers import (
    ALCOHOL,
    TRAUMA,
    active_plan,
    fresh,
    sign_all,
)
from treatment_plans.models import (
    Phase,
    PlanGoal,
    PlanObjective,
    PlanProblem,
    PlanStatus,
    TreatmentPlan,
)
from treatment_plans.services.plan_parts import goal_edit, problem_add
from treatment_plans.services.plan_text import plan_text
from treatment_plans.services.plan_versions import plan_start


def url(name, *args):
    return reverse(f"treatment_plans:{name}", args=args)


def tree(plan):
    """Everything a version says, without ids: to compare a copy with its source."""
    plan = fresh(plan)
    return [
        (
            problem.statement,
            list(problem.asam_dimensions),
            sorted(str(r.pk) for r in problem.instrument_results.all()),
            [
                (
                    g.client_words,
                    g.clinical_goal,
                    [
                        (
                            o.description,
                            o.measure,
                            o.instrument,
                            o.threshold,
                            o.per_week,
                            o.target_date,
                            o.status,
                        )
                        for o in g.objectives.all()
                    ],
                )
                for g in problem.goals.all()
            ],
            sorted(
                (i.modality.code, i.frequency, i.responsible_id, i.description)
                for i in plan.interventions.all()
                if i.problem_id == problem.pk
            ),
        )
        for problem in plan.problems.all()
    ]


@pytest.fixture
def active(episode, clinician, director):
    plan = active_plan(episode, clinician, director, TRAUMA, ALCOHOL)
    TreatmentPlan.objects.filter(pk=plan.pk).update(phase=Phase.INTEGRATION)  # allowed on active
    return fresh(plan)


def test_revising_copies_the_active_plan_whole_into_version_2(active, clinician):
    TreatmentPlan.objects.filter(pk=active.pk)  # details were written before signing
    result = InstrumentResult.objects.get(client=active.client, instrument="pcl5")
    draft = plan_start(episode=active.episode, by=clinician)
    assert (draft.version, draft.previous, draft.status) == (2, active, PlanStatus.DRAFT)
    assert draft.phase == Phase.INTEGRATION
    assert tree(draft) == tree(active)
    assert len(tree(draft)) == 2
    assert result.pk not in [
        r.pk for p in fresh(draft).problems.all() for r in p.instrument_results.all()
    ]
    assert plan_start(episode=active.episode, by=clinician) == draft  # resumes, no version 3


def test_revising_copies_findings_and_plan_details(episode, clinician, director):
    from tests.treatment_plans.plan_helpers import draft_from_templates
    from treatment_plans.services.plan_parts import plan_details_edit

    plan = draft_from_templates(episode, clinician)
    pcl5 = InstrumentResult.objects.get(client=episode.client, instrument="pcl5")
    problem_add(
        plan=plan,
        by=clinician,
        revision=plan.revision,
        statement="Nightmares",
        instrument_results=[pcl5],
        asam_dimensions=[3],
    )
    problem = PlanProblem.objects.get(statement="Nightmares")
    from treatment_plans.services.plan_parts import goal_add, objective_add

    goal = goal_add(
        problem=problem,
        by=clinician,
        revision=fresh(plan).revision,
        client_words="Sleep",
        clinical_goal="Improve sleep",
    )
    import datetime

    from django.utils import timezone

    objective_add(
        goal=goal,
        by=clinician,
        revision=fresh(plan).revision,
        description="Sleeps 6h",
        measure="observed",
        target_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    plan_details_edit(
        plan=plan,
        by=clinician,
        revision=fresh(plan).revision,
        strengths="Humour",
        aftercare_plan="Weekly outpatient",
    )
    active = sign_all(fresh(plan), clinician, director)
    draft = fresh(plan_start(episode=episode, by=clinician))
    assert (draft.strengths, draft.aftercare_plan) == ("Humour", "Weekly outpatient")
    copied = draft.problems.get(statement="Nightmares")
    assert list(copied.instrument_results.all()) == [pcl5]
    assert copied.asam_dimensions == [3]
    assert plan_text(draft).splitlines()[1:] == plan_text(active).splitlines()[1:]


def test_activating_version_2_supersedes_version_1(active, clinician, director):
    draft = fresh(plan_start(episode=active.episode, by=clinician))
    version_2 = sign_all(draft, clinician, director)
    active.refresh_from_db()
    assert version_2.status == PlanStatus.ACTIVE
    assert active.status == PlanStatus.SUPERSEDED and active.superseded_at is not None
    assert active.superseded_at == version_2.activated_at
    assert (
        TreatmentPlan.objects.filter(episode=active.episode, status=PlanStatus.ACTIVE).count() == 1
    )


# ---------------------------------------------------------------- the database lock


def _raises_in_db(sql: str, params: list) -> None:
    with pytest.raises(DatabaseError, match="locked|Cannot update"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def test_signed_plan_is_locked_in_the_database(active):
    objective = PlanObjective.objects.filter(goal__problem__plan=active)[0]
    problem = PlanProblem.objects.filter(plan=active)[0]
    _raises_in_db(
        "UPDATE treatment_plans_treatmentplan SET strengths = %s WHERE id = %s",
        ["edited after signing", active.pk],
    )
    _raises_in_db(
        "UPDATE treatment_plans_planobjective SET description = %s WHERE id = %s",
        ["edited after signing", objective.pk],
    )
    _raises_in_db("DELETE FROM treatment_plans_planproblem WHERE id = %s", [problem.pk])
    assert TreatmentPlan.objects.get(pk=active.pk).strengths != "edited after signing"


def test_the_findings_behind_a_signed_problem_are_locked_too(active, clinician):
    from intake.models import InstrumentResult
    from intake.services.instruments import instrument_record

    problem = PlanProblem.objects.filter(plan=active)[0]
    result = instrument_record(
        client=active.client,
        instrument="gad7",
        answers={str(i): 1 for i in range(1, 8)},
        by=clinician,
    )
    with pytest.raises(DatabaseError, match="locked"), transaction.atomic():
        problem.instrument_results.add(result)
    assert not problem.instrument_results.filter(pk=result.pk).exists()
    assert InstrumentResult.objects.filter(pk=result.pk).exists()


def test_services_refuse_to_edit_a_signed_version(active, clinician):
    goal = PlanGoal.objects.filter(problem__plan=active)[0]
    with pytest.raises(ValidationError, match="signed and locked"):
        goal_edit(
            goal=goal, by=clinician, revision=active.revision, client_words="x", clinical_goal="y"
        )


def test_signed_version_offers_a_revision_not_edits(active, clinician, login_as):
    browser = login_as(clinician)
    goal = PlanGoal.objects.filter(problem__plan=active)[0]
    shown = browser.get(url("plan_detail", active.pk)).content.decode()
    assert "Revise the plan (new version)" in shown
    assert "Edit goal" not in shown and "Add to the plan" not in shown
    response = browser.get(url("goal_edit", active.pk, goal.pk))
    assert response.url == url("plan_detail", active.pk)
    response = browser.post(
        url("goal_edit", active.pk, goal.pk),
        {"revision": active.revision, "client_words": "x", "clinical_goal": "y"},
    )
    assert response.url == url("plan_detail", active.pk)
    assert PlanGoal.objects.get(pk=goal.pk).client_words != "x"
    response = browser.post(url("plan_start", active.episode_id))
    draft = TreatmentPlan.objects.get(episode=active.episode, status=PlanStatus.DRAFT)
    assert response.url == url("plan_detail", draft.pk)


# ---------------------------------------------------------------- versions and changes


def test_versions_page_lists_every_version_readably(active, clinician, director, login_as):
    draft = plan_start(episode=active.episode, by=clinician)
    browser = login_as(director)
    shown = browser.get(url("plan_versions", draft.pk)).content.decode()
    assert "Version 1" in shown and "Version 2" in shown
    assert 'status-active">Active' in shown and 'status-draft">Draft' in shown
    old = browser.get(url("plan_detail", active.pk)).content.decode()
    assert "Sleep without the nightmares waking me" in old
    assert RecordView.objects.filter(user=director, page="Treatment plan versions").exists()


def test_changes_page_shows_a_changed_goal(active, clinician, login_as):
    draft = fresh(plan_start(episode=active.episode, by=clinician))
    goal = PlanGoal.objects.filter(problem__plan=draft).order_by("created_at")[0]
    goal_edit(
        goal=goal,
        by=clinician,
        revision=draft.revision,
        client_words="Sleep and go back to the gym.",
        clinical_goal=goal.clinical_goal,
    )
    browser = login_as(clinician)
    shown = browser.get(url("plan_changes", draft.pk)).content.decode()
    assert "What changed from version 1 to version 2" in shown
    added = (
        '<span class="diff-sign" aria-hidden="true">+</span><ins><span class="visually-hidden">'
        "Added: </span>  Goal, in the client&#x27;s words: Sleep and go back to the gym.</ins>"
    )
    removed = (
        '<span class="diff-sign" aria-hidden="true">−</span><del><span class="visually-hidden">'
        "Removed: </span>  Goal, in the client&#x27;s words: Sleep without the nightmares"
    )
    assert added in shown
    assert removed in shown
    assert "Treatment plan, version 1" in shown and "Treatment plan, version 2" in shown
    assert "Goal, clinical restatement" in shown  # context around the change
    assert "Strengths:" not in shown  # far from any change


def test_changes_of_a_first_version_say_there_is_nothing_earlier(active, login_as, clinician):
    shown = login_as(clinician).get(url("plan_changes", active.pk)).content.decode()
    assert "first version" in shown


def test_changes_refuse_a_version_of_another_episode(active, clinician, login_as, program):
    from tests.factories import ClientFactory, EpisodeFactory
    from tests.treatment_plans.plan_helpers import draft_from_templates

    elsewhere = draft_from_templates(
        EpisodeFactory(client=ClientFactory(program=program)), clinician
    )
    response = login_as(clinician).get(url("plan_changes", active.pk), {"from": elsewhere.pk})
    assert response.status_code == 404


def test_phase_is_not_part_of_the_signed_text(active):
    before = plan_text(fresh(active))
    TreatmentPlan.objects.filter(pk=active.pk).update(phase=Phase.PROCESSING)
    assert plan_text(fresh(active)) == before


@pytest.mark.parametrize("role", [Role.INTAKE, Role.PROBATION, Role.ADMINISTRATOR])
def test_versions_and_changes_are_refused_to_non_clinical_roles(active, staff, login_as, role):
    browser = login_as(staff[role])
    assert browser.get(url("plan_versions", active.pk)).status_code == 403
    assert browser.get(url("plan_changes", active.pk)).status_code == 403
