"""Phone numbers: parsed with `phonenumbers`, stored in E.164, shown in national format.

One format in the database means reminders can text the number as stored and two
spellings of the same number compare equal. Numbers without a country code are read
in the clinic's region (``IOP_PHONE_REGION``, US by default).
"""

from __future__ import annotations

from typing import Any

import phonenumbers
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

INVALID = (
    "Enter a phone number with its area code, such as (202) 555-0143, "
    "or a number starting with + and the country code."
)


def _region() -> str:
    return str(getattr(settings, "IOP_PHONE_REGION", "US"))


def _parsed(raw: str) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(raw, _region())
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def phone_parse(raw: str) -> str:
    """The number in E.164 (``+12025550143``); a clear refusal for anything else."""
    number = _parsed(raw.strip())
    if number is None:
        raise ValidationError(INVALID, code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_display(stored: str) -> str:
    """National format for the clinic's own region, international otherwise.

    A value recorded before numbers were checked is shown as it was typed.
    """
    number = _parsed(stored) if stored else None
    if number is None:
        return stored
    if phonenumbers.region_code_for_number(number) == _region():
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


class PhoneField(forms.CharField):
    """A text box that accepts any common way of writing a number and cleans it to E.164."""

    widget = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        return phone_parse(text) if text else ""

    def prepare_value(self, value: Any) -> Any:
        # What the user typed is shown back as typed; a stored number in national format.
        if isinstance(value, str) and value.startswith("+"):
            return phone_display(value)
        return value
