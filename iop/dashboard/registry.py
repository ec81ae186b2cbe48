"""What feature apps add to the census, registered at start-up (AppConfig.ready).

The kernel never imports a feature app (docs/architecture.md): intake registers the safety
alerts a director must see, and the census view asks here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

# program_ids -> the open alerts directors answer (overdue, or with no primary clinician);
# each item has a ``client`` (the record-view log names them).
CensusAlerts = Callable[[Iterable[Any]], list[Any]]

_census_alerts: list[CensusAlerts] = []


def register_census_alerts(provider: CensusAlerts) -> None:
    _census_alerts[:] = [provider]


def census_alerts(program_ids: Iterable[Any]) -> list[Any]:
    """No alerts when no app raises any."""
    return _census_alerts[0](program_ids) if _census_alerts else []
