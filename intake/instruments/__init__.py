"""The standardised instruments as versioned data, scored on the server.

``get("phq9")`` (or ``get("PHQ-9")``) returns one definition; ``all_instruments()``
lists them in the order the intake shows them. Definitions are read once from
``data/*.json``; a malformed file fails at the first lookup, loudly.
"""

from __future__ import annotations

import re
from functools import cache

from intake.instruments.definitions import (
    DATA_DIR,
    Answer,
    AnswerOption,
    Band,
    DefinitionError,
    InstrumentDefinition,
    Item,
    load,
)

# The order the intake offers them in: mood and anxiety, trauma, suicide risk, substances, history.
ORDER = ("phq9", "gad7", "pcl5", "des2", "cssrs", "auditc", "audit", "dast10", "ace")


class UnknownInstrument(LookupError):
    pass


def _normalise(code: str) -> str:
    return re.sub(r"[^a-z0-9]", "", code.lower())


@cache
def _registry() -> dict[str, InstrumentDefinition]:
    from intake.instruments import scoring

    definitions = {d.code: d for d in map(load, sorted(DATA_DIR.glob("*.json")))}
    for definition in definitions.values():
        if definition.scoring not in scoring.RULES:
            raise DefinitionError(f"{definition.code}: no scoring rule {definition.scoring!r}.")
    if sorted(definitions) != sorted(ORDER):
        raise DefinitionError(f"Instrument data files {sorted(definitions)} do not match ORDER.")
    return definitions


@cache
def _aliases() -> dict[str, str]:
    aliases = {}
    for definition in _registry().values():
        aliases[_normalise(definition.code)] = definition.code
        aliases[_normalise(definition.abbreviation)] = definition.code
    return aliases


def get(code: str) -> InstrumentDefinition:
    """The definition for a code ("phq9") or abbreviation ("PHQ-9"); UnknownInstrument if none."""
    try:
        return _registry()[_aliases()[_normalise(code)]]
    except KeyError:
        raise UnknownInstrument(f"No instrument {code!r}.") from None


def all_instruments() -> list[InstrumentDefinition]:
    registry = _registry()
    return [registry[code] for code in ORDER]


__all__ = [
    "ORDER",
    "Answer",
    "AnswerOption",
    "Band",
    "DefinitionError",
    "InstrumentDefinition",
    "Item",
    "UnknownInstrument",
    "all_instruments",
    "get",
]
