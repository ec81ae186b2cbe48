"""Checking a set of answers against a definition; shared by the service and the forms.

Errors come back as one ``ValidationError`` keyed by item (or context field), so a
form can show each message beside its question and a service caller sees exactly
which answer was refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from intake.instruments.definitions import Answer, InstrumentDefinition, Item

REQUIRED = "Choose an answer for this question."


@dataclass(frozen=True)
class CleanAnswers:
    answers: dict[str, Answer]
    context: dict[str, str]


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _short_name(item: Item) -> str:
    """ "Q2" from "Q2: thoughts of ...", "Item 3" from "Item 3: ..."."""
    return item.label.split(":", 1)[0]


def _skipped(definition: InstrumentDefinition, answers: Mapping[str, object]) -> set[str]:
    """Items not asked because of an earlier answer (C-SSRS: Q3-Q5 only when Q2 is yes)."""
    gate_key = definition.parameters.get("gate_item")
    if not gate_key:
        return set()
    gate = definition.item(gate_key).option(answers.get(gate_key))
    if gate is not None and gate.points > 0:
        return set()
    return set(definition.parameters["gated_items"])


def _check_item(
    definition: InstrumentDefinition,
    item: Item,
    raw: object,
    skipped: set[str],
    gate_known: bool,
) -> tuple[Answer | None, str | None]:
    """The clean value (None when not asked) or an error message for one item."""
    if _blank(raw):
        if item.key in skipped:
            return None, None
        return None, REQUIRED
    option = item.option(raw)
    if option is None:
        return None, f"{raw!r} is not an answer to this question; choose one of {item.allowed}."
    if item.key in skipped and gate_known:
        if option.points > 0:
            gate = definition.item(definition.parameters["gate_item"])
            name = _short_name(gate)
            # Never drop a "yes" to intent or plan silently: the two answers contradict.
            return None, (
                f"Asked only when {name} is yes, and {name} is no: "
                f"check {name}, or change this answer."
            )
        return None, None  # a "no" to a question not asked (radios cannot be cleared)
    return option.value, None


def _clean_context(
    definition: InstrumentDefinition, context: Mapping[str, Any], errors: dict[str, list[str]]
) -> dict[str, str]:
    clean = {}
    known = {f.key for f in definition.context_fields}
    for key in context:
        if key not in known:
            errors[key] = [f"{definition.abbreviation} does not use {key!r}."]
    for context_field in definition.context_fields:
        value = context.get(context_field.key)
        allowed = [value for value, _ in context_field.choices]
        if _blank(value):
            errors[context_field.key] = [context_field.required_message]
        elif str(value) not in allowed:
            errors[context_field.key] = [f"Choose one of: {', '.join(allowed)}."]
        else:
            clean[context_field.key] = str(value)
    return clean


def clean_answers(
    definition: InstrumentDefinition,
    answers: Mapping[Any, object],
    context: Mapping[str, Any] | None = None,
) -> CleanAnswers:
    """Every item answered with one of its options, skip logic respected, context complete.

    Raises ValidationError({key: [message]}) listing every problem at once.
    """
    given = {str(key): value for key, value in answers.items()}
    errors: dict[str, list[str]] = {}
    skipped = _skipped(definition, given)
    gate_key: str | None = definition.parameters.get("gate_item")
    gate_known = (
        gate_key is not None and definition.item(gate_key).option(given.get(gate_key)) is not None
    )
    clean: dict[str, Answer] = {}
    for item in definition.items:
        value, error = _check_item(definition, item, given.get(item.key), skipped, gate_known)
        if error:
            errors[item.key] = [error]
        elif value is not None:
            clean[item.key] = value
    for key in given.keys() - set(definition.item_keys):
        errors[key] = [f"{definition.abbreviation} has no question {key!r}."]
    clean_context = _clean_context(definition, context or {}, errors)
    if errors:
        raise ValidationError(errors)
    return CleanAnswers(answers=clean, context=clean_context)
