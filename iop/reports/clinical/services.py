"""Drafting a report from the record, editing its narrative, signing it.

Only the author signs, and what they sign is the text they were shown (its hash comes
back with the form). Signing locks the report (database trigger) and asks a worker to
render it (``iop.reports`` kernel: a ``Report`` stored with its SHA-256).
"""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from iop.accounts import permissions
from iop.accounts.models import User
from iop.clients.models import Client, Episode
from iop.reports.clinical import access
from iop.reports.clinical import content as report_content
from iop.reports.clinical.consents import consents
from iop.reports.clinical.models import ClinicalReport
from iop.reports.clinical.sections import NARRATIVE_FIELDS
from iop.signatures.text import content_hash, refuse_if_changed

NARRATIVE_MAX = 6000
NARRATIVE_LABELS = {
    "executive_summary": "Summary",
    "participation": "Participation",
    "recommendation": "Recommendation",
    "clinician_summary": "Clinician's summary",
    "aftercare": "Aftercare",
}
CHANGED_SINCE_OPENED = "The report changed since you opened it: read it again, then sign."
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read over the phone


def new_reference() -> str:
    return "R-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


def validate_period(
    start: datetime.date, end: datetime.date, *, today: datetime.date, admitted_on: datetime.date
) -> None:
    if end < start:
        raise ValidationError({"period_end": "The period cannot end before it starts."})
    if end > today:
        raise ValidationError(
            {"period_end": "The period cannot end in the future: report on what has happened."}
        )
    if end < admitted_on:
        raise ValidationError({"period_end": "The period ends before the client was admitted."})


@transaction.atomic
def report_draft(
    *,
    kind: str,
    client: Client,
    episode: Episode,
    start: datetime.date,
    end: datetime.date,
    consent: Any,
    author: User,
    scheduled: bool = False,
    due_on: datetime.date | None = None,
) -> ClinicalReport:
    """A draft drawn from the record, its narrative prefilled, for ``author`` to sign."""
    if consent is not None and consent.client_id != client.pk:
        raise ValidationError({"consent": "That consent is another client's."})
    validate_period(start, end, today=client.program.today(), admitted_on=episode.admitted_on)
    if not scheduled and not permissions.can(author, permissions.WRITE_REPORTS, client.program):
        raise PermissionDenied("You do not write reports in this program.")
    if episode.client_id != client.pk:
        raise ValidationError("That episode is another client's.")
    if consent is not None and not consents().in_force().filter(pk=consent.pk).exists():
        raise ValidationError(
            {"consent": "That consent is not in force (unsigned, expired or revoked)."}
        )
    drawn = report_content.draw_content(
        kind=kind, client=client, episode=episode, start=start, end=end, consent=consent
    )
    report = ClinicalReport(
        client=client,
        episode=episode,
        program_id=client.program_id,
        kind=kind,
        reference=new_reference(),
        period_start=start,
        period_end=end,
        consent=consent,
        scheduled=scheduled,
        due_on=due_on,
        author=author,
        content=drawn,
        drawn_at=timezone.now(),
        created_by=author,
    )
    for field, text in report_content.narrative_drafts(kind, drawn).items():
        setattr(report, field, text)
    report.save()
    return report


def narrative_fields(report: ClinicalReport) -> list[str]:
    """The clinician's parts this report holds: a part whose section the consent leaves out
    is neither written nor printed."""
    included = {section["key"] for section in report.content.get("sections", [])}
    return [field for field in NARRATIVE_FIELDS[report.kind] if field in included]


def report_text(report: ClinicalReport) -> str:
    """The text the author signs: the drawn content and the narrative, in order."""
    import json

    narrative = {field: getattr(report, field) for field in narrative_fields(report)}
    return json.dumps(
        {
            "reference": report.reference,
            "kind": report.kind,
            "period": [report.period_start.isoformat(), report.period_end.isoformat()],
            "content": report.content,
            "narrative": narrative,
        },
        sort_keys=True,
        ensure_ascii=False,
    )


def report_shown_hash(report: ClinicalReport) -> str:
    return content_hash(report_text(report))


DOCUMENT_KIND = "clinical_report"


@transaction.atomic
def report_sign(*, report: ClinicalReport, by: User, shown_sha256: str) -> ClinicalReport:
    """Sign what the author was shown, lock it, have it rendered, and disclose it to the
    consent's recipient when the consent still allows (``disclosure.disclose_signed``)."""
    from iop.reports.clinical.disclosure import disclose_signed
    from iop.reports.services import report_request

    report = ClinicalReport.objects.select_for_update().get(pk=report.pk)
    if report.is_signed:
        raise ValidationError("This report is already signed.")
    access.check_may_sign(by, report)
    missing = [
        NARRATIVE_LABELS[field]
        for field in narrative_fields(report)
        if not getattr(report, field).strip()
    ]
    if missing:
        raise ValidationError(
            "Write the " + " and the ".join(m.lower() for m in missing) + " before signing."
        )
    text = report_text(report)
    refuse_if_changed(text, shown_sha256, refusal=CHANGED_SINCE_OPENED)
    report.signed_at = timezone.now()
    report.signed_by = by
    report.signed_text = text
    report.content_sha256 = content_hash(text)
    report.save()
    document = report_request(kind=DOCUMENT_KIND, client=report.client, subject=report, by=by)
    report.document = document
    report.save(update_fields=["document", "updated_at"])
    disclose_signed(report)
    return report


@transaction.atomic
def report_refresh(*, report: ClinicalReport, by: User) -> ClinicalReport:
    """Draw the record again (a late note, a new screen), keeping what the clinician wrote."""
    report = ClinicalReport.objects.select_for_update().get(pk=report.pk)
    if report.is_signed:
        raise ValidationError("A signed report is not redrawn; draft a new one.")
    access.check_may_write(by, report)
    report.content = report_content.draw_content(
        kind=report.kind,
        client=report.client,
        episode=report.episode,
        start=report.period_start,
        end=report.period_end,
        consent=report.consent,
    )
    report.drawn_at = timezone.now()
    report.save()
    return report


@transaction.atomic
def narrative_save(*, report: ClinicalReport, by: User, data: dict[str, Any]) -> ClinicalReport:
    """Save the clinician's parts of a draft (only those; the rest is drawn from the record)."""
    report = ClinicalReport.objects.select_for_update().get(pk=report.pk)
    if report.is_signed:
        raise ValidationError("A signed report is not edited.")
    access.check_may_write(by, report)
    for field in narrative_fields(report):
        if field in data:
            text = str(data[field]).strip()
            if len(text) > NARRATIVE_MAX:
                raise ValidationError(
                    {field: f"Keep this under {NARRATIVE_MAX:,} characters ({len(text):,} now)."}
                )
            setattr(report, field, text)
    report.save()
    return report
