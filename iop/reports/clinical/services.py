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

from intake.models import Consent
from iop.accounts.models import User
from iop.clients.models import Client, Episode
from iop.reports.clinical import content as report_content
from iop.reports.clinical.models import ClinicalReport
from iop.reports.clinical.sections import NARRATIVE_FIELDS
from iop.signatures.text import content_hash

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
    consent: Consent | None,
    author: User,
    scheduled: bool = False,
    due_on: datetime.date | None = None,
) -> ClinicalReport:
    """A draft drawn from the record, its narrative prefilled, for ``author`` to sign."""
    validate_period(start, end, today=client.program.today(), admitted_on=episode.admitted_on)
    if consent is not None and consent.client_id != client.pk:
        raise ValidationError({"consent": "That consent is another client's."})
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
    return NARRATIVE_FIELDS[report.kind]


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


@transaction.atomic
def report_sign(*, report: ClinicalReport, by: User, shown_sha256: str) -> ClinicalReport:
    report = ClinicalReport.objects.select_for_update().get(pk=report.pk)
    if report.is_signed:
        raise ValidationError("This report is already signed.")
    if report.author_id != by.pk:
        raise PermissionDenied("Only the report's author signs it.")
    text = report_text(report)
    if content_hash(text) != shown_sha256:
        raise ValidationError("The report changed since you opened it: read it again, then sign.")
    report.signed_at = timezone.now()
    report.signed_by = by
    report.signed_text = text
    report.content_sha256 = content_hash(text)
    report.save()
    return report


def narrative_save(*, report: ClinicalReport, by: User, data: dict[str, Any]) -> ClinicalReport:
    if report.is_signed:
        raise ValidationError("A signed report is not edited.")
    for field in narrative_fields(report):
        if field in data:
            setattr(report, field, data[field])
    report.save()
    return report
