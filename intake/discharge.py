"""intake's part of a discharge: the final measures.

A planned completion or a step down to outpatient ends with the outcome measures given
again close to the last day, so the discharge summary shows where the client ended: every
outcome measure the client took in this episode, and always the PHQ-9, scored within the
14 days up to the discharge day (the last one given on or before that day counts). A
client who leaves against advice, is stepped up in a crisis, discharged administratively
or lost to contact cannot be asked to fill them in; those kinds do not require them.
"""

from __future__ import annotations

import datetime

from django.db.models import Max
from django.urls import reverse

from intake import instruments
from intake.models import InstrumentResult
from iop.clients.discharge_steps import DischargeStep, register_discharge_step
from iop.clients.models import DischargeReason, Episode
from iop.reports.clinical.words import day_text

FINAL_MEASURE_DAYS = 14
OUTCOME_MEASURES = ("phq9", "gad7", "pcl5")
ALWAYS = ("phq9",)
NEEDS_FINAL_MEASURES = {DischargeReason.COMPLETED, DischargeReason.STEP_DOWN}


def _final_measures(episode: Episode, kind: str, on: datetime.date) -> DischargeStep | None:
    if kind not in NEEDS_FINAL_MEASURES:
        return None
    program = episode.program
    latest = dict(
        InstrumentResult.objects.filter(
            client_id=episode.client_id,
            instrument__in=OUTCOME_MEASURES,
            administered_at__gte=program.at(episode.admitted_on, datetime.time(0, 0)),
            # The record up to the discharge day: one given later (a discharge recorded
            # after the fact) does not undo the final measure taken on time.
            administered_at__lt=program.at(on + datetime.timedelta(days=1), datetime.time(0, 0)),
        )
        .values_list("instrument")
        .annotate(last=Max("administered_at"))
    )
    window_start = on - datetime.timedelta(days=FINAL_MEASURE_DAYS - 1)
    due, given = [], []
    for code in OUTCOME_MEASURES:
        if code not in latest and code not in ALWAYS:
            continue
        name = instruments.get(code).abbreviation
        last = latest.get(code)
        day = program.local_date(last) if last is not None else None
        if day is not None and window_start <= day <= on:
            given.append(f"{name} on {day_text(day)}")
        else:
            since = f"last on {day_text(day)}" if day else "not given in this episode"
            due.append((code, f"{name} ({since})"))
    if not due:
        return DischargeStep(
            key="final_measures",
            title="Final measures",
            done=True,
            detail=", ".join(given),
        )
    first_code = due[0][0]
    return DischargeStep(
        key="final_measures",
        title="Final measures",
        done=False,
        detail=f"Give again from {day_text(window_start)} to {day_text(on)}: "
        + ", ".join(text for _code, text in due),
        url=reverse("intake:instrument_administer", args=[episode.client_id, first_code]),
        link_text=f"Give the {instruments.get(first_code).abbreviation}",
    )


def register() -> None:
    register_discharge_step("final_measures", 10, _final_measures)
