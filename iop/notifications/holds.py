"""Checks made again when a queued message is sent: may this recipient still be contacted?

A message queued for someone who may no longer be contacted is withheld, not sent: e.g. a
family member the client marked "do not contact" after a reminder was queued. The apps that
know the recipient register a check for their prefix of ``OutboxMessage.hold_key`` from their
AppConfig.ready (the kernel imports no feature app); the check returns the reason to withhold,
or None.
"""

from __future__ import annotations

from collections.abc import Callable

_checks: dict[str, Callable[[str], str | None]] = {}


def register_hold_check(prefix: str, check: Callable[[str], str | None]) -> None:
    """``check`` gets the part of the hold key after ``prefix:``."""
    _checks[prefix] = check


def hold_reason(hold_key: str) -> str | None:
    if not hold_key:
        return None
    prefix, _, rest = hold_key.partition(":")
    check = _checks.get(prefix)
    if check is None:
        # A key nobody can check is withheld: better a missed reminder than a message to
        # someone the program may not contact.
        return f"no check for recipients of kind {prefix!r}"
    return check(rest)
