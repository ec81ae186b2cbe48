"""What each section of a report says, drawn from a week of record: attendance by kind with
absences and dates, weekly hours, drug screens read against the medication list, the court
order's required treatment against what was delivered, the compliance status with reasons,
the executive summary against the last report, and what a narrower consent leaves out."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intake.models import CourtOrder, LegalStatus
from intake.models.consent import ConsentInformation, ConsentKind
from iop.accounts.models import Role
from iop.medications.classes import DrugClass
from iop.reports.clinical import services
from scheduling.models import Attendance, SessionAttendee, SessionKind
from tests.factories import ClientFactory, EpisodeFactory, member
from tests.intake.consent_helpers import make_consent, sign
from tests.relapse_prevention.screen_helpers import medication, specimen_with
from tests.scheduling.factories import GroupFactory, SessionFactory, local

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
POS, NEG = "positive", "negative"


@pytest.fixture
def week(program):
    """The last full Monday-to-Sunday week before today."""
    today = program.today()
    monday = today - (today.weekday() + 7) * DAY
    return monday, monday + 6 * DAY


@pytest.fixture
def person(program, staff, week):
    client = ClientFactory(program=program, legal_first_name="Jordan", legal_last_name="Vale")
    EpisodeFactory(
        client=client,
        admitted_on=week[0] - 21 * DAY,
        primary_clinician=staff[Role.CLINICIAN],
    )
    return client


def _place(client, kind, day, attendance, minutes=0, group=None):
    session = SessionFactory(
        program=client.program,
        kind=kind,
        group=group,
        occurs_on=day,
        starts_at=local(client.program, day, 9),
        ends_at=local(client.program, day, 12),
    )
    return SessionAttendee.objects.create(
        session=session,
        episode=client.episodes.get(),
        client=client,
        attendance=attendance,
        minutes_attended=minutes,
    )


@pytest.fixture
def record_week(person, week, staff):
    monday = week[0]
    group = GroupFactory(program=person.program)
    _place(person, SessionKind.GROUP, monday, Attendance.PRESENT, 180, group)
    _place(person, SessionKind.GROUP, monday + 2 * DAY, Attendance.LATE, 170, group)
    _place(person, SessionKind.GROUP, monday + 4 * DAY, Attendance.ABSENT_UNEXCUSED, 0, group)
    _place(person, SessionKind.GROUP, monday + 3 * DAY, Attendance.CANCELLED_BY_PROGRAM, 0, group)
    _place(person, SessionKind.INDIVIDUAL, monday + DAY, Attendance.ABSENT_EXCUSED)
    medication(person, "Buprenorphine/naloxone", DrugClass.BUPRENORPHINE, monday - 30 * DAY)
    at = person.program.at
    specimen_with(
        person, {"buprenorphine": (POS, None)}, at=at(monday + 2 * DAY, datetime.time(10))
    )
    specimen_with(person, {"thc": (POS, None)}, at=at(monday + 4 * DAY, datetime.time(8)))
    CourtOrder.objects.create(
        client=person,
        case_number="CR-2026-7788",
        court_program="County Treatment Court",
        legal_status=LegalStatus.DRUG_COURT,
        supervising_officer_name="Dana Whitfield",
        ordered_on=monday - 30 * DAY,
        group_sessions_per_week=3,
        individual_sessions_per_week=1,
        drug_screens_per_week=1,
    )
    return person


def _draft(client, week, author, consent=None, kind="compliance"):
    return services.report_draft(
        kind=kind,
        client=client,
        episode=client.episodes.get(),
        start=week[0],
        end=week[1],
        consent=consent,
        author=author,
    )


def _sections(report):
    return {s["key"]: s for s in report.content["sections"]}


def test_attendance_by_kind_with_absences_and_their_dates(record_week, week, staff):
    attendance = _sections(_draft(record_week, week, staff[Role.CLINICIAN]))["attendance"]
    rows = {r["kind"]: r for r in attendance["rows"]}
    assert (rows["group"]["scheduled"], rows["group"]["attended"]) == (3, 2)
    assert rows["group"]["unexcused"] == 1
    assert (rows["individual"]["scheduled"], rows["individual"]["excused"]) == (1, 1)
    assert attendance["total"]["scheduled"] == 4  # the cancelled session is not counted
    friday = week[0] + 4 * DAY
    unexcused = [a for a in attendance["absences"] if not a["excused"]]
    assert [a["date"] for a in unexcused] == [friday.isoformat()]
    assert unexcused[0]["date_text"].startswith("Fri, ")
    assert attendance["percent_not_excused"] == 66  # 2 of 3, rounded down (never up to a threshold)


def test_weekly_hours_against_the_level_of_care(record_week, week, staff):
    hours = _sections(_draft(record_week, week, staff[Role.CLINICIAN]))["hours"]
    (only,) = hours["weeks"]
    assert only["attended_minutes"] == 350 and only["attended_hours"] == "5.8"
    assert only["partial"] is False
    assert only["text"].startswith("5.8 hours attended")


def test_drug_screens_read_against_the_medication_list(record_week, week, staff):
    screens = _sections(_draft(record_week, week, staff[Role.CLINICIAN]))["drug_screens"]
    assert screens["collected"] == 2 and screens["explained"] == 1 and screens["failed"] == 1
    explained, unexplained = screens["screens"]
    assert "consistent with prescribed buprenorphine/naloxone" in explained["result"]
    assert explained["counts_against"] is False
    assert "Unexplained positive" in unexplained["result"] and unexplained["counts_against"]


def test_the_court_order_against_what_was_delivered(record_week, week, staff):
    sections = _sections(_draft(record_week, week, staff[Role.CLINICIAN]))
    assert sections["identifiers"]["court_order"]["case_number"] == "CR-2026-7788"
    order = sections["court_order"]
    rows = {r["field"]: r for r in order["rows"]}
    assert rows["group_sessions_per_week"]["delivered"] == 2
    assert rows["group_sessions_per_week"]["met"] is False
    assert rows["individual_sessions_per_week"]["met"] is False
    assert rows["drug_screens_per_week"]["delivered"] == 2
    assert rows["drug_screens_per_week"]["met"] is True
    assert "group sessions: 2 a week on average against 3 required" in order["unmet"]


def test_compliance_status_names_its_reasons(record_week, week, staff):
    compliance = _sections(_draft(record_week, week, staff[Role.CLINICIAN]))["compliance"]
    assert compliance["status"] == "noncompliant"
    reasons = " ".join(compliance["reasons"])
    assert "Attended 2 of 3 sessions not excused (66%)" in reasons
    assert "group sessions: 2 a week on average against 3 required" in reasons


def test_a_consent_without_screens_leaves_them_out_everywhere(record_week, week, staff):
    officer = member(Role.PROBATION, record_week.program)
    consent = sign(
        make_consent(
            record_week,
            officer,
            kind=ConsentKind.CRIMINAL_JUSTICE,
            information=[ConsentInformation.ATTENDANCE, ConsentInformation.PROGRESS_SUMMARY],
        ),
        staff[Role.INTAKE],
    )
    report = _draft(record_week, week, staff[Role.CLINICIAN], consent)
    sections = _sections(report)
    assert "drug_screens" not in sections
    assert [o["key"] for o in report.content["left_out"]] == ["drug_screens", "discharge"]
    order = sections["court_order"]
    assert order["screens_left_out"] is True
    assert "drug_screens_per_week" not in {r["field"] for r in order["rows"]}
    assert "outside what this report's consent covers" in " ".join(
        sections["compliance"]["reasons"]
    )


def test_the_summary_says_what_changed_since_the_last_report(record_week, week, staff):
    clinician = staff[Role.CLINICIAN]
    earlier = (week[0] - 7 * DAY, week[1] - 7 * DAY)
    first = _draft(record_week, earlier, clinician)
    first = services.narrative_save(
        report=first, by=clinician, data={f: "Written." for f in services.narrative_fields(first)}
    )
    services.report_sign(report=first, by=clinician, shown_sha256=services.report_shown_hash(first))
    second = _draft(record_week, week, clinician)
    assert f"Since the last report ({first.reference}" in second.executive_summary
    assert "non-compliant now" in second.executive_summary
    assert second.recommendation.startswith("We recommend a review of the treatment plan")


def test_drafting_costs_the_same_queries_for_a_light_or_a_full_week(
    person, week, staff, record_week
):
    clinician = staff[Role.CLINICIAN]
    light = ClientFactory(program=person.program)
    EpisodeFactory(client=light, admitted_on=week[0] - 21 * DAY, primary_clinician=clinician)
    _place(light, SessionKind.INDIVIDUAL, week[0], Attendance.PRESENT, 50)
    with CaptureQueriesContext(connection) as one:
        _draft(light, week, clinician)
    with CaptureQueriesContext(connection) as full:
        _draft(record_week, week, clinician)
    assert len(full) <= len(one) + 2  # the full week has a court order and screens to read
