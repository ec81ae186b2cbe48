"""The compliance status at the edges of each of the program's rules (a pure function)."""

from __future__ import annotations

import pytest

from iop.reports.clinical.compliance import Counts, Rules, Status, compliance_status

RULES = Rules(
    compliance_attendance_percent=90,
    partial_attendance_percent=75,
    compliant_unexcused_absences=1,
    noncompliant_failed_screens=2,
)


def status(**counts) -> str:
    counts.setdefault("unexcused", 0)
    return compliance_status(Counts(**counts), RULES).status


def reasons(**counts) -> list[str]:
    counts.setdefault("unexcused", 0)
    return compliance_status(Counts(**counts), RULES).reasons


def test_exactly_at_the_compliant_percent_is_compliant_and_says_the_rule():
    found = compliance_status(
        Counts(attended=18, unexcused=2), Rules(compliant_unexcused_absences=2)
    )
    assert found.status == Status.COMPLIANT
    assert found.label == "Compliant"
    assert (
        "Attended 18 of 20 sessions not excused (90%); the program's rule for compliant is "
        "90% or more." in found.reasons
    )


def test_one_session_below_the_compliant_percent_is_partially_compliant():
    # 89 of 100 is 89%; 179 of 200 is 89.5%, still below 90 and shown as 89%.
    assert status(attended=89, unexcused=11) == Status.PARTIAL
    found = compliance_status(
        Counts(attended=179, unexcused=21), Rules(compliant_unexcused_absences=30)
    )
    assert found.status == Status.PARTIAL
    assert found.reasons[0].startswith("Attended 179 of 200 sessions not excused (89%)")


def test_exactly_at_the_partial_percent_is_partially_compliant():
    rules = Rules(compliant_unexcused_absences=10)
    found = compliance_status(Counts(attended=15, unexcused=5), rules)
    assert found.status == Status.PARTIAL
    assert "(75%)" in found.reasons[0]
    assert "75% up to that is partially compliant" in found.reasons[0]


def test_one_below_the_partial_percent_is_non_compliant():
    rules = Rules(compliant_unexcused_absences=10)
    found = compliance_status(Counts(attended=74, unexcused=26), rules)
    assert found.status == Status.NONCOMPLIANT
    assert found.label == "Non-compliant"
    assert "below 75% is non-compliant" in found.reasons[0]


def test_excused_absences_do_not_count_against_attendance():
    assert status(attended=9, unexcused=0, excused=5) == Status.COMPLIANT
    assert "Attended 9 of 9 sessions not excused (100%)" in reasons(attended=9, excused=5)[0]


def test_zero_sessions_sets_nothing_and_says_so():
    found = compliance_status(Counts(attended=0, unexcused=0), RULES)
    assert found.status == Status.COMPLIANT
    assert found.reasons[0] == (
        "No session not excused was due in the period, so attendance does not set the status."
    )


def test_unexcused_absences_at_the_limit_are_compliant_one_more_is_partial():
    assert status(attended=30, unexcused=1) == Status.COMPLIANT
    assert "1 unexcused absence; the program's rule for compliant is at most 1." in reasons(
        attended=30, unexcused=1
    )
    assert status(attended=30, unexcused=2) == Status.PARTIAL
    assert any(
        r.startswith("2 unexcused absences; the program's rule: more than 1")
        for r in reasons(attended=30, unexcused=2)
    )


def test_no_screens_is_said_and_sets_nothing():
    assert status(attended=10, screens=0) == Status.COMPLIANT
    assert "No drug screen was collected in the period." in reasons(attended=10)


@pytest.mark.parametrize(
    ("failed", "expected"),
    [
        (0, Status.COMPLIANT),
        (1, Status.PARTIAL),
        (2, Status.NONCOMPLIANT),
        (3, Status.NONCOMPLIANT),
    ],
)
def test_failed_screens_at_the_threshold(failed, expected):
    assert status(attended=10, screens=4, failed_screens=failed) == expected


def test_failed_screen_reasons_name_the_rule_and_numbers():
    assert (
        "2 of 4 drug screens were an unexplained positive, refused, a no-show or tampered; "
        "the program's rule: 2 or more in a period is non-compliant."
    ) in reasons(attended=10, screens=4, failed_screens=2)
    assert "None of 4 drug screens was" in " ".join(reasons(attended=10, screens=4))


def test_screens_out_of_scope_do_not_count_and_the_reason_says_so():
    found = compliance_status(
        Counts(attended=10, unexcused=0, screens=5, failed_screens=5, screens_in_scope=False),
        RULES,
    )
    assert found.status == Status.COMPLIANT
    assert (
        "Drug screens are outside what this report's consent covers, so they do not count "
        "toward the status." in found.reasons
    )


def test_court_required_treatment_not_met_is_partial_and_met_is_said():
    unmet = ("group sessions: 2 a week on average against 3 required",)
    found = compliance_status(Counts(attended=10, unexcused=0, required_unmet=unmet), RULES)
    assert found.status == Status.PARTIAL
    assert any("group sessions: 2 a week on average against 3 required" in r for r in found.reasons)
    met = compliance_status(Counts(attended=10, unexcused=0, required_unmet=()), RULES)
    assert met.status == Status.COMPLIANT
    assert "The treatment the court order requires was delivered." in met.reasons


def test_no_court_order_gives_no_court_reason():
    assert not any("court order" in r for r in reasons(attended=10))


def test_the_worst_rule_sets_the_status():
    assert status(attended=100, unexcused=0, screens=3, failed_screens=2) == Status.NONCOMPLIANT
    assert status(attended=70, unexcused=30, screens=3, failed_screens=1) == Status.NONCOMPLIANT


def test_rules_come_from_the_program(program):
    program.compliance_attendance_percent = 80
    assert Rules.of(program).compliance_attendance_percent == 80
    assert Rules.of(program).noncompliant_failed_screens == program.noncompliant_failed_screens
