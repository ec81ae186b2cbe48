"""Scoring against the published rules (CLINICAL.md), at every band edge. No database."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from intake import instruments
from intake.instruments import scoring
from intake.instruments.definitions import DATA_DIR, InstrumentDefinition
from intake.instruments.validation import clean_answers


def spread(definition: InstrumentDefinition, total: int, skip: tuple[str, ...] = ()) -> dict:
    """Answers summing to ``total``: earlier items filled first, ``skip`` items left at 0."""
    answers, left = {}, total
    for item in definition.items:
        top = 0 if item.key in skip else max(o.points for o in item.options)
        value = min(top, left)
        # Pick the option worth exactly `value` points (AUDIT items 9-10 only have 0/2/4).
        option = max((o for o in item.options if o.points <= value), key=lambda o: o.points)
        answers[item.key] = option.value
        left -= option.points
    assert left == 0, f"cannot reach {total}"
    return answers


def scored(code: str, answers: dict, context: dict | None = None) -> scoring.Score:
    """Validate as the service does, then score; ``context`` may carry a PCL-5 cutoff."""
    definition = instruments.get(code)
    context = context or {}
    fields = {f.key for f in definition.context_fields}
    cleaned = clean_answers(definition, answers, {k: context[k] for k in fields & set(context)})
    return scoring.score(definition, cleaned.answers, {**context, **cleaned.context})


# --- the registry ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "items", "low", "high"),
    [
        ("phq9", 9, 0, 27),
        ("gad7", 7, 0, 21),
        ("pcl5", 20, 0, 80),
        ("des2", 28, 0, 100),
        ("cssrs", 6, 0, 3),
        ("auditc", 3, 0, 12),
        ("audit", 10, 0, 40),
        ("dast10", 10, 0, 10),
        ("ace", 10, 0, 10),
    ],
)
def test_every_instrument_is_defined_with_source_and_license(code, items, low, high):
    definition = instruments.get(code)
    assert len(definition.items) == items
    assert (definition.score_min, definition.score_max) == (low, high)
    assert definition.version and definition.source and definition.license
    assert definition.attribution
    assert all(item.label for item in definition.items)


def test_lookup_by_abbreviation_and_unknown_code():
    assert instruments.get("PHQ-9").code == "phq9"
    assert instruments.get("DES-II").code == "des2"
    assert [d.code for d in instruments.all_instruments()] == list(instruments.ORDER)
    with pytest.raises(instruments.UnknownInstrument):
        instruments.get("beck")


@pytest.mark.parametrize("code", ["cssrs", "audit", "dast10", "ace"])
def test_labels_only_instruments_ship_no_item_text(code):
    raw = json.loads((DATA_DIR / f"{code}.json").read_text())
    assert raw["ships_item_text"] is False
    assert all(set(item) <= {"key", "label", "options"} for item in raw["items"])
    assert all(item.text is None for item in instruments.get(code).items)


def test_no_copyrighted_wording_in_labels_only_files():
    # Phrases from the licensed DAST-10, AUDIT and C-SSRS wording must not appear anywhere.
    shipped = " ".join(
        (DATA_DIR / f"{code}.json").read_text().lower() for code in ("cssrs", "audit", "dast10")
    )
    for phrase in (
        "have you used drugs other than those required for medical reasons",
        "are you always able to stop using drugs",
        "how often during the last year have you found that you were not able to stop",
        "have you wished you were dead or wished you could go to sleep",
        "have you actually had any thoughts of killing yourself",
    ):
        assert phrase not in shipped


@pytest.mark.parametrize("code", ["phq9", "gad7"])
def test_phq_family_ships_text_with_pfizer_attribution(code):
    definition = instruments.get(code)
    assert definition.ships_item_text
    assert all(item.text for item in definition.items)
    assert "Pfizer" in definition.attribution


# --- PHQ-9 and GAD-7 -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "Minimal depression"),
        (4, "Minimal depression"),
        (5, "Mild depression"),
        (9, "Mild depression"),
        (10, "Moderate depression"),
        (14, "Moderate depression"),
        (15, "Moderately severe depression"),
        (19, "Moderately severe depression"),
        (20, "Severe depression"),
        (27, "Severe depression"),
    ],
)
def test_phq9_bands_at_edges(total, band):
    result = scored("phq9", spread(instruments.get("phq9"), total))
    assert result.total == total
    assert result.band == band


def test_phq9_item_9_above_zero_is_critical_and_alerts():
    answers = {**spread(instruments.get("phq9"), 0), "9": 1}
    result = scored("phq9", answers)
    assert result.critical_items == ("9",)
    assert "item 9" in result.alert_reason
    assert "Several days" in result.alert_reason


def test_phq9_item_9_zero_does_not_alert_even_when_severe():
    result = scored("phq9", spread(instruments.get("phq9"), 24))
    assert result.band == "Severe depression"
    assert result.critical_items == ()
    assert result.alert_reason == ""


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "Minimal anxiety"),
        (4, "Minimal anxiety"),
        (5, "Mild anxiety"),
        (9, "Mild anxiety"),
        (10, "Moderate anxiety"),
        (14, "Moderate anxiety"),
        (15, "Severe anxiety"),
        (21, "Severe anxiety"),
    ],
)
def test_gad7_bands_at_edges(total, band):
    result = scored("gad7", spread(instruments.get("gad7"), total))
    assert (result.total, result.band) == (total, band)
    assert result.alert_reason == ""


# --- PCL-5 ---------------------------------------------------------------------------------


def test_pcl5_32_is_below_and_33_meets_the_default_cutoff():
    pcl5 = instruments.get("pcl5")
    below = scored("pcl5", spread(pcl5, 32))
    at = scored("pcl5", spread(pcl5, 33))
    assert below.total == 32 and not below.details["provisional_ptsd_by_total"]
    assert at.total == 33 and at.details["provisional_ptsd_by_total"]
    assert below.band.startswith("Below provisional PTSD cut-off (33")
    assert at.band.startswith("Provisional PTSD")
    assert "configurable" in at.band and "configurable" in below.band
    assert at.details["cutoff"] == 33


def test_pcl5_cutoff_comes_from_context():
    result = scored("pcl5", spread(instruments.get("pcl5"), 31), {"cutoff": 31})
    assert result.details["provisional_ptsd_by_total"]
    assert "31" in result.band


def test_pcl5_dsm_rule_met_with_minimum_endorsements():
    answers = {str(k): 0 for k in range(1, 21)}
    answers.update({"1": 2, "6": 2, "8": 2, "9": 3, "15": 2, "20": 4})
    result = scored("pcl5", answers)
    assert result.details["meets_dsm5_rule"] is True
    assert result.total == 15
    assert not result.details["provisional_ptsd_by_total"]  # the two outcomes are separate


def test_pcl5_total_over_cutoff_but_cluster_rule_not_met():
    # Items 1-14 at 3 (42), items 15-20 at 1: cluster E has nothing endorsed.
    answers = {str(k): 3 if k <= 14 else 1 for k in range(1, 21)}
    result = scored("pcl5", answers)
    assert result.total == 48
    assert result.details["provisional_ptsd_by_total"] is True
    assert result.details["clusters"]["E"] == {
        "label": "Alterations in arousal and reactivity (items 15-20)",
        "endorsed": 0,
        "needed": 2,
        "met": False,
    }
    assert result.details["meets_dsm5_rule"] is False


def test_pcl5_answer_of_1_does_not_count_as_endorsed():
    answers = {str(k): 1 for k in range(1, 21)}
    answers.update({"6": 2, "8": 2, "9": 2, "15": 2, "16": 2})  # cluster B only at 1
    result = scored("pcl5", answers)
    assert result.details["clusters"]["B"]["met"] is False
    assert result.details["meets_dsm5_rule"] is False


def test_pcl5_one_endorsement_in_cluster_d_is_not_enough():
    answers = {str(k): 0 for k in range(1, 21)}
    answers.update({"1": 2, "6": 2, "8": 4, "15": 2, "16": 2})
    result = scored("pcl5", answers)
    assert result.details["clusters"]["D"]["endorsed"] == 1
    assert result.details["meets_dsm5_rule"] is False


# --- DES-II --------------------------------------------------------------------------------


def des2(values: dict[str, int]) -> dict:
    return {str(k): values.get(str(k), 0) for k in range(1, 29)}


def test_des2_score_is_the_mean_to_one_place():
    result = scored("des2", des2({"1": 10}))
    assert result.total == Decimal("0.4")  # 10 / 28 = 0.357...
    assert result.details["mean_exact"] == "0.36"


def test_des2_mean_of_30_is_high_dissociation():
    result = scored("des2", des2({str(k): 30 for k in range(1, 29)}))
    assert result.total == 30
    assert result.band == "High dissociation (mean 30 or above)"


def test_des2_just_under_30_is_below_threshold():
    values = {str(k): 30 for k in range(1, 29)}
    values["28"] = 20  # sum 830 / 28 = 29.64
    result = scored("des2", des2(values))
    assert result.total == Decimal("29.6")
    assert result.band.startswith("Below the high-dissociation threshold")


def test_des2_lists_items_at_20_or_more_for_interview():
    result = scored("des2", des2({"3": 20, "7": 10, "12": 100}))
    assert result.details["follow_up_items"] == ["3", "12"]


def test_des2_refuses_values_off_the_10_point_steps():
    with pytest.raises(ValidationError) as refused:
        scored("des2", des2({"5": 25}))
    assert set(refused.value.message_dict) == {"5"}


# --- C-SSRS screener -----------------------------------------------------------------------


def cssrs(**answers: str) -> dict:
    base = {"1": "no", "2": "no", "6": "no"}
    return {**base, **{k.lstrip("q"): v for k, v in answers.items()}}


def test_cssrs_all_no_is_no_risk():
    result = scored("cssrs", cssrs())
    assert result.total == 0
    assert result.band == "No risk indicated on the screener"
    assert result.alert_reason == ""


def test_cssrs_wish_to_be_dead_only_is_low_and_says_split_unconfirmed():
    result = scored("cssrs", cssrs(q1="yes"))
    assert result.details["risk_level"] == "low"
    assert "unconfirmed" in result.band
    assert "unconfirmed" in result.details["rule"]
    assert result.alert_reason == ""


def test_cssrs_thoughts_without_method_intent_or_plan_is_low():
    result = scored("cssrs", cssrs(q1="yes", q2="yes", q3="no", q4="no", q5="no"))
    assert result.details["risk_level"] == "low"


def test_cssrs_method_is_moderate_and_alerts():
    result = scored("cssrs", cssrs(q2="yes", q3="yes", q4="no", q5="no"))
    assert result.details["risk_level"] == "moderate"
    assert "unconfirmed" in result.band
    assert result.critical_items == ()
    assert result.alert_reason


def test_cssrs_behavior_more_than_3_months_ago_is_moderate():
    result = scored("cssrs", cssrs(q6="lifetime"))
    assert result.details["risk_level"] == "moderate"
    assert result.critical_items == ("6",)


def test_cssrs_behavior_in_past_3_months_is_high():
    result = scored("cssrs", cssrs(q6="past_3_months"))
    assert result.details["risk_level"] == "high"
    assert result.band == "High risk"
    assert "past 3 months" in result.alert_reason


@pytest.mark.parametrize("item", ["4", "5"])
def test_cssrs_intent_or_plan_is_high(item):
    answers = cssrs(q2="yes", q3="no", q4="no", q5="no")
    answers[item] = "yes"
    result = scored("cssrs", answers)
    assert result.total == 3
    assert result.critical_items == (item,)
    assert f"Q{item} yes" in result.alert_reason


# --- AUDIT-C -------------------------------------------------------------------------------


def test_auditc_3_is_positive_for_women_and_negative_for_men():
    answers = {"1": 2, "2": 1, "3": 0}
    women = scored("auditc", answers, {"sex": "female"})
    men = scored("auditc", answers, {"sex": "male"})
    assert women.total == men.total == 3
    assert women.details["positive"] is True and women.band.startswith("Positive")
    assert men.details["positive"] is False and men.band.startswith("Negative")


def test_auditc_4_is_positive_for_men():
    result = scored("auditc", {"1": 2, "2": 1, "3": 1}, {"sex": "male"})
    assert result.details["positive"] is True


def test_auditc_without_sex_is_refused():
    with pytest.raises(ValidationError) as refused:
        scored("auditc", {"1": 4, "2": 4, "3": 4})
    assert "sex" in refused.value.message_dict
    assert "not scored" in refused.value.message_dict["sex"][0]


# --- AUDIT (full) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "zone"),
    [(0, "Zone I"), (7, "Zone I"), (8, "Zone II"), (15, "Zone II"), (16, "Zone III")]
    + [(19, "Zone III"), (20, "Zone IV"), (40, "Zone IV")],
)
def test_audit_zone_edges(total, zone):
    result = scored("audit", spread(instruments.get("audit"), total))
    assert result.total == total
    assert result.band.startswith(f"{zone} (")


def test_audit_items_9_and_10_score_0_2_or_4_only():
    answers = {**spread(instruments.get("audit"), 0), "9": 4, "10": 2}
    assert scored("audit", answers).total == 6
    with pytest.raises(ValidationError) as refused:
        scored("audit", {**answers, "10": 1})
    assert set(refused.value.message_dict) == {"10"}


# --- DAST-10 -------------------------------------------------------------------------------


def dast(yes: set[int], item3: str = "yes") -> dict:
    answers = {str(k): "yes" if k in yes else "no" for k in range(1, 11)}
    answers["3"] = item3
    return answers


def test_dast10_item_3_scores_1_for_no():
    assert scored("dast10", dast(set(), item3="no")).total == 1
    assert scored("dast10", dast(set(), item3="yes")).total == 0


@pytest.mark.parametrize(
    ("yes", "item3", "total", "band"),
    [
        (set(), "yes", 0, "No problems reported"),
        ({1}, "yes", 1, "Low level"),
        ({1}, "no", 2, "Low level"),
        ({1, 2, 4}, "yes", 3, "Moderate level"),
        ({1, 2, 4, 5}, "no", 5, "Moderate level"),
        ({1, 2, 4, 5, 6, 7}, "yes", 6, "Substantial level"),
        ({1, 2, 4, 5, 6, 7, 8}, "no", 8, "Substantial level"),
        ({1, 2, 4, 5, 6, 7, 8, 9, 10}, "yes", 9, "Severe level"),
        ({1, 2, 4, 5, 6, 7, 8, 9, 10}, "no", 10, "Severe level"),
    ],
)
def test_dast10_band_edges(yes, item3, total, band):
    result = scored("dast10", dast(yes, item3))
    assert result.total == total
    assert result.band.startswith(band)


# --- ACE -----------------------------------------------------------------------------------


def test_ace_counts_0_and_10():
    none = scored("ace", {str(k): "no" for k in range(1, 11)})
    every = scored("ace", {str(k): "yes" for k in range(1, 11)})
    assert (none.total, every.total) == (0, 10)
    assert none.band == "No ACE categories reported"


def test_ace_bands_do_not_decide_for_an_individual():
    every = scored("ace", {str(k): "yes" for k in range(1, 11)})
    assert "population" in every.band
    assert "no cut point should decide" in every.details["note"]
    for band in instruments.get("ace").bands:
        assert not {"positive", "high risk", "risk"} & set(band.label.lower().split())


# --- validation messages keyed by item ------------------------------------------------------


def test_missing_and_out_of_range_answers_are_reported_per_item():
    answers = spread(instruments.get("phq9"), 0)
    del answers["2"]
    answers["5"] = 4
    with pytest.raises(ValidationError) as refused:
        clean_answers(instruments.get("phq9"), answers)
    errors = refused.value.message_dict
    assert set(errors) == {"2", "5"}
    assert "Choose an answer" in errors["2"][0]
    assert "0, 1, 2, 3" in errors["5"][0]


def test_unknown_item_and_boolean_answers_are_refused():
    answers = {**spread(instruments.get("gad7"), 0), "8": 1, "1": True}
    with pytest.raises(ValidationError) as refused:
        clean_answers(instruments.get("gad7"), answers)
    assert set(refused.value.message_dict) == {"1", "8"}


def test_string_answers_from_a_form_are_stored_as_option_values():
    cleaned = clean_answers(instruments.get("gad7"), {str(k): "2" for k in range(1, 8)})
    assert cleaned.answers["1"] == 2


def test_cssrs_q3_to_q5_required_when_q2_is_yes():
    with pytest.raises(ValidationError) as refused:
        clean_answers(instruments.get("cssrs"), cssrs(q2="yes", q3="no"))
    assert set(refused.value.message_dict) == {"4", "5"}


def test_cssrs_yes_to_an_unasked_question_is_refused_not_dropped():
    with pytest.raises(ValidationError) as refused:
        clean_answers(instruments.get("cssrs"), cssrs(q4="yes"))
    assert set(refused.value.message_dict) == {"4"}
    assert "Q2" in refused.value.message_dict["4"][0]


def test_cssrs_no_to_an_unasked_question_is_dropped():
    cleaned = clean_answers(instruments.get("cssrs"), cssrs(q3="no"))
    assert "3" not in cleaned.answers
