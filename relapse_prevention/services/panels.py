"""Changing a drug screen panel without rewriting a result already read against it.

A panel version that any specimen uses is never edited: saving makes the next version (same
code, version + 1, the analytes copied with the edits) and retires the old one, in one
transaction, so old results keep the cut-offs they were read against. A version nobody has
used yet is edited in place.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from relapse_prevention.models import PanelAnalyte, ScreenPanel, Specimen

PANEL_FIELDS = ("name", "specimen_type", "effective_from", "source")
ANALYTE_FIELDS = (
    "code",
    "name",
    "screen_cutoff",
    "confirmation_cutoff",
    "unit",
    "explained_by",
    "ordering",
)


def panel_in_use(panel: ScreenPanel) -> bool:
    return Specimen.objects.filter(panel=panel).exists()


def analytes_check(analytes: Sequence[dict[str, Any]]) -> None:
    """Refuse a cut-off at or below zero and an analyte code twice in one panel."""
    errors: list[str] = []
    seen: set[str] = set()
    for entry in analytes:
        code = entry["code"]
        for key, label in (("screen_cutoff", "screen"), ("confirmation_cutoff", "confirmation")):
            value = entry.get(key)
            if value is not None and Decimal(value) <= 0:
                errors.append(f"{code}: the {label} cut-off must be above zero.")
        if code in seen:
            errors.append(f"The analyte code {code} is in this panel twice.")
        seen.add(code)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def panel_revise(
    panel: ScreenPanel,
    *,
    fields: dict[str, Any],
    analytes: Sequence[dict[str, Any]],
) -> ScreenPanel:
    """Save `fields` (name, specimen type, effective date, source) and the full list of
    `analytes` (dicts of ANALYTE_FIELDS, with "id" for an existing analyte of this version).
    Returns the version that now holds them: `panel` itself, or its new version."""
    analytes_check(analytes)
    panel = ScreenPanel.objects.select_for_update().get(pk=panel.pk)
    if panel.retired:
        raise ValidationError("This version is retired: edit the newest version of the panel.")
    if not panel_in_use(panel):
        return _edit_in_place(panel, fields, analytes)
    latest = ScreenPanel.objects.filter(code=panel.code).aggregate(v=Max("version"))["v"]
    new = ScreenPanel.objects.create(
        code=panel.code,
        version=latest + 1,
        **{name: fields.get(name, getattr(panel, name)) for name in PANEL_FIELDS},
    )
    for order, entry in enumerate(analytes):
        PanelAnalyte.objects.create(
            panel=new, **{**_analyte_values(entry), "ordering": entry.get("ordering", order)}
        )
    ScreenPanel.objects.filter(pk=panel.pk).update(retired=True)
    return new


def _analyte_values(entry: dict[str, Any]) -> dict[str, Any]:
    values = {name: entry[name] for name in ANALYTE_FIELDS if name in entry}
    values["explained_by"] = list(values.get("explained_by") or [])
    return values


def _edit_in_place(
    panel: ScreenPanel, fields: dict[str, Any], analytes: Sequence[dict[str, Any]]
) -> ScreenPanel:
    for name in PANEL_FIELDS:
        if name in fields:
            setattr(panel, name, fields[name])
    panel.save()
    existing = {a.pk: a for a in panel.analytes.all()}
    kept = {entry["id"] for entry in analytes if entry.get("id")}
    if set(existing) - kept:
        # Analytes are never deleted: a panel without one is a new version (or a new panel).
        raise ValidationError("An analyte cannot be removed from a panel.")
    # Two passes so codes can be swapped without tripping the one-code-per-panel constraint.
    for entry in analytes:
        if entry.get("id"):
            PanelAnalyte.objects.filter(pk=entry["id"]).update(code=f"~{entry['id']}")
    for order, entry in enumerate(analytes):
        values = {**_analyte_values(entry), "ordering": entry.get("ordering", order)}
        if entry.get("id"):
            analyte = existing[entry["id"]]
            for name, value in values.items():
                setattr(analyte, name, value)
            analyte.save()
        else:
            PanelAnalyte.objects.create(panel=panel, **values)
    return panel
