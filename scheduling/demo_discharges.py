"""Demo discharges of several kinds, through the services on the demo clock, each on its day:

- a planned completion closed 10 days ago (final measures, a signed discharge summary, an
  aftercare plan with two appointments and two contacts): its 7-day call is due on Today;
- a step down to outpatient at Lakeside Counseling Center closed 20 days ago (a signed
  transition summary, the first appointment there): its 7-day call made, with what was said;
- a client who left against clinical advice 5 days ago (a signed discharge summary, the 988
  line to call);
- a planned completion recorded for 5 days from now with steps still to do (the final
  measures and the aftercare plan), on Today's "Discharges with steps to do" and the chart.

The clients are open episodes admitted long enough ago that no other demo story uses: no
change of level proposed or flagged, no court referral or report, no safety flag, no place
in the closed group; chosen by record number. Run after the changes of level (which flag
the candidates this leaves alone).
"""

from __future__ import annotations

import datetime
from typing import Any

from groups.models import RosterEntry
from intake.discharge import OUTCOME_MEASURES
from intake.models import InstrumentResult, Referral, ReferralSource
from intake.services.instruments import instrument_record
from iop.accounts.models import User
from iop.clients.models import DischargeReason, Episode, SafetyFlag
from iop.clients.services import episode_discharge
from iop.demo_clock import on
from iop.reports.clinical import services as reports
from iop.reports.clinical.discharge import summary_kind
from iop.reports.clinical.models import ClinicalReport
from scheduling.models import (
    FollowUpKind,
    FollowUpTask,
    LevelChangeCandidate,
    LevelChangeProposal,
)
from scheduling.services.followups import followup_complete
from treatment_plans.demo_completions import FINAL, discharge_closed, signed_discharge_summary
from treatment_plans.services.aftercare import aftercare_appointment_add, aftercare_contact_add

DAY = datetime.timedelta(days=1)
RECEIVING = "Lakeside Counseling Center"


def _in_other_stories(program: Any) -> set[Any]:
    """The episodes another demo story tells about (or whose numbers a test counts)."""
    used = set(
        LevelChangeProposal.objects.filter(program=program).values_list("episode", flat=True)
    )
    used |= set(
        LevelChangeCandidate.objects.filter(program=program).values_list("episode", flat=True)
    )
    clients = set(
        Referral.objects.filter(program=program, source=ReferralSource.COURT).values_list(
            "client", flat=True
        )
    )
    clients |= set(
        ClinicalReport.objects.filter(client__program=program).values_list("client", flat=True)
    )
    clients |= set(
        SafetyFlag.objects.filter(client__program=program).values_list("client", flat=True)
    )
    clients |= set(
        RosterEntry.objects.filter(group__program=program, group__admission="closed").values_list(
            "episode__client", flat=True
        )
    )
    used |= set(Episode.objects.filter(client__in=clients).values_list("pk", flat=True))
    return used


def _pick(
    free: list[Episode], used: set[Any], *, admitted_by: datetime.date, clinician: Any = None
) -> Episode | None:
    for episode in free:
        if episode.pk in used or episode.admitted_on > admitted_by:
            continue
        if clinician is not None and episode.primary_clinician_id != clinician.pk:
            continue
        used.add(episode.pk)
        return episode
    return None


def _clinician(episode: Episode) -> User:
    assert episode.primary_clinician is not None  # chosen among episodes that have one
    return episode.primary_clinician


def _final_measures(episode: Episode, clinician: Any) -> None:
    """Every outcome measure the client took in this episode, given again today."""
    taken = set(
        InstrumentResult.objects.filter(
            client_id=episode.client_id, instrument__in=OUTCOME_MEASURES
        ).values_list("instrument", flat=True)
    ) | {"phq9"}
    for code in OUTCOME_MEASURES:
        if code in taken:
            instrument_record(
                client=episode.client,
                instrument=code,
                answers=FINAL[code],
                by=clinician,
                episode=episode,
            )


def _appointment(
    episode: Episode, clinician: Any, day: datetime.date, hour: int, kind: str, with_whom: str
) -> None:
    aftercare_appointment_add(
        episode=episode,
        by=clinician,
        kind=kind,
        with_whom=with_whom,
        starts_at=episode.program.at(day, datetime.time(hour)),
        place="2150 Harbor Avenue, Suite 300" if with_whom.endswith(RECEIVING) else "",
        phone="+12025550164",
    )


def _completion(episode: Episode, director: Any) -> None:
    """Closed 10 days ago with every step done; the 7-day call is due."""
    program, clinician = episode.program, _clinician(episode)
    day = program.today() - 10 * DAY
    with on(program, day, datetime.time(10)):
        _final_measures(episode, clinician)
        _appointment(episode, clinician, day + 4 * DAY, 16, "counseling", "Dr. Maya Ortiz")
        _appointment(
            episode, clinician, day + 6 * DAY, 19, "support_group", "SMART Recovery, Tuesday group"
        )
        aftercare_contact_add(
            episode=episode,
            by=clinician,
            name="Jordan",
            role="sponsor",
            phone="+12025550177",
            when_to_call="When cravings rise, or before a hard day",
        )
        aftercare_contact_add(
            episode=episode,
            by=clinician,
            name="Lee",
            role="sister",
            phone="+12025550183",
            when_to_call="Evenings, to talk things through",
        )
    with on(program, day, datetime.time(14)):
        signed_discharge_summary(
            episode,
            DischargeReason.COMPLETED,
            clinician,
            day,
            (
                "Completed the program's goals: attends steadily, sleeps through most nights, "
                "and uses the coping plan when stress builds.",
                "Weekly counseling with Dr. Maya Ortiz and a SMART Recovery group on Tuesdays.",
            ),
        )
    with on(program, day, datetime.time(16)):
        discharge_closed(episode, day, DischargeReason.COMPLETED, director)


def _step_down(episode: Episode, director: Any) -> None:
    """Closed 20 days ago to Lakeside Counseling Center; the 7-day call made."""
    program, clinician = episode.program, _clinician(episode)
    day = program.today() - 20 * DAY
    with on(program, day, datetime.time(10)):
        _final_measures(episode, clinician)
        _appointment(
            episode, clinician, day + 5 * DAY, 11, "receiving_program", f"Intake at {RECEIVING}"
        )
        aftercare_contact_add(
            episode=episode,
            by=clinician,
            name="Lakeside front desk",
            role="receiving provider",
            phone="+12025550164",
            when_to_call="To move or confirm an appointment",
        )
    with on(program, day, datetime.time(14)):
        signed_discharge_summary(
            episode,
            DischargeReason.STEP_DOWN,
            clinician,
            day,
            (
                "Symptoms have eased and attendance has been steady; ready for weekly "
                "outpatient care.",
                f"Intake at {RECEIVING} five days after discharge, then weekly sessions.",
            ),
        )
    with on(program, day, datetime.time(16)):
        discharge_closed(
            episode,
            day,
            DischargeReason.STEP_DOWN,
            director,
            to=RECEIVING,
            contact="(202) 555-0164, intake coordinator",
        )
    call = FollowUpTask.objects.get(
        episode=episode, kind=FollowUpKind.DISCHARGE_CALL, due_on=day + 7 * DAY
    )
    with on(program, call.due_on, datetime.time(11)):
        followup_complete(
            task=call,
            outcome="Reached the client: went to the Lakeside intake and has a weekly "
            "appointment; no help needed for now.",
            actor=clinician,
        )


def _left_ama(episode: Episode, director: Any) -> None:
    """Left against clinical advice 5 days ago: a summary, and the 988 line."""
    program, clinician = episode.program, _clinician(episode)
    day = program.today() - 5 * DAY
    with on(program, day, datetime.time(11)):
        aftercare_contact_add(
            episode=episode,
            by=clinician,
            name="988 Suicide & Crisis Lifeline",
            role="crisis line, any hour",
            when_to_call="Call or text 988 any time things feel unsafe",
        )
    with on(program, day, datetime.time(14)):
        signed_discharge_summary(
            episode,
            DischargeReason.LEFT_AMA,
            clinician,
            day,
            (
                "Chose to leave the program before completing it, citing a new work schedule. "
                "We discussed the risks and the open door to return.",
                "Given the 988 line and the program's number; welcome to return at any time.",
            ),
        )
    with on(program, day, datetime.time(16)):
        discharge_closed(episode, day, DischargeReason.LEFT_AMA, director)


def _planned(episode: Episode, director: Any) -> None:
    """A completion recorded this morning for 5 days from now: the final measures and the
    aftercare plan are still to do (one appointment set, nobody to call yet), and the
    discharge summary is drafted, to be signed once the final measures are in."""
    program, clinician = episode.program, _clinician(episode)
    today = program.today()
    day = today + 5 * DAY
    with on(program, today, datetime.time(9)):
        episode_discharge(
            episode=episode, discharged_on=day, reason=DischargeReason.COMPLETED, by=director
        )
    with on(program, today, datetime.time(10)):
        _appointment(episode, clinician, day + 7 * DAY, 15, "counseling", "Dr. Maya Ortiz")
        # The summary is started; it is signed once the final measures are in.
        report = reports.report_draft(
            kind=summary_kind(DischargeReason.COMPLETED),
            client=episode.client,
            episode=episode,
            start=episode.admitted_on,
            end=today,
            consent=None,
            author=clinician,
        )
        reports.narrative_save(
            report=report,
            by=clinician,
            data={"clinician_summary": "Steady attendance; goals close to met."},
        )


def seed(context: dict[str, Any]) -> None:
    program, staff = context["program"], context["staff"]
    if Episode.objects.filter(
        program=program, discharge_reason__in=[DischargeReason.LEFT_AMA]
    ).exists():
        return
    today = program.today()
    director, sam = staff["director@demo.test"], staff["clinician@demo.test"]
    free = list(
        Episode.objects.open()
        .filter(program=program, primary_clinician__isnull=False, discharge_planned_on=None)
        .exclude(level_of_care__code="1")
        .select_related("client", "program", "level_of_care", "primary_clinician")
        .order_by("client__record_number")
    )
    # Stories of the apps above (weeks of check-ins, a lapse) name their episodes in the
    # context: scheduling cannot read those apps, and a client discharged ten days ago has
    # no check-in or lapse since.
    used = _in_other_stories(program) | set(context.get("story_episodes", ()))
    stories = [
        (_completion, _pick(free, used, admitted_by=today - 40 * DAY, clinician=sam)),
        (_step_down, _pick(free, used, admitted_by=today - 50 * DAY)),
        (_left_ama, _pick(free, used, admitted_by=today - 20 * DAY)),
        (_planned, _pick(free, used, admitted_by=today - 30 * DAY, clinician=sam)),
    ]
    for story, episode in stories:
        if episode is not None:
            story(episode, director)
