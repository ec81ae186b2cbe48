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
