"""Instrument definitions: the data files under ``data/`` read into frozen dataclasses.

A definition is everything needed to show, validate and score one version of an
instrument. Item text is present only where the license lets us ship it
(CLINICAL.md); every item always has a short neutral label.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

Answer = int | str

DATA_DIR = Path(__file__).resolve().parent / "data"


class DefinitionError(ValueError):
    """A data file is malformed: caught when the registry loads, not at a client's intake."""


@dataclass(frozen=True)
class AnswerOption:
    value: Answer
    label: str
    points: int


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    text: str | None
    options: tuple[AnswerOption, ...]

    def option(self, value: object) -> AnswerOption | None:
        """The option a submitted value stands for; form posts give strings, callers ints."""
        if isinstance(value, bool):
            return None
        wanted = str(value).strip()
        return next((o for o in self.options if str(o.value) == wanted), None)

    @property
    def allowed(self) -> str:
        return ", ".join(str(o.value) for o in self.options)


@dataclass(frozen=True)
class Band:
    """A band starts at ``min`` (inclusive) and runs up to the next band's ``min``."""

    min: Decimal
    label: str


@dataclass(frozen=True)
class ContextField:
    key: str
    label: str
    choices: tuple[tuple[str, str], ...]
    required_message: str


@dataclass(frozen=True, eq=False)
class InstrumentDefinition:
    code: str
    abbreviation: str
    topic: str  # what it screens for, in plain words: "depression"
    name: str
    version: str
    timeframe: str
    instructions: str
    items: tuple[Item, ...]
    scoring: str
    score_min: Decimal
    score_max: Decimal
    bands: tuple[Band, ...]
    critical_items: tuple[str, ...]
    source: str
    license: str
    attribution: str
    ships_item_text: bool
    context_fields: tuple[ContextField, ...] = ()
    parameters: dict[str, Any] = field(default_factory=dict)
    notes: str = ""

    @property
    def short_name(self) -> str:
        """How staff name it on screen: "PHQ-9 (depression)"."""
        return f"{self.abbreviation} ({self.topic})"

    def item(self, key: str) -> Item:
        return self._items_by_key[key]

    @cached_property
    def _items_by_key(self) -> dict[str, Item]:
        return {item.key: item for item in self.items}

    @property
    def item_keys(self) -> list[str]:
        return [item.key for item in self.items]

    def band_for(self, score: Decimal | int) -> str:
        """The last band whose lower bound the score reaches (bands are sorted by ``min``)."""
        label = self.bands[0].label
        for band in self.bands:
            if Decimal(score) >= band.min:
                label = band.label
        return label


def _options(raw: list[dict[str, Any]], where: str) -> tuple[AnswerOption, ...]:
    if not raw:
        raise DefinitionError(f"{where}: no answer options.")
    options = []
    for entry in raw:
        value = entry["value"]
        points = entry.get("points", value)
        if not isinstance(points, int):
            raise DefinitionError(f"{where}: option {value!r} needs integer points.")
        options.append(AnswerOption(value=value, label=str(entry["label"]), points=points))
    return tuple(options)


def _item(raw: dict[str, Any], shared: list[dict[str, Any]], code: str, ships: bool) -> Item:
    key = str(raw["key"])
    if "text" in raw and not ships:
        # Guard against pasting licensed wording into a labels-only data file.
        raise DefinitionError(f"{code} item {key}: this instrument ships labels only.")
    if ships and not raw.get("text"):
        raise DefinitionError(f"{code} item {key}: item text is missing.")
    return Item(
        key=key,
        label=str(raw["label"]),
        text=raw.get("text"),
        options=_options(raw.get("options", shared), f"{code} item {key}"),
    )


def _context_field(raw: dict[str, Any]) -> ContextField:
    return ContextField(
        key=raw["key"],
        label=raw["label"],
        choices=tuple((str(c["value"]), str(c["label"])) for c in raw["choices"]),
        required_message=raw["required_message"],
    )


def parse(raw: dict[str, Any]) -> InstrumentDefinition:
    code = str(raw["code"])
    ships = bool(raw["ships_item_text"])
    items = tuple(_item(i, raw.get("options", []), code, ships) for i in raw["items"])
    bands = tuple(Band(min=Decimal(str(b["min"])), label=b["label"]) for b in raw["bands"])
    definition = InstrumentDefinition(
        code=code,
        abbreviation=raw["abbreviation"],
        topic=raw["topic"],
        name=raw["name"],
        version=str(raw["version"]),
        timeframe=raw["timeframe"],
        instructions=raw.get("instructions", ""),
        items=items,
        scoring=raw["scoring"],
        score_min=Decimal(str(raw["score_range"][0])),
        score_max=Decimal(str(raw["score_range"][1])),
        bands=bands,
        critical_items=tuple(str(k) for k in raw.get("critical_items", [])),
        source=raw["source"],
        license=raw["license"],
        attribution=raw.get("attribution", ""),
        ships_item_text=ships,
        context_fields=tuple(_context_field(c) for c in raw.get("context_fields", [])),
        parameters=raw.get("parameters", {}),
        notes=raw.get("notes", ""),
    )
    _check(definition)
    return definition


def _check(definition: InstrumentDefinition) -> None:
    code = definition.code
    keys = definition.item_keys
    if len(set(keys)) != len(keys):
        raise DefinitionError(f"{code}: duplicate item keys.")
    if any(k not in keys for k in definition.critical_items):
        raise DefinitionError(f"{code}: a critical item is not one of its items.")
    mins = [band.min for band in definition.bands]
    if mins and (mins != sorted(mins) or mins[0] != definition.score_min):
        raise DefinitionError(f"{code}: bands must be sorted and start at the lowest score.")


def load(path: Path) -> InstrumentDefinition:
    try:
        return parse(json.loads(path.read_text(encoding="utf-8")))
    except (KeyError, TypeError, json.JSONDecodeError) as error:
        raise DefinitionError(f"{path.name}: {error!r}") from error
