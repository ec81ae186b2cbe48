"""What a report says, drawn from the record: one function per kind of report.

Each section is a plain dict (JSON, stored on the draft and frozen when signed):
``{"key": ..., "title": ..., "template": "reports/clinical/sections/<key>.html", **data}``.
The same section template shows it on the draft page and in the PDF.
"""

from __future__ import annotations

import datetime
from typing import Any

from intake.models import Consent
from iop.accounts.models import Program
from iop.clients.models import Client, Episode
from iop.reports.clinical.sections import SectionSpec, scope_of


def _section(spec: SectionSpec, **data: Any) -> dict[str, Any]:
    return {
        "key": spec.key,
        "title": spec.title,
        "template": f"reports/clinical/sections/{spec.key}.html",
        **data,
    }


def _identifiers(
    *, client: Client, episode: Episode, program: Program, start: datetime.date, end: datetime.date
) -> dict[str, Any]:
    clinician = episode.primary_clinician
    return {
        "client_name": client.legal_name,
        "date_of_birth": client.date_of_birth.isoformat(),
        "record_number": client.record_number,
        "program": program.name,
        "primary_clinician": clinician.display_name if clinician else "",
        "level_of_care": str(episode.level_of_care),
        "admitted_on": episode.admitted_on.isoformat(),
        "period_start": start.isoformat(),
        "period_end": end.isoformat(),
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
    program = client.program
    information = list(consent.information) if consent is not None else None
    included, left_out = scope_of(kind, information)
    sections = []
    for spec in included:
        if spec.key == "identifiers":
            sections.append(
                _section(
                    spec,
                    **_identifiers(
                        client=client, episode=episode, program=program, start=start, end=end
                    ),
                )
            )
        else:
            sections.append(_section(spec))
    return {
        "sections": sections,
        "left_out": [{"key": o.key, "title": o.title, "reason": o.reason} for o in left_out],
    }


def narrative_drafts(kind: str, content: dict[str, Any]) -> dict[str, str]:
    """The clinician's parts, prefilled from what the record shows (they edit them)."""
    return {}
