"""The request type our views see: signed in (decorators guarantee it) and htmx-aware."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpRequest, QueryDict
from django_htmx.middleware import HtmxDetails

from iop.accounts.models import User


class AuthedRequest(HttpRequest):
    user: User  # type: ignore[assignment]
    htmx: HtmxDetails


def posted(request: HttpRequest) -> QueryDict | None:
    """Form data for a POST, even an empty one (``request.POST or None`` would leave it unbound)."""
    return request.POST if request.method == "POST" else None


def uuid_or_404(value: str) -> UUID:
    """A UUID from a query string; anything else is simply not found."""
    try:
        return UUID(value)
    except ValueError as bad:
        raise Http404("Not found") from bad
