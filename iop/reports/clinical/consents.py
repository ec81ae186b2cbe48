"""Consents as reports read them. intake owns the Consent model and registers it here from
its AppConfig.ready(), so the kernel reads consents without importing a feature app.

What reports use of it: ``in_force()``, ``reporting()`` (in force with a court-ordered
reporting frequency and a recipient account), ``report_choices(client)`` and
``select_for_update()`` on the manager; ``information``, ``recipient_user``, ``signed_at``,
``revoked_at``, ``expires_on`` and ``reporting_frequency`` on a row (also reached through the
``consent`` foreign key of reports and disclosures). The demo revokes through ``revoke``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ConsentSource:
    manager: Any
    revoke: Callable[..., Any]


_source: ConsentSource | None = None


def register_consents(source: ConsentSource) -> None:
    global _source
    _source = source


def consents() -> Any:
    """The Consent manager (raises when no app registered one: reports need consents)."""
    if _source is None:
        raise LookupError("No app registered consents for reports (intake does, when installed).")
    return _source.manager


def consent_revoke(**kwargs: Any) -> Any:
    if _source is None:
        raise LookupError("No app registered consents for reports.")
    return _source.revoke(**kwargs)
