from __future__ import annotations


def register() -> None:
    """Adds this app's sections to the client chart (filled in by the views work)."""
