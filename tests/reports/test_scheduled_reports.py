"""Court-ordered reports: drafted once per period that has ended, for the primary clinician,
stopping at once when the consent is revoked or expires; overdue drafts on the director's Today.
"""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from intake.models.consent import ConsentInformation, ConsentKind, ReportingFrequency
from intake.services.consents import consent_revoke
from iop.accounts.models import Role
from iop.reports.clinical import schedule
from iop.reports.clinical.models import ClinicalReport
from scheduling.report_panels import overdue_context
from tests.factories import member
from tests.intake.consent_helpers import make_consent, sign

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def officer(program):
    return member(Role.PROBATION, program, email="officer@county.test")


@pytest.fixture
def in_care(client_record, staff):
    episode = client_record.episodes.get()
    episode.admitted_on = client_record.program.today() - 40 * DAY
    episode.primary_clinician = staff[Role.CLINICIAN]
    episode.save()
    return episode


def _scheduled_consent(client, staff, officer, frequency=ReportingFrequency.WEEKLY, **fields):
    """Signed ``days_ago`` days ago (the schedule's anchor), in the program's morning."""
    days_ago = fields.pop("days_ago", 21)
    program = client.program
    signed_on = program.today() - days_ago * DAY
    fields.setdefault("irrevocable_until_event", "Final disposition of case CR-1")
    consent = make_consent(
        client,
        officer,
        kind=ConsentKind.CRIMINAL_JUSTICE,
        reporting_frequency=frequency,
        information=[ConsentInformation.ATTENDANCE, ConsentInformation.DRUG_SCREENS],
        **fields,
    )
    with time_machine.travel(program.at(signed_on, datetime.time(10)), tick=False):
        return sign(consent, staff[Role.INTAKE]), signed_on


def test_weekly_periods_from_the_signing_day_drafted_once(client_record, staff, officer, in_care):
    consent, signed_on = _scheduled_consent(client_record, staff, officer, days_ago=17)

    # Two whole weeks have ended; the third ends in three days.
    assert schedule.scheduled_reports_draft() == 2
    assert schedule.scheduled_reports_draft() == 0  # a second run drafts nothing
    reports = list(ClinicalReport.objects.order_by("period_start"))
    assert [(r.period_start, r.period_end) for r in reports] == [
        (signed_on, signed_on + 6 * DAY),
        (signed_on + 7 * DAY, signed_on + 13 * DAY),
    ]
    first = reports[0]
    assert first.scheduled and first.consent == consent and first.kind == "compliance"
    assert first.author == staff[Role.CLINICIAN]
    assert first.due_on == first.period_end + 2 * DAY
    assert not first.is_signed


def test_every_two_weeks_and_monthly_periods():
    anchor = datetime.date(2026, 1, 31)
    fortnights = schedule.periods(ReportingFrequency.EVERY_TWO_WEEKS, anchor)
    assert next(fortnights) == (anchor, datetime.date(2026, 2, 13))
    months = schedule.periods(ReportingFrequency.MONTHLY, anchor)
    # The 31st counts as the last day of a shorter month.
    assert next(months) == (datetime.date(2026, 1, 31), datetime.date(2026, 2, 27))
    assert next(months) == (datetime.date(2026, 2, 28), datetime.date(2026, 3, 30))


def test_revocation_in_the_middle_of_the_schedule_stops_drafting(
    client_record, staff, officer, in_care
):
    consent, signed_on = _scheduled_consent(client_record, staff, officer, days_ago=21)
    program = client_record.program
    # A week in: the first period is drafted.
    with time_machine.travel(program.at(signed_on + 8 * DAY, datetime.time(9)), tick=False):
        assert schedule.scheduled_reports_draft() == 1
    consent_revoke(
        consent=consent,
        by=staff[Role.INTAKE],
        revoked_on=program.today() - 10 * DAY,
        note="The client revoked in writing.",
        event_passed=True,
    )
    assert schedule.scheduled_reports_draft() == 0
    assert ClinicalReport.objects.count() == 1


def test_an_expired_consent_drafts_nothing(client_record, staff, officer, in_care):
    program = client_record.program
    # Expires in 5 days; two weeks later it has expired: nothing more is drafted.
    consent, signed_on = _scheduled_consent(
        client_record, staff, officer, days_ago=2, expires_on=program.today() + 5 * DAY
    )
    later = program.at(program.today() + 14 * DAY, datetime.time(9))
    with time_machine.travel(later, tick=False):
        assert schedule.scheduled_reports_draft() == 0
    assert not ClinicalReport.objects.exists()


def test_no_schedule_without_a_frequency(client_record, staff, officer, in_care):
    consent, _ = _scheduled_consent(client_record, staff, officer, frequency="", days_ago=21)
    assert schedule.scheduled_reports_draft() == 0


def test_periods_follow_the_program_zone(client_record, staff, officer, in_care):
    program = client_record.program
    program.time_zone = "Pacific/Kiritimati"  # UTC+14: its day starts before anyone else's
    program.save()
    consent, signed_on = _scheduled_consent(client_record, staff, officer, days_ago=7)
    # Seven days after signing in the program's zone, the first week has ended there.
    assert schedule.scheduled_reports_draft() == 1
    report = ClinicalReport.objects.get()
    assert report.period_start == signed_on


def test_overdue_drafts_reach_the_director_only(client_record, staff, officer, in_care, login_as):
    _scheduled_consent(client_record, staff, officer, days_ago=12)
    schedule.scheduled_reports_draft()
    context = overdue_context(staff[Role.DIRECTOR], [client_record.program])
    overdue = context["overdue_reports"]
    # The first week ended 6 days ago, due 4 days ago; the second ends tomorrow.
    assert len(overdue) == 1

    page = login_as(staff[Role.DIRECTOR]).get(reverse("scheduling:today")).content.decode()
    assert "Court reports overdue" in page
    assert client_record.display_name in page
    page = login_as(staff[Role.CLINICIAN]).get(reverse("scheduling:today")).content.decode()
    assert "Court reports overdue" not in page


def test_the_task_is_on_the_beat_schedule():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "iop.reports.clinical.tasks.scheduled_reports_draft" in scheduled
