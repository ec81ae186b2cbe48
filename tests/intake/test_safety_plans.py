"""The written safety plan: required before "plan completed", signed by both, locked, versioned,
on the chart, printed for the client; and the pages read with the client show no risk flags."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse
from django.utils import timezone

from intake.models import SafetyAlert, SafetyPlan, SafetyPlanDecision
from intake.services.safety_plans import safety_plan_text
from iop.accounts.models import Role
from iop.audit.models import AuditAction, AuditEvent, RecordView
from iop.signatures.models import Signature, content_hash
from tests.intake.safety_plan_helpers import (
    WORDS,
    client_with_alert,
    in_days,
    open_alert,
    signed_plan,
    written_draft,
)

WRITERS = [Role.CLINICIAN, Role.PRESCRIBER, Role.DIRECTOR]
REFUSED = [Role.INTAKE, Role.PROBATION, Role.ADMINISTRATOR]


@pytest.fixture
def clinician(staff):
    return staff[Role.CLINICIAN]


@pytest.fixture
def person(program, clinician):
    return client_with_alert(program, clinician)


def acknowledge_post(decision: str = SafetyPlanDecision.PLAN_COMPLETED) -> dict[str, str]:
    return {
        "risk_assessment": "Passive ideation, no plan or intent; protective: daughter, dog.",
        "safety_plan_decision": decision,
        "decision_notes": "",
    }


# ---------------------------------------------------------------- the alert needs a written plan


def test_plan_completed_without_a_written_plan_is_refused(person, clinician, login_as):
    alert = open_alert(person)
    response = login_as(clinician).post(
        reverse("intake:alert_acknowledge", args=[alert.pk]), acknowledge_post()
    )
    assert response.status_code == 400
    assert "There is no safety plan signed since this alert was raised" in response.text
    alert.refresh_from_db()
    assert alert.is_open and alert.safety_plan is None


def test_an_unsigned_draft_is_not_enough(person, clinician, login_as):
    written_draft(person, clinician)
    alert = open_alert(person)
    response = login_as(clinician).post(
        reverse("intake:alert_acknowledge", args=[alert.pk]),
        acknowledge_post(SafetyPlanDecision.PLAN_UPDATED),
    )
    assert response.status_code == 400
    assert "Continue the safety plan" in response.text
    assert SafetyAlert.objects.get(pk=alert.pk).is_open


def test_a_plan_signed_before_the_alert_does_not_answer_it(program, clinician, login_as):
    person = client_with_alert(program, clinician)
    old_alert = open_alert(person)
    plan = signed_plan(person, clinician)
    SafetyAlert.objects.filter(pk=old_alert.pk).update(acknowledged_at=timezone.now())
    from intake.services.instruments import instrument_record
    from tests.intake.safety_plan_helpers import PHQ9_ITEM9

    instrument_record(client=person, instrument="phq9", answers=PHQ9_ITEM9, by=clinician)
    new_alert = open_alert(person)
    response = login_as(clinician).post(
        reverse("intake:alert_acknowledge", args=[new_alert.pk]), acknowledge_post()
    )
    assert response.status_code == 400
    assert plan.pk  # the older plan stays on file, but a new risk needs a reviewed plan


def test_the_alert_page_offers_to_write_the_plan(person, clinician, login_as):
    alert = open_alert(person)
    response = login_as(clinician).get(reverse("intake:alert_acknowledge", args=[alert.pk]))
    assert "Write the safety plan with the client" in response.text
    assert reverse("intake:safety_plan_start", args=[person.pk]) in response.text


def test_plan_completed_with_a_signed_plan_closes_the_alert_and_names_it(
    person, clinician, login_as
):
    plan = signed_plan(person, clinician)
    alert = open_alert(person)
    page = login_as(clinician).get(reverse("intake:alert_acknowledge", args=[alert.pk]))
    assert f"Version {plan.version} signed" in page.text
    response = login_as(clinician).post(
        reverse("intake:alert_acknowledge", args=[alert.pk]), acknowledge_post()
    )
    assert response.status_code == 302
    alert.refresh_from_db()
    assert not alert.is_open and alert.safety_plan == plan


def test_signing_the_last_signature_leads_back_to_the_open_alert(person, clinician, login_as):
    plan = written_draft(person, clinician)
    http = login_as(clinician)
    url = reverse("intake:safety_plan_sign", args=[plan.pk])
    shown = content_hash(safety_plan_text(plan))
    http.post(
        url,
        {
            "role": "client",
            "client-typed_name": person.legal_name,
            "client-confirm": "on",
            "client-text_sha256": shown,
        },
    )
    response = http.post(
        url, {"role": "clinician", "clinician-confirm": "on", "clinician-text_sha256": shown}
    )
    assert response["Location"] == reverse("intake:alert_acknowledge", args=[open_alert(person).pk])
    plan.refresh_from_db()
    assert plan.signed_at is not None
    assert AuditEvent.objects.filter(
        action=AuditAction.SAFETY_PLAN_SIGNED, object_id=plan.pk
    ).exists()


# ---------------------------------------------------------------- writing and signing


def test_writing_the_plan_from_the_chart(person, clinician, login_as):
    http = login_as(clinician)
    response = http.post(reverse("intake:safety_plan_start", args=[person.pk]))
    plan = SafetyPlan.objects.get(client=person)
    assert response["Location"] == reverse("intake:safety_plan_edit", args=[plan.pk])
    data = {**WORDS, "review_on": in_days(21).isoformat(), "then": "sign"}
    response = http.post(reverse("intake:safety_plan_edit", args=[plan.pk]), data)
    assert response["Location"] == reverse("intake:safety_plan_sign", args=[plan.pk])
    plan.refresh_from_db()
    assert plan.reasons_for_living == WORDS["reasons_for_living"]
    assert plan.review_on == in_days(21)


def test_a_review_date_in_the_past_is_refused_and_nothing_saved(person, clinician, login_as):
    plan = written_draft(person, clinician)
    data = {**WORDS, "reasons_for_living": "Changed words", "review_on": in_days(-1).isoformat()}
    response = login_as(clinician).post(reverse("intake:safety_plan_edit", args=[plan.pk]), data)
    assert response.status_code == 400
    assert "Choose a review date after today." in response.text
    assert "Changed words" in response.text  # what was typed is kept
    plan.refresh_from_db()
    assert plan.reasons_for_living == WORDS["reasons_for_living"]


def test_a_plan_with_empty_sections_cannot_be_signed(person, clinician, login_as):
    plan = written_draft(person, clinician, reasons_for_living="", safer_environment="")
    shown = content_hash(safety_plan_text(plan))
    response = login_as(clinician).post(
        reverse("intake:safety_plan_sign", args=[plan.pk]),
        {"role": "clinician", "clinician-confirm": "on", "clinician-text_sha256": shown},
    )
    assert response.status_code == 400
    assert "Write “My reasons for living”." in response.text
    assert "Write “Making my surroundings safer”." in response.text
    plan.refresh_from_db()
    assert plan.clinician_signed_at is None and plan.signed_at is None
    assert not Signature.for_object(plan).exists()


def test_signing_refuses_when_the_plan_changed_since_it_was_shown(person, clinician, login_as):
    plan = written_draft(person, clinician)
    stale = content_hash(safety_plan_text(plan))
    SafetyPlan.objects.filter(pk=plan.pk).update(warning_signs="Different words now.")
    response = login_as(clinician).post(
        reverse("intake:safety_plan_sign", args=[plan.pk]),
        {"role": "clinician", "clinician-confirm": "on", "clinician-text_sha256": stale},
    )
    assert response.status_code == 400
    assert "The plan changed since this page was opened" in response.text
    assert not Signature.for_object(plan).exists()


def test_the_client_signs_with_their_legal_name(person, clinician, login_as):
    plan = written_draft(person, clinician)
    shown = content_hash(safety_plan_text(plan))
    response = login_as(clinician).post(
        reverse("intake:safety_plan_sign", args=[plan.pk]),
        {
            "role": "client",
            "client-typed_name": "Someone Else",
            "client-confirm": "on",
            "client-text_sha256": shown,
        },
    )
    assert response.status_code == 400
    assert "does not match the legal name on record" in response.text
    assert not Signature.for_object(plan).exists()


def test_editing_after_one_signature_clears_it(person, clinician, login_as):
    plan = written_draft(person, clinician)
    from intake.services.safety_plans import safety_plan_sign

    safety_plan_sign(
        plan=plan,
        role="client",
        by=clinician,
        shown_sha256=content_hash(safety_plan_text(plan)),
        typed_name=person.legal_name,
    )
    data = {**WORDS, "coping_strategies": "Music, loud.", "review_on": in_days(30).isoformat()}
    login_as(clinician).post(reverse("intake:safety_plan_edit", args=[plan.pk]), data)
    plan.refresh_from_db()
    assert plan.client_signed_at is None  # the client signs the new words again


def test_a_signed_plan_is_locked_in_the_database(person, clinician):
    plan = signed_plan(person, clinician)
    assert plan.signed_at is not None and plan.signed_text == safety_plan_text(plan)
    table = SafetyPlan._meta.db_table
    statements = [
        (f"UPDATE {table} SET reasons_for_living = 'edited' WHERE id = %s", [plan.pk]),
        (f"DELETE FROM {table} WHERE id = %s", [plan.pk]),
        (f"TRUNCATE {table} CASCADE", []),
    ]
    for sql, params in statements:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    plan.refresh_from_db()
    assert plan.reasons_for_living == WORDS["reasons_for_living"]


def test_a_signed_plan_cannot_be_edited_on_screen(person, clinician, login_as):
    plan = signed_plan(person, clinician)
    response = login_as(clinician).post(
        reverse("intake:safety_plan_edit", args=[plan.pk]),
        {**WORDS, "review_on": in_days(30).isoformat()},
    )
    assert response["Location"] == reverse("intake:safety_plan_detail", args=[plan.pk])


def test_a_new_version_keeps_the_previous_and_shows_what_changed(person, clinician, login_as):
    first = signed_plan(person, clinician)
    second = signed_plan(person, clinician, coping_strategies="Call Ana and go for a run.")
    first.refresh_from_db()
    assert second.version == 2 and second.previous == first
    assert first.superseded_at is not None
    assert first.coping_strategies == WORDS["coping_strategies"]  # kept as signed
    response = login_as(clinician).get(reverse("intake:safety_plan_detail", args=[second.pk]))
    assert "What changed since version 1" in response.text
    assert "Call Ana and go for a run." in response.text
    assert WORDS["coping_strategies"] in response.text
    assert list(SafetyPlan.objects.in_effect().filter(client=person)) == [second]


# ---------------------------------------------------------------- the chart


def test_the_chart_shows_the_plan_signatures_and_review_date(person, clinician, login_as):
    plan = signed_plan(person, clinician)
    response = login_as(clinician).get(reverse("clients:chart", args=[person.pk]))
    assert reverse("intake:safety_plan_detail", args=[plan.pk]) in response.text
    assert f"by {person.legal_name} and {clinician.display_name}" in response.text
    review = plan.review_on
    assert review is not None
    assert f"review by {review:%b} {review.day}, {review.year}" in response.text
    assert "Review due" not in response.text


def test_the_chart_says_review_due_when_the_date_has_passed(person, clinician, login_as):
    signed_plan(person, clinician)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=40)):
        response = login_as(clinician).get(reverse("clients:chart", args=[person.pk]))
    assert "Review due:" in response.text


def test_the_chart_asks_for_a_review_after_new_risk(person, clinician, login_as):
    from intake.services.instruments import instrument_record
    from tests.intake.safety_plan_helpers import PHQ9_ITEM9

    signed_plan(person, clinician)
    instrument_record(client=person, instrument="phq9", answers=PHQ9_ITEM9, by=clinician)
    response = login_as(clinician).get(reverse("clients:chart", args=[person.pk]))
    assert "Review after new risk" in response.text


def test_intake_staff_see_no_safety_plan_section(person, clinician, staff, login_as):
    signed_plan(person, clinician)
    response = login_as(staff[Role.INTAKE]).get(reverse("clients:chart", args=[person.pk]))
    assert response.status_code == 200
    assert WORDS["reasons_for_living"] not in response.text
    assert "safety-plan-section-title" not in response.text


def test_chart_and_plan_page_queries_do_not_grow_with_versions(
    person, clinician, login_as, django_assert_max_num_queries
):
    http = login_as(clinician)
    plan = signed_plan(person, clinician)
    for url in (
        reverse("clients:chart", args=[person.pk]),
        reverse("intake:safety_plan_detail", args=[plan.pk]),
    ):
        http.get(url)
        # The chart holds every feature app's section (46 with relapse prevention's plan,
        # check-ins and lapses); what is checked here is that versions do not add to it.
        with django_assert_max_num_queries(50) as few:
            http.get(url)
        for _ in range(3):
            plan = signed_plan(person, clinician)
        url = url if "chart" in url else reverse("intake:safety_plan_detail", args=[plan.pk])
        with django_assert_max_num_queries(len(few.captured_queries)):
            http.get(url)


# ---------------------------------------------------------------- roles and programs


@pytest.mark.parametrize("role", WRITERS)
def test_clinical_roles_write_and_read(role, person, clinician, staff, login_as):
    plan = signed_plan(person, clinician)
    http = login_as(staff[role])
    assert http.get(reverse("intake:safety_plan_detail", args=[plan.pk])).status_code == 200
    response = http.post(reverse("intake:safety_plan_start", args=[person.pk]))
    assert response.status_code == 302
    assert RecordView.objects.filter(user=staff[role], page="Safety plan").exists()


@pytest.mark.parametrize("role", REFUSED)
def test_other_roles_are_refused(role, person, clinician, staff, login_as):
    plan = signed_plan(person, clinician)
    http = login_as(staff[role])
    assert http.get(reverse("intake:safety_plan_detail", args=[plan.pk])).status_code == 403
    assert http.post(reverse("intake:safety_plan_start", args=[person.pk])).status_code == 403
    assert SafetyPlan.objects.filter(client=person).count() == 1


def test_another_programs_plan_is_not_found(person, clinician, other_program, login_as):
    from tests.factories import member

    plan = signed_plan(person, clinician)
    outsider = member(Role.CLINICIAN, other_program)
    http = login_as(outsider)
    assert http.get(reverse("intake:safety_plan_detail", args=[plan.pk])).status_code == 404
    assert http.get(reverse("intake:safety_plan_sign", args=[plan.pk])).status_code == 404
    assert http.post(reverse("intake:safety_plan_start", args=[person.pk])).status_code == 404


# ---------------------------------------------------------------- the program's crisis line


def test_a_director_sets_the_program_crisis_line(program, staff, login_as):
    url = reverse("intake:program_crisis_line", args=[program.pk])
    http = login_as(staff[Role.DIRECTOR])
    assert "No program line set: only 988 and 911 are printed." in http.get(url).text
    data = {"crisis_line_name": "Riverside after-hours line", "crisis_line_phone": "(555) 010-2000"}
    assert http.post(url, data).status_code == 302
    program.refresh_from_db()
    assert program.crisis_line_phone == "(555) 010-2000"


def test_a_crisis_line_without_a_number_is_refused(program, staff, login_as):
    url = reverse("intake:program_crisis_line", args=[program.pk])
    response = login_as(staff[Role.DIRECTOR]).post(
        url, {"crisis_line_name": "After-hours line", "crisis_line_phone": ""}
    )
    assert response.status_code == 400
    assert "Give the number for this line, or clear the name." in response.text
    program.refresh_from_db()
    assert program.crisis_line_name == ""


def test_the_plan_page_leads_directors_to_the_crisis_line(person, clinician, staff, login_as):
    plan = signed_plan(person, clinician)
    url = reverse("intake:safety_plan_detail", args=[plan.pk])
    line = reverse("intake:program_crisis_line", args=[person.program_id])
    assert line in login_as(staff[Role.DIRECTOR]).get(url).text
    assert line not in login_as(clinician).get(url).text


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.ADMINISTRATOR, Role.INTAKE])
def test_only_directors_set_the_crisis_line(role, program, staff, login_as):
    url = reverse("intake:program_crisis_line", args=[program.pk])
    assert login_as(staff[role]).get(url).status_code == 403


def test_a_director_of_another_program_cannot_set_it(program, other_program, login_as):
    from tests.factories import member

    director = member(Role.DIRECTOR, other_program)
    url = reverse("intake:program_crisis_line", args=[program.pk])
    assert login_as(director).get(url).status_code == 404


def test_the_plan_prints_988_911_and_the_program_line(program, person, clinician):
    program.crisis_line_name, program.crisis_line_phone = "Riverside after-hours line", "555-0100"
    program.save()
    text = safety_plan_text(written_draft(person, clinician))
    assert "call or text 988" in text
    assert "Riverside after-hours line: 555-0100" in text
    assert "call 911" in text


def test_without_a_program_line_only_988_and_911_are_printed(person, clinician):
    text = safety_plan_text(written_draft(person, clinician))
    lines = text.split("Crisis lines, always there for you\n")[1].split("\n\n")[0].splitlines()
    assert len(lines) == 2 and "988" in lines[0] and "911" in lines[1]
