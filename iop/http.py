"""The request type our views see: signed in (decorators guarantee it) and htmx-aware."""

from __future__ import annotations

from uuid import UUID

from django import forms
from django.core.exceptions import ValidationError
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


def form_add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's refusal beside the field it names, else at the top of the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)
