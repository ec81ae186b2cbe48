"""The report sections scheduling owns: attendance by kind with absences, weekly hours
against the level of care, and the court order's required treatment against what was
delivered; and the attendance totals the kernel's compliance status counts.

Registered with the kernel's report drafting (iop.reports.clinical.parts) from ready().
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from intake.models import CourtOrder
from intake.services.court_orders import REQUIRED, required_in_words
from iop.reports.clinical import compliance
from iop.reports.clinical.parts import Record, register_fact, register_section
from iop.reports.clinical.words import day_text, hours_text, weekday_text
from scheduling.models import (
    ATTENDED,
    Attendance,
    AttendeeStatus,
    SessionAttendee,
    SessionKind,
    SessionStatus,
)
from scheduling.services.hours import minimum_minutes, week_start_of

# Which of the court order's weekly requirements each session kind delivers.
ORDER_FIELD = {
    SessionKind.GROUP: "group_sessions_per_week",
    SessionKind.INDIVIDUAL: "individual_sessions_per_week",
    SessionKind.FAMILY: "family_sessions_per_week",
    SessionKind.MEDICATION: "medication_visits_per_week",
}
SCREENS_FIELD = "drug_screens_per_week"


@dataclass
class Visit:
    """One expected place at a held session in the period (cancelled sessions left out)."""

    kind: str
    day: datetime.date
    attendance: str
    minutes: int


def _visits(record: Record) -> list[Visit]:
    """One query: the client's places at the period's held sessions."""

    def read() -> list[Visit]:
        rows = SessionAttendee.objects.filter(
            episode=record.episode,
            status=AttendeeStatus.EXPECTED,
            session__status=SessionStatus.SCHEDULED,
            session__occurs_on__range=(record.start, record.end),
        ).values_list("session__kind", "session__occurs_on", "attendance", "minutes_attended")
        return [
            Visit(kind, day, attendance, minutes or 0)
            for kind, day, attendance, minutes in rows.order_by("session__starts_at")
            if attendance != Attendance.CANCELLED_BY_PROGRAM
        ]

    visits: list[Visit] = record.once("scheduling:visits", read)
    return visits


def _counts(visits: list[Visit]) -> dict[str, int]:
    return {
        "scheduled": len(visits),
        "attended": sum(v.attendance in ATTENDED for v in visits),
        "excused": sum(v.attendance == Attendance.ABSENT_EXCUSED for v in visits),
        "unexcused": sum(v.attendance == Attendance.ABSENT_UNEXCUSED for v in visits),
        "not_recorded": sum(v.attendance == "" for v in visits),
    }


def attendance_totals(record: Record) -> dict[str, int]:
    return _counts(_visits(record))


def attendance(record: Record) -> dict[str, Any]:
    visits = _visits(record)
    rows = []
    for kind in SessionKind:
        of_kind = [v for v in visits if v.kind == kind]
        rows.append({"kind": kind.value, "label": kind.label, **_counts(of_kind)})
    absences = [
        {
            "date": v.day.isoformat(),
            "date_text": weekday_text(v.day),
            "kind": v.kind,
            "kind_label": SessionKind(v.kind).label,
            "excused": v.attendance == Attendance.ABSENT_EXCUSED,
            "status": "Excused" if v.attendance == Attendance.ABSENT_EXCUSED else "Unexcused",
        }
        for v in visits
        if v.attendance in (Attendance.ABSENT_EXCUSED, Attendance.ABSENT_UNEXCUSED)
    ]
    total = _counts(visits)
    due = total["attended"] + total["unexcused"]
    return {
        "rows": rows,
        "total": total,
        "percent_not_excused": compliance.attendance_percent(total["attended"], due),
        "due_not_excused": due,
        "absences": absences,
        "note": "Sessions the program cancelled are not counted.",
    }


def hours(record: Record) -> dict[str, Any]:
    episode, weeks, visits = record.episode, [], _visits(record)
    monday = week_start_of(record.start)
    while monday <= record.end:
        sunday = monday + datetime.timedelta(days=6)
        attended = sum(
            v.minutes for v in visits if monday <= v.day <= sunday and v.attendance in ATTENDED
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
                "attended_hours": hours_text(attended),
                "minimum_hours": hours_text(minimum),
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
    shown = f"{hours_text(attended)} hours attended"
    if not minimum:
        return f"{shown}; no weekly minimum at this level of care."
    against = f"{shown} of a {hours_text(minimum)}-hour minimum"
    if attended >= minimum:
        return f"{against}: met."
    return f"{against}: not met{' (partial week)' if partial else ''}."


def court_order(record: Record) -> dict[str, Any]:
    return record.once("scheduling:court_order", lambda: _court_order(record))  # type: ignore[no-any-return]


def _court_order(record: Record) -> dict[str, Any]:
    order = record.fact("court_order")
    if order is None:
        return {"order": None, "rows": [], "text": "No court order is recorded for the period."}
    weeks, visits = record.weeks, _visits(record)
    rows = []
    for kind, order_field in ORDER_FIELD.items():
        attended = sum(v.kind == kind and v.attendance in ATTENDED for v in visits)
        rows.append(_required_row(order, order_field, attended, weeks, SessionKind(kind).label))
    screens = record.fact("screen_totals") if record.screens_in_scope else None
    if screens is not None:
        rows.append(
            _required_row(order, SCREENS_FIELD, screens["collected"], weeks, "Drug screens")
        )
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
        "screens_left_out": screens is None,
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


def court_order_unmet(record: Record) -> tuple[str, ...] | None:
    """The order's requirements not met in the period (None: no order recorded)."""
    if record.fact("court_order") is None:
        return None
    return tuple(court_order(record)["unmet"])


def register() -> None:
    register_fact("attendance_totals", attendance_totals)
    register_fact("court_order_unmet", court_order_unmet)
    register_section("attendance", attendance)
    register_section("hours", hours)
    register_section("court_order", court_order)
