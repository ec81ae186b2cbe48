"""Project-wide response rules that are not about one app."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control


class NoStoreWhenSignedInMiddleware:
    """Nothing shown to a signed-in user is kept by the browser or a shared cache.

    A cached clinical page can be read back from a shared workstation's disk or its Back
    button after sign-out. Every response to someone signed in (or signing in or out during
    the request) gets ``no-store, private``: pages, htmx partials, redirects, errors, PDFs
    (which already sent ``no-store`` and keep it). Anonymous pages keep their own rules.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        signed_in = request.user.is_authenticated
        response = self.get_response(request)
        if signed_in or request.user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response
