"""The demo's check-ins and lapses: weeks of check-ins, one clearly rising craving that Today
shows the demo clinician, lapses for two clients (one confirmed by a screen), and the
step-up candidate the repeated lapses raise; a rerun adds nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from iop.accounts.models import Program, User
from relapse_prevention.checkin_today import rises_context
from relapse_prevention.models import CheckIn, Lapse
from scheduling.models import LevelChangeCandidate


@pytest.mark.django_db
def test_demo_check_ins_and_lapses():
    call_command("seed_demo", "--force")
    program = Program.objects.get(name__startswith="Riverside")
    clinician = User.objects.get(email="clinician@demo.test")
    assert CheckIn.objects.filter(program=program).values("episode").distinct().count() >= 5
    assert CheckIn.objects.filter(program=program).count() >= 40
    rows = rises_context(clinician, [program])["rows"]
    assert len(rows) == 1 and "Craving 8" in rows[0]["text"]
    lapses = Lapse.objects.filter(program=program)
    assert lapses.values("client").distinct().count() == 2
    assert lapses.filter(specimen__isnull=False).count() == 1
    assert LevelChangeCandidate.objects.filter(program=program, rule="lapses_repeated").exists()
    before = (CheckIn.objects.count(), Lapse.objects.count())
    call_command("seed_demo", "--force")
    assert (CheckIn.objects.count(), Lapse.objects.count()) == before
