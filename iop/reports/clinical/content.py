"""What a report says, drawn from the record for a period, within the consent's scope.

Each section is a plain dict (JSON, stored on the draft and frozen when signed):
``{"key": ..., "title": ..., "template": "reports/clinical/sections/<key>.html", **data}``.
The same section template shows it on the draft page and in the PDF. Dates are ISO strings
beside preformatted text; every number a sentence uses is in the dict too.

The period is [start, end], both included, as program-local dates. A section outside the
consent is not drawn at all (nor are the records it would read): drug screens out of scope
appear nowhere, not even as a count in the court order's treatment or the compliance.

The feature apps draw the sections they own (``parts``: attendance and hours in scheduling,
drug screens in relapse_prevention, objectives in treatment_plans, identifiers and measures
in intake); this module draws the kernel's own (compliance, discharge, course, medications),
assembles them, and prefills the clinician's narrative from what was drawn.

Queries: a fixed number per section, whatever the number of sessions, screens or scores
(the attendance rows, the specimens and the scores are each read once and shared).
"""

from __future__ import annotations

import datetime
from typing import Any

from iop.clients.models import Client, Episode, LevelOfCareChange
from iop.medications.models import Medication
from iop.reports.clinical import compliance
from iop.reports.clinical.models import ClinicalReport
from iop.reports.clinical.parts import Record, drawer_for
from iop.reports.clinical.sections import (
    CLOSING_KINDS,
    SECTIONS,
    ReportKind,
    SectionSpec,
    scope_of,
)
from iop.reports.clinical.words import KIND_WORDS, day_text, period_text, plural


def _section(spec: SectionSpec, **data: Any) -> dict[str, Any]:
    return {
        "key": spec.key,
        "title": spec.title,
        "template": f"reports/clinical/sections/{spec.key}.html",
        **data,
    }


# ---------------------------------------------------------------- compliance


def _compliance(record: Record) -> dict[str, Any]:
    total = record.fact("attendance_totals") or {"attended": 0, "unexcused": 0, "excused": 0}
    screens = record.fact("screen_totals") if record.screens_in_scope else None
    counts = compliance.Counts(
        attended=total["attended"],
        unexcused=total["unexcused"],
        excused=total["excused"],
        screens=screens["screens"] if screens else 0,
        failed_screens=screens["failed"] if screens else 0,
        screens_in_scope=screens is not None,
        required_unmet=record.fact("court_order_unmet"),
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
    to = f" to {episode.receiving_provider}" if episode.receiving_provider else ""
    if episode.receiving_provider:
        data["receiving_provider"] = episode.receiving_provider
        data["receiving_provider_contact"] = episode.receiving_provider_contact
        if data["discharged"]:
            data["text"] = data["text"][:-1] + f"{to}."
        elif "planned_text" in data:
            data["planned_text"] = data["planned_text"][:-1] + f"{to}."
    aftercare = record.fact("aftercare_plan") if record.kind in CLOSING_KINDS else None
    if aftercare is not None:
        data["aftercare_plan"] = aftercare
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


# The kernel's own sections; the others are registered by the apps that hold their records.
DRAW = {
    "compliance": _compliance,
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
    consent: Any,
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
        draw = DRAW.get(spec.key) or drawer_for(spec.key)
        # Narrative sections carry nothing drawn: the report's own field is shown in them.
        sections.append(_section(spec, **(draw(record) if draw else {})))
    return {
        "sections": sections,
        "left_out": [{"key": o.key, "title": o.title, "reason": o.reason} for o in left_out],
    }


def draw_sections(
    keys: list[str],
    *,
    client: Client,
    episode: Episode,
    start: datetime.date,
    end: datetime.date,
) -> list[dict[str, Any]]:
    """Some sections by key, for the clinical record (no consent scope): the evidence other
    pages gather from the record (a level-of-care proposal), drawn as reports draw it."""
    specs = {spec.key: spec for kind in SECTIONS.values() for spec in kind}
    record = Record(
        kind="evidence",
        client=client,
        episode=episode,
        program=client.program,
        start=start,
        end=end,
        information=None,
    )
    drawn = []
    for key in keys:
        draw = DRAW.get(key) or drawer_for(key)
        if draw is not None:
            drawn.append(_section(specs[key], **draw(record)))
    return drawn


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
        f"{r['attended']} of {plural(r['scheduled'], *KIND_WORDS[r['kind']])}"
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
        parts.append(plural(excused, "excused absence", "excused absences"))
    if unexcused:
        dates = ", ".join(a["date_text"] for a in unexcused)
        parts.append(
            f"{plural(len(unexcused), 'unexcused absence', 'unexcused absences')} ({dates})"
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
    return f"{found['met']} of {plural(total, 'plan objective', 'plan objectives')} met."


def _hours_sentence(sections: dict[str, dict[str, Any]]) -> str:
    hours = sections.get("hours")
    if not hours or not hours["full_weeks"]:
        return ""
    return (
        f"The weekly minimum for the level of care was met in {hours['full_weeks_met']} of "
        f"{plural(hours['full_weeks'], 'full week', 'full weeks')}."
    )


def narrative_drafts(kind: str, content: dict[str, Any]) -> dict[str, str]:
    """The clinician's parts, prefilled from what the record shows (they edit them)."""
    sections = _by_key(content)
    if kind == ReportKind.COMPLIANCE:
        return _compliance_drafts(sections)
    parts = []
    if kind in CLOSING_KINDS and "discharge" in sections:
        parts.append(sections["discharge"].get("planned_text") or sections["discharge"]["text"])
    if "attendance" in sections:
        parts.append(_attendance_sentence(sections["attendance"]))
    parts += [_hours_sentence(sections), _scores_sentence(sections), _objectives_sentence(sections)]
    drafts = {"clinician_summary": " ".join(p for p in parts if p)}
    if kind in CLOSING_KINDS:
        drafts["aftercare"] = sections.get("discharge", {}).get("aftercare_plan", "")
    return drafts
