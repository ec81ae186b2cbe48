"""The psychiatric review cadence: who is due, from when, in which program."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from iop.accounts.models import Role
from iop.medications.classes import DrugClass
from iop.medications.reviews import due_in_words, reviews_due
from tests.factories import member
from tests.medications.review_helpers import (
    TODAY,
    admitted,
    at,
    days_ago,
    medication,
    on_cadence,
    reconciled,
)

pytestmark = pytest.mark.django_db


def due(program, **kwargs):
    with at(program, TODAY, 9):
        return reviews_due([program.pk], **kwargs)


def test_a_client_without_psychiatric_medication_is_not_listed(program):
    episode = admitted(program, "Avery", on=days_ago(30))
    medication(
        episode.client, name="Ibuprofen", drug_class=DrugClass.OTHER, started_on=days_ago(30)
    )
    assert due(program) == []


def test_a_stopped_psychiatric_medication_takes_the_client_off_the_cadence(program):
    episode = admitted(program, "Blake", on=days_ago(30))
    medication(episode.client, started_on=days_ago(30), stopped_on=days_ago(2))
    assert due(program) == []


def test_last_reconciliation_15_days_ago_with_14_is_overdue_by_1(program):
    prescriber = member(Role.PRESCRIBER, program, first_name="Pat", last_name="Okafor")
    episode = on_cadence(program, "Casey", admitted_days_ago=40, prescriber=prescriber)
    reconciled(episode, prescriber, on=days_ago(15))
    (review,) = due(program)
    assert review.client == episode.client
    assert review.last_reviewed_on == days_ago(15)
    assert review.due_on == days_ago(1)
    assert review.overdue and review.days_overdue == 1
    assert review.prescribers == ["Pat Okafor"]
    assert due_in_words(review) == "Overdue by 1 day"


def test_the_latest_completed_reconciliation_counts_not_an_open_one(program):
    prescriber = member(Role.PRESCRIBER, program)
    episode = on_cadence(program, "Devon", admitted_days_ago=40)
    reconciled(episode, prescriber, on=days_ago(30))
    reconciled(episode, prescriber, on=days_ago(16))
    reconciled(episode, prescriber, on=days_ago(1), completed=False)
    (review,) = due(program)
    assert review.last_reviewed_on == days_ago(16)
    assert review.days_overdue == 2


def test_without_a_reconciliation_the_count_starts_at_admission(program):
    on_cadence(program, "Emerson", admitted_days_ago=12)
    (review,) = due(program)
    assert review.last_reviewed_on is None
    assert review.due_on == days_ago(12) + datetime.timedelta(days=14)
    assert not review.overdue
    assert due_in_words(review) == "Due Friday, Mar 6"


def test_not_listed_before_the_window_and_listed_within_it(program):
    on_cadence(program, "Finley", admitted_days_ago=10)  # due in 4 days
    assert due(program) == []
    assert len(due(program, within_days=4)) == 1


def test_due_today_is_due_not_overdue(program):
    on_cadence(program, "Harper", admitted_days_ago=14)
    (review,) = due(program)
    assert review.due_on == TODAY and not review.overdue
    assert due_in_words(review) == "Due today"


def test_a_program_with_21_days(program):
    program.psychiatric_review_days = 21
    program.save()
    on_cadence(program, "Indigo", admitted_days_ago=15)
    assert due(program) == []
    (review,) = due(program, within_days=7)
    assert review.due_on == days_ago(15) + datetime.timedelta(days=21)


def test_another_programs_clients_are_never_listed(program, other_program):
    on_cadence(other_program, "Jules", admitted_days_ago=30)
    mine = on_cadence(program, "Kendall", admitted_days_ago=30)
    assert [r.client for r in due(program)] == [mine.client]


def test_a_discharged_client_is_not_listed(program):
    episode = on_cadence(program, "Logan", admitted_days_ago=30)
    episode.discharged_on = days_ago(1)
    episode.save()
    assert due(program) == []


def test_overdue_first(program):
    soon = on_cadence(program, "Morgan", admitted_days_ago=12)
    late = on_cadence(program, "Noor", admitted_days_ago=20)
    later = on_cadence(program, "Oakley", admitted_days_ago=16)
    assert [r.client for r in due(program)] == [late.client, later.client, soon.client]


def test_query_count_is_constant_in_the_number_of_clients(program, django_assert_num_queries):
    prescriber = member(Role.PRESCRIBER, program)
    for n in range(2):
        on_cadence(program, f"Few{n}", admitted_days_ago=20, prescriber=prescriber)
    with at(program, TODAY, 9), django_assert_num_queries(3):
        assert len(reviews_due([program.pk])) == 2
    for n in range(8):
        episode = on_cadence(program, f"Many{n}", admitted_days_ago=20, prescriber=prescriber)
        reconciled(episode, prescriber, on=days_ago(15))
    with at(program, TODAY, 9), django_assert_num_queries(3):
        assert len(reviews_due([program.pk])) == 10


def test_the_setting_is_validated_between_1_and_90(program):
    for bad in (0, 91):
        program.psychiatric_review_days = bad
        with pytest.raises(ValidationError) as raised:
            program.full_clean()
        assert "psychiatric_review_days" in raised.value.message_dict
    program.psychiatric_review_days = 90
    program.full_clean()
    assert program.__class__._meta.get_field("psychiatric_review_days").default == 14


def test_the_reconciliation_date_is_the_programs_date(program):
    # Completed at 23:00 in New York, already the next day in UTC: the New York day counts.
    prescriber = member(Role.PRESCRIBER, program)
    episode = on_cadence(program, "Parker", admitted_days_ago=40)
    reconciled(episode, prescriber, on=days_ago(15), hour=23)
    (review,) = due(program)
    assert review.last_reviewed_on == days_ago(15)
    assert review.days_overdue == 1
