"""Demo reports: the two court clients whose consent carries a weekly court-ordered report.

Run day by day through the real services under the demo clock: each morning the schedule
drafts what has come due, each afternoon the primary clinician signs (which renders and
discloses). The first client's latest week is left as a draft waiting for signature. The
second client's consent (no drug screens in scope) is revoked six days ago: the draft made
before that is signed after it, and so is not disclosed, and nothing is drafted since.
"""

from __future__ import annotations

import datetime
from typing import Any

from iop.demo_clock import on
from iop.reports.clinical import schedule, services
from iop.reports.clinical.consents import consent_revoke
from iop.reports.clinical.consents import consents as consent_rows
from iop.reports.clinical.models import ClinicalReport

DAY = datetime.timedelta(days=1)
REVOKED_DAYS_AGO = 6
PARTS = {
    "executive_summary": "Attending as the court order requires; no concerns this week.",
    "participation": "Takes part in group, on time, and uses the skills taught.",
    "recommendation": "Continue in the program at the current level of care.",
    "clinician_summary": "Steady progress; continuing the current plan.",
    "aftercare": "Weekly outpatient counseling and a peer support group.",
}


def _sign(report: ClinicalReport) -> None:
    author = report.author
    data = {f: getattr(report, f) or PARTS[f] for f in services.narrative_fields(report)}
    report = services.narrative_save(report=report, by=author, data=data)
    services.report_sign(report=report, by=author, shown_sha256=services.report_shown_hash(report))


def seed(context: dict[str, Any]) -> None:
    program, staff = context["program"], context["staff"]
    if ClinicalReport.objects.filter(program=program).exists():
        return
    consents = list(
        consent_rows()
        .reporting()
        .filter(client__program=program)
        .select_related("client", "client__program")
        .order_by("client__record_number")
    )
    if not consents:
        return
    full = consents[0]
    revoked = consents[1] if len(consents) > 1 else None
    today = program.today()
    revoke_on = today - REVOKED_DAYS_AGO * DAY
    day = min(program.local_date(c.signed_at) for c in consents if c.signed_at) + DAY
    while day <= today:
        with on(program, day, datetime.time(7, 30)):
            schedule.scheduled_reports_draft()
        if revoked is not None and day == revoke_on:
            with on(program, day, datetime.time(9)):
                consent_revoke(
                    consent=revoked,
                    by=staff["intake@demo.test"],
                    revoked_on=day,
                    note="The client revoked in writing at the front desk after the case "
                    "was disposed.",
                    event_passed=True,
                )
        with on(program, day, datetime.time(16)):
            drafts = ClinicalReport.objects.drafts().filter(
                consent__in=consents, period_end__lt=day
            )
            for report in drafts.select_related("author", "client", "client__program"):
                if report.consent_id == full.pk and report.period_end >= today - 7 * DAY:
                    continue  # this week's report waits on Today for the clinician
                if (
                    revoked is not None
                    and report.consent_id == revoked.pk
                    and report.period_end >= revoke_on - 7 * DAY
                    and day <= revoke_on
                ):
                    continue  # signed only after the revocation: not disclosed
                _sign(report)
        day += DAY
