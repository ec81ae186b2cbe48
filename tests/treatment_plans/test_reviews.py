"""Plan reviews: the schedule in program time, recording a review, the due lists, the panel."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from iop.accounts.models import Role
from iop.audit.models import RecordView
from tests.factories import member
from tests.treatment_plans.review_helpers import (
    ATTENDS,
    GROUNDING,
    PHQ9_BELOW_10,
    admit,
    local_noon,
    make_plan,
    phq9_result,
)
from treatment_plans.models import (
    ObjectiveStatus,
    PlanObjective,
    PlanReview,
    PlanReviewItem,
    ReviewRating,
    TreatmentPlan,
)
from treatment_plans.services.reviews import (
    DueKind,
    DueState,
    plan_due_status,
    plan_review_record,
    plans_due_or_overdue,
)
from treatment_plans.views.reviews import reviews_panel

DAY0 = datetime.date(2025, 11, 3)  # admission day, in the program's time zone


def day(n: int) -> datetime.date:
    return DAY0 + datetime.timedelta(days=n)


def rows_on(n: int, program) -> list:
    """The due list as the program sees it at noon on day n (its own date, its own zone)."""
    with time_machine.travel(local_noon(day(n)), tick=False):
        return plans_due_or_overdue(program_ids=[program.pk])


def all_rated(plan, rating=ReviewRating.PROGRESSING) -> dict:
    return {o.pk: (rating, "") for o in PlanObjective.objects.filter(goal__problem__plan=plan)}


@pytest.fixture
def clinician(staff):
    return staff[Role.CLINICIAN]


@pytest.fixture
def episode(program, clinician):
    return admit(program, admitted_on=DAY0, clinician=clinician)


# ---------------------------------------------------------------- the schedule


def test_due_soon_window_is_three_days_and_overdue_starts_the_day_after():
    due = day(7)
    assert plan_due_status(due_on=due, today=day(3)).state == DueState.FINE
    assert plan_due_status(due_on=due, today=day(4)).state == DueState.DUE_SOON
    assert plan_due_status(due_on=due, today=day(7)).state == DueState.DUE_SOON
    late = plan_due_status(due_on=due, today=day(8))
    assert (late.state, late.days_overdue, late.text) == (DueState.OVERDUE, 1, "overdue by 1 day")


def test_first_plan_due_a_week_after_admission_then_overdue(program, episode):
    assert rows_on(3, program) == []
    [soon] = rows_on(4, program)
    assert (soon.kind, soon.due_on, soon.status.state) == (
        DueKind.FIRST_PLAN,
        day(7),
        DueState.DUE_SOON,
    )
    assert rows_on(7, program)[0].status.state == DueState.DUE_SOON
    [late] = rows_on(8, program)
    assert (late.status.state, late.days_overdue, late.clinician) == (
        DueState.OVERDUE,
        1,
        episode.primary_clinician,
    )


def test_program_settings_set_the_first_plan_due_date(program, episode):
    program.first_plan_due_days = 14
    program.save()
    assert rows_on(8, program) == []
    assert rows_on(11, program)[0].due_on == day(14)


def test_review_schedule_over_a_month_with_a_review_on_day_33(program, episode, clinician):
    plan = make_plan(
        episode, activated_at=local_noon(day(5)), objectives=[PHQ9_BELOW_10, ATTENDS]
    )  # no stored review date: computed from activation
    assert rows_on(8, program) == []  # the first plan exists: nothing due
    assert rows_on(31, program) == []
    [soon] = rows_on(32, program)
    assert (soon.kind, soon.due_on, soon.plan_id) == (DueKind.REVIEW, day(35), plan.pk)
    [late] = rows_on(36, program)
    assert (late.status.state, late.days_overdue) == (DueState.OVERDUE, 1)

    with time_machine.travel(local_noon(day(33)), tick=False):
        plan_review_record(
            plan=plan, by=clinician, reviewed_on=day(33), summary="", ratings=all_rated(plan)
        )
    plan.refresh_from_db()
    assert plan.review_due_on == day(63)
    assert rows_on(36, program) == []
    assert rows_on(59, program) == []
    assert rows_on(60, program)[0].due_on == day(63)
    assert rows_on(64, program)[0].status.state == DueState.OVERDUE


def test_activation_date_is_the_programs_date_not_utc(program, episode):
    # 01:30 UTC on day 6 is still the evening of day 5 in New York.
    evening = datetime.datetime.combine(day(6), datetime.time(1, 30), tzinfo=datetime.UTC)
    make_plan(episode, activated_at=evening)
    assert rows_on(32, program)[0].due_on == day(35)


def test_stored_review_date_wins(program, episode):
    make_plan(episode, activated_at=local_noon(day(5)), review_due_on=day(20))
    assert rows_on(17, program)[0].due_on == day(20)


def test_discharged_episode_is_never_due(program, episode):
    episode.discharged_on = day(2)
    episode.save()
    assert rows_on(30, program) == []


def test_due_list_uses_a_fixed_number_of_queries(program, clinician, django_assert_num_queries):
    for n in range(6):
        ep = admit(program, admitted_on=day(-n), clinician=clinician)
        if n % 2:
            make_plan(ep, activated_at=local_noon(day(-40)))
    with django_assert_num_queries(1):
        rows = plans_due_or_overdue(program_ids=[program.pk], today=day(10))
    assert len(rows) == 6
    assert [r.due_on for r in rows] == sorted(r.due_on for r in rows)  # most overdue first


# ---------------------------------------------------------------- recording a review


def test_one_unrated_objective_refuses_the_whole_review_and_saves_nothing(episode, clinician):
    plan = make_plan(
        episode, activated_at=local_noon(day(5)), objectives=[PHQ9_BELOW_10, ATTENDS, GROUNDING]
    )
    ratings = all_rated(plan)
    unrated = PlanObjective.objects.get(goal__problem__plan=plan, measure="attendance")
    del ratings[unrated.pk]
    with pytest.raises(ValidationError) as refused:
        plan_review_record(
            plan=plan,
            by=clinician,
            reviewed_on=day(5),
            summary="x",
            ratings=ratings,
        )
    assert list(refused.value.message_dict) == [str(unrated.pk)]
    assert not PlanReview.objects.exists()
    assert not PlanReviewItem.objects.exists()
    plan.refresh_from_db()
    assert plan.review_due_on is None


def test_review_of_a_draft_is_refused(episode, clinician):
    plan = make_plan(episode, objectives=[ATTENDS])
    with pytest.raises(ValidationError, match="active plan"):
        plan_review_record(
            plan=plan, by=clinician, reviewed_on=day(10), summary="", ratings=all_rated(plan)
        )
    assert not PlanReview.objects.exists()


def test_review_cannot_be_dated_in_the_future(episode, clinician):
    plan = make_plan(episode, activated_at=local_noon(day(5)), objectives=[ATTENDS])
    with (
        time_machine.travel(local_noon(day(20)), tick=False),
        pytest.raises(ValidationError) as refused,
    ):
        plan_review_record(
            plan=plan, by=clinician, reviewed_on=day(21), summary="", ratings=all_rated(plan)
        )
    assert "reviewed_on" in refused.value.message_dict


def test_ratings_stay_on_the_items_and_signed_objectives_are_untouched(episode, clinician):
    plan = make_plan(episode, activated_at=local_noon(day(5)), objectives=[PHQ9_BELOW_10])
    [objective] = PlanObjective.objects.filter(goal__problem__plan=plan)
    with time_machine.travel(local_noon(day(33)), tick=False):
        review = plan_review_record(
            plan=plan,
            by=clinician,
            reviewed_on=day(33),
            summary="Steady",
            ratings={objective.pk: (ReviewRating.REVISED, "Target too low")},
        )
    [item] = review.items.all()
    assert (item.rating, item.note, item.created_by) == ("revised", "Target too low", clinician)
    objective.refresh_from_db()
    assert objective.status == ObjectiveStatus.NOT_STARTED


def test_evidence_is_the_instrument_trend_computed_on_the_server(episode, clinician, login_as):
    plan = make_plan(
        episode, activated_at=local_noon(day(5)), objectives=[PHQ9_BELOW_10, ATTENDS, GROUNDING]
    )
    phq9_result(episode.client, 18, local_noon(day(1)))
    phq9_result(episode.client, 14, local_noon(day(15)))
    phq9_result(episode.client, 9, local_noon(day(30)))
    objectives = {o.measure: o for o in PlanObjective.objects.filter(goal__problem__plan=plan)}
    phq = objectives["instrument_below"]
    http = login_as(clinician)
    url = reverse("treatment_plans:plan_review_create", args=[plan.pk])
    with time_machine.travel(local_noon(day(33)), tick=False):
        page = http.get(url).content.decode()
        data = {"reviewed_on": day(33).isoformat(), "summary": "Sleeping better"}
        for o in objectives.values():
            data[f"rating_{o.pk}"] = ReviewRating.PROGRESSING
            data[f"evidence_{o.pk}"] = "Typed by the browser"  # never stored
        http.post(url, data)
    expected = (
        "PHQ-9: first 18 on 4 Nov 2025, latest 9 on 3 Dec 2025 (3 scores); "
        "target below 10: latest is below the target."
    )
    assert expected in page
    items = {i.objective.measure: i for i in PlanReviewItem.objects.select_related("objective")}
    assert items["instrument_below"].evidence == expected
    assert items["attendance"].evidence == (
        "No attendance recorded since 8 Nov 2025 yet (target 90%)."
    )
    assert "practiced 3 times a week" in items["practice"].evidence
    assert phq.pk in {i.objective_id for i in items.values()}


def test_no_scores_yet_says_so(episode, clinician):
    plan = make_plan(episode, activated_at=local_noon(day(5)), objectives=[PHQ9_BELOW_10])
    review = plan_review_record(
        plan=plan, by=clinician, reviewed_on=day(6), summary="", ratings=all_rated(plan)
    )
    assert (
        review.items.get().evidence
        == "No PHQ-9 score recorded yet for this client (target below 10)."
    )


# ---------------------------------------------------------------- the review page


def test_review_page_refuses_an_unrated_objective_beside_it(episode, clinician, login_as):
    plan = make_plan(episode, activated_at=local_noon(day(5)), objectives=[PHQ9_BELOW_10, ATTENDS])
    first, second = PlanObjective.objects.filter(goal__problem__plan=plan).order_by("measure")
    response = login_as(clinician).post(
        reverse("treatment_plans:plan_review_create", args=[plan.pk]),
        {"reviewed_on": day(6).isoformat(), f"rating_{first.pk}": ReviewRating.MET},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_rating_{second.pk}_error"' in html
    assert "Rate this objective" in html
    assert f'id="id_rating_{first.pk}_error"' not in html
    assert not PlanReview.objects.exists()


def test_review_page_records_and_logs_the_view(episode, clinician, login_as):
    plan = make_plan(episode, activated_at=local_noon(day(5)), objectives=[ATTENDS])
    http = login_as(clinician)
    url = reverse("treatment_plans:plan_review_create", args=[plan.pk])
    assert http.get(url).status_code == 200
    assert RecordView.objects.filter(user=clinician, client=episode.client).count() == 1
    objective = PlanObjective.objects.get(goal__problem__plan=plan)
    response = http.post(
        url, {"reviewed_on": day(6).isoformat(), f"rating_{objective.pk}": ReviewRating.MET}
    )
    assert response.status_code == 302
    assert PlanReview.objects.get().reviewed_on == day(6)


@pytest.mark.parametrize("role", [Role.INTAKE, Role.PRESCRIBER, Role.PROBATION, Role.ADMINISTRATOR])
def test_roles_without_edit_plans_are_refused_the_review_page(episode, staff, role, login_as):
    plan = make_plan(episode, activated_at=local_noon(day(5)))
    url = reverse("treatment_plans:plan_review_create", args=[plan.pk])
    assert login_as(staff[role]).get(url).status_code == 403


def test_clinician_of_another_program_gets_404(episode, other_program, login_as):
    plan = make_plan(episode, activated_at=local_noon(day(5)), objectives=[ATTENDS])
    outsider = member(Role.CLINICIAN, other_program)
    http = login_as(outsider)
    url = reverse("treatment_plans:plan_review_create", args=[plan.pk])
    assert http.get(url).status_code == 404
    assert http.post(url, {"reviewed_on": day(6).isoformat()}).status_code == 404
    assert not RecordView.objects.exists()


def test_review_page_for_a_draft_has_no_form(episode, clinician, login_as):
    plan = make_plan(episode, objectives=[ATTENDS])
    http = login_as(clinician)
    url = reverse("treatment_plans:plan_review_create", args=[plan.pk])
    page = http.get(url)
    assert "Only the active plan version can be reviewed" in page.content.decode()
    assert "Record the review" not in page.content.decode()
    assert http.post(url, {"reviewed_on": day(6).isoformat()}).status_code == 400
    assert not PlanReview.objects.exists()


# ---------------------------------------------------------------- the due lists


@pytest.fixture
def due_everywhere(program, other_program, clinician):
    """An overdue review here, a first plan due soon here, an overdue first plan elsewhere."""
    today = program.today()
    here = admit(
        program,
        legal_last_name="Overdue",
        clinician=clinician,
        admitted_on=today - datetime.timedelta(days=60),
    )
    make_plan(
        here,
        activated_at=local_noon(today - datetime.timedelta(days=50)),
        review_due_on=today - datetime.timedelta(days=9),
    )
    colleague = member(Role.CLINICIAN, program)
    soon = admit(
        program,
        legal_last_name="Soon",
        clinician=colleague,
        admitted_on=today - datetime.timedelta(days=5),
    )
    elsewhere = admit(
        other_program, legal_last_name="Elsewhere", admitted_on=today - datetime.timedelta(days=30)
    )
    return here, soon, elsewhere


def test_director_sees_own_programs_due_plans_most_overdue_first(staff, due_everywhere, login_as):
    here, soon, elsewhere = due_everywhere
    response = login_as(staff[Role.DIRECTOR]).get(reverse("treatment_plans:plans_due"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(here.client.display_name) < html.index(soon.client.display_name)
    assert "Overdue</strong> by 9 days" in html
    assert elsewhere.client.display_name not in html
    assert "Elsewhere" not in html


def test_director_of_another_program_sees_none_of_these(other_program, due_everywhere, login_as):
    here, soon, elsewhere = due_everywhere
    director = member(Role.DIRECTOR, other_program)
    html = login_as(director).get(reverse("treatment_plans:plans_due")).content.decode()
    assert elsewhere.client.display_name in html
    assert here.client.display_name not in html and soon.client.display_name not in html


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.INTAKE, Role.PRESCRIBER])
def test_only_directors_open_the_program_list(staff, role, login_as):
    assert login_as(staff[role]).get(reverse("treatment_plans:plans_due")).status_code == 403


def test_clinician_sees_only_their_own_caseload(clinician, due_everywhere, login_as):
    here, soon, elsewhere = due_everywhere
    html = login_as(clinician).get(reverse("treatment_plans:plans_due_mine")).content.decode()
    assert here.client.display_name in html
    assert soon.client.display_name not in html
    assert elsewhere.client.display_name not in html


def test_navigation_offers_the_list_to_directors_only(staff, login_as):
    url = reverse("treatment_plans:plans_due")
    assert (
        f'href="{url}"'
        in login_as(staff[Role.DIRECTOR]).get(reverse("dashboard:census")).content.decode()
    )
    assert (
        f'href="{url}"'
        not in login_as(staff[Role.CLINICIAN]).get(reverse("scheduling:today")).content.decode()
    )


# ---------------------------------------------------------------- the plan page panel


def test_panel_shows_overdue_and_the_action_for_plan_editors(
    episode, clinician, staff, django_assert_max_num_queries
):
    plan = make_plan(episode, activated_at=local_noon(day(5)), objectives=[ATTENDS])
    with time_machine.travel(local_noon(day(33)), tick=False):
        plan_review_record(
            plan=plan,
            by=clinician,
            reviewed_on=day(33),
            summary="Going well",
            ratings=all_rated(plan, ReviewRating.MET),
        )
    plan = TreatmentPlan.objects.select_related("program").get(pk=plan.pk)  # as the page has it
    with time_machine.travel(local_noon(day(70)), tick=False):
        clinician = type(clinician).objects.get(pk=clinician.pk)  # no cached memberships
        with django_assert_max_num_queries(3):
            context = reviews_panel(plan, clinician)
        html = render_to_string("treatment_plans/reviews/_panel.html", {"panel": context})
    assert context["due"].is_overdue and context["due"].due_on == day(63)
    assert "Overdue" in html and "overdue by 7 days" in html
    assert "Record a review" in html
    assert "Met" in html and "Going well" in html
    prescriber_view = reviews_panel(plan, staff[Role.PRESCRIBER])
    assert not prescriber_view["can_review"]


def test_panel_offers_a_new_version_after_a_revised_rating(episode, clinician):
    plan = make_plan(episode, activated_at=local_noon(day(5)), objectives=[ATTENDS])
    plan_review_record(
        plan=plan,
        by=clinician,
        reviewed_on=day(6),
        summary="",
        ratings=all_rated(plan, ReviewRating.REVISED),
    )
    context = reviews_panel(plan, clinician)
    assert context["latest_revised"] and context["can_revise"]


def test_plan_page_shows_the_reviews_panel_overdue(episode, clinician, login_as):
    plan = make_plan(episode, activated_at=local_noon(day(5)), objectives=[ATTENDS])
    with time_machine.travel(local_noon(day(40)), tick=False):
        response = login_as(clinician).get(reverse("treatment_plans:plan_detail", args=[plan.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="plan-reviews-title"' in html
    assert "Overdue" in html and "overdue by 5 days" in html
    assert reverse("treatment_plans:plan_review_create", args=[plan.pk]) in html
