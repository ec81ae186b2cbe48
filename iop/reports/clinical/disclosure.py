"""Disclosing a signed report to the recipient its consent names (42 CFR 2.31, 2.35).

A report is disclosed only under a consent that is signed, unexpired (the program's today)
and unrevoked at that moment, whose information covers every section the report holds, and
that names a recipient account (the portal). Anything else is refused with a clear message
and nothing is recorded. A disclosure is recorded once per (report, consent); the officer
is told through the outbox, with no client name and no clinical word.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from iop.accounts.models import User
from iop.notifications.models import Channel
from iop.notifications.services import outbox_enqueue
from iop.reports.clinical.consents import consents
from iop.reports.clinical.models import ClinicalReport, Disclosure
from iop.reports.clinical.sections import SECTIONS

# No PHI: nothing about the client or the treatment, only that something waits behind sign-in.
EMAIL_SUBJECT = "A report is waiting for you"
EMAIL_BODY = "A report is waiting for you in the portal. Sign in to read it."


def notice_dedupe_key(disclosure: Disclosure) -> str:
    return f"report-disclosed:{disclosure.pk}"


def _needs(report: ClinicalReport) -> set[str]:
    """The consented information each section the report holds discloses."""
    specs = {spec.key: spec for spec in SECTIONS[report.kind]}
    needs: set[str] = set()
    for section in report.content.get("sections", []):
        spec = specs.get(section.get("key"))
        if spec is None or spec.needs == "":
            needs.add("")  # a section no consent here may disclose
        elif spec.needs is not None:
            needs.add(spec.needs)
    return needs


def disclosure_refusal(report: ClinicalReport, consent: Any) -> str | None:
    """Why this report may not be disclosed now under this consent, or None."""
    if not report.is_signed:
        return "Only a signed report is disclosed: sign it first."
    if consent is None:
        return "This report was written for the chart: no consent names a recipient."
    if consent.client_id != report.client_id:
        return "That consent is another client's."
    if consent.signed_at is None:
        return "The consent is not signed: nothing may be disclosed under it."
    if consent.revoked_at is not None:
        revoked = consent.client.program.local(consent.revoked_at)
        return f"The consent was revoked on {revoked:%B %-d, %Y}: nothing more is disclosed."
    if consent.expires_on is not None and consent.expires_on < consent.client.program.today():
        return f"The consent expired on {consent.expires_on:%B %-d, %Y}: nothing is disclosed."
    missing = _needs(report) - set(consent.information)
    if missing:
        return (
            "The consent does not cover everything this report holds: "
            "draft a new report within its scope."
        )
    if consent.recipient_user_id is None:
        return (
            "The consent names no recipient account, so the portal cannot deliver it: "
            "hand the report over another way (outside this app)."
        )
    return None


def _description(report: ClinicalReport) -> str:
    return (
        f"{report.get_kind_display()} {report.reference}, "
        f"{report.period_start:%b %-d, %Y} to {report.period_end:%b %-d, %Y}"
    )[:300]


@transaction.atomic
def _record(report: ClinicalReport, consent: Any, by: User | None) -> Disclosure:
    report = ClinicalReport.objects.select_for_update().get(pk=report.pk)
    consent = consents().select_for_update().select_related("client__program").get(pk=consent.pk)
    refusal = disclosure_refusal(report, consent)
    if refusal:
        raise ValidationError(refusal)
    existing = Disclosure.objects.filter(report=report, consent=consent).first()
    if existing is not None:
        return existing
    recipient = consent.recipient_user
    assert recipient is not None  # checked by disclosure_refusal
    disclosure = Disclosure.objects.create(
        report=report,
        client_id=report.client_id,
        consent=consent,
        recipient_user=recipient,
        recipient_name=consent.recipient_display,
        information=sorted(n for n in _needs(report) if n),
        description=_description(report),
        disclosed_at=timezone.now(),
        disclosed_by=by,
        created_by=by,
    )
    if recipient.email:
        outbox_enqueue(
            channel=Channel.EMAIL,
            recipient=recipient.email,
            subject=EMAIL_SUBJECT,
            body=EMAIL_BODY,
            dedupe_key=notice_dedupe_key(disclosure),
        )
        Disclosure.objects.filter(pk=disclosure.pk).update(notified=True)
        disclosure.notified = True
    return disclosure


def disclose_signed(report: ClinicalReport) -> Disclosure | None:
    """Called by the sign service: disclose a report drafted for a recipient, if still allowed.

    A report signed after its consent was revoked or expired is not disclosed (returns None;
    ``disclosure_refusal`` says why, for the page).
    """
    if report.consent_id is None or disclosure_refusal(report, report.consent):
        return None
    return _record(report, report.consent, report.signed_by)  # type: ignore[arg-type]


def report_disclose(report: ClinicalReport, *, by: User) -> Disclosure:
    """A staff member discloses a signed report (again, explicitly); refused with a reason."""
    refusal = disclosure_refusal(report, report.consent)
    if refusal:
        raise ValidationError(refusal)
    return _record(report, report.consent, by)  # type: ignore[arg-type]
