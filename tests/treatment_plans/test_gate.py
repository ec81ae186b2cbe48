"""The trauma-phase gate: readiness reviews, confirmation, phase changes, held interventions."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from intake.models import Assessment, AssessmentStatus
from iop.accounts.models import Role
from iop.audit.models import AuditAction, AuditEvent, RecordView
from tests.factories import member
from tests.treatment_plans.gate_helpers import (
    CSSRS_HIGH,
    CSSRS_NONE,
    NOT_READY,
    READY,
    des2,
    draft_plan,
    give,
    review,
)
from treatment_plans.models import Phase, PhaseChange, PlanStatus, ReadinessReview, TreatmentPlan
from treatment_plans.panels import plan_panels
from treatment_plans.services.gate import (
    AWAITING,
    NO_REVIEW,
    gate_status,
    intervention_status,
    phase_change,
    readiness_confirm,
)
from treatment_plans.views.gate import gate_panel_context

PHQ9_ITEM9 = {**{str(item): 0 for item in range(1, 10)}, "9": 2}


@pytest.fixture
def episode(client_record):
    return client_record.episodes.get()


@pytest.fixture
def clinician(staff):
    return staff[Role.CLINICIAN]


@pytest.fixture
def director(staff):
    return staff[Role.DIRECTOR]


@pytest.fixture
def plan(episode, clinician):
    return draft_plan(episode, clinician)


@pytest.fixture
def calm_results(episode, clinician):
    """DES-II 10 and a C-SSRS with no risk: nothing in the results holds processing back."""
    give(episode, "des2", des2(10), clinician)
    give(episode, "cssrs", CSSRS_NONE, clinician)


@pytest.fixture
def confirmed(episode, clinician, director, calm_results):
    return readiness_confirm(review=review(episode, clinician), by=director)


def _reload(plan: TreatmentPlan) -> TreatmentPlan:
    return TreatmentPlan.objects.get(pk=plan.pk)


# ---------------------------------------------------------------- the gate


def test_gate_is_closed_with_no_review(episode, calm_results):
    gate = gate_status(episode)
    assert not gate.open
    assert gate.missing == [NO_REVIEW]
    assert gate.latest_review is None


def test_gate_is_closed_while_a_ready_review_awaits_confirmation(episode, clinician, calm_results):
    recorded = review(episode, clinician)
    gate = gate_status(episode)
    assert recorded.ready
    assert not gate.open
    assert gate.awaiting_confirmation
    assert gate.missing == [AWAITING]


def test_gate_is_closed_when_the_review_is_not_ready_because_of_dissociation(
    episode, clinician, director
):
    give(episode, "des2", des2(40), clinician)
    recorded = review(episode, clinician)
    assert recorded.des_score == Decimal("40")
    assert not recorded.ready
    gate = gate_status(episode)
    assert not gate.open
    assert "DES-II 40: high dissociation, caution" in gate.missing
    assert not gate.awaiting_confirmation
    with pytest.raises(ValidationError, match="not ready"):
        readiness_confirm(review=recorded, by=director)


def test_gate_opens_when_a_ready_review_is_confirmed(episode, confirmed, director):
    gate = gate_status(episode)
    assert gate.open, gate.missing
    assert gate.missing == []
    assert f"Confirmed by {director.display_name}" in " ".join(gate.met)
    assert gate.label.startswith("Open")


def test_gate_closes_when_a_safety_alert_opens_after_confirmation(episode, confirmed, clinician):
    assert gate_status(episode).open
    give(episode, "phq9", PHQ9_ITEM9, clinician)  # item 9 raises an alert
    gate = gate_status(episode)
    assert not gate.open
    assert "Open safety alert" in gate.missing
    assert confirmed.confirmed_at  # the review itself stays confirmed


def test_gate_closes_when_the_latest_cssrs_is_high_risk(episode, confirmed, clinician):
    give(episode, "cssrs", CSSRS_HIGH, clinician)
    gate = gate_status(episode)
    assert not gate.open
    assert any("C-SSRS" in item and "high suicide risk" in item for item in gate.missing)


def test_gate_closes_when_a_newer_des2_shows_high_dissociation(episode, confirmed, clinician):
    give(episode, "des2", des2(50), clinician)
    assert "DES-II 50 (given after the review): high dissociation" in gate_status(episode).missing


def test_only_the_latest_review_counts(episode, confirmed, clinician):
    review(episode, clinician, NOT_READY)
    gate = gate_status(episode)
    assert not gate.open
    assert "No reliable grounding skill yet" in gate.missing


def test_gate_status_uses_a_fixed_number_of_queries(
    episode, confirmed, clinician, django_assert_num_queries
):
    give(episode, "phq9", PHQ9_ITEM9, clinician)
    with django_assert_num_queries(3):
        gate_status(episode)


# ---------------------------------------------------------------- recording and confirming


def test_des2_and_suicide_risk_come_from_the_results_not_the_form(episode, clinician, login_as):
    give(episode, "des2", des2(40), clinician)
    give(episode, "cssrs", CSSRS_HIGH, clinician)
    url = reverse("treatment_plans:readiness_review_create", args=[episode.pk])
    posted = {**READY, "ready": "on", "des_score": "0", "acute_suicide_risk": "", "notes": "x"}
    response = login_as(clinician).post(url, posted)
    assert response.status_code == 302
    recorded = ReadinessReview.objects.get()
    assert recorded.des_score == Decimal("40")
    assert recorded.acute_suicide_risk
    assert not recorded.ready
    assert recorded.created_by == clinician


def test_director_cannot_confirm_their_own_review(episode, director, calm_results, staff):
    own = review(episode, director)
    with pytest.raises(ValidationError, match="another supervisor or director"):
        readiness_confirm(review=own, by=director)
    own.refresh_from_db()
    assert own.confirmed_at is None
    colleague = member(Role.DIRECTOR, episode.program)
    assert readiness_confirm(review=own, by=colleague).confirmed_by == colleague


def test_director_confirming_their_own_review_in_the_browser_is_refused(
    episode, director, calm_results, login_as
):
    own = review(episode, director)
    browser = login_as(director)
    response = browser.post(reverse("treatment_plans:readiness_confirm", args=[own.pk]))
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.confirmed_at is None
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("another supervisor or director must confirm it" in m for m in said), said


def test_clinician_cannot_confirm_a_review(episode, clinician, calm_results, login_as):
    recorded = review(episode, clinician)
    colleague = member(Role.CLINICIAN, episode.program)
    response = login_as(colleague).post(
        reverse("treatment_plans:readiness_confirm", args=[recorded.pk])
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        readiness_confirm(review=recorded, by=colleague)
    recorded.refresh_from_db()
    assert recorded.confirmed_at is None


def test_director_confirms_once_and_the_confirmation_is_audited(
    episode, clinician, director, calm_results, login_as
):
    recorded = review(episode, clinician)
    response = login_as(director).post(
        reverse("treatment_plans:readiness_confirm", args=[recorded.pk])
    )
    assert response.status_code == 302
    recorded.refresh_from_db()
    assert recorded.confirmed_by == director
    assert recorded.confirmed_at is not None
    event = AuditEvent.objects.get(object_id=recorded.pk)
    assert event.action == AuditAction.READINESS_CONFIRMED
    assert event.actor == director
    assert "Readiness review" in event.summary
    with pytest.raises(ValidationError, match="already confirmed"):
        readiness_confirm(review=recorded, by=member(Role.DIRECTOR, episode.program))


def test_an_older_review_cannot_be_confirmed(episode, clinician, director, calm_results):
    older = review(episode, clinician)
    review(episode, clinician)
    with pytest.raises(ValidationError, match="newer readiness review"):
        readiness_confirm(review=older, by=director)


# ---------------------------------------------------------------- phase changes


def test_move_to_processing_is_refused_while_the_gate_is_closed(
    plan, clinician, calm_results, login_as
):
    review(plan.episode, clinician)  # ready, not yet confirmed
    url = reverse("treatment_plans:phase_change", args=[plan.pk])
    response = login_as(clinician).post(
        url, {"to_phase": Phase.PROCESSING, "reason": "Skills are solid now"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Trauma processing is held" in page
    assert AWAITING.replace("'", "&#x27;") in page
    assert "Skills are solid now" in page  # the typed reason is kept
    assert not PhaseChange.objects.exists()
    assert _reload(plan).phase == Phase.STABILIZATION


def test_service_refuses_processing_and_names_what_is_missing(plan, clinician):
    with pytest.raises(ValidationError) as refused:
        phase_change(plan=plan, to_phase=Phase.PROCESSING, reason="Ready", by=clinician)
    assert NO_REVIEW in str(refused.value.message_dict["to_phase"])
    assert not PhaseChange.objects.exists()
    assert _reload(plan).phase == Phase.STABILIZATION


def test_move_to_processing_is_allowed_when_the_gate_is_open(plan, clinician, confirmed):
    change = phase_change(
        plan=plan, to_phase=Phase.PROCESSING, reason="Confirmed readiness", by=clinician
    )
    assert _reload(plan).phase == Phase.PROCESSING
    assert (change.from_phase, change.to_phase) == (Phase.STABILIZATION, Phase.PROCESSING)
    assert change.created_by == clinician
    assert change.reason == "Confirmed readiness"
    assert change.created_at is not None


def test_every_phase_change_is_recorded_with_who_when_and_why(plan, clinician, director, confirmed):
    phase_change(plan=plan, to_phase=Phase.PROCESSING, reason="Ready and confirmed", by=clinician)
    phase_change(plan=plan, to_phase=Phase.STABILIZATION, reason="Anniversary stress", by=director)
    changes = list(PhaseChange.objects.filter(plan=plan).order_by("created_at"))
    assert [(c.from_phase, c.to_phase, c.created_by, c.reason) for c in changes] == [
        (Phase.STABILIZATION, Phase.PROCESSING, clinician, "Ready and confirmed"),
        (Phase.PROCESSING, Phase.STABILIZATION, director, "Anniversary stress"),
    ]
    assert all(c.created_at <= timezone.now() for c in changes)
    assert _reload(plan).phase == Phase.STABILIZATION


def test_phase_changes_on_an_active_signed_plan(episode, clinician, confirmed):
    active = TreatmentPlan.objects.create(
        episode=episode,
        client=episode.client,
        program=episode.program,
        status=PlanStatus.ACTIVE,
        activated_at=timezone.now(),
    )
    phase_change(plan=active, to_phase=Phase.PROCESSING, reason="Confirmed", by=clinician)
    assert _reload(active).phase == Phase.PROCESSING


def test_a_superseded_plan_does_not_change_phase(episode, clinician):
    old = TreatmentPlan.objects.create(
        episode=episode, client=episode.client, program=episode.program, status="superseded"
    )
    with pytest.raises(ValidationError, match="superseded"):
        phase_change(plan=old, to_phase=Phase.INTEGRATION, reason="x", by=clinician)


def test_a_phase_change_needs_a_reason(plan, clinician, login_as):
    url = reverse("treatment_plans:phase_change", args=[plan.pk])
    response = login_as(clinician).post(url, {"to_phase": Phase.INTEGRATION, "reason": "  "})
    assert response.status_code == 400
    assert "Say why the phase changes." in response.content.decode()
    with pytest.raises(ValidationError):
        phase_change(plan=plan, to_phase=Phase.INTEGRATION, reason=" ", by=clinician)
    assert not PhaseChange.objects.exists()


# ---------------------------------------------------------------- held interventions


def test_processing_intervention_is_held_until_the_gate_opens_and_the_phase_moves(
    plan, clinician, director, calm_results
):
    emdr = plan.interventions.get()
    label, reason = intervention_status(emdr, gate_status(plan.episode))
    assert (label, reason) == ("Held", NO_REVIEW)
    readiness_confirm(review=review(plan.episode, clinician), by=director)
    emdr = plan.interventions.get()
    assert intervention_status(emdr, gate_status(plan.episode)) == (
        "Held",
        "the plan is in the stabilization and preparation phase",
    )
    phase_change(plan=plan, to_phase=Phase.PROCESSING, reason="Ready", by=clinician)
    emdr = plan.interventions.select_related("plan").get()
    assert intervention_status(emdr, gate_status(plan.episode)) == ("Active", "")


def test_other_interventions_are_active_whatever_the_gate(episode, clinician):
    skills = draft_plan(episode, clinician, modality="dbt_skills").interventions.get()
    assert intervention_status(skills, gate_status(episode)) == ("Active", "")


# ---------------------------------------------------------------- the plan page panel


def test_panel_is_registered_for_the_plan_page(plan, clinician):
    panels = plan_panels(plan, clinician)
    gate_panel = next(p for p in panels if p["template"] == "treatment_plans/gate/_panel.html")
    assert gate_panel["plan"] == plan
    assert not gate_panel["gate"].open


def _panel_html(plan, user) -> str:
    context = gate_panel_context(_reload(plan), user)
    return render_to_string("treatment_plans/gate/_panel.html", {"panel": context})


def test_panel_shows_the_held_intervention_and_the_clinicians_next_step(
    plan, clinician, calm_results
):
    context = gate_panel_context(plan, clinician)
    assert [held["reason"] for held in context["interventions_held"]] == [NO_REVIEW]
    html = _panel_html(plan, clinician)
    assert "Record a readiness review" in html
    assert "EMDR" in html and "Held" in html
    assert "Move to trauma processing" not in html
    assert "Confirm readiness review" not in html


def test_panel_offers_confirmation_to_a_director_who_did_not_record_it(
    plan, clinician, director, calm_results
):
    review(plan.episode, clinician)
    assert "Confirm readiness review" in _panel_html(plan, director)
    assert "Confirm readiness review" not in _panel_html(plan, clinician)


def test_panel_offers_the_move_to_processing_only_when_open(plan, clinician, confirmed):
    html = _panel_html(plan, clinician)
    assert "Move to trauma processing" in html
    phase_change(plan=plan, to_phase=Phase.PROCESSING, reason="Ready now", by=clinician)
    html = _panel_html(plan, clinician)
    assert "Move to trauma processing" not in html
    assert "Ready now" in html and clinician.display_name in html  # the phase history


def test_panel_uses_a_fixed_number_of_queries(plan, clinician, director, confirmed):
    def count() -> int:
        fresh = TreatmentPlan.objects.select_related("episode", "program").get(pk=plan.pk)
        with CaptureQueriesContext(connection) as queries:
            gate_panel_context(fresh, director)
        return len(queries)

    before = count()
    phase_change(plan=plan, to_phase=Phase.PROCESSING, reason="a", by=clinician)
    phase_change(plan=plan, to_phase=Phase.STABILIZATION, reason="b", by=clinician)
    assert count() == before


# ---------------------------------------------------------------- pages and access


def test_readiness_review_page_shows_the_intake_baseline(episode, clinician, login_as):
    Assessment.objects.create(
        client=episode.client,
        program=episode.program,
        status=AssessmentStatus.COMPLETED,
        completed_at=timezone.now(),
        affect_tolerance="limited",
        grounding_skill="learning",
    )
    url = reverse("treatment_plans:readiness_review_create", args=[episode.pk])
    response = login_as(clinician).get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Intake baseline" in page
    assert "Limited: overwhelmed by moderate distress" in page
    assert RecordView.objects.filter(user=clinician, page="Readiness review").exists()


def test_readiness_review_form_answers_bad_input_beside_the_field(episode, clinician, login_as):
    url = reverse("treatment_plans:readiness_review_create", args=[episode.pk])
    response = login_as(clinician).post(
        url, {"affect_tolerance": "adequate", "grounding_skill": "bogus", "notes": "Kept notes"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose one of the answers listed." in page
    assert "Say whether there is current self-harm." in page
    assert "Kept notes" in page
    assert re.search(r'value="adequate"[^>]*checked', page)  # the typed answer is kept
    assert not ReadinessReview.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.CLINICIAN, 200),
        (Role.DIRECTOR, 200),
        (Role.INTAKE, 403),
        (Role.PRESCRIBER, 403),
        (Role.PROBATION, 403),
    ],
)
def test_gate_pages_by_role(role, status, staff, plan, login_as):
    browser = login_as(staff[role])
    pages = [
        reverse("treatment_plans:readiness_review_create", args=[plan.episode_id]),
        reverse("treatment_plans:phase_change", args=[plan.pk]),
    ]
    assert [browser.get(url).status_code for url in pages] == [status, status]


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.DIRECTOR])
def test_same_role_in_another_program_gets_404(role, other_program, plan, clinician, login_as):
    recorded = review(plan.episode, clinician)
    browser = login_as(member(role, other_program))
    assert browser.get(reverse("treatment_plans:phase_change", args=[plan.pk])).status_code == 404
    create = reverse("treatment_plans:readiness_review_create", args=[plan.episode_id])
    assert browser.get(create).status_code == 404
    assert browser.post(create, READY).status_code == 404
    phase = reverse("treatment_plans:phase_change", args=[plan.pk])
    assert browser.post(phase, {"to_phase": "integration", "reason": "x"}).status_code == 404
    confirm = reverse("treatment_plans:readiness_confirm", args=[recorded.pk])
    expected = 404 if role == Role.DIRECTOR else 403
    assert browser.post(confirm).status_code == expected
    assert not PhaseChange.objects.exists()
    recorded.refresh_from_db()
    assert recorded.confirmed_at is None


def test_confirm_is_post_only(episode, clinician, director, calm_results, login_as):
    recorded = review(episode, clinician)
    url = reverse("treatment_plans:readiness_confirm", args=[recorded.pk])
    assert login_as(director).get(url).status_code == 405


def test_move_to_processing_in_the_browser_goes_back_to_the_plan_page(
    plan, clinician, confirmed, login_as
):
    url = reverse("treatment_plans:phase_change", args=[plan.pk])
    response = login_as(clinician).post(
        url, {"to_phase": Phase.PROCESSING, "reason": "Confirmed readiness"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("treatment_plans:plan_detail", args=[plan.pk])
    assert PhaseChange.objects.get().created_by == clinician
    assert _reload(plan).phase == Phase.PROCESSING


def test_plan_page_shows_the_gate_panel(plan, clinician, calm_results, login_as):
    page = login_as(clinician).get(reverse("treatment_plans:plan_detail", args=[plan.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Phase and trauma readiness" in html
    assert NO_REVIEW in html
    assert "Record a readiness review" in html
