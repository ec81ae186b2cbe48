"""One form per instrument, built from its definition: a radio group per question."""

from __future__ import annotations

from typing import Any, ClassVar, cast

from django import forms
from django.core.exceptions import ValidationError

from intake import instruments
from intake.instruments.definitions import Answer, InstrumentDefinition
from intake.instruments.validation import REQUIRED, clean_answers
from intake.instruments.wording import Prompts, prompts_for

INVALID = "That is not one of the answers to this question; choose again."


class InstrumentForm(forms.Form):
    """Base for the generated forms; ``clean()`` runs the service's own validation."""

    definition: ClassVar[InstrumentDefinition]
    prompts: ClassVar[Prompts]

    instrument_answers: dict[str, Answer]
    instrument_context: dict[str, str]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Questions end in "?" or "." already; Django's ":" would follow them.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean() or {}
        keys = self.definition.item_keys
        answers = {k: cleaned_data.get(k) for k in keys if k not in self.errors}
        context = {
            f.key: cleaned_data.get(f.key)
            for f in self.definition.context_fields
            if f.key not in self.errors
        }
        try:
            cleaned = clean_answers(self.definition, answers, context)
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                if key in self.errors:
                    continue  # the field already says what is wrong
                self.add_error(key if key in self.fields else None, messages)
            return cleaned_data
        self.instrument_answers = cleaned.answers
        self.instrument_context = cleaned.context
        return cleaned_data


def _item_field(definition: InstrumentDefinition, prompts: Prompts, key: str) -> forms.Field:
    gated = key in definition.parameters.get("gated_items", [])
    help_text = ""
    if gated:
        gate = definition.item(definition.parameters["gate_item"]).label.split(":", 1)[0]
        help_text = f"Ask only if the answer to {gate} is yes."
    return forms.ChoiceField(
        label=prompts.items[key],
        choices=prompts.options[key],
        widget=forms.RadioSelect,
        # Skip-logic items are checked in clean(), which knows the earlier answer.
        required=not gated,
        help_text=help_text,
        error_messages={"required": REQUIRED, "invalid_choice": INVALID},
    )


def instrument_form_class(definition: InstrumentDefinition | str) -> type[InstrumentForm]:
    """A Form class for this instrument with the wording installed right now.

    Labels are the clinic's licensed wording when its file is present, else the
    shipped text, else the short label; every field is labelled. AUDIT-C adds the
    ``sex`` field its cut-off needs.
    """
    if isinstance(definition, str):
        definition = instruments.get(definition)
    prompts = prompts_for(definition)
    attrs: dict[str, Any] = {"definition": definition, "prompts": prompts}
    for key in definition.item_keys:
        attrs[key] = _item_field(definition, prompts, key)
    for context_field in definition.context_fields:
        attrs[context_field.key] = forms.ChoiceField(
            label=context_field.label,
            choices=list(context_field.choices),
            widget=forms.RadioSelect,
            error_messages={"required": context_field.required_message},
        )
    name = f"{definition.code.capitalize()}Form"
    # The declarative metaclass collects the fields, as for a class statement.
    metaclass = cast(Any, type(InstrumentForm))
    return cast(type[InstrumentForm], metaclass(name, (InstrumentForm,), attrs))
