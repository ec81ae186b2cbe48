from __future__ import annotations

import pytest

from intake.models import Referral, ReferralSource
from tests.factories import ClientFactory


@pytest.fixture
def referral(program, staff):
    client = ClientFactory(program=program, legal_first_name="Jordan", legal_last_name="Vale")
    return Referral.objects.create(
        program=program,
        client=client,
        received_on=program.today(),  # the program's day, as the intake form uses
        source=ReferralSource.SELF,
        reason="Panic attacks and drinking to sleep",
        created_by=staff["intake"],
    )
