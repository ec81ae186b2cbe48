"""Raw SQL against the locks on signed and final records: each statement is one an
attacker with the app's database access tried (issue 10), and each must be refused.

The statements run as the app would send them; the suite's superuser is the only
connection that may get past (``session_replication_role``), and it is not used here.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from iop.accounts.models import Membership, Role
from tests.factories import member

# Tables that take no DELETE/TRUNCATE lock, each with the reason. Everything else in our
# apps is clinical or audit data and must refuse both.
NOT_CLINICAL = {
    "accounts_user": "staff accounts are deactivated; their changes are in accounts_userevent",
    "accounts_program": "program settings; their changes are in accounts_programevent",
    "accounts_membership": "roles; their changes are in accounts_membershipevent",
    "accounts_staffinvitation": "one-time sign-up links that expire",
    "accounts_user_groups": "Django's permission groups (unused; roles are memberships)",
    "accounts_user_user_permissions": "Django's per-user permissions (unused)",
    "clients_levelofcare": "ASAM reference data, loaded by a migration",
    "notifications_outboxmessage": "reminder queue; by design it holds no PHI",
    "treatment_plans_modality": "intervention library",
    "treatment_plans_plantemplate": "plan template library",
    "scheduling_room": "program configuration",
    "scheduling_track": "program configuration",
    "scheduling_trackblock": "program configuration",
    "scheduling_closure": "program configuration",
    "scheduling_servicecode": "billing code list",
    "groups_groupkind": "group kind library",
    "groups_group": "group definitions (rosters are locked)",
    "groups_facilitator": "who may lead a group; replaced when staff change",
    "groups_curriculumtopic": "curriculum; retired topics are set inactive",
}

# Rows staff may legitimately remove while the record they belong to is still a draft;
# their own trigger refuses DELETE once it is signed, and TRUNCATE is always refused.
DISCARDABLE_WHILE_DRAFT = {
    "treatment_plans_planproblem": "a draft plan's problem is removed while it is written",
    "treatment_plans_plangoal": "as its problem",
    "treatment_plans_planobjective": "as its goal",
    "treatment_plans_planintervention": "as its problem",
    "treatment_plans_plandiagnosis": "a draft plan's diagnosis is corrected by removing it",
    "scheduling_noteobjective": "an objective unlinked from a draft note",
    # Django's own link table: its triggers are SQL in treatment_plans 0001_squashed_initial.
    "treatment_plans_planproblem_instrument_results": "a finding unlinked from a draft problem",
}

# Every app of this repository (not Django's or a library's), from the app registry.
OUR_APPS = tuple(
    app.label
    for app in apps.get_app_configs()
    if Path(app.path).is_relative_to(settings.BASE_DIR) and "site-packages" not in app.path
)


def refused(sql: str, params: list | None = None, match: str = "") -> None:
    with pytest.raises(DatabaseError, match=match), transaction.atomic():
        with connection.cursor() as cursor:
            # Deferred foreign-key checks would make TRUNCATE fail before any trigger runs.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(sql, params)


def lock_trigger_names(table: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
            [table],
        )
        return [row[0] for row in cursor.fetchall()]


def ignoring(*tables: str) -> str:
    """``SET LOCAL pgtrigger.ignore`` naming every trigger on the tables: the bypass."""
    names = [name for table in tables for name in lock_trigger_names(table)]
    return "SET LOCAL pgtrigger.ignore = '{" + ",".join(names) + "}'"


def with_bypass(tables: tuple[str, ...], sql: str, params: list, match: str) -> None:
    with pytest.raises(DatabaseError, match=match), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(ignoring(*tables))
            cursor.execute(sql, params)


# ---------------------------------------------------------------- co-signatures


@pytest.fixture
def trainee_note(program, staff):
    from scheduling.services import group_notes
    from tests.scheduling.charting_helpers import group_with, own_part, sign_note

    supervisor = staff[Role.CLINICIAN]
    trainee = member(Role.CLINICIAN, program, first_name="Ira", last_name="Intern")
    Membership.objects.filter(user=trainee).update(notes_need_cosign=True, supervisor=supervisor)
    session, (attendee,) = group_with(program, trainee, 1)
    group_notes.group_note_save(
        session=session,
        topic="Coping with cravings",
        interventions="Urge-surfing rehearsal.",
        duration_minutes=90,
        actor=trainee,
        revision=0,
    )
    note = group_notes.group_part_save(
        attendee=attendee,
        body=own_part(attendee.client.legal_first_name),
        objective_ids=(),
        actor=trainee,
        revision=0,
    )
    return sign_note(note, trainee)


COSIGN = "UPDATE scheduling_progressnote SET cosigned_at = %s, cosigned_by_id = %s WHERE id = %s"


def test_a_cosignature_cannot_be_forged_on_a_note_that_needs_none(program, staff):
    from scheduling.services import group_notes
    from tests.scheduling.charting_helpers import group_with, own_part, sign_note

    author, director = staff[Role.CLINICIAN], staff[Role.DIRECTOR]
    session, (attendee,) = group_with(program, author, 1)
    group_notes.group_note_save(
        session=session,
        topic="Values",
        interventions="Card sort.",
        duration_minutes=90,
        actor=author,
        revision=0,
    )
    note = sign_note(
        group_notes.group_part_save(
            attendee=attendee,
            body=own_part("Avery"),
            objective_ids=(),
            actor=author,
            revision=0,
        ),
        author,
    )
    assert not note.cosign_required
    refused(COSIGN, [timezone.now(), director.pk, note.pk], match="needs a co-signature")


def test_a_cosignature_is_written_once_and_never_replaced_or_erased(trainee_note, staff):
    director, clinician = staff[Role.DIRECTOR], staff[Role.CLINICIAN]
    note = trainee_note
    refused(COSIGN, [timezone.now(), None, note.pk], match="both its signer and its time")
    refused(COSIGN, [timezone.now(), note.author_id, note.pk], match="does not co-sign")
    with connection.cursor() as cursor:  # the one legitimate write: empty to set
        cursor.execute(COSIGN, [timezone.now(), clinician.pk, note.pk])
    refused(COSIGN, [timezone.now(), director.pk, note.pk], match="written once")  # replace
    refused(COSIGN, [None, None, note.pk], match="written once")  # erase
    refused(
        "UPDATE scheduling_progressnote SET cosigned_at = cosigned_at - interval '1 day' "
        "WHERE id = %s",
        [note.pk],
        match="written once",
    )


def test_pgtrigger_ignore_does_not_open_a_signed_note(trainee_note):
    tables = ("scheduling_progressnote",)
    with_bypass(
        tables,
        "UPDATE scheduling_progressnote SET signed_text = 'rewritten' WHERE id = %s",
        [trainee_note.pk],
        match="signed records are locked",
    )
    with_bypass(
        tables,
        "UPDATE scheduling_progressnote SET cosigned_at = now(), cosigned_by_id = author_id "
        "WHERE id = %s",
        [trainee_note.pk],
        match="does not co-sign",
    )
    with_bypass(
        tables,
        "DELETE FROM scheduling_progressnote WHERE id = %s",
        [trainee_note.pk],
        match="never deleted",
    )
    with_bypass(tables, "TRUNCATE scheduling_progressnote CASCADE", [], match="never")
    trainee_note.refresh_from_db()
    assert trainee_note.signed_text != "rewritten"


# ---------------------------------------------------------------- consents


@pytest.fixture
def consent_signer(staff):
    return staff[Role.INTAKE]


@pytest.fixture
def officer(program):
    return member(Role.PROBATION, program, first_name="Pat", last_name="Okafor")


def _signed_consent(client_record, officer, witness, **fields):
    from tests.intake.consent_helpers import make_consent, sign

    return sign(make_consent(client_record, officer, **fields), witness)


REVOKE = (
    "UPDATE intake_consent SET revoked_at = %s, revoked_recorded_by_id = %s, "
    "revocation_note = %s WHERE id = %s"
)


def test_a_revoked_consent_cannot_be_unrevoked(client_record, officer, consent_signer):
    consent = _signed_consent(client_record, officer, consent_signer)
    with connection.cursor() as cursor:  # the one legitimate write: empty to set
        cursor.execute(REVOKE, [timezone.now(), consent_signer.pk, "In writing.", consent.pk])
    refused(REVOKE, [None, None, "", consent.pk], match="never undone")
    refused(
        "UPDATE intake_consent SET revocation_note = 'changed' WHERE id = %s",
        [consent.pk],
        match="never undone",
    )


def test_an_irrevocable_criminal_justice_consent_cannot_be_revoked(
    client_record, officer, consent_signer
):
    from intake.models import ConsentKind

    consent = _signed_consent(
        client_record,
        officer,
        consent_signer,
        kind=ConsentKind.CRIMINAL_JUSTICE,
        irrevocable_until=timezone.localdate() + datetime.timedelta(days=60),
    )
    refused(
        REVOKE,
        [timezone.now(), consent_signer.pk, "Client asked.", consent.pk],
        match="cannot be revoked before",
    )


def test_an_unsigned_consent_cannot_be_revoked_and_a_signed_one_not_deleted(
    client_record, officer, consent_signer
):
    from tests.intake.consent_helpers import make_consent

    draft = make_consent(client_record, officer)
    refused(REVOKE, [timezone.now(), consent_signer.pk, "", draft.pk], match="only a signed")
    signed = _signed_consent(client_record, officer, consent_signer)
    refused("DELETE FROM intake_consent WHERE id = %s", [signed.pk], match="never deleted")
    refused("TRUNCATE intake_consent CASCADE", match="never deleted")


# ---------------------------------------------------------------- treatment plans


@pytest.fixture
def plan_people(staff):
    return staff[Role.CLINICIAN], staff[Role.DIRECTOR]


@pytest.fixture
def active(client_record, plan_people, staff):
    from iop.clients.models import Episode
    from tests.treatment_plans.plan_helpers import active_plan, completed_intake

    clinician, director = plan_people
    completed_intake(client_record, staff[Role.INTAKE])
    return active_plan(Episode.objects.get(client=client_record), clinician, director)


def _status(plan_id, status: str, superseded: bool = False) -> None:
    refused(
        "UPDATE treatment_plans_treatmentplan SET status = %s, superseded_at = "
        + ("now()" if superseded else "NULL")
        + " WHERE id = %s",
        [status, plan_id],
        match="draft to active to superseded|stays superseded",
    )


def test_a_signed_plan_never_goes_back_to_draft(active):
    _status(active.pk, "draft")
    _status(active.pk, "superseded")  # superseded without saying when
    with connection.cursor() as cursor:  # what a newer version does to it
        cursor.execute(
            "UPDATE treatment_plans_treatmentplan SET status = 'superseded', "
            "superseded_at = now() WHERE id = %s",
            [active.pk],
        )
    _status(active.pk, "active")
    _status(active.pk, "draft")
    refused("DELETE FROM treatment_plans_treatmentplan WHERE id = %s", [active.pk], match="never")


def test_a_signed_problem_keeps_the_findings_it_was_signed_with(active):
    from intake.models import InstrumentResult

    problem = active.problems.first()
    finding = InstrumentResult.objects.filter(client=active.client).earliest("administered_at")
    table = "treatment_plans_planproblem_instrument_results"
    refused(
        f"INSERT INTO {table} (planproblem_id, instrumentresult_id) VALUES (%s, %s)",  # noqa: S608
        [problem.pk, finding.pk],
        match="Signed plan versions are locked",
    )
    refused(f"TRUNCATE {table}", match="never deleted")


def test_a_confirmed_readiness_review_and_a_plan_review_are_final(active, plan_people, staff):
    from treatment_plans.models import PlanObjective, PlanReview, PlanReviewItem, ReadinessReview

    clinician, director = plan_people
    review = ReadinessReview.objects.create(
        episode=active.episode,
        affect_tolerance="adequate",
        grounding_skill="working",
        self_harm="none",
        home_stability="stable",
        acute_suicide_risk=False,
        ready=True,
        created_by=clinician,
    )
    with connection.cursor() as cursor:  # confirming is the one write after recording
        cursor.execute(
            "UPDATE treatment_plans_readinessreview SET confirmed_at = now(), "
            "confirmed_by_id = %s WHERE id = %s",
            [director.pk, review.pk],
        )
    for sql in (
        "UPDATE treatment_plans_readinessreview SET ready = false WHERE id = %s",
        "UPDATE treatment_plans_readinessreview SET confirmed_at = NULL WHERE id = %s",
        "DELETE FROM treatment_plans_readinessreview WHERE id = %s",
    ):
        refused(sql, [review.pk], match="final|never deleted")
    plan_review = PlanReview.objects.create(
        plan=active, reviewed_on=timezone.localdate(), summary="Engaged.", created_by=clinician
    )
    refused(
        "UPDATE treatment_plans_planreview SET summary = 'Rewritten' WHERE id = %s",
        [plan_review.pk],
        match="final once recorded",
    )
    objective = PlanObjective.objects.filter(goal__problem__plan=active).first()
    item = PlanReviewItem.objects.create(
        review=plan_review, objective=objective, rating="progressing", evidence="Shown."
    )
    refused(
        "UPDATE treatment_plans_planreviewitem SET rating = 'met' WHERE id = %s",
        [item.pk],
        match="final once recorded",
    )


# ---------------------------------------------------------------- intake


def test_scores_and_completed_assessments_accept_no_update(client_record, staff):
    from tests.treatment_plans.plan_helpers import completed_intake

    assessment = completed_intake(client_record, staff[Role.INTAKE])
    refused(
        "UPDATE intake_instrumentresult SET score = 0 WHERE assessment_id = %s",
        [assessment.pk],
        match="instrument scores are final",
    )
    refused(
        "UPDATE intake_assessment SET placement_level_id = NULL WHERE id = %s",
        [assessment.pk],
        match="completed assessment is final",
    )
    refused(
        "UPDATE intake_asamrating SET rating = 4 WHERE assessment_id = %s",
        [assessment.pk],
        match="completed assessment is final",
    )


# ---------------------------------------------------------------- the catalog


def _our_tables() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"
        )
        names = {row[0] for row in cursor.fetchall()}
    return {n for n in names if n.startswith(tuple(f"{app}_" for app in OUR_APPS))}


def _guarded(event: str) -> set[str]:
    """Tables with a non-internal trigger on ``event`` whose function has no way around it."""
    bit = {"DELETE": 8, "TRUNCATE": 32}[event]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.tgrelid::regclass::text, p.prosrc FROM pg_trigger t "
            "JOIN pg_proc p ON p.oid = t.tgfoid "
            "WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND (t.tgtype & %s) <> 0",
            [bit],
        )
        rows = cursor.fetchall()
    return {table for table, source in rows if "_pgtrigger_should_ignore" not in source}


@pytest.mark.django_db
def test_every_clinical_and_audit_table_refuses_delete_and_truncate():
    tables = _our_tables() - set(NOT_CLINICAL)
    assert "scheduling_progressnote" in tables and "audit_recordview" in tables
    assert "pghistory_context" not in tables  # pghistory's own: checked below
    no_delete = tables - _guarded("DELETE")
    no_truncate = tables - _guarded("TRUNCATE")
    assert not no_delete, f"add iop.locks.never_deleted() (or list them here): {no_delete}"
    assert not no_truncate, f"add iop.locks.never_truncated(): {no_truncate}"
    stale = (set(NOT_CLINICAL) | set(DISCARDABLE_WHILE_DRAFT)) - _our_tables()
    assert not stale, f"allowlisted tables that no longer exist: {stale}"


def test_history_and_audit_rows_cannot_be_removed_even_with_pgtrigger_ignore(client_record):
    for table in (
        "audit_recordview",
        "audit_auditevent",
        "signatures_signature",
        "scheduling_addendum",
        "clients_clientevent",
        "scheduling_progressnoteevent",
    ):
        with_bypass((table,), f"TRUNCATE {table} CASCADE", [], match=f"{table}: ")
    # Admitting the client wrote history rows; a row-level lock needs rows to refuse.
    refused(ignoring("clients_clientevent") + "; DELETE FROM clients_clientevent", match="append")
    refused(
        ignoring("clients_clientevent") + "; UPDATE clients_clientevent SET legal_last_name = 'X'",
        match="append",
    )
