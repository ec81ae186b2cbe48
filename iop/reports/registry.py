"""Which function renders which kind of report, filled in by the feature apps at start-up.

The kernel never imports a feature app: ``treatment_plans`` registers its renderers when
its views load (app ready), and the worker finds them here by the report's ``kind``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iop.reports.models import Report

Renderer = Callable[["Report"], tuple[bytes, str]]  # report -> (PDF bytes, title)


class UnknownReportKind(LookupError):
    pass


@dataclass(frozen=True)
class ReportKind:
    kind: str
    render: Renderer
    label: str  # what people call it: "Plan PDF (clinical)"; also the record-view log's page


_renderers: dict[str, ReportKind] = {}


def register_renderer(kind: str, fn: Renderer, *, label: str = "") -> None:
    _renderers[kind] = ReportKind(kind=kind, render=fn, label=label or kind)


def unregister_renderer(kind: str) -> None:
    _renderers.pop(kind, None)


def report_kind(kind: str) -> ReportKind:
    try:
        return _renderers[kind]
    except KeyError:
        raise UnknownReportKind(f"No renderer is registered for {kind!r}.") from None


def registered_kinds() -> list[str]:
    return sorted(_renderers)
