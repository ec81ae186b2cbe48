"""instrument_record, safety alerts and their acknowledgement, the forms and clinic wording."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.html import escape

from intake import instruments
from intake.forms.instruments import instrument_form_class
from intake.models import InstrumentResult, SafetyAlert, SafetyPlanDecision
from intake.services.instruments import (
    SAFETY_PLAN_ON_FILE,
    instrument_record,
    safety_alert_acknowledge,
)
from iop.clients.models import SafetyFlag, SafetyFlagKind
from tests.intake.safety_plan_helpers import signed_plan

PHQ9_CLEAR = {str(k): 0 for k in range(1, 10)}


@pytest.fixture
def clinician(staff):
    return staff["clinician"]


def record(client_record, clinician, instrument="phq9", answers=None, **kwargs):
    return instrument_record(
        client=client_record,
        instrument=instrument,
        answers=PHQ9_CLEAR if answers is None else answers,
        by=clinician,
        **kwargs,
    )


def suicide_flags(client):
    return SafetyFlag.objects.active().filter(client=client, kind=SafetyFlagKind.SUICIDE_RISK)


# --- recording ----------------------------------------------------------------------------


def test_record_stores_answers_version_score_and_open_episode(client_record, clinician):
    answers = {**PHQ9_CLEAR, "1": "3", "2": 2, "3": 2, "4": 3}
    result = record(client_record, clinician, answers=answers)
    result.refresh_from_db()
    assert result.instrument == "phq9"
    assert result.version == instruments.get("phq9").version
    assert result.answers["1"] == 3 and result.answers["9"] == 0
    assert result.score == Decimal("10.0")
    assert result.band == "Moderate depression"
    assert result.critical_items == []
    assert result.episode == client_record.episodes.get()
    assert result.created_by == clinician
    assert result.details["item_wording"] == "shipped"
    assert not SafetyAlert.objects.exists()


def test_out_of_range_answer_is_refused_by_item_and_nothing_saved(client_record, clinician):
    with pytest.raises(ValidationError) as refused:
        record(client_record, clinician, answers={**PHQ9_CLEAR, "4": 5})
    assert set(refused.value.message_dict) == {"4"}
    assert not InstrumentResult.objects.exists()


def test_missing_answers_are_refused_by_item_and_nothing_saved(client_record, clinician):
    answers = {k: v for k, v in PHQ9_CLEAR.items() if k not in {"3", "9"}}
    with pytest.raises(ValidationError) as refused:
        record(client_record, clinician, answers=answers)
    assert set(refused.value.message_dict) == {"3", "9"}
    assert not InstrumentResult.objects.exists()
    assert not SafetyFlag.objects.exists()


def test_unknown_instrument_is_refused(client_record, clinician):
    with pytest.raises(ValidationError) as refused:
        record(client_record, clinician, instrument="beck")
    assert "instrument" in refused.value.message_dict


def test_auditc_without_sex_is_not_scored(client_record, clinician):
    with pytest.raises(ValidationError) as refused:
        record(client_record, clinician, instrument="AUDIT-C", answers={"1": 1, "2": 1, "3": 1})
    assert "sex" in refused.value.message_dict
    assert not InstrumentResult.objects.exists()


def test_auditc_stores_sex_in_context(client_record, clinician):
    result = record(
        client_record,
        clinician,
        instrument="auditc",
        answers={"1": 1, "2": 1, "3": 1},
        context={"sex": "female"},
    )
    assert result.context == {"sex": "female"}
    assert result.band.startswith("Positive screen")


def test_pcl5_cutoff_comes_from_the_setting(client_record, clinician, settings):
    settings.IOP_PCL5_CUTOFF = 31
    # Items 1-15 at 2 and item 16 at 1: a total of 31.
    answers = {str(k): 0 for k in range(1, 21)} | {str(k): 2 for k in range(1, 16)} | {"16": 1}
    result = record(client_record, clinician, instrument="pcl5", answers=answers)
    assert result.score == 31
    assert result.context == {"cutoff": 31}
    assert result.details["provisional_ptsd_by_total"] is True
    assert result.band.startswith("Provisional PTSD (total 31+")


def test_record_with_a_discharged_client_keeps_no_episode(client_record, clinician):
    client_record.episodes.update(discharged_on=client_record.episodes.get().admitted_on)
    result = record(client_record, clinician)
    assert result.episode is None


# --- safety alerts -----------------------------------------------------------------------


def test_phq9_item_9_answer_1_opens_alert_and_flag(client_record, clinician):
    result = record(client_record, clinician, answers={**PHQ9_CLEAR, "9": 1})
    alert = SafetyAlert.objects.open().get(client=client_record)
    assert alert.result == result
    assert alert.is_open
    assert result.critical_items == ["9"]
    flag = suicide_flags(client_record).get()
    assert alert.flag == flag
    assert "PHQ-9" in flag.note and "item 9" in flag.note
    assert flag.created_by == clinician
    assert alert.created_by == clinician


def test_cssrs_high_risk_opens_alert(client_record, clinician):
    record(
        client_record,
        clinician,
        instrument="cssrs",
        answers={"1": "yes", "2": "no", "6": "past_3_months"},
    )
    alert = SafetyAlert.objects.open().get()
    assert "C-SSRS" in alert.reason and "High risk" in alert.reason


def test_cssrs_low_risk_opens_no_alert(client_record, clinician):
    result = record(
        client_record, clinician, instrument="cssrs", answers={"1": "yes", "2": "no", "6": "no"}
    )
    assert result.details["risk_level"] == "low"
    assert not SafetyAlert.objects.exists()
    assert not suicide_flags(client_record).exists()


def test_cssrs_skip_logic_refused_by_item(client_record, clinician):
    with pytest.raises(ValidationError) as refused:
        record(
            client_record,
            clinician,
            instrument="cssrs",
            answers={"1": "yes", "2": "yes", "3": "yes", "6": "no"},
        )
    assert set(refused.value.message_dict) == {"4", "5"}
    assert not SafetyAlert.objects.exists()


@pytest.fixture
def alert(client_record, clinician):
    record(client_record, clinician, answers={**PHQ9_CLEAR, "9": 2})
    return SafetyAlert.objects.get()


def test_acknowledgement_without_risk_assessment_is_refused(alert, clinician):
    with pytest.raises(ValidationError) as refused:
        safety_alert_acknowledge(
            alert=alert,
            by=clinician,
            risk_assessment="   ",
            safety_plan_decision=SafetyPlanDecision.PLAN_COMPLETED,
            decision_notes="",
        )
    assert "risk_assessment" in refused.value.message_dict
    alert.refresh_from_db()
    assert alert.is_open
    assert alert.flag.resolved_at is None


def test_not_indicated_needs_notes(alert, clinician):
    with pytest.raises(ValidationError) as refused:
        safety_alert_acknowledge(
            alert=alert,
            by=clinician,
            risk_assessment="Passive thoughts, no plan or intent; protective factors strong.",
            safety_plan_decision=SafetyPlanDecision.NOT_INDICATED,
            decision_notes="",
        )
    assert set(refused.value.message_dict) == {"decision_notes"}


def test_unknown_decision_is_refused(alert, clinician):
    with pytest.raises(ValidationError) as refused:
        safety_alert_acknowledge(
            alert=alert,
            by=clinician,
            risk_assessment="Seen.",
            safety_plan_decision="later",
            decision_notes="",
        )
    assert set(refused.value.message_dict) == {"safety_plan_decision"}


def test_acknowledgement_resolves_alert_and_keeps_safety_plan_flag(alert, clinician, client_record):
    plan = signed_plan(client_record, clinician)  # "plan completed" names a written plan
    acknowledged = safety_alert_acknowledge(
        alert=alert,
        by=clinician,
        risk_assessment="Passive ideation most days; no plan, no intent, no access to means.",
        safety_plan_decision=SafetyPlanDecision.PLAN_COMPLETED,
        decision_notes="",
    )
    alert.refresh_from_db()
    assert not alert.is_open
    assert acknowledged.acknowledged_by == clinician
    assert alert.flag.resolved_at is not None and alert.flag.resolved_by == clinician
    standing = suicide_flags(client_record).get()
    assert standing.note == SAFETY_PLAN_ON_FILE
    assert standing != alert.flag
    assert alert.safety_plan == plan


def test_second_plan_reuses_the_standing_flag(alert, clinician, client_record):
    ack = {"by": clinician, "risk_assessment": "Reviewed.", "decision_notes": ""}
    signed_plan(client_record, clinician)
    safety_alert_acknowledge(alert=alert, safety_plan_decision="plan_completed", **ack)
    record(client_record, clinician, answers={**PHQ9_CLEAR, "9": 1})
    second = SafetyAlert.objects.open().get()
    signed_plan(client_record, clinician)  # reviewed after the new risk: version 2
    safety_alert_acknowledge(alert=second, safety_plan_decision="plan_updated", **ack)
    assert suicide_flags(client_record).count() == 1


def test_emergency_referral_keeps_a_flag_that_does_not_claim_a_plan(
    alert, clinician, client_record
):
    safety_alert_acknowledge(
        alert=alert,
        by=clinician,
        risk_assessment="Intent with a plan for tonight.",
        safety_plan_decision=SafetyPlanDecision.EMERGENCY,
        decision_notes="Accompanied to county crisis center.",
    )
    standing = suicide_flags(client_record).get()
    assert standing.note.startswith("Referred for emergency evaluation")


def test_not_indicated_leaves_no_active_flag(alert, clinician, client_record):
    safety_alert_acknowledge(
        alert=alert,
        by=clinician,
        risk_assessment="Answered item 9 about a relative's death; denies self-harm thoughts.",
        safety_plan_decision=SafetyPlanDecision.NOT_INDICATED,
        decision_notes="Misread item; clarified with client.",
    )
    assert not suicide_flags(client_record).exists()


def test_alert_cannot_be_acknowledged_twice(alert, clinician):
    ack = {
        "by": clinician,
        "risk_assessment": "Reviewed.",
        "safety_plan_decision": "plan_completed",
        "decision_notes": "",
    }
    signed_plan(alert.client, clinician)
    safety_alert_acknowledge(alert=alert, **ack)
    with pytest.raises(ValidationError):
        safety_alert_acknowledge(alert=alert, **ack)


# --- forms ----------------------------------------------------------------------------------


@pytest.mark.parametrize("code", instruments.ORDER)
def test_every_form_field_has_a_visible_label(code):
    form = instrument_form_class(instruments.get(code))()
    html = form.as_div()
    for bound in form:
        assert bound.label.strip()
        assert f"<legend>{escape(bound.label)}</legend>" in html


def test_form_answers_a_bad_post_field_by_field():
    form = instrument_form_class("phq9")(data={**PHQ9_CLEAR, "1": "7", "2": ""})
    assert not form.is_valid()
    assert set(form.errors) == {"1", "2"}


def test_valid_form_gives_the_cleaned_answers():
    form = instrument_form_class("phq9")(data={k: str(v) for k, v in PHQ9_CLEAR.items()})
    assert form.is_valid(), form.errors
    assert form.instrument_answers == PHQ9_CLEAR


def test_auditc_form_has_a_required_sex_field():
    form_class = instrument_form_class("auditc")
    form = form_class(data={"1": "1", "2": "1", "3": "1"})
    assert not form.is_valid()
    assert "sex" in form.errors
    assert form_class(data={"1": "1", "2": "1", "3": "1", "sex": "male"}).is_valid()


def test_cssrs_form_skips_q3_to_q5_when_q2_is_no():
    form_class = instrument_form_class("cssrs")
    assert form_class(data={"1": "yes", "2": "no", "6": "no"}).is_valid()
    form = form_class(data={"1": "yes", "2": "yes", "3": "no", "6": "no"})
    assert not form.is_valid()
    assert set(form.errors) == {"4", "5"}


def test_cssrs_form_reports_a_contradicting_yes_beside_the_field():
    form = instrument_form_class("cssrs")(data={"1": "no", "2": "no", "5": "yes", "6": "no"})
    assert not form.is_valid()
    assert set(form.errors) == {"5"}


# --- clinic-supplied wording ---------------------------------------------------------------


def test_short_labels_are_shown_without_a_clinic_file(settings, tmp_path):
    settings.IOP_INSTRUMENT_TEXT_DIR = tmp_path
    form = instrument_form_class("dast10")()
    assert form.fields["3"].label == instruments.get("dast10").item("3").label
    assert form.prompts.source == "labels"


def test_clinic_wording_is_used_when_the_file_exists(settings, tmp_path):
    settings.IOP_INSTRUMENT_TEXT_DIR = tmp_path
    (tmp_path / "dast10.json").write_text(
        json.dumps(
            {
                "instructions": "Clinic instructions.",
                "items": {"3": "Clinic's licensed wording for item three"},
                "options": {"3": {"no": "Clinic no", "yes": "Clinic yes"}},
            }
        )
    )
    form = instrument_form_class("dast10")()
    assert form.fields["3"].label == "Clinic's licensed wording for item three"
    shown = {radio.data["value"]: radio.choice_label for radio in form["3"]}
    assert shown == {"no": "Clinic no", "yes": "Clinic yes"}
    assert form.fields["1"].label == instruments.get("dast10").item("1").label
    assert form.prompts.instructions == "Clinic instructions."
    assert form.prompts.source == "clinic"


def test_result_records_clinic_wording(settings, tmp_path, client_record, clinician):
    settings.IOP_INSTRUMENT_TEXT_DIR = tmp_path
    (tmp_path / "ace.json").write_text(json.dumps({"items": {"1": "Licensed text"}}))
    result = record(
        client_record, clinician, instrument="ace", answers={str(k): "no" for k in range(1, 11)}
    )
    assert result.details["item_wording"] == "clinic"


def test_clinic_file_naming_an_unknown_item_is_refused(settings, tmp_path):
    settings.IOP_INSTRUMENT_TEXT_DIR = tmp_path
    (tmp_path / "audit.json").write_text(json.dumps({"items": {"11": "No such item"}}))
    with pytest.raises(ImproperlyConfigured, match="no item"):
        instrument_form_class("audit")
