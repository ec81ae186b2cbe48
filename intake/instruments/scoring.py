"""One pure function per scoring rule: validated answers in, a Score out.

The data file names the rule (``"scoring": "sum"``); the numbers a rule needs
(bands, clusters, cut-offs) come from the definition, the context (AUDIT-C's
sex, the PCL-5 cut-off the service reads from settings) or nowhere else.
Answers must already have passed ``validation.clean_answers``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from intake.instruments.definitions import Answer, InstrumentDefinition, Item

ONE_PLACE = Decimal("0.1")


@dataclass(frozen=True)
class Score:
    total: Decimal
    band: str
    critical_items: tuple[str, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)
    # Non-empty when the answers need a safety alert now (PHQ-9 item 9; C-SSRS moderate/high).
    alert_reason: str = ""


Rule = Callable[[InstrumentDefinition, Mapping[str, Answer], Mapping[str, Any]], Score]


def item_points(definition: InstrumentDefinition, answers: Mapping[str, Answer]) -> dict[str, int]:
    points = {}
    for key, value in answers.items():
        option = definition.item(key).option(value)
        if option is None:
            raise ValueError(f"{definition.code} item {key}: unvalidated answer {value!r}.")
        points[key] = option.points
    return points


def critical_hits(
    definition: InstrumentDefinition, answers: Mapping[str, Answer]
) -> tuple[str, ...]:
    """Critical items answered above their lowest-scoring option."""
    points = item_points(definition, answers)
    return tuple(key for key in definition.critical_items if points.get(key, 0) > 0)


def _item_phrase(item: Item) -> str:
    """ "item 9 (thoughts of death or self-harm)" from the label "Item 9: thoughts of ..."."""
    name, _, summary = item.label.partition(": ")
    if name.startswith("Item"):
        name = "item" + name[4:]
    return f"{name} ({summary})" if summary else name


def _answer_label(item: Item, value: Answer) -> str:
    option = item.option(value)
    return option.label if option else str(value)


def score_sum(
    definition: InstrumentDefinition, answers: Mapping[str, Answer], context: Mapping[str, Any]
) -> Score:
    """Sum of item points, banded by the definition (PHQ-9, GAD-7, AUDIT, DAST-10, ACE)."""
    points = item_points(definition, answers)
    total = sum(points.values())
    hits = critical_hits(definition, answers)
    details: dict[str, Any] = {"item_points": points}
    if note := definition.parameters.get("interpretation_note"):
        details["note"] = note
    reason = ""
    if hits and definition.parameters.get("alert_on_critical_item"):
        phrases = [
            f'{_item_phrase(item)} answered "{_answer_label(item, answers[item.key])}"'
            for item in map(definition.item, hits)
        ]
        action = definition.parameters["alert_action"]
        reason = f"{definition.abbreviation} {'; '.join(phrases)}: {action}."
    return Score(
        total=Decimal(total),
        band=definition.band_for(total),
        critical_items=hits,
        details=details,
        alert_reason=reason,
    )


def score_pcl5(
    definition: InstrumentDefinition, answers: Mapping[str, Answer], context: Mapping[str, Any]
) -> Score:
    """Total 0-80 against the provisional cut-off, plus the DSM-5 symptom-cluster rule.

    An item counts as endorsed at 2 ("Moderately") or above; the rule needs at least
    1 of items 1-5 (B), 1 of 6-7 (C), 2 of 8-14 (D) and 2 of 15-20 (E). The two
    outcomes are reported separately: a total over the cut-off need not meet the rule.
    """
    params = definition.parameters
    values = {key: int(value) for key, value in answers.items()}
    total = sum(values.values())
    cutoff = int(context.get("cutoff", params["default_cutoff"]))
    endorsed = [k for k in definition.item_keys if values[k] >= params["endorsed_at"]]
    clusters = {}
    for cluster in params["clusters"]:
        count = sum(1 for key in cluster["items"] if key in endorsed)
        clusters[cluster["name"]] = {
            "label": cluster["label"],
            "endorsed": count,
            "needed": cluster["needed"],
            "met": count >= cluster["needed"],
        }
    above = total >= cutoff
    band = params["positive_band" if above else "negative_band"].format(cutoff=cutoff)
    details = {
        "cutoff": cutoff,
        "cutoff_configurable": True,
        "provisional_ptsd_by_total": above,
        "endorsed_items": endorsed,
        "clusters": clusters,
        "meets_dsm5_rule": all(c["met"] for c in clusters.values()),
        "reliable_change": params["reliable_change"],
        "clinically_meaningful_change": params["clinically_meaningful_change"],
    }
    return Score(total=Decimal(total), band=band, details=details)


def score_mean(
    definition: InstrumentDefinition, answers: Mapping[str, Answer], context: Mapping[str, Any]
) -> Score:
    """DES-II: the mean of the items (0-100), stored to one place; banded on the exact mean."""
    values = [int(answers[key]) for key in definition.item_keys]
    mean = Decimal(sum(values)) / Decimal(len(values))
    threshold = definition.parameters["follow_up_at"]
    follow_up = [key for key in definition.item_keys if int(answers[key]) >= threshold]
    details = {
        "sum": sum(values),
        "mean_exact": str(mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)),
        "follow_up_at": threshold,
        "follow_up_items": follow_up,
        "follow_up_note": definition.parameters["follow_up_note"],
    }
    return Score(
        total=mean.quantize(ONE_PLACE, rounding=ROUND_HALF_UP),
        band=definition.band_for(mean),
        details=details,
    )


CSSRS_LEVELS = ("none", "low", "moderate", "high")


def _cssrs_level(answers: Mapping[str, Answer]) -> tuple[int, list[str]]:
    """Risk level 0-3 per CLINICAL.md, with the answers that set it."""

    def yes(key: str) -> bool:
        return answers.get(key) == "yes"

    behavior = answers.get("6")
    high = [f"Q{k} yes" for k in ("4", "5") if yes(k)]
    if behavior == "past_3_months":
        high.append("Q6 behavior within the past 3 months")
    if high:
        return 3, high
    moderate = ["Q3 yes"] if yes("3") else []
    if behavior == "lifetime":
        moderate.append("Q6 behavior more than 3 months ago")
    if moderate:
        return 2, moderate
    low = [f"Q{k} yes" for k in ("1", "2") if yes(k)]
    return (1, low) if low else (0, [])


def score_cssrs_screener(
    definition: InstrumentDefinition, answers: Mapping[str, Answer], context: Mapping[str, Any]
) -> Score:
    """C-SSRS screener: high, moderate, low or no risk; the score is the level (0-3).

    The moderate/low split follows CLINICAL.md and is unconfirmed: the band and the
    details say so. Moderate or high raises a safety alert.
    """
    params = definition.parameters
    level, reasons = _cssrs_level(answers)
    band = definition.band_for(level)
    details = {
        "risk_level": CSSRS_LEVELS[level],
        "reasons": reasons,
        "rule": params["split_note"],
        "moderate_low_split_confirmed": False,
        "asked_q3_to_q5": answers.get(params["gate_item"]) == "yes",
    }
    reason = ""
    if level >= params["alert_from_level"]:
        reason = f"{definition.abbreviation} screener: {band}; {', '.join(reasons)}: "
        reason += f"{params['alert_action']}."
    return Score(
        total=Decimal(level),
        band=band,
        critical_items=critical_hits(definition, answers),
        details=details,
        alert_reason=reason,
    )


def score_audit_c(
    definition: InstrumentDefinition, answers: Mapping[str, Answer], context: Mapping[str, Any]
) -> Score:
    """AUDIT-C 0-12: positive at 4 or more for men, 3 or more for women (context["sex"])."""
    params = definition.parameters
    sex = context["sex"]
    cutoff = params["cutoffs"][sex]
    total = sum(item_points(definition, answers).values())
    positive = total >= cutoff
    label = params["positive_band" if positive else "negative_band"]
    band = label.format(cutoff=cutoff, group=params["group_labels"][sex])
    details = {"sex": sex, "cutoff": cutoff, "positive": positive}
    return Score(total=Decimal(total), band=band, details=details)


RULES: dict[str, Rule] = {
    "sum": score_sum,
    "pcl5": score_pcl5,
    "mean": score_mean,
    "cssrs_screener": score_cssrs_screener,
    "audit_c": score_audit_c,
}


def score(
    definition: InstrumentDefinition,
    answers: Mapping[str, Answer],
    context: Mapping[str, Any] | None = None,
) -> Score:
    return RULES[definition.scoring](definition, answers, context or {})
