"""Readings: what a drug screen says, read against the medication list on the program's date
of collection (relapse_prevention/readings.py)."""

from __future__ import annotations

import datetime

import pytest

from iop.medications.classes import DrugClass
from iop.medications.models import MedicationSource
from relapse_prevention.models import Specimen, Validity
from relapse_prevention.readings import (
    Kind,
    specimen_reading,
    specimen_readings,
    specimens_for_reading,
)
from tests.relapse_prevention.screen_helpers import medication, specimen_with

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 11)
POS, NEG = "positive", "negative"


def collected(program, day=DAY, hour=10, minute=0):
    return program.at(day, datetime.time(hour, minute))


def read(client, results, **kwargs):
    specimen = specimen_with(client, results, at=collected(client.program), **kwargs)
    return specimen_reading(specimens_for_reading(Specimen.objects.filter(pk=specimen.pk))[0])


def bup(client, started_on, stopped_on=None):
    return medication(
        client, "Buprenorphine/naloxone", DrugClass.BUPRENORPHINE, started_on, stopped_on
    )


def test_positive_buprenorphine_explained_while_active(client_record):
    bup(client_record, DAY - datetime.timedelta(days=30))
    reading = read(client_record, {"buprenorphine": (POS, None), "thc": (NEG, None)})
    analyte = next(a for a in reading.analytes if a.result.analyte.code == "buprenorphine")
    assert analyte.kind == Kind.EXPLAINED
    assert "consistent with prescribed buprenorphine/naloxone" in analyte.text
    assert reading.kind == Kind.EXPLAINED
    assert "Buprenorphine consistent with prescribed buprenorphine/naloxone" in reading.headline


@pytest.mark.parametrize(
    ("started", "stopped", "kind"),
    [
        (-30, -1, Kind.UNEXPLAINED),  # stopped the day before
        (1, None, Kind.UNEXPLAINED),  # started the day after
        (-30, 0, Kind.EXPLAINED),  # stopped on the collection date: still taken that day
        (0, None, Kind.EXPLAINED),  # started that day
    ],
)
def test_explained_only_on_the_days_it_was_active(client_record, started, stopped, kind):
    bup(
        client_record,
        DAY + datetime.timedelta(days=started),
        None if stopped is None else DAY + datetime.timedelta(days=stopped),
    )
    reading = read(client_record, {"buprenorphine": (POS, None)})
    assert reading.analytes[0].kind == kind
    assert reading.kind == kind
    if kind == Kind.UNEXPLAINED:
        assert reading.headline == "Unexplained positive: Buprenorphine."
        assert "not explained" in reading.analytes[0].text


@pytest.mark.parametrize(
    ("name", "prescribed", "analyte"),
    [
        ("Oxycodone", DrugClass.OXYCODONE, "hydrocodone"),
        ("Methylphenidate (Ritalin)", DrugClass.METHYLPHENIDATE, "amphetamines"),
    ],
)
def test_a_different_drug_of_the_same_class_does_not_explain(
    client_record, name, prescribed, analyte
):
    medication(client_record, name, prescribed, DAY - datetime.timedelta(days=10))
    reading = read(client_record, {analyte: (POS, None)})
    assert reading.analytes[0].kind == Kind.UNEXPLAINED
    assert reading.kind == Kind.UNEXPLAINED


def test_a_reported_medication_with_no_prescriber_reads_reported(client_record):
    medication(
        client_record,
        "Alprazolam",
        DrugClass.BENZODIAZEPINE,
        DAY - datetime.timedelta(days=5),
        source=MedicationSource.REPORTED,
        outside_prescriber="",
    )
    reading = read(client_record, {"benzodiazepines": (POS, None)})
    assert reading.analytes[0].kind == Kind.EXPLAINED
    assert "consistent with reported alprazolam" in reading.analytes[0].text
    assert "prescribed" not in reading.headline


@pytest.mark.parametrize(
    ("validity", "kind", "headline"),
    [
        (Validity.REFUSED, Kind.REFUSED, "Refused: no specimen collected"),
        (Validity.UNABLE_TO_PROVIDE, Kind.UNABLE, "Unable to provide a specimen"),
        (Validity.NO_SHOW, Kind.NO_SHOW, "No-show: missed the collection"),
        (Validity.INVALID, Kind.INVALID, "Invalid specimen: no result can be read"),
        (Validity.SUBSTITUTED, Kind.INVALID, "Substituted specimen: no result can be read"),
        (Validity.ADULTERATED, Kind.INVALID, "Adulterated specimen: no result can be read"),
    ],
)
def test_not_a_result_reads_as_what_it_is(client_record, validity, kind, headline):
    # Even with a stray result on an invalid specimen, it reads as neither positive nor negative.
    results = {"thc": (POS, None)} if validity == Validity.INVALID else {}
    reading = read(client_record, results, validity=validity)
    assert reading.kind == kind
    assert reading.headline == headline
    assert reading.analytes == []
    assert "ositive" not in reading.headline and "egative" not in reading.headline


def test_dilute_is_noted(client_record):
    reading = read(client_record, {"thc": (NEG, None)}, validity=Validity.DILUTE)
    assert reading.kind == Kind.NEGATIVE
    assert reading.dilute
    assert "Dilute specimen: a negative result may not be reliable." in reading.headline


def test_confirmation_overrides_screen(client_record):
    reading = read(client_record, {"thc": (POS, NEG), "cocaine": (NEG, None)})
    assert [a.kind for a in reading.analytes] == [Kind.NEGATIVE, Kind.NEGATIVE]
    assert reading.analytes[0].text == "Negative (confirmation)"
    assert reading.kind == Kind.NEGATIVE
    confirmed = read(client_record, {"cocaine": (POS, POS)})
    assert confirmed.analytes[0].text == "Positive (confirmed), not explained by a medication"


def test_pending_until_every_result_is_in(client_record):
    reading = read(client_record, {"thc": (None, None), "cocaine": (NEG, None)})
    assert reading.kind == Kind.PENDING


def test_collection_date_is_the_program_local_date(client_record):
    """23:30 in New York is 04:30 UTC the next day: the program's day counts."""
    program = client_record.program
    # Stopped on DAY: taken that evening; the UTC date (DAY+1) would say "not explained".
    bup(client_record, DAY - datetime.timedelta(days=30), DAY)
    specimen = specimen_with(
        client_record, {"buprenorphine": (POS, None)}, at=collected(program, DAY, 23, 30)
    )
    assert specimen.collected_at.astimezone(datetime.UTC).date() == DAY + datetime.timedelta(1)
    reading = specimen_reading(specimens_for_reading(Specimen.objects.filter(pk=specimen.pk))[0])
    assert reading.collected_on == DAY
    assert reading.kind == Kind.EXPLAINED


def _readings_queries(client, django_assert_max_num_queries, count, total):
    for n in range(count):
        specimen_with(
            client,
            {"buprenorphine": (POS, None), "thc": (NEG, None)},
            at=collected(client.program, DAY - datetime.timedelta(days=n)),
        )
    with django_assert_max_num_queries(4) as captured:
        specimens = list(specimens_for_reading(Specimen.objects.filter(client=client)))
        readings = specimen_readings(specimens)
        texts = [a.text for r in readings.values() for a in r.analytes]
    assert len(readings) == total and len(texts) == 2 * total
    return len(captured.captured_queries)


def test_query_count_constant_in_the_number_of_specimens(
    client_record, django_assert_max_num_queries
):
    bup(client_record, DAY - datetime.timedelta(days=60))
    few = _readings_queries(client_record, django_assert_max_num_queries, 2, total=2)
    many = _readings_queries(client_record, django_assert_max_num_queries, 10, total=12)
    assert few == many
