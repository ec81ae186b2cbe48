"""The demo clients who completed the program about 45 days in (``intake.demo_clients``),
discharged through the services on their day, before any later story sees them in care.

A planned completion closes only with its steps done (``iop.clients.discharge_steps``): the
final measures in the last days, a signed discharge summary, and an aftercare plan with an
appointment and someone to call; this app holds that plan, so the completions are told here.
The summary and the closing are shared with the later discharges (``scheduling.demo_discharges``).
"""

from __future__ import annotations

import datetime
from typing import Any

from intake.services.instruments import instrument_record
from iop.clients.discharge_steps import discharge_missing
from iop.clients.models import DischargeReason, Episode
from iop.clients.services import episode_discharge
from iop.demo_clock import on
from iop.reports.clinical import services as reports
from iop.reports.clinical.discharge import summary_kind
from treatment_plans.services.aftercare import aftercare_appointment_add, aftercare_contact_add

T = datetime.time
DAY = datetime.timedelta(days=1)
# Calm final answers (PHQ-9 totals 4, GAD-7 5, PCL-5 12), when none was given in the window.
FINAL = {
    "phq9": {str(i): (1 if i in (1, 3, 4, 7) else 0) for i in range(1, 10)},
    "gad7": {str(i): (1 if i in (1, 2, 3, 4, 5) else 0) for i in range(1, 8)},
    "pcl5": {str(i): (1 if i <= 12 else 0) for i in range(1, 21)},
}


def signed_discharge_summary(
    episode: Episode, kind: str, clinician: Any, end: datetime.date, texts: tuple[str, str]
) -> Any:
    """The summary a discharge of ``kind`` needs, drafted, written and signed by ``clinician``;
    ``texts`` are its clinician summary and aftercare."""
    report = reports.report_draft(
        kind=summary_kind(kind),
        client=episode.client,
        episode=episode,
        start=episode.admitted_on,
        end=end,
        consent=None,
        author=clinician,
    )
    summary, aftercare = texts
    report = reports.narrative_save(
        report=report, by=clinician, data={"clinician_summary": summary, "aftercare": aftercare}
    )
    return reports.report_sign(
        report=report, by=clinician, shown_sha256=reports.report_shown_hash(report)
    )


def discharge_closed(
    episode: Episode, day: datetime.date, kind: str, director: Any, to: str = "", contact: str = ""
) -> None:
    """Record the discharge on its day; every step being done, the episode closes."""
    closed = episode_discharge(
        episode=episode,
        discharged_on=day,
        reason=kind,
        by=director,
        receiving_provider=to,
        receiving_provider_contact=contact,
    )
    if closed.discharged_on is None:
        missing = discharge_missing(closed, kind, day)
        raise RuntimeError(f"Demo discharge of {episode.client} did not close: {missing}")


def _completion(episode: Episode, day: datetime.date, director: Any) -> None:
    program = episode.program
    clinician = episode.primary_clinician or director
    kind = DischargeReason.COMPLETED
    with on(program, day, T(10)):
        if any(step.key == "final_measures" for step in discharge_missing(episode, kind, day)):
            for code, answers in FINAL.items():
                instrument_record(
                    client=episode.client,
                    instrument=code,
                    answers=answers,
                    by=clinician,
                    episode=episode,
                )
        aftercare_appointment_add(
            episode=episode,
            by=clinician,
            kind="counseling",
            with_whom="Dr. Maya Ortiz",
            starts_at=program.at(day + 7 * DAY, T(16)),
            place="",
            phone="+12025550164",
        )
        aftercare_contact_add(
            episode=episode,
            by=clinician,
            name="Jordan",
            role="sponsor",
            phone="+12025550177",
            when_to_call="When cravings rise, or before a hard day",
        )
    with on(program, day, T(14)):
        signed_discharge_summary(
            episode,
            kind,
            clinician,
            day,
            (
                "Completed the program's goals; attends steadily and uses the coping plan "
                "when stress builds.",
                "Weekly counseling with Dr. Maya Ortiz; a sponsor to call.",
            ),
        )
    with on(program, day, T(16)):
        discharge_closed(episode, day, kind, director)


def seed_completions(context: dict[str, Any]) -> None:
    director = context["staff"]["director@demo.test"]
    for episode, day in context.get("completions", ()):
        episode = Episode.objects.select_related("program", "client", "primary_clinician").get(
            pk=episode.pk
        )
        if episode.is_open:
            _completion(episode, day, director)
