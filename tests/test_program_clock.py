"""The program clock: a program's "today" and local times come from its own time zone, in a
request (whatever zone the user's first program activated) and in a Celery worker (whose
zone is the settings', UTC).

The programs here sit far from UTC, so that near their midnight the UTC date, and the date of
a user's other program in New York, differ from theirs: Kiritimati is UTC+14 (just after its
midnight, UTC and New York are still on the day before), Pago Pago is UTC-11 (just before its
midnight, UTC and New York are already on the next day). Had any of this used the server's
date or the user's first program's, the dates asserted would be one day off.
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any, cast

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from intake.models import SafetyPlan
from iop.accounts.models import Membership, Program, Role
from iop.clients.models import Episode
from iop.clients.tasks import planned_discharges_apply
from iop.notifications.models import OutboxMessage
from tests.celery_worker import drain_worker
from tests.discharge_helpers import discharge_steps_complete
from tests.factories import ClientFactory, EpisodeFactory, ProgramFactory, member
from tests.treatment_plans.review_helpers import admit, make_plan
from treatment_plans.tasks import plan_reminders_send

UTC = datetime.UTC
KIRITIMATI = "Pacific/Kiritimati"  # UTC+14, no daylight saving
PAGO_PAGO = "Pacific/Pago_Pago"  # UTC-11, no daylight saving
NEW_YORK = "America/New_York"

# The program-local day of the tests: close to the real date, so that the worker's own clock
# (its broker timeouts) is not thrown months away while the time machine runs.
D = timezone.now().date() + datetime.timedelta(days=3)


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def program_in(zone: str, name: str | None = None) -> Program:
    return cast(Program, ProgramFactory(time_zone=zone, **({"name": name} if name else {})))


# Just after midnight in Kiritimati, just before it in Pago Pago: (zone, local moment on D).
NEAR_MIDNIGHT = [
    pytest.param(KIRITIMATI, datetime.time(0, 30), id="kiritimati-just-after-midnight"),
    pytest.param(PAGO_PAGO, datetime.time(23, 30), id="pago-pago-just-before-midnight"),
]


def travel_to(zone: str, clock: datetime.time, *, tick: bool = False) -> Any:
    return time_machine.travel(
        datetime.datetime.combine(D, clock, tzinfo=zoneinfo.ZoneInfo(zone)), tick=tick
    )


# ---------------------------------------------------------------- Program's methods


def test_today_and_now_are_the_programs_not_the_servers_or_the_active_zone():
    kiritimati, pago_pago = Program(time_zone=KIRITIMATI), Program(time_zone=PAGO_PAGO)
    new_york = Program(time_zone=NEW_YORK)
    # 10:30 UTC on 9 March 2026: already the 10th in Kiritimati, still the 8th in Pago Pago.
    with (
        time_machine.travel(datetime.datetime(2026, 3, 9, 10, 30, tzinfo=UTC), tick=False),
        timezone.override(zoneinfo.ZoneInfo(NEW_YORK)),
    ):
        assert timezone.localdate() == datetime.date(2026, 3, 9)  # the active zone's
        assert kiritimati.today() == datetime.date(2026, 3, 10)
        assert pago_pago.today() == datetime.date(2026, 3, 8)
        assert new_york.today() == datetime.date(2026, 3, 9)
        now = kiritimati.now()
        assert (now.date(), now.hour, now.minute) == (datetime.date(2026, 3, 10), 0, 30)
        assert now.utcoffset() == datetime.timedelta(hours=14)
        assert kiritimati.zone == zoneinfo.ZoneInfo(KIRITIMATI)


def test_at_keeps_the_wall_clock_time_across_the_daylight_saving_changes():
    program = Program(time_zone=NEW_YORK)
    nine = datetime.time(9, 0)
    # Clocks go forward on Sunday 8 March 2026 and back on Sunday 1 November 2026.
    assert program.at(datetime.date(2026, 3, 7), nine) == datetime.datetime(
        2026, 3, 7, 14, 0, tzinfo=UTC
    )
    assert program.at(datetime.date(2026, 3, 9), nine) == datetime.datetime(
        2026, 3, 9, 13, 0, tzinfo=UTC
    )
    assert program.at(datetime.date(2026, 11, 2), nine) == datetime.datetime(
        2026, 11, 2, 14, 0, tzinfo=UTC
    )
    # 01:30 happens twice on 1 November: the first one (still daylight time) is meant.
    # (Python never calls an ambiguous time equal to one in another zone: compare in UTC.)
    twice = program.at(datetime.date(2026, 11, 1), datetime.time(1, 30))
    assert twice.astimezone(UTC) == datetime.datetime(2026, 11, 1, 5, 30, tzinfo=UTC)


def test_local_and_local_date_across_the_spring_change_and_midnight():
    program = Program(time_zone=NEW_YORK)
    before = program.local(datetime.datetime(2026, 3, 8, 6, 30, tzinfo=UTC))
    after = program.local(datetime.datetime(2026, 3, 8, 7, 30, tzinfo=UTC))
    assert (before.hour, before.minute, before.utcoffset()) == (1, 30, datetime.timedelta(hours=-5))
    assert (after.hour, after.minute, after.utcoffset()) == (3, 30, datetime.timedelta(hours=-4))
    # 03:30 UTC on the 10th is still the evening of the 9th in New York.
    moment = datetime.datetime(2026, 3, 10, 3, 30, tzinfo=UTC)
    assert program.local_date(moment) == datetime.date(2026, 3, 9)
    assert Program(time_zone=KIRITIMATI).local_date(moment) == datetime.date(2026, 3, 10)
    # Round trip: a local day and time and back.
    assert program.local(program.at(datetime.date(2026, 3, 8), datetime.time(3, 0))).hour == 3


# ---------------------------------------------------------------- in a request


@pytest.fixture
def far_director(db, request):
    """A director whose first program is in New York (so a request activates New York's zone)
    and who also directs the far program (``request.param`` is its zone)."""

    def make(zone: str) -> tuple[Any, Program]:
        home = program_in(NEW_YORK, "Riverside")
        far = program_in(zone, "Far Shore")
        director = member(Role.DIRECTOR, home, email="director@clinic.test")
        Membership.objects.create(user=director, program=far, role=Role.DIRECTOR)
        return director, far

    return make


@pytest.mark.django_db
@pytest.mark.parametrize(("zone", "clock"), NEAR_MIDNIGHT)
def test_pages_of_a_far_program_use_its_today(far_director, login_as, zone, clock):
    director, far = far_director(zone)
    episode: Any = EpisodeFactory(
        client=ClientFactory(program=far), admitted_on=D - days(30), primary_clinician=director
    )
    http = login_as(director)
    with travel_to(zone, clock):
        # The discharge form offers the program's today.
        page = http.get(reverse("clients:episode_discharge", args=[episode.pk]))
        assert page.status_code == 200
        assert f'value="{D.isoformat()}"' in page.text
        # A new safety plan is due for review the program's review interval after its today.
        started = http.post(reverse("intake:safety_plan_start", args=[episode.client.pk]))
        assert started.status_code == 302
        plan = SafetyPlan.objects.get(client=episode.client)
        assert plan.review_on == D + days(far.plan_review_days)
        # A review date of the program's today is refused: it must be after today.
        edit = reverse("intake:safety_plan_edit", args=[plan.pk])
        refused = http.post(edit, {"review_on": D.isoformat()})
        assert "Choose a review date after today." in refused.text


# ---------------------------------------------------------------- in a Celery worker


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("celery_worker")
@pytest.mark.parametrize(
    ("zone", "clock", "planned_on", "applied"),
    [
        # Just after midnight in Kiritimati the discharge planned for its today is applied
        # (UTC is still on the day before).
        pytest.param(KIRITIMATI, datetime.time(0, 30), D, True, id="kiritimati-today"),
        # Just before midnight in Pago Pago tomorrow's discharge waits (UTC is already there).
        pytest.param(PAGO_PAGO, datetime.time(23, 30), D + days(1), False, id="pago-pago-tomorrow"),
    ],
)
def test_the_worker_applies_a_planned_discharge_on_the_programs_date(
    zone, clock, planned_on, applied
):
    program = program_in(zone)
    director = member(Role.DIRECTOR, program)
    episode: Any = EpisodeFactory(client=ClientFactory(program=program), admitted_on=D - days(40))
    discharge_steps_complete(
        episode, kind="completed", clinician=member(Role.CLINICIAN, program), on=planned_on
    )
    Episode.objects.filter(pk=episode.pk).update(
        discharge_planned_on=planned_on, discharge_planned_reason="completed",
        discharge_planned_by=director,
    )  # fmt: skip
    with travel_to(zone, clock, tick=True):
        planned_discharges_apply.delay()
        drain_worker()
    episode.refresh_from_db()
    if applied:
        assert (episode.discharged_on, episode.discharge_planned_on) == (planned_on, None)
    else:
        assert (episode.discharged_on, episode.discharge_planned_on) == (None, planned_on)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("celery_worker")
@pytest.mark.parametrize(
    ("zone", "clock", "due_on", "state", "words"),
    [
        # Kiritimati, 00:30 on D: a review due yesterday (local) is overdue; by UTC's date
        # it would be due today.
        pytest.param(
            KIRITIMATI, datetime.time(0, 30), D - days(1), "overdue", "and is overdue",
            id="kiritimati-overdue",
        ),
        # Pago Pago, 23:30 on D: a review due today (local) is due today; by UTC's date it
        # would already be overdue.
        pytest.param(
            PAGO_PAGO, datetime.time(23, 30), D, "due_soon", "is due on",
            id="pago-pago-due-today",
        ),
    ],
)  # fmt: skip
def test_the_worker_sends_plan_review_reminders_by_the_programs_date(
    zone, clock, due_on, state, words
):
    program = program_in(zone)
    clinician = member(Role.CLINICIAN, program, email="ana@clinic.test")
    episode = admit(program, clinician=clinician, admitted_on=D - days(60))
    activated = datetime.datetime.combine(
        D - days(40), datetime.time(12), tzinfo=zoneinfo.ZoneInfo(zone)
    )
    make_plan(episode, activated_at=activated, review_due_on=due_on)
    with travel_to(zone, clock, tick=True):
        plan_reminders_send.delay()
        drain_worker()  # the sweep has run
        drain_worker()  # and the send it queued on commit
    message = OutboxMessage.objects.get(recipient="ana@clinic.test")
    assert message.dedupe_key.endswith(f":{state}")
    assert words in message.body
    assert f"{due_on.day} {due_on:%b}" in message.body


@pytest.mark.django_db
def test_a_consent_expires_at_the_end_of_its_own_programs_day():
    """Consents in force (what the probation portal and disclosures read) are judged by each
    client's program's date: at 00:30 on D in Kiritimati, a consent expiring on D-1 has lapsed
    there, while the same expiry is still in force in New York (D-1) and Pago Pago (D-2)."""
    from intake.models import Consent
    from tests.intake.consent_helpers import make_consent, sign

    consents = {}
    for zone in (KIRITIMATI, NEW_YORK, PAGO_PAGO):
        program = program_in(zone)
        witness = member(Role.INTAKE, program)
        client = ClientFactory(program=program)
        consents[zone] = sign(make_consent(client, expires_on=D - days(1)), witness)
    with travel_to(KIRITIMATI, datetime.time(0, 30)):
        in_force = set(Consent.objects.in_force().values_list("pk", flat=True))
    assert consents[KIRITIMATI].pk not in in_force
    assert consents[NEW_YORK].pk in in_force
    assert consents[PAGO_PAGO].pk in in_force
