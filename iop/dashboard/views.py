from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from iop.accounts import permissions
from iop.accounts.decorators import capability_required
from iop.accounts.models import Program
from iop.audit.services import record_views_log
from iop.dashboard.access import census_programs
from iop.dashboard.charts import bar_chart
from iop.dashboard.registry import (
    SECTIONS,
    CensusFigure,
    CensusPart,
    census_alerts,
    census_figure,
    census_figures,
)
from iop.http import AuthedRequest


@dataclass
class Shown:
    """A figure as the census shows it: its number, its parts, where each links."""

    figure: CensusFigure
    value: Any
    url: str
    parts: list[tuple[CensusPart, str]]
    chart: dict[str, Any] | None = None

    @property
    def needs_attention(self) -> bool:
        return self.figure.attention and bool(self.value)


def _drill_url(program: Program, figure: CensusFigure, part: str = "") -> str:
    if figure.url and not part:
        return reverse(figure.url)
    url = reverse("dashboard:census_figure", args=[program.pk, figure.key])
    return f"{url}?part={part}" if part else url


def _shown(program: Program, today: Any, figure: CensusFigure) -> Shown:
    parts = figure.parts(program, today) if figure.parts else []
    return Shown(
        figure=figure,
        value=figure.count(program, today),
        url=_drill_url(program, figure),
        parts=[(p, _drill_url(program, figure, p.key)) for p in parts],
        chart=bar_chart(parts) if parts and figure.section == "flow" else None,
    )


@require_GET
@capability_required(permissions.VIEW_CENSUS)
def census(request: AuthedRequest) -> HttpResponse:
    """The live census of one program the user directs (?program=, default the first by
    name): every figure registered in iop.dashboard.registry, computed now in the
    program's time zone, each number a link to the clients behind it. A fixed number of
    queries per figure, however many clients."""
    programs = census_programs(request.user)
    if not programs:
        raise PermissionDenied
    wanted = request.GET.get("program", "")
    program = next((p for p in programs if str(p.pk) == wanted), None)
    if wanted and program is None:
        raise Http404("Not a program you direct.")
    program = program or programs[0]
    today = program.today()
    shown = [_shown(program, today, f) for f in census_figures()]
    sections = [
        {"key": key, "title": title, "figures": [s for s in shown if s.figure.section == key]}
        for key, title in SECTIONS.items()
    ]
    # Directors answer alerts with no primary clinician, and see every overdue one.
    alerts = census_alerts([program.pk])  # intake registers them
    record_views_log(request=request, clients=[a.client for a in alerts], page="Census")
    return render(
        request,
        "dashboard/census.html",
        {
            "program": program,
            "programs": programs,
            "today": today,
            "alerts": alerts,
            "sections": [s for s in sections if s["figures"]],
        },
    )


@require_GET
@capability_required(permissions.VIEW_CENSUS)
def census_figure_list(request: AuthedRequest, program_id: UUID, figure: str) -> HttpResponse:
    """The clients behind one census number (?part= for one line of a breakdown, or one
    week of a chart). 404 for a program the user does not direct or an unknown figure."""
    program = next((p for p in census_programs(request.user) if p.pk == program_id), None)
    found = census_figure(figure)
    if program is None or found is None:
        raise Http404
    today = program.today()
    part_key = request.GET.get("part", "")
    part = None
    if part_key and found.parts:
        part = next((p for p in found.parts(program, today) if p.key == part_key), None)
        if part is None:
            raise Http404
    elif part_key:
        raise Http404
    rows = found.rows(program, today, part_key)
    # Another program's client never shows, whatever a provider returns.
    rows = [r for r in rows if r.client.program_id == program.pk]
    record_views_log(
        request=request, clients=[r.client for r in rows], page=f"Census: {found.label}"
    )
    return render(
        request,
        "dashboard/census_figure.html",
        {
            "program": program,
            "figure": found,
            "part": part,
            "today": today,
            "value": part.count if part else found.count(program, today),
            "rows": [(r, r.url or reverse("clients:chart", args=[r.client.pk])) for r in rows],
            "census_url": reverse("dashboard:census") + f"?program={program.pk}",
        },
    )
