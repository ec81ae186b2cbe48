"""What a report says, drawn from the record for a period, within the consent's scope.

Each section is a plain dict (JSON, stored on the draft and frozen when signed):
``{"key": ..., "title": ..., "template": "reports/clinical/sections/<key>.html", **data}``.
The same section template shows it on the draft page and in the PDF. Dates are ISO strings
beside preformatted text; every number a sentence uses is in the dict too.

The period is [start, end], both included, as program-local dates. A section outside the
consent is not drawn at all (nor are the records it would read): drug screens out of scope
appear nowhere, not even as a count in the court order's treatment or the compliance.

Queries: a fixed number per section, whatever the number of sessions, screens or scores
(the attendance rows, the specimens and the scores are each read once and shared).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from intake import instruments
from intake.models import Consent, ConsentInformation, CourtOrder, InstrumentResult
from intake.score_history import HEIGHT, PAD, WIDTH
from intake.services.court_orders import REQUIRED, required_in_words
from iop.accounts.models import Program
from iop.clients.models import Client, Episode, LevelOfCareChange
from iop.medications.models import Medication
from iop.reports.clinical import compliance
from iop.reports.clinical.models import ClinicalReport
from iop.reports.clinical.sections import ReportKind, SectionSpec, scope_of
from relapse_prevention.models import Specimen, Validity
from relapse_prevention.readings import Kind, specimen_readings, specimens_for_reading
from scheduling.models import (
    ATTENDED,
    Attendance,
    AttendeeStatus,
    SessionAttendee,
    SessionKind,
    SessionStatus,
)
from scheduling.services.hours import minimum_minutes, week_start_of
from treatment_plans.models import PlanObjective, PlanStatus, TreatmentPlan
from treatment_plans.services.reviews import objective_evidence

ONE_DAY = datetime.timedelta(days=1)
# Which of the court order's weekly requirements each session kind delivers.
ORDER_FIELD = {
    SessionKind.GROUP: "group_sessions_per_week",
    SessionKind.INDIVIDUAL: "individual_sessions_per_week",
    SessionKind.FAMILY: "family_sessions_per_week",
    SessionKind.MEDICATION: "medication_visits_per_week",
}
SCREENS_FIELD = "drug_screens_per_week"
KIND_WORDS = {
    SessionKind.GROUP: ("group session", "group sessions"),
    SessionKind.INDIVIDUAL: ("individual session", "individual sessions"),
    SessionKind.FAMILY: ("family session", "family sessions"),
    SessionKind.MEDICATION: ("medication management visit", "medication management visits"),
}
# A specimen that counts against compliance (Program.noncompliant_failed_screens).
FAILED_KINDS = {Kind.UNEXPLAINED, Kind.REFUSED, Kind.NO_SHOW}
TAMPERED = {Validity.SUBSTITUTED, Validity.ADULTERATED}


def day_text(day: datetime.date) -> str:
    """ "Mar 4, 2026" (US order, no leading zero)."""
    return f"{day:%b} {day.day}, {day.year}"


def weekday_text(day: datetime.date) -> str:
    return f"{day:%a}, {day_text(day)}"


def period_text(start: datetime.date, end: datetime.date) -> str:
    return f"{day_text(start)} to {day_text(end)}"


def _plural(count: int | float, one: str, many: str) -> str:
    shown = f"{count:g}" if isinstance(count, float) else str(count)
    return f"{shown} {one if count == 1 else many}"


def _hours(minutes: int) -> str:
    return f"{Decimal(minutes) / 60:.1f}".removesuffix(".0")


def _section(spec: SectionSpec, **data: Any) -> dict[str, Any]:
    return {
        "key": spec.key,
        "title": spec.title,
        "template": f"reports/clinical/sections/{spec.key}.html",
        **data,
    }


@dataclass
class Visit:
    """One expected place at a held session in the period (cancelled sessions left out)."""

    kind: str
    day: datetime.date
    attendance: str
    minutes: int


@dataclass
class Record:
    """What the sections read, each part fetched once and only when a section asks."""

    kind: str
    client: Client
    episode: Episode
    program: Program
    start: datetime.date
    end: datetime.date
    information: list[str] | None
    extra: dict[str, Any] = field(default_factory=dict)

    def covers(self, information: str) -> bool:
        return self.information is None or information in self.information

    @property
    def screens_in_scope(self) -> bool:
        return self.covers(ConsentInformation.DRUG_SCREENS)

    @property
    def weeks(self) -> float:
        return ((self.end - self.start).days + 1) / 7

    def _moment(self, day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time.min, tzinfo=self.program.zone)

    @cached_property
    def visits(self) -> list[Visit]:
        """One query: the client's places at the period's held sessions."""
        rows = SessionAttendee.objects.filter(
            episode=self.episode,
            status=AttendeeStatus.EXPECTED,
            session__status=SessionStatus.SCHEDULED,
            session__occurs_on__range=(self.start, self.end),
        ).values_list("session__kind", "session__occurs_on", "attendance", "minutes_attended")
        return [
            Visit(kind, day, attendance, minutes or 0)
            for kind, day, attendance, minutes in rows.order_by("session__starts_at")
            if attendance != Attendance.CANCELLED_BY_PROGRAM
        ]

    @cached_property
    def court_order(self) -> CourtOrder | None:
        """The latest-dated order in effect at some time in the period: one query."""
        return (
            CourtOrder.objects.filter(client=self.client, ordered_on__lte=self.end)
            .exclude(ends_on__lt=self.start)
            .select_related("supervising_officer")
            .order_by("-ordered_on", "-created_at")
            .first()
        )

    @cached_property
    def readings(self) -> list[Any]:
        """The period's specimens read against the medication list: three queries."""
        specimens = specimens_for_reading(
            Specimen.objects.filter(
                client=self.client,
                collected_at__gte=self._moment(self.start),
                collected_at__lt=self._moment(self.end + ONE_DAY),
            ).order_by("collected_at")
        )
        loaded = list(specimens)
        readings = specimen_readings(loaded)
        return [readings[s.pk] for s in loaded]

    @cached_property
    def scores(self) -> dict[str, list[InstrumentResult]]:
        """The episode's scores up to the period end, by instrument: one query."""
        grouped: dict[str, list[InstrumentResult]] = {}
        for result in InstrumentResult.objects.filter(
            client=self.client,
            administered_at__gte=self._moment(self.episode.admitted_on),
            administered_at__lt=self._moment(self.end + ONE_DAY),
        ).order_by("administered_at"):
            grouped.setdefault(result.instrument, []).append(result)
        return grouped

    @cached_property
    def plan(self) -> TreatmentPlan | None:
        return (
            TreatmentPlan.objects.filter(episode=self.episode, status=PlanStatus.ACTIVE)
            .order_by("-version")
            .first()
        )


# ---------------------------------------------------------------- identifiers


def _identifiers(record: Record) -> dict[str, Any]:
    client, episode, program = record.client, record.episode, record.program
    clinician = episode.primary_clinician
    order = record.court_order
    data: dict[str, Any] = {
        "client_name": client.legal_name,
        "date_of_birth": client.date_of_birth.isoformat(),
        "date_of_birth_text": day_text(client.date_of_birth),
        "record_number": client.record_number,
        "program": program.name,
        "reporting_program": program.name,
        "primary_clinician": clinician.display_name if clinician else "",
        "level_of_care": str(episode.level_of_care),
        "admitted_on": episode.admitted_on.isoformat(),
        "admitted_on_text": day_text(episode.admitted_on),
        "period_start": record.start.isoformat(),
        "period_end": record.end.isoformat(),
        "period_text": period_text(record.start, record.end),
        "court_order": None,
    }
    if order is not None:
        data["court_order"] = {
            "case_number": order.case_number,
            "court_program": order.court_program,
            "legal_status": order.get_legal_status_display(),
            "supervising_officer": order.officer_display,
        }
    return data


# ---------------------------------------------------------------- attendance


def _kind_label(kind: str) -> str:
    return SessionKind(kind).label


def _counts(visits: list[Visit]) -> dict[str, int]:
    return {
        "scheduled": len(visits),
        "attended": sum(v.attendance in ATTENDED for v in visits),
        "excused": sum(v.attendance == Attendance.ABSENT_EXCUSED for v in visits),
        "unexcused": sum(v.attendance == Attendance.ABSENT_UNEXCUSED for v in visits),
        "not_recorded": sum(v.attendance == "" for v in visits),
    }


def _attendance(record: Record) -> dict[str, Any]:
    rows = []
    for kind in SessionKind:
        visits = [v for v in record.visits if v.kind == kind]
        rows.append({"kind": kind.value, "label": kind.label, **_counts(visits)})
    absences = [
        {
            "date": v.day.isoformat(),
            "date_text": weekday_text(v.day),
            "kind": v.kind,
            "kind_label": _kind_label(v.kind),
            "excused": v.attendance == Attendance.ABSENT_EXCUSED,
            "status": "Excused" if v.attendance == Attendance.ABSENT_EXCUSED else "Unexcused",
        }
        for v in record.visits
        if v.attendance in (Attendance.ABSENT_EXCUSED, Attendance.ABSENT_UNEXCUSED)
    ]
    total = _counts(record.visits)
    due = total["attended"] + total["unexcused"]
    return {
        "rows": rows,
        "total": total,
        "percent_not_excused": compliance.attendance_percent(total["attended"], due),
        "due_not_excused": due,
        "absences": absences,
        "note": "Sessions the program cancelled are not counted.",
    }


# ---------------------------------------------------------------- weekly hours


def _hours_section(record: Record) -> dict[str, Any]:
    episode, weeks = record.episode, []
    monday = week_start_of(record.start)
    while monday <= record.end:
        sunday = monday + datetime.timedelta(days=6)
        attended = sum(
            v.minutes
            for v in record.visits
            if monday <= v.day <= sunday and v.attendance in ATTENDED
        )
        minimum = minimum_minutes(episode, monday)
        partial = (
            monday < record.start
            or sunday > record.end
            or episode.admitted_on >= monday
            or (episode.discharged_on is not None and episode.discharged_on <= sunday)
        )
        met = attended >= minimum if minimum else None
        weeks.append(
            {
                "week_start": monday.isoformat(),
                "week_end": sunday.isoformat(),
                "label": f"Week of {day_text(monday)}",
                "attended_minutes": attended,
                "attended_hours": _hours(attended),
                "minimum_hours": _hours(minimum),
                "met": met,
                "partial": partial,
                "text": _week_text(attended, minimum, partial),
            }
        )
        monday += datetime.timedelta(days=7)
    full = [w for w in weeks if not w["partial"] and w["met"] is not None]
    return {
        "level_of_care": str(episode.level_of_care),
        "weeks": weeks,
        "full_weeks": len(full),
        "full_weeks_met": sum(bool(w["met"]) for w in full),
        "note": "A week runs Monday to Sunday. A week the period, the admission or the "
        "discharge cuts is partial.",
    }


def _week_text(attended: int, minimum: int, partial: bool) -> str:
    shown = f"{_hours(attended)} hours attended"
    if not minimum:
        return f"{shown}; no weekly minimum at this level of care."
    against = f"{shown} of a {_hours(minimum)}-hour minimum"
    if attended >= minimum:
        return f"{against}: met."
    return f"{against}: not met{' (partial week)' if partial else ''}."


# ---------------------------------------------------------------- drug screens


def _failed(reading: Any) -> bool:
    return reading.kind in FAILED_KINDS or reading.specimen.validity in TAMPERED


def _screen_row(reading: Any) -> dict[str, Any]:
    specimen = reading.specimen
    return {
        "date": reading.collected_on.isoformat(),
        "date_text": weekday_text(reading.collected_on),
        "observed": specimen.observed,
        "specimen_type": specimen.get_specimen_type_display(),
        "validity": specimen.get_validity_display(),
        "reading": reading.kind,
        "result": reading.headline,
        "analytes": [
            {"name": a.name, "text": a.text} for a in reading.analytes if a.kind != Kind.NEGATIVE
        ],
        "counts_against": _failed(reading),
    }


def _drug_screens(record: Record) -> dict[str, Any]:
    rows = [_screen_row(r) for r in record.readings]
    return {
        "screens": rows,
        "collected": len(rows),
        "failed": sum(r["counts_against"] for r in rows),
        "explained": sum(r["reading"] == Kind.EXPLAINED for r in rows),
        "note": "A positive result is stated as consistent with a medication only when that "
        "medication was on the client's list on the day of collection.",
    }


# ---------------------------------------------------------------- court order


def _court_order(record: Record) -> dict[str, Any]:
    order = record.court_order
    if order is None:
        return {"order": None, "rows": [], "text": "No court order is recorded for the period."}
    weeks = record.weeks
    rows = []
    for kind, order_field in ORDER_FIELD.items():
        attended = sum(v.kind == kind and v.attendance in ATTENDED for v in record.visits)
        rows.append(_required_row(order, order_field, attended, weeks, _kind_label(kind)))
    screens_in_scope = record.screens_in_scope
    if screens_in_scope:
        collected = sum(r.kind not in (Kind.REFUSED, Kind.NO_SHOW) for r in record.readings)
        rows.append(_required_row(order, SCREENS_FIELD, collected, weeks, "Drug screens"))
    return {
        "order": {
            "case_number": order.case_number,
            "court_program": order.court_program,
            "legal_status": order.get_legal_status_display(),
            "ordered_on": order.ordered_on.isoformat(),
            "ordered_on_text": day_text(order.ordered_on),
            "ends_on_text": day_text(order.ends_on) if order.ends_on else "",
            "required_text": required_in_words(order) or "The order does not say how often.",
            "other_conditions": order.other_conditions,
        },
        "weeks": round(weeks, 1),
        "rows": [r for r in rows if r["required"] or r["delivered"]],
        "unmet": [r["unmet_text"] for r in rows if not r["met"]],
        "screens_left_out": not screens_in_scope,
    }


def _required_row(
    order: CourtOrder, order_field: str, delivered: int, weeks: float, label: str
) -> dict[str, Any]:
    required = getattr(order, order_field)
    per_week = round(delivered / weeks, 1) if weeks else 0.0
    met = delivered >= required * weeks - 1e-9
    words = next(many for name, _, many in REQUIRED if name == order_field)
    return {
        "field": order_field,
        "label": label,
        "required": required,
        "required_text": f"{required} a week" if required else "Not required",
        "delivered": delivered,
        "per_week": per_week,
        "delivered_text": f"{delivered} over {weeks:.1f} weeks ({per_week:g} a week on average)",
        "met": met,
        "unmet_text": f"{words}: {per_week:g} a week on average against {required} required",
    }


# ---------------------------------------------------------------- compliance


def _compliance(record: Record) -> dict[str, Any]:
    total = _counts(record.visits)
    screens = record.readings if record.screens_in_scope else []
    required_unmet = None
    if record.court_order is not None:
        required_unmet = tuple(_court_order(record)["unmet"])
    counts = compliance.Counts(
        attended=total["attended"],
        unexcused=total["unexcused"],
        excused=total["excused"],
        screens=len(screens),
        failed_screens=sum(_failed(r) for r in screens),
        screens_in_scope=record.screens_in_scope,
        required_unmet=required_unmet,
    )
    finding = compliance.compliance_status(counts, compliance.Rules.of(record.program))
    due = counts.attended + counts.unexcused
    return {
        "status": finding.status,
        "status_label": finding.label,
        "reasons": finding.reasons,
        "attended": counts.attended,
        "due_not_excused": due,
        "percent": compliance.attendance_percent(counts.attended, due),
        "previous": _previous(record),
    }


def _previous(record: Record) -> dict[str, Any] | None:
    """The client's latest signed report of the same kind before this period: one query."""
    report = (
        ClinicalReport.objects.signed()
        .filter(client=record.client, kind=record.kind, period_end__lt=record.start)
        .order_by("-period_end", "-signed_at")
        .first()
    )
    if report is None:
        return None
    sections = {s.get("key"): s for s in report.content.get("sections", [])}
    before = sections.get("compliance") or {}
    return {
        "reference": report.reference,
        "period_text": period_text(report.period_start, report.period_end),
        "status": before.get("status", ""),
        "status_label": before.get("status_label", ""),
        "percent": before.get("percent"),
        "due_not_excused": before.get("due_not_excused"),
    }


# ---------------------------------------------------------------- instruments


def _spark(results: list[InstrumentResult], low: Decimal, high: Decimal) -> dict[str, Any]:
    span = float(high - low) or 1.0
    step = (WIDTH - 2 * PAD) / max(len(results) - 1, 1)
    dots = [
        {
            "x": round(PAD + i * step, 1),
            "y": round(PAD + (HEIGHT - 2 * PAD) * (1 - float(r.score - low) / span), 1),
        }
        for i, r in enumerate(results)
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "points": " ".join(f"{d['x']},{d['y']}" for d in dots),
        "dots": dots,
    }


def _score(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _change(name: str, first: dict[str, Any], latest: dict[str, Any], count: int) -> str:
    if count == 1:
        only = f"{latest['score']} ({latest['band']}) on {latest['date_text']}"
        return f"One {name} score so far: {only}."
    delta = Decimal(latest["score"]) - Decimal(first["score"])
    points = f"{_score(abs(delta))} point{'' if abs(delta) == 1 else 's'}"
    moved = "no change" if delta == 0 else f"{'down' if delta < 0 else 'up'} {points}"
    bands = (
        f", {first['band']} then, {latest['band']} now"
        if first["band"] != latest["band"]
        else f", {latest['band']} both times"
    )
    return (
        f"{name}: {moved} since admission, from {first['score']} on {first['date_text']} "
        f"to {latest['score']} on {latest['date_text']}{bands}."
    )


def _instrument(record: Record, code: str, results: list[InstrumentResult]) -> dict[str, Any]:
    try:
        definition = instruments.get(code)
    except instruments.UnknownInstrument:
        return {}
    points = []
    for result in results:
        day = record.program.local_date(result.administered_at)
        points.append(
            {
                "date": day.isoformat(),
                "date_text": day_text(day),
                "score": _score(result.score),
                "band": result.band,
            }
        )
    described = ", ".join(f"{p['score']} on {p['date_text']}" for p in points)
    return {
        "code": definition.code,
        "name": definition.abbreviation,
        "score_min": _score(definition.score_min),
        "score_max": _score(definition.score_max),
        "points": points,
        "spark": _spark(results, definition.score_min, definition.score_max),
        "description": f"{definition.abbreviation} total scores: {described}.",
        "change": _change(definition.abbreviation, points[0], points[-1], len(points)),
    }


def _instruments(record: Record) -> dict[str, Any]:
    drawn = [_instrument(record, code, results) for code, results in record.scores.items()]
    return {
        "instruments": [d for d in drawn if d],
        "note": "Total scores and bands only, from admission to the end of the period.",
    }


# ---------------------------------------------------------------- plan objectives


def _objectives(record: Record) -> dict[str, Any]:
    plan = record.plan
    if plan is None:
        return {"plan": None, "objectives": [], "text": "No active treatment plan."}
    objectives = list(
        PlanObjective.objects.filter(goal__problem__plan=plan)
        .select_related("goal")
        .order_by("goal__problem__order", "goal__created_at", "target_date", "created_at")
    )
    evidence = objective_evidence(plan=plan, objectives=objectives)
    return {
        "plan": {"version": plan.version, "phase": plan.get_phase_display()},
        "objectives": [
            {
                "goal": o.goal.client_words or o.goal.clinical_goal,
                "description": o.description,
                "measure": o.measure_text,
                "target_date": o.target_date.isoformat(),
                "target_date_text": day_text(o.target_date),
                "status": o.status,
                "status_label": o.get_status_display(),
                "progress": evidence.get(o.pk, ""),
            }
            for o in objectives
        ],
        "met": sum(o.status == "met" for o in objectives),
    }


# ---------------------------------------------------------------- discharge and course


def _discharge(record: Record) -> dict[str, Any]:
    episode = record.episode
    level = episode.level_of_care.short_label
    data: dict[str, Any] = {"discharged": False, "discharged_on": None, "reason": ""}
    if episode.discharged_on is not None and episode.discharged_on <= record.end:
        data.update(
            discharged=True,
            discharged_on=episode.discharged_on.isoformat(),
            reason=episode.get_discharge_reason_display(),
            text=f"Discharged on {day_text(episode.discharged_on)}: "
            f"{episode.get_discharge_reason_display().lower() or 'no reason recorded'}.",
        )
    else:
        data["text"] = f"Not discharged: in care at {level}."
        if episode.discharge_planned_on is not None:
            data["planned_text"] = (
                f"A discharge is planned for {day_text(episode.discharge_planned_on)} "
                f"({episode.get_discharge_planned_reason_display().lower()})."
            )
    if record.kind == ReportKind.DISCHARGE and record.plan is not None:
        data["aftercare_plan"] = record.plan.aftercare_plan
    return data


def _course(record: Record) -> dict[str, Any]:
    episode = record.episode
    changes = list(
        LevelOfCareChange.objects.filter(episode=episode, effective_on__lte=record.end)
        .select_related("from_level", "to_level")
        .order_by("effective_on", "created_at")
    )
    first = changes[0].from_level if changes and changes[0].from_level else None
    admitted_at = first or (changes[0].to_level if changes else episode.level_of_care)
    steps = [
        {
            "date": episode.admitted_on.isoformat(),
            "date_text": day_text(episode.admitted_on),
            "text": f"Admitted at {admitted_at.short_label}.",
        }
    ]
    for change in changes:
        if change.from_level is None and change.to_level_id == admitted_at.pk:
            continue  # the admission's own row
        steps.append(
            {
                "date": change.effective_on.isoformat(),
                "date_text": day_text(change.effective_on),
                "text": f"{_moved(change)} to {change.to_level.short_label}.",
            }
        )
    if episode.discharged_on is not None and episode.discharged_on <= record.end:
        steps.append(
            {
                "date": episode.discharged_on.isoformat(),
                "date_text": day_text(episode.discharged_on),
                "text": f"Discharged ({episode.get_discharge_reason_display().lower()}).",
            }
        )
    days = ((episode.discharged_on or record.end) - episode.admitted_on).days + 1
    return {"steps": steps, "days_in_care": max(days, 0)}


def _moved(change: LevelOfCareChange) -> str:
    if change.from_level is None:
        return "Placed"
    return "Stepped up" if change.to_level.ordering > change.from_level.ordering else "Stepped down"


def _medications(record: Record) -> dict[str, Any]:
    medications = [
        m
        for m in Medication.objects.filter(client=record.client, started_on__lte=record.end)
        .exclude(stopped_on__lt=record.end)
        .order_by("name")
        if m.is_active_on(record.end)
    ]
    return {
        "as_of_text": day_text(record.end),
        "medications": [
            {
                "name": m.name,
                "dose": m.dose,
                "route": m.get_route_display(),
                "frequency": m.frequency,
            }
            for m in medications
        ],
    }


DRAW: dict[str, Callable[[Record], dict[str, Any]]] = {
    "identifiers": _identifiers,
    "court_order": _court_order,
    "attendance": _attendance,
    "hours": _hours_section,
    "drug_screens": _drug_screens,
    "compliance": _compliance,
    "instruments": _instruments,
    "objectives": _objectives,
    "discharge": _discharge,
    "course": _course,
    "medications": _medications,
}


def draw_content(
    *,
    kind: str,
    client: Client,
    episode: Episode,
    start: datetime.date,
    end: datetime.date,
    consent: Consent | None,
) -> dict[str, Any]:
    """The report's sections as the record stands now, within the consent's scope."""
    information = list(consent.information) if consent is not None else None
    included, left_out = scope_of(kind, information)
    record = Record(
        kind=kind,
        client=client,
        episode=episode,
        program=client.program,
        start=start,
        end=end,
        information=information,
    )
    sections = []
    for spec in included:
        draw = DRAW.get(spec.key)
        # Narrative sections carry nothing drawn: the report's own field is shown in them.
        sections.append(_section(spec, **(draw(record) if draw else {})))
    return {
        "sections": sections,
        "left_out": [{"key": o.key, "title": o.title, "reason": o.reason} for o in left_out],
    }


# ---------------------------------------------------------------- the narrative, prefilled


def _by_key(content: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["key"]: s for s in content.get("sections", [])}


def _name(sections: dict[str, dict[str, Any]]) -> str:
    return sections.get("identifiers", {}).get("client_name") or "The client"


def _period(sections: dict[str, dict[str, Any]]) -> str:
    return sections.get("identifiers", {}).get("period_text", "the period")


def _attendance_sentence(attendance: dict[str, Any]) -> str:
    total = attendance["total"]
    if not total["scheduled"]:
        return "No sessions were scheduled in the period."
    held = [
        f"{r['attended']} of {_plural(r['scheduled'], *KIND_WORDS[r['kind']])}"
        for r in attendance["rows"]
        if r["scheduled"]
    ]
    by_kind = held[0] if len(held) == 1 else ", ".join(held[:-1]) + " and " + held[-1]
    sentence = f"Attended {by_kind}"
    absences = attendance["absences"]
    unexcused = [a for a in absences if not a["excused"]]
    excused = len(absences) - len(unexcused)
    parts = []
    if excused:
        parts.append(_plural(excused, "excused absence", "excused absences"))
    if unexcused:
        dates = ", ".join(a["date_text"] for a in unexcused)
        parts.append(
            f"{_plural(len(unexcused), 'unexcused absence', 'unexcused absences')} ({dates})"
        )
    return sentence + (f", with {' and '.join(parts)}." if parts else ", with no absences.")


def _recommendation(status: str | None) -> str:
    if status == compliance.Status.COMPLIANT:
        return "We recommend that treatment continue at the current level of care."
    if status == compliance.Status.PARTIAL:
        return (
            "We recommend that treatment continue, with the treatment plan reviewed to "
            "address what was missed."
        )
    if status == compliance.Status.NONCOMPLIANT:
        return (
            "We recommend a review of the treatment plan with the client and the supervising "
            "officer, and that treatment continue."
        )
    return "We recommend that treatment continue."


def _changed(compliance_section: dict[str, Any]) -> str:
    before = compliance_section.get("previous")
    if not before:
        return "This is the first compliance report for this client."
    then = before.get("status_label", "").lower() or "not stated"
    now = compliance_section["status_label"].lower()
    percent_then = before.get("percent")
    attendance = (
        f", attendance {percent_then}% then and {compliance_section['percent']}% now"
        if percent_then is not None and before.get("due_not_excused")
        else ""
    )
    same = "unchanged" if then == now else f"{then} then, {now} now"
    last = f"{before['reference']}, {before['period_text']}"
    return f"Since the last report ({last}): status {same}{attendance}."


def _compliance_drafts(sections: dict[str, dict[str, Any]]) -> dict[str, str]:
    found = sections.get("compliance")
    status = found["status"] if found else None
    recommendation = _recommendation(status)
    summary = []
    if found:
        summary.append(
            f"{_name(sections)} was {found['status_label'].lower()} with the program's rules "
            f"for {_period(sections)}."
        )
        summary.append(_changed(found))
    elif "attendance" in sections:
        summary.append(_attendance_sentence(sections["attendance"]))
    summary.append(recommendation)
    participation = _attendance_sentence(sections["attendance"]) if "attendance" in sections else ""
    return {
        "executive_summary": " ".join(summary),
        "participation": participation,
        "recommendation": recommendation,
    }


def _scores_sentence(sections: dict[str, dict[str, Any]]) -> str:
    found = sections.get("instruments", {}).get("instruments", [])
    return " ".join(i["change"] for i in found)


def _objectives_sentence(sections: dict[str, dict[str, Any]]) -> str:
    found = sections.get("objectives")
    if not found or not found.get("objectives"):
        return ""
    total = len(found["objectives"])
    return f"{found['met']} of {_plural(total, 'plan objective', 'plan objectives')} met."


def _hours_sentence(sections: dict[str, dict[str, Any]]) -> str:
    hours = sections.get("hours")
    if not hours or not hours["full_weeks"]:
        return ""
    return (
        f"The weekly minimum for the level of care was met in {hours['full_weeks_met']} of "
        f"{_plural(hours['full_weeks'], 'full week', 'full weeks')}."
    )


def narrative_drafts(kind: str, content: dict[str, Any]) -> dict[str, str]:
    """The clinician's parts, prefilled from what the record shows (they edit them)."""
    sections = _by_key(content)
    if kind == ReportKind.COMPLIANCE:
        return _compliance_drafts(sections)
    parts = []
    if kind == ReportKind.DISCHARGE and "discharge" in sections:
        parts.append(sections["discharge"]["text"])
    if "attendance" in sections:
        parts.append(_attendance_sentence(sections["attendance"]))
    parts += [_hours_sentence(sections), _scores_sentence(sections), _objectives_sentence(sections)]
    drafts = {"clinician_summary": " ".join(p for p in parts if p)}
    if kind == ReportKind.DISCHARGE:
        drafts["aftercare"] = sections.get("discharge", {}).get("aftercare_plan", "")
    return drafts
