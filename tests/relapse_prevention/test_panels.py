"""Panel versions: a version any specimen uses is never edited (saving makes the next one and
retires it); an unused one is edited in place; bad cut-offs and duplicate codes refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from relapse_prevention.models import AnalyteResult, ScreenPanel
from relapse_prevention.services.panels import ANALYTE_FIELDS, panel_revise
from tests.relapse_prevention.screen_helpers import panel, specimen_with

pytestmark = pytest.mark.django_db


def entries(version: ScreenPanel) -> list[dict]:
    return [
        {"id": a.pk, **{name: getattr(a, name) for name in ANALYTE_FIELDS}}
        for a in version.analytes.all()
    ]


def with_thc_cutoff(version: ScreenPanel, cutoff: str) -> list[dict]:
    rows = entries(version)
    for row in rows:
        if row["code"] == "thc":
            row["screen_cutoff"] = Decimal(cutoff)
    return rows


def test_used_version_edited_makes_a_new_version_and_keeps_the_old(client_record):
    old = panel()
    specimen = specimen_with(client_record, {"thc": ("positive", None)})
    new = panel_revise(old, fields={"name": old.name}, analytes=with_thc_cutoff(old, "20"))
    assert new.pk != old.pk
    assert (new.code, new.version) == (old.code, old.version + 1)
    old.refresh_from_db()
    assert old.retired and not new.retired
    assert old.analytes.get(code="thc").screen_cutoff == Decimal("50")
    assert new.analytes.get(code="thc").screen_cutoff == Decimal("20")
    assert new.analytes.count() == old.analytes.count()
    # The old result still points at the analyte, and the cut-off, it was read against.
    result = AnalyteResult.objects.get(specimen=specimen)
    assert result.analyte.panel_id == old.pk and result.analyte.screen_cutoff == Decimal("50")
    assert panel() == new  # new specimens get the new version


def test_unused_version_is_edited_in_place(db):
    version = ScreenPanel.objects.get(code="urine-hhs-2025", version=1)
    rows = with_thc_cutoff(version, "20")
    rows.append({"code": "etg", "name": "EtG", "screen_cutoff": Decimal("500"), "unit": "ng/mL"})
    same = panel_revise(version, fields={"name": "Lab urine panel"}, analytes=rows)
    assert same.pk == version.pk and same.version == 1
    assert ScreenPanel.objects.filter(code="urine-hhs-2025").count() == 1
    version.refresh_from_db()
    assert version.name == "Lab urine panel" and not version.retired
    assert version.analytes.get(code="thc").screen_cutoff == Decimal("20")
    assert version.analytes.filter(code="etg").exists()


@pytest.mark.parametrize("cutoff", ["0", "-5"])
def test_cutoff_at_or_below_zero_refused_nothing_saved(client_record, cutoff):
    old = panel()
    specimen_with(client_record, {"thc": ("negative", None)})
    with pytest.raises(ValidationError, match="cut-off must be above zero"):
        panel_revise(old, fields={}, analytes=with_thc_cutoff(old, cutoff))
    assert ScreenPanel.objects.filter(code=old.code).count() == 1
    old.refresh_from_db()
    assert not old.retired


def test_duplicate_analyte_code_refused(db):
    version = panel()
    rows = entries(version)
    rows.append({**rows[0], "id": None})
    with pytest.raises(ValidationError, match="twice"):
        panel_revise(version, fields={}, analytes=rows)
    assert version.analytes.count() == len(rows) - 1
