"""Doing what a discharge requires, through the services, so a test can close an episode.

Each kind of discharge has its steps (iop.clients.discharge_steps); tests about what a
closed episode does (sessions released, plan closed, follow-up calls set) complete them here
first, the way staff would: a primary clinician, the final PHQ-9, a signed discharge (or
transition) summary, and an aftercare plan with an appointment and a contact.
"""

from __future__ import annotations

import datetime
from typing import Any

from intake.discharge import NEEDS_FINAL_MEASURES
from intake.services.instruments import instrument_record
from iop.clients.models import Episode
from iop.reports.clinical import services as reports
from iop.reports.clinical.discharge import summary_kind
from treatment_plans.discharge import aftercare_step
from treatment_plans.services.aftercare import aftercare_appointment_add, aftercare_contact_add

PHQ9_NONE = {str(k): 0 for k in range(1, 10)}


def discharge_steps_complete(
    episode: Any,
    *,
    kind: str,
    clinician: Any,
    on: datetime.date | None = None,
    when: datetime.datetime | None = None,
) -> None:
    """Complete every step ``kind`` requires for a discharge on ``on`` (default today)."""
    episode = Episode.objects.select_related("program", "client").get(pk=episode.pk)
    program = episode.program
    today = program.today()
    on = on or today
    if episode.primary_clinician_id is None:
        Episode.objects.filter(pk=episode.pk).update(primary_clinician=clinician)
    if kind in NEEDS_FINAL_MEASURES:
        instrument_record(
            client=episode.client,
            instrument="phq9",
            answers=PHQ9_NONE,
            by=clinician,
            episode=episode,
            administered_at=when,
        )
    if aftercare_step(episode, kind, on) is not None:
        # An appointment the week after the discharge day, and someone to call.
        starts_at = program.at(on + datetime.timedelta(days=7), datetime.time(10))
        aftercare_appointment_add(
            episode=episode,
            by=clinician,
            kind="counseling",
            with_whom="Dr. Lee, Lakeside Counseling",
            starts_at=starts_at,
        )
        aftercare_contact_add(
            episode=episode,
            by=clinician,
            name="Casey",
            role="sponsor",
            phone="+12025550188",
            when_to_call="When cravings rise",
        )
    report = reports.report_draft(
        kind=summary_kind(kind),
        client=episode.client,
        episode=episode,
        start=episode.admitted_on,
        end=min(on, today),
        consent=None,
        author=clinician,
    )
    report = reports.narrative_save(
        report=report,
        by=clinician,
        data={
            "clinician_summary": report.clinician_summary or "Completed the program's goals.",
            "aftercare": report.aftercare or "Weekly outpatient counseling.",
        },
    )
    reports.report_sign(report=report, by=clinician, shown_sha256=reports.report_shown_hash(report))
