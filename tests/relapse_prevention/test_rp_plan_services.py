"""Relapse prevention plan versions, signatures, the database lock, bad input and reviews."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from iop.accounts.models import Role
from iop.audit.models import AuditEvent
from iop.signatures.models import Signature, SignerRole
from iop.signatures.text import content_hash
from relapse_prevention.models import (
    Lapse,
    PlanCrisisResource,
    PlanHighRiskDate,
    PlanSafeContact,
    PlanTrigger,
    RelapsePlanReview,
    RelapsePreventionPlan,
)
from relapse_prevention.services.plan_parts import rp_plan_part_edit
from relapse_prevention.services.plan_reviews import (
    rp_plan_last_reviewed,
    rp_plan_review_due,
    rp_plan_review_record,
)
from relapse_prevention.services.plan_signing import rp_plan_sign
from relapse_prevention.services.plan_text import rp_plan_diff, rp_plan_text
from relapse_prevention.services.plans import NO_COPING, NO_TRIGGER, rp_plan_start
from tests.factories import ClientFactory, EpisodeFactory
from tests.relapse_prevention.rp_plan_helpers import add, built_draft, sign_both, skill

pytestmark = pytest.mark.django_db
PLANS = "relapse_prevention_relapsepreventionplan"


@pytest.fixture
def clinician(staff):
    return staff[Role.CLINICIAN]


def test_first_version_has_988_and_the_programs_line(program, client_record, clinician):
    program.crisis_line_name, program.crisis_line_phone = "Riverside after-hours", "555-0100"
    program.save()
    plan = rp_plan_start(client=client_record, by=clinician)
    lines = [(c.name, c.contact) for c in plan.crisis_resources.order_by("order")]
    assert lines == [
        ("988 Suicide & Crisis Lifeline", "Call or text 988"),
        ("Riverside after-hours", "555-0100"),
    ]


def test_no_program_line_means_only_988(client_record, clinician):
    plan = rp_plan_start(client=client_record, by=clinician)
    assert plan.crisis_resources.count() == 1


def test_signing_needs_both_and_locks_with_the_hash(client_record, clinician):
    plan = built_draft(client_record, clinician)
    text = rp_plan_text(plan)
    plan = rp_plan_sign(
        plan=plan,
        role=SignerRole.CLIENT,
        by=clinician,
        shown_sha256=content_hash(text),
        typed_name=f"  {client_record.legal_name.upper()} ",
    )
    assert plan.is_draft
    assert not AuditEvent.objects.filter(action="relapse_plan_signed").exists()
    plan = sign_both(plan, clinician)
    assert plan.status == "in_effect" and plan.signed_text == text
    hashes = set(Signature.for_object(plan).values_list("content_sha256", flat=True))
    assert hashes == {content_hash(text)}
    # The audit log names the moment once, when the second signature locks the plan.
    (event,) = AuditEvent.objects.filter(action="relapse_plan_signed")
    assert event.client == client_record and event.actor == clinician
    assert event.summary.startswith("Relapse prevention plan version 1 signed by the client")


def test_a_wrong_typed_name_is_refused(client_record, clinician):
    plan = built_draft(client_record, clinician)
    with pytest.raises(ValidationError) as error:
        rp_plan_sign(
            plan=plan,
            role=SignerRole.CLIENT,
            by=clinician,
            shown_sha256=content_hash(rp_plan_text(plan)),
            typed_name="Someone Else",
        )
    assert "does not match the legal name" in str(error.value)
    assert not Signature.for_object(plan).exists()


@pytest.mark.parametrize(("drop", "message"), [("triggers", NO_TRIGGER), ("coping", NO_COPING)])
def test_signing_without_a_trigger_or_coping_is_refused(client_record, clinician, drop, message):
    plan = rp_plan_start(client=client_record, by=clinician)
    if drop != "triggers":
        add(plan, "triggers", clinician, category="people", description="My old friends")
    else:
        add(plan, "coping", clinician, description="Box breathing")
    plan.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        rp_plan_sign(
            plan=plan,
            role=SignerRole.CLINICIAN,
            by=clinician,
            shown_sha256=content_hash(rp_plan_text(plan)),
        )
    assert message in error.value.messages
    plan.refresh_from_db()
    assert plan.clinician_signed_at is None and not Signature.for_object(plan).exists()


def test_a_new_version_copies_every_part_and_the_diff_shows_the_change(client_record, clinician):
    first = sign_both(built_draft(client_record, clinician), clinician)
    second = rp_plan_start(client=client_record, by=clinician)
    assert second.version == 2 and second.previous_id == first.pk
    for related in (
        "triggers",
        "warning_signs",
        "coping_strategies",
        "safe_contacts",
        "high_risk_dates",
        "crisis_resources",
    ):
        assert getattr(second, related).count() == getattr(first, related).count() > 0
    add(second, "triggers", clinician, category="emotions", description="Feeling lonely at night")
    second = sign_both(RelapsePreventionPlan.objects.get(pk=second.pk), clinician)
    first.refresh_from_db()
    assert first.status == "superseded" and second.status == "in_effect"
    added = [line.text for line in rp_plan_diff(first, second) if line.kind == "added"]
    assert added == ["- Emotions: Feeling lonely at night"]


def test_the_database_refuses_changes_to_a_signed_plan_and_its_parts(client_record, clinician):
    plan = sign_both(built_draft(client_record, clinician), clinician)
    statements = [
        f"UPDATE {PLANS} SET what_others_do='x' WHERE id='{plan.pk}'",
        f"DELETE FROM {PLANS} WHERE id='{plan.pk}'",
        f"UPDATE relapse_prevention_plantrigger SET description='x' WHERE plan_id='{plan.pk}'",
        f"DELETE FROM relapse_prevention_plantrigger WHERE plan_id='{plan.pk}'",
        "TRUNCATE relapse_prevention_plantrigger CASCADE",
        "TRUNCATE relapse_prevention_relapsepreventionplan CASCADE",
    ]
    for sql in statements:
        with pytest.raises(DatabaseError), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql)
    assert PlanTrigger.objects.get(plan=plan).description == "The bar on 5th Street"


def test_a_drafts_parts_may_change_and_go(client_record, clinician):
    plan = built_draft(client_record, clinician)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE relapse_prevention_plantrigger SET description='x' WHERE plan_id=%s", [plan.pk]
        )
        cursor.execute("DELETE FROM relapse_prevention_plantrigger WHERE plan_id=%s", [plan.pk])
    assert not plan.triggers.exists()


@pytest.mark.parametrize(
    ("section", "fields", "field", "message"),
    [
        (
            "dates",
            {"kind": "court", "label": "Court", "on_date": None},
            "on_date",
            "Give the date of this high-risk day.",
        ),
        (
            "contacts",
            {"name": "", "phone": "(202) 555-0143", "when_to_call": "Any time"},
            "name",
            "Give the name of the person to call.",
        ),
        (
            "contacts",
            {"name": "Ana", "phone": "", "when_to_call": "Any time"},
            "phone",
            "Give a phone number for this person.",
        ),
        (
            "contacts",
            {"name": "Ana", "phone": "12", "when_to_call": "Any time"},
            "phone",
            "Enter a phone number with its area code",
        ),
        (
            "contacts",
            {"name": "Ana", "phone": "(202) 555-0143", "when_to_call": " "},
            "when_to_call",
            "Say when to call this person.",
        ),
        (
            "triggers",
            {"category": "people", "description": ""},
            "description",
            "Describe the trigger in the client's words.",
        ),
    ],
)
def test_bad_parts_are_refused_and_nothing_is_saved(
    client_record, clinician, section, fields, field, message
):
    plan = rp_plan_start(client=client_record, by=clinician)
    revision = plan.revision
    with pytest.raises(ValidationError) as error:
        add(plan, section, clinician, **fields)
    assert message in error.value.message_dict[field][0]
    plan.refresh_from_db()
    assert plan.revision == revision
    assert not PlanHighRiskDate.objects.exists() and not PlanSafeContact.objects.exists()
    assert not PlanTrigger.objects.exists()


def test_a_skill_of_another_program_is_refused(client_record, clinician, other_program):
    plan = rp_plan_start(client=client_record, by=clinician)
    with pytest.raises(ValidationError) as error:
        add(plan, "coping", clinician, description="Grounding", skill=skill(other_program))
    assert error.value.message_dict["skill"] == ["Choose a skill taught in this program's groups."]
    assert not plan.coping_strategies.exists()


def test_a_stale_revision_is_refused(client_record, clinician):
    plan = built_draft(client_record, clinician)
    part = plan.triggers.get()
    with pytest.raises(ValidationError) as error:
        rp_plan_part_edit(part=part, by=clinician, revision=plan.revision - 1, description="x")
    assert "Someone else saved this plan" in error.value.messages[0]
    part.refresh_from_db()
    assert part.description == "The bar on 5th Street"


def test_an_edit_after_one_signature_asks_to_sign_again(client_record, clinician):
    plan = built_draft(client_record, clinician)
    plan = rp_plan_sign(
        plan=plan,
        role=SignerRole.CLINICIAN,
        by=clinician,
        shown_sha256=content_hash(rp_plan_text(plan)),
    )
    add(plan, "triggers", clinician, category="dates", description="December")
    plan.refresh_from_db()
    assert plan.clinician_signed_at is None


def test_the_crisis_resource_survives_a_version(client_record, clinician):
    sign_both(built_draft(client_record, clinician), clinician)
    draft = rp_plan_start(client=client_record, by=clinician)
    assert PlanCrisisResource.objects.filter(plan=draft).count() == 1


# ---------------------------------------------------------------- reviews


def test_no_signed_plan_is_a_reason(client_record):
    assert rp_plan_review_due(client_record, client_record.program.today()) == [
        "There is no signed relapse prevention plan yet."
    ]


def _lapse(client, on, by, **kw):
    return Lapse.objects.create(
        client=client,
        episode=client.episodes.first(),
        program=client.program,
        occurred_on=on,
        substance_or_behavior="Alcohol",
        recorded_at=client.program.now(),
        recorded_by=by,
        created_by=by,
        **kw,
    )


def test_a_lapse_after_the_signing_is_due_until_reviewed(client_record, clinician):
    plan = sign_both(built_draft(client_record, clinician), clinician)
    today = client_record.program.today()
    assert rp_plan_review_due(client_record, today) == []
    _lapse(client_record, today, clinician)
    (reason,) = rp_plan_review_due(client_record, today)
    assert "A lapse on" in reason
    rp_plan_review_record(
        plan=plan,
        by=clinician,
        reviewed_on=today,
        occasion="lapse",
        summary="Talked it through",
        changes_needed=False,
    )
    assert rp_plan_review_due(client_record, today) == []
    assert rp_plan_last_reviewed(plan) == today


def test_a_lapse_entered_in_error_is_no_reason(client_record, clinician):
    sign_both(built_draft(client_record, clinician), clinician)
    today = client_record.program.today()
    _lapse(client_record, today, clinician, entered_in_error_at=client_record.program.now())
    assert rp_plan_review_due(client_record, today) == []


def test_the_treatment_plan_review_edge(client_record, clinician, monkeypatch):
    from treatment_plans.models import TreatmentPlan

    sign_both(built_draft(client_record, clinician), clinician)
    program = client_record.program
    today = program.today()
    episode = client_record.episodes.first()
    TreatmentPlan.objects.create(
        episode=episode,
        client=client_record,
        program=program,
        status="active",
        review_due_on=today + datetime.timedelta(days=1),
        created_by=clinician,
    )
    assert rp_plan_review_due(client_record, today) == []
    later = today + datetime.timedelta(days=program.plan_review_days + 1)
    TreatmentPlan.objects.filter(client=client_record).update(review_due_on=later)
    assert rp_plan_review_due(client_record, later - datetime.timedelta(days=1)) == []
    (reason,) = rp_plan_review_due(client_record, later)
    assert "treatment plan review was due" in reason


def test_changes_needed_starts_a_new_draft_and_a_review_is_final(client_record, clinician):
    plan = sign_both(built_draft(client_record, clinician), clinician)
    rp_plan_review_record(
        plan=plan,
        by=clinician,
        reviewed_on=client_record.program.today(),
        occasion="other",
        summary="New job: new triggers",
        changes_needed=True,
    )
    assert RelapsePreventionPlan.objects.drafts().get(client=client_record).version == 2
    (event,) = AuditEvent.objects.filter(action="relapse_plan_reviewed")
    assert event.summary == (
        "Relapse prevention plan version 1 reviewed (other); a new version started"
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        RelapsePlanReview.objects.update(summary="changed")


def test_a_review_needs_a_summary(client_record, clinician):
    plan = sign_both(built_draft(client_record, clinician), clinician)
    with pytest.raises(ValidationError) as error:
        rp_plan_review_record(
            plan=plan,
            by=clinician,
            reviewed_on=client_record.program.today(),
            occasion="other",
            summary=" ",
            changes_needed=True,
        )
    assert error.value.message_dict["summary"] == ["Write what you talked through with the client."]
    assert not RelapsePlanReview.objects.exists()
    assert not RelapsePreventionPlan.objects.drafts().exists()


def test_another_clients_plan_is_their_own(program, clinician):
    other: Any = EpisodeFactory(client=ClientFactory(program=program)).client
    assert rp_plan_start(client=other, by=clinician).version == 1
