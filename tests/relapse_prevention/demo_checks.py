"""What the demo seed leaves for relapse prevention, checked inside the one seeded demo test
(tests/scheduling/test_demo.py): seeding is the slowest thing the suite does, so it is done
once for every check of it."""

from __future__ import annotations

from iop.accounts.models import Program, User
from relapse_prevention.checkin_today import rises_context
from relapse_prevention.models import CheckIn, Lapse
from scheduling.models import LevelChangeCandidate


def check_ins_and_lapses_are_seeded(program: Program, clinician: User) -> None:
    """Weeks of check-ins, one clearly rising craving that Today shows the demo clinician,
    lapses for two clients (one confirmed by a screen), and the step-up candidate the
    repeated lapses raise."""
    assert CheckIn.objects.filter(program=program).values("episode").distinct().count() >= 5
    assert CheckIn.objects.filter(program=program).count() >= 40
    rows = rises_context(clinician, [program])["rows"]
    assert len(rows) == 1 and "Craving 8" in rows[0]["text"]
    lapses = Lapse.objects.filter(program=program)
    assert lapses.values("client").distinct().count() == 2
    assert lapses.filter(specimen__isnull=False).count() == 1
    assert LevelChangeCandidate.objects.filter(program=program, rule="lapses_repeated").exists()
