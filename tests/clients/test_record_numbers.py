"""Record numbers are unique within a program, in any letter case, and only there."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from iop.clients.models import Client
from iop.clients.services import client_next_record_number
from tests.factories import ClientFactory


def test_two_programs_may_hold_the_same_record_number(program, other_program):
    ClientFactory(program=program, record_number="R-1001")
    ClientFactory(program=other_program, record_number="R-1001")
    held_by = Client.objects.filter(record_number="R-1001").values_list("program", flat=True)
    assert sorted(held_by) == sorted([program.pk, other_program.pk])


@pytest.mark.parametrize("number", ["R-1001", "r-1001"])
def test_the_database_refuses_a_number_twice_in_one_program(program, number):
    ClientFactory(program=program, record_number="R-1001")
    with pytest.raises(IntegrityError), transaction.atomic():
        ClientFactory(program=program, record_number=number)


def test_the_next_number_follows_this_programs_highest(program, other_program):
    ClientFactory(program=program, record_number="R-1041")
    ClientFactory(program=program, record_number="r-1042")  # typed by hand, lower case
    ClientFactory(program=other_program, record_number="R-9000")
    with transaction.atomic():
        assert client_next_record_number(program) == "R-1043"
        assert client_next_record_number(other_program) == "R-9001"
