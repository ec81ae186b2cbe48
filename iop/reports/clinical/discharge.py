"""The clinical reports' part of a discharge: the signed discharge summary.

Every kind of discharge needs one before the episode closes. A move to another provider
(a step down to outpatient or a step up elsewhere) needs the transition summary instead:
the discharge summary written for the receiving provider. It is disclosed to them only
under a consent that names them, like every other report (``disclosure``).
"""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.urls import reverse

from iop.clients.discharge_steps import DischargeStep, register_discharge_step
from iop.clients.models import DISCHARGE_TO_PROVIDER, Episode
from iop.reports.clinical.models import ClinicalReport
from iop.reports.clinical.sections import ReportKind
from iop.reports.clinical.words import day_text


def summary_kind(kind: str) -> str:
    return ReportKind.TRANSITION if kind in DISCHARGE_TO_PROVIDER else ReportKind.DISCHARGE


def _summary(episode: Episode, kind: str, on: datetime.date) -> DischargeStep:
    report_kind = summary_kind(kind)
    title = ReportKind(report_kind).label
    reports = list(
        ClinicalReport.objects.filter(episode=episode, kind=report_kind)
        .select_related("signed_by")
        .order_by("-signed_at", "-created_at")[:5]
    )
    signed = next((r for r in reports if r.signed_at is not None), None)
    if signed is not None:
        when = day_text(episode.program.local_date(signed.signed_at))  # type: ignore[arg-type]
        send = (
            f"; send it to {episode.receiving_provider} from the report once a consent names them"
            if report_kind == ReportKind.TRANSITION and episode.receiving_provider
            else ""
        )
        return DischargeStep(
            key="discharge_summary",
            title=title,
            done=True,
            detail=f"{signed.reference} signed by {signed.signed_by} on {when}{send}",
            url=reverse("clinical_reports:report", args=[signed.pk]),
            link_text=f"Open {signed.reference}",
        )
    if reports:
        draft = reports[0]
        return DischargeStep(
            key="discharge_summary",
            title=title,
            done=False,
            detail=f"{draft.reference} is drafted, not signed",
            url=reverse("clinical_reports:report", args=[draft.pk]),
            link_text="Finish and sign it",
        )
    new = reverse("clinical_reports:new", args=[episode.client_id])
    return DischargeStep(
        key="discharge_summary",
        title=title,
        done=False,
        detail="Not drafted yet",
        url=f"{new}?{urlencode({'kind': report_kind})}",
        link_text=f"Draft the {title.lower()}",
    )


def register() -> None:
    register_discharge_step("discharge_summary", 20, _summary)
